//! The app's state and every command's logic, independent of Tauri: the
//! settings, the portal (demo or configured) and its client, downloads, the
//! feedback outbox, connectivity and session events. Commands are one-line
//! forwards to [`Core`]; tests drive `Core` against the real reference portal.

use crate::deeplink::DeepLinkView;
use crate::demo::{self, DemoPortal};
use crate::downloads::Downloads;
use crate::error::{Error, Result};
use crate::events::{self, Events};
use crate::launch::{LaunchOptions, PortalTarget};
use crate::opener::Opener;
use crate::settings::SettingsStore;
use crate::types::*;
use portal_api::*;
use portal_client::{
    ClientConfig, ClientError, KeyringStore, PortalClient, SecretString, SessionEvent, SessionStore,
};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

impl From<ClientError> for Error {
    fn from(e: ClientError) -> Self {
        Error(e.to_body())
    }
}

impl<T> From<portal_client::Cached<T>> for Cached<T> {
    fn from(c: portal_client::Cached<T>) -> Self {
        Cached {
            data: c.data,
            fetched_at: c.fetched_at,
            from_cache: c.from_cache,
        }
    }
}

pub use crate::app_dirs::Dirs;

/// The portal in use.
pub struct Portal {
    pub client: PortalClient,
    pub url: String,
    /// Keeps the embedded portal running in demo mode.
    pub demo: Option<DemoPortal>,
}

/// Which keychain entry remembers the sign-in.
pub type StoreFactory = Box<dyn Fn(bool) -> Arc<dyn SessionStore> + Send + Sync>;

pub struct Core {
    launch: LaunchOptions,
    dirs: Dirs,
    settings_store: SettingsStore,
    settings: Mutex<Settings>,
    /// Which portal to use; set once more by the first-run choice or a
    /// switch in Settings.
    target: Mutex<PortalTarget>,
    /// The portal in use, started or connected on first use; replaced when
    /// the user switches portal.
    portal: tokio::sync::Mutex<Option<Arc<Portal>>>,
    store: StoreFactory,
    events: Arc<dyn Events>,
    pub(crate) downloads: Downloads,
    opener: Opener,
    online: Mutex<Option<bool>>,
    remembered: Mutex<bool>,
    /// Wakes the background task (after a sign-in).
    wake: Notify,
    /// Wakes the tray: what needs attention, or the language, may have changed.
    attention: Notify,
    /// The app's version (the bundle's, which release builds may set).
    version: String,
    /// One keychain access at a time: concurrent Secret Service calls from
    /// parallel start-up commands can fail spuriously.
    keychain: tokio::sync::Mutex<()>,
    /// `omahallinta://` links received (deeplink.rs).
    links: crate::deeplink::Inbox,
}

impl Core {
    /// The state for a launch; the portal starts on first use.
    pub fn new(launch: LaunchOptions, dirs: Dirs, events: Arc<dyn Events>) -> Result<Self> {
        Self::with_store(launch, dirs, events, Box::new(keyring_store))
    }

    /// Like [`Core::new`] with another session store (tests).
    pub fn with_store(
        launch: LaunchOptions,
        dirs: Dirs,
        events: Arc<dyn Events>,
        store: StoreFactory,
    ) -> Result<Self> {
        let settings_store = SettingsStore::new(&dirs.config);
        let settings = settings_store.load();
        let target = launch.target(&settings, crate::profile::current())?;
        let opener = Opener {
            command: launch.open_command.clone(),
        };
        Ok(Self {
            downloads: Downloads::new(dirs.cache.join("downloads")),
            launch,
            dirs,
            settings_store,
            settings: Mutex::new(settings),
            target: Mutex::new(target),
            portal: tokio::sync::Mutex::new(None),
            store,
            events,
            opener,
            online: Mutex::new(None),
            remembered: Mutex::new(false),
            wake: Notify::new(),
            attention: Notify::new(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            keychain: tokio::sync::Mutex::new(()),
            links: Default::default(),
        })
    }

    /// The version `app_info` reports: the bundle's (`tauri.conf.json` or
    /// `tauri build --config '{"version":…}'`), which the updater compares too.
    pub fn with_version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    pub fn is_demo(&self) -> bool {
        self.target() == PortalTarget::Demo
    }

    pub fn target(&self) -> PortalTarget {
        self.target.lock().unwrap().clone()
    }

    pub fn launch(&self) -> &LaunchOptions {
        &self.launch
    }

    pub fn events(&self) -> &dyn Events {
        &*self.events
    }

    /// The portal, started (demo) or connected on first use; `validation_failed`
    /// before the first-run choice.
    pub async fn portal(&self) -> Result<Arc<Portal>> {
        let mut slot = self.portal.lock().await;
        if let Some(p) = &*slot {
            return Ok(p.clone());
        }
        let (url, keys, demo) = match self.target() {
            PortalTarget::Undecided => {
                return Err(Error::new(
                    ErrorCode::ValidationFailed,
                    "no portal chosen yet",
                ))
            }
            PortalTarget::Demo => {
                let d = DemoPortal::start(&self.dirs.data.join("demo-portal")).await?;
                (d.base_url(), vec![d.public_key()], Some(d))
            }
            PortalTarget::Remote { url, pinned_keys } => (url, pinned_keys, None),
        };
        let mut config = ClientConfig::new(url.clone(), self.dirs.data.join("portal"));
        if demo.is_some() {
            // Its port changes every run; its data must not mix with a real portal's.
            config = config.with_portal_id("demo");
        }
        for k in keys {
            config = config.with_pinned_key(k);
        }
        let client = PortalClient::new(config, (self.store)(demo.is_some()))?;
        self.watch_session(&client);
        crate::startup::milestone("portal client ready");
        let portal = Arc::new(Portal { client, url, demo });
        *slot = Some(portal.clone());
        Ok(portal)
    }

    async fn client(&self) -> Result<PortalClient> {
        Ok(self.portal().await?.client.clone())
    }

    /// Forwards `session-expired` to the UI.
    fn watch_session(&self, client: &PortalClient) {
        let mut rx = client.subscribe();
        let events = self.events.clone();
        tokio::spawn(async move {
            loop {
                match rx.recv().await {
                    Ok(SessionEvent::Expired) => {
                        events::emit(&*events, events::SESSION_EXPIRED, &())
                    }
                    Ok(_) => {}
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(_) => break,
                }
            }
        });
    }

    /// Mirrors the client's connectivity (the one meaning of "offline":
    /// [`ErrorCode::is_offline`]; a 500 is an error from a portal that is up)
    /// after a call; emits `connectivity` on changes.
    fn track<T>(&self, client: &PortalClient, r: std::result::Result<T, ClientError>) -> Result<T> {
        self.set_online(*client.connectivity().borrow());
        r.map_err(Error::from)
    }

    fn track_cached<T>(
        &self,
        client: &PortalClient,
        r: std::result::Result<portal_client::Cached<T>, ClientError>,
    ) -> Result<Cached<T>> {
        self.track(client, r).map(Cached::from)
    }

    pub fn set_online(&self, online: bool) {
        let changed = {
            let mut o = self.online.lock().unwrap();
            let changed = *o != Some(online);
            *o = Some(online);
            changed
        };
        if changed {
            events::emit(
                &*self.events,
                events::CONNECTIVITY,
                &Connectivity { online },
            );
            if online {
                // Back online: deliver the outbox now, not at the next tick.
                self.wake.notify_one();
            }
        }
    }

    // --- app ---

    pub fn settings(&self) -> Settings {
        self.settings.lock().unwrap().clone()
    }

    pub async fn app_info(&self) -> Result<AppInfo> {
        let target = self.target();
        let url = match (&target, self.portal().await) {
            (PortalTarget::Undecided, _) => String::new(),
            (_, Ok(p)) => p.url.clone(),
            (PortalTarget::Remote { url, .. }, Err(_)) => url.clone(),
            (_, Err(_)) => String::new(),
        };
        Ok(AppInfo {
            version: self.version.clone(),
            demo: self.is_demo(),
            portal_url: url,
            os: Os::current(),
            lang: self.settings().lang,
            demo_accounts: if self.is_demo() {
                demo::account_hints()
            } else {
                Vec::new()
            },
            first_run: target == PortalTarget::Undecided,
            operator: operator_info(),
        })
    }

    /// Whether "Myöhemmin" still hides `version`.
    pub fn update_snoozed(&self, version: &str) -> bool {
        crate::updates::is_snoozed(
            self.settings().update_snooze.as_ref(),
            version,
            chrono::Utc::now(),
        )
    }

    /// "Myöhemmin": `version` is not offered again for a day.
    pub fn snooze_update(&self, version: &str) -> Result<()> {
        let snooze = crate::updates::snooze(version, chrono::Utc::now());
        self.update_settings(|s| s.update_snooze = Some(snooze))
    }

    /// The portal in use, for Settings (no network).
    pub fn portal_info(&self) -> PortalInfo {
        let profile = crate::profile::current();
        let switchable = !self.launch.overrides_portal();
        let fingerprints =
            |keys: &[[u8; 32]]| keys.iter().map(portal_client::key_id).collect::<Vec<_>>();
        match self.target() {
            PortalTarget::Undecided => PortalInfo {
                kind: PortalKind::None,
                name: String::new(),
                url: String::new(),
                key_fingerprints: Vec::new(),
                switchable,
            },
            PortalTarget::Demo => {
                let running = self.portal.try_lock().ok().and_then(|p| p.clone());
                PortalInfo {
                    kind: PortalKind::Demo,
                    name: String::new(),
                    url: running.as_ref().map(|p| p.url.clone()).unwrap_or_default(),
                    key_fingerprints: running
                        .as_ref()
                        .map(|p| fingerprints(&p.client.config().pinned_keys))
                        .unwrap_or_default(),
                    switchable,
                }
            }
            PortalTarget::Remote { url, pinned_keys } => {
                let operator = profile.is_portal(&url);
                PortalInfo {
                    kind: if operator {
                        PortalKind::Operator
                    } else {
                        PortalKind::Other
                    },
                    name: if operator {
                        profile.name.clone()
                    } else {
                        String::new()
                    },
                    url,
                    key_fingerprints: fingerprints(&pinned_keys),
                    switchable,
                }
            }
        }
    }

    /// The first-run choice, or a switch in Settings: the operator's portal
    /// (only when it answers: `offline`/`timeout`/`unavailable` otherwise, and
    /// nothing changes) or the demo. Remembered in the settings; the portal in
    /// use, its downloads and its session state are dropped, so the next call
    /// starts the chosen one. Refused (`validation_failed`) when the launch
    /// options chose the portal.
    pub async fn choose_portal(&self, choice: PortalChoice) -> Result<AppInfo> {
        if self.launch.overrides_portal() {
            return Err(Error::new(
                ErrorCode::ValidationFailed,
                "the portal was chosen at launch",
            ));
        }
        let profile = crate::profile::current();
        let target = match choice {
            PortalChoice::Demo => PortalTarget::Demo,
            PortalChoice::Operator => {
                let probe = PortalClient::new(
                    ClientConfig {
                        retry: portal_client::RetryPolicy::none(),
                        ..ClientConfig::new(
                            profile.portal_url.clone(),
                            self.dirs.data.join("portal"),
                        )
                    },
                    Arc::new(portal_client::MemoryStore::new()),
                )?;
                probe.health().await?;
                PortalTarget::Remote {
                    url: profile.portal_url.clone(),
                    pinned_keys: profile.pinned_keys()?,
                }
            }
        };
        self.update_settings(|s| {
            s.portal_choice = Some(choice);
            // A development address in the settings would win over the choice.
            s.portal_url.clear();
        })?;
        if target != self.target() {
            let old = self.portal.lock().await.take();
            *self.target.lock().unwrap() = target;
            *self.remembered.lock().unwrap() = false;
            *self.online.lock().unwrap() = None;
            if let Err(e) = self.downloads.forget_all() {
                tracing::warn!("downloads of the previous portal not removed: {e}");
            }
            if let Some(old) = old.and_then(Arc::into_inner) {
                if let Some(d) = old.demo {
                    d.server.shutdown().await;
                }
            }
        }
        self.wake.notify_one();
        self.app_info().await
    }

    pub fn set_language(&self, lang: Lang) -> Result<()> {
        self.update_settings(|s| s.lang = lang)
    }

    /// Changes and saves the settings (unchanged ones are not written).
    fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Result<()> {
        let mut s = self.settings.lock().unwrap();
        let mut next = s.clone();
        change(&mut next);
        if next != *s {
            self.settings_store.save(&next)?;
            *s = next;
            self.attention.notify_one();
        }
        Ok(())
    }

    /// The keychain entry in use, as the key of `Settings::remembered`.
    fn entry_name(&self) -> &'static str {
        if self.is_demo() {
            "demo"
        } else {
            "portal"
        }
    }

    /// Notes which account the keychain now remembers (`None`: none).
    fn note_remembered(&self, email: Option<String>) {
        let key = self.entry_name();
        if let Err(e) = self.update_settings(|s| {
            s.remembered.insert(key.to_string(), email);
        }) {
            tracing::warn!("settings not saved: {e}");
        }
    }

    pub async fn open_link(&self, url: &str) -> Result<()> {
        // The operator profile's customer service, even before a portal is
        // chosen or when it can't be reached.
        let cs = &crate::profile::current().customer_service;
        let mut allowed = vec![cs.web.clone(), format!("tel:{}", cs.phone_e164)];
        let Ok(client) = self.client().await else {
            let url = crate::links::check(url, &allowed)?;
            return self.opener.open_url(&url);
        };
        if let Ok(c) = client.contact().await {
            allowed.extend(crate::links::contact_links(&c));
        }
        if client.is_signed_in().await {
            if let Some(Ok(list)) = self.peek_or_fetch_services().await {
                allowed.extend(
                    list.services
                        .iter()
                        .filter_map(|s| s.security.as_ref())
                        .map(|sec| sec.device_link.clone()),
                );
            }
        }
        let url = crate::links::check(url, &allowed)?;
        self.opener.open_url(&url)
    }

    // --- session ---

    pub async fn session_info(&self) -> SessionInfo {
        let info = self.session_info_inner().await;
        static FIRST: AtomicBool = AtomicBool::new(false);
        crate::startup::first(&FIRST, "session_info answered");
        info
    }

    async fn session_info_inner(&self) -> SessionInfo {
        let Ok(client) = self.client().await else {
            return SessionInfo::default();
        };
        let signed_in = client.is_signed_in().await;
        if signed_in {
            return SessionInfo {
                signed_in,
                email: client.account().await,
                remembered: *self.remembered.lock().unwrap(),
            };
        }
        let email = self.remembered_account(&client).await;
        SessionInfo {
            signed_in,
            remembered: email.is_some(),
            email,
        }
    }

    pub async fn restore_session(&self) -> Result<SessionInfo> {
        let client = self.client().await?;
        let restored = {
            let _one = self.keychain.lock().await;
            client.restore_session().await
        };
        match restored {
            Ok(true) => {
                self.set_online(true);
                *self.remembered.lock().unwrap() = true;
                self.note_remembered(client.account().await);
                self.wake.notify_one();
            }
            Ok(false) => {
                *self.remembered.lock().unwrap() = false;
                self.note_remembered(None);
            }
            // Offline: the remembered session stays; the UI shows the cache.
            Err(e) if e.is_offline() => {
                self.set_online(false);
                *self.remembered.lock().unwrap() = client.is_signed_in().await;
            }
            Err(e) => return Err(e.into()),
        }
        Ok(self.session_info().await)
    }

    pub async fn sign_in(
        &self,
        email: &str,
        password: String,
        remember: bool,
    ) -> Result<SignInOutcome> {
        let client = self.client().await?;
        let outcome = {
            let _one = self.keychain.lock().await;
            client
                .sign_in(email, SecretString::new(password), remember)
                .await
        };
        let outcome = self.track(&client, outcome)?;
        *self.remembered.lock().unwrap() = outcome.remembered;
        self.note_remembered(outcome.remembered.then(|| email.to_string()));
        self.wake.notify_one();
        Ok(SignInOutcome {
            remembered: outcome.remembered,
            keychain_error: outcome.keychain_error.map(|e| e.code),
        })
    }

    /// Signs out and removes the account's data from this computer: the
    /// keychain entry, every cached file, the downloaded installers and the
    /// remembered address in the settings. Queued feedback is never deleted
    /// silently: with some queued and no `choice`, this refuses with
    /// `feedback_pending` and changes nothing, so the UI can ask.
    pub async fn sign_out(&self, choice: Option<QueuedFeedbackChoice>) -> Result<()> {
        let client = self.client().await?;
        let pending = client.pending_feedback().await;
        match (pending.len(), choice) {
            (0, _) | (_, Some(QueuedFeedbackChoice::Keep)) => {}
            (n, None) => {
                return Err(Error::new(
                    ErrorCode::FeedbackPending,
                    format!("{n} queued feedback: keep or discard"),
                ))
            }
            (_, Some(QueuedFeedbackChoice::Discard)) => {
                for item in &pending {
                    client.discard_feedback(&item.local_id).await?;
                }
            }
        }
        *self.remembered.lock().unwrap() = false;
        if let Some(store) = self.reminder_store().await {
            if let Err(e) = store.remove() {
                tracing::warn!("reminders file not removed: {e}");
            }
        }
        let downloads = self.downloads.forget_all();
        let _one = self.keychain.lock().await;
        let result = client.sign_out().await.map_err(Error::from);
        self.note_remembered(None);
        self.attention.notify_one();
        result.and(downloads)
    }

    // --- portal data ---

    /// The email whose cache to read: signed-in, else remembered.
    async fn cache_account(&self, client: &PortalClient) -> Option<String> {
        match client.account().await {
            Some(a) => Some(a),
            None => self.remembered_account(client).await,
        }
    }

    /// The remembered account's email (no network): as last noted in the
    /// settings, else from the keychain (and then noted).
    async fn remembered_account(&self, client: &PortalClient) -> Option<String> {
        let noted = self.settings().remembered.get(self.entry_name()).cloned();
        if let Some(email) = noted {
            return email;
        }
        let _one = self.keychain.lock().await;
        match client.remembered_account().await {
            Ok(email) => {
                self.note_remembered(email.clone());
                email
            }
            // Not known now (a locked keychain): ask again next time.
            Err(_) => None,
        }
    }

    pub async fn cached_services(&self) -> Result<Option<Cached<ServiceList>>> {
        let client = self.client().await?;
        let cached = self
            .cache_account(&client)
            .await
            .and_then(|a| client.peek_services(&a))
            .map(Cached::from);
        static FIRST: AtomicBool = AtomicBool::new(false);
        crate::startup::first(&FIRST, "cached_services answered");
        Ok(cached)
    }

    pub async fn services(&self) -> Result<Cached<ServiceList>> {
        let client = self.client().await?;
        let list = self.track_cached(&client, client.services_cached().await);
        self.attention.notify_one();
        list
    }

    async fn peek_or_fetch_services(&self) -> Option<Result<ServiceList>> {
        let client = self.client().await.ok()?;
        if let Some(account) = client.account().await {
            if let Some(c) = client.peek_services(&account) {
                return Some(Ok(c.data));
            }
        }
        Some(self.services().await.map(|c| c.data))
    }

    pub async fn customer(&self) -> Result<Cached<CustomerDetails>> {
        let client = self.client().await?;
        self.track_cached(&client, client.customer_cached().await)
    }

    pub async fn catalogue(&self) -> Result<Cached<Catalogue>> {
        let client = self.client().await?;
        self.track_cached(&client, client.catalogue_cached().await)
    }

    pub async fn contact(&self) -> Result<CustomerServiceContact> {
        let client = self.client().await?;
        self.track(&client, client.contact().await)
    }

    pub async fn billing(&self) -> Result<BillingSummary> {
        let client = self.client().await?;
        self.track(&client, client.billing().await)
    }

    /// One ordered service (fresh, else cached) with its security info.
    pub(crate) async fn security_service(&self, service_id: i64) -> Result<OrderedService> {
        let list = self.services().await?.data;
        list.services
            .into_iter()
            .find(|s| s.id == service_id)
            .filter(|s| s.security.is_some())
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "no such security service"))
    }

    // --- downloads ---

    pub async fn start_download(&self, service_id: i64) -> Result<DownloadStatus> {
        let service = self.security_service(service_id).await?;
        let client = self.client().await?;
        self.downloads
            .start(client, &service, self.events.clone())
            .await
    }

    pub async fn pause_download(&self, service_id: i64) -> Result<DownloadStatus> {
        self.downloads.pause(service_id).await
    }

    pub async fn download_status(&self, service_id: i64) -> Result<DownloadStatus> {
        match self.downloads.status(service_id) {
            Some(s) => Ok(s),
            None => {
                let service = self.security_service(service_id).await?;
                self.downloads.idle_status(&service)
            }
        }
    }

    pub async fn open_installer(&self, service_id: i64) -> Result<()> {
        let path = self.downloads.verified_path(service_id)?;
        self.opener.open_path(&path)
    }

    // --- devices and protection ---

    /// What "already protected" detection finds on this computer.
    pub async fn protection_status(&self) -> ProtectionStatus {
        let detector: Box<dyn crate::protection::Detector> = match &self.launch.fake_protection {
            Some(fake) => Box::new(crate::protection::FakeDetector(fake.clone())),
            None => Box::new(crate::protection::OsDetector),
        };
        tokio::task::spawn_blocking(move || detector.detect())
            .await
            .unwrap_or(ProtectionStatus::NotDetected)
    }

    /// The Turvapaketti's devices, this computer's marked.
    pub async fn devices(&self, service_id: i64) -> Result<ServiceDevices> {
        let portal = self.portal().await?;
        let list = self.track(&portal.client, portal.client.devices(service_id).await)?;
        let this = crate::protection::device_marker_path()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|text| crate::protection::this_device_from_marker(&text, &portal.url))
            .filter(|id| list.devices.iter().any(|d| d.id == *id));
        Ok(ServiceDevices {
            service_id: list.service_id,
            devices_allowed: list.devices_allowed,
            devices: list.devices,
            this_device: this,
        })
    }

    /// Releases a device's licence; answers the service's devices after it.
    pub async fn release_device(&self, service_id: i64, device_id: i64) -> Result<ServiceDevices> {
        let client = self.client().await?;
        self.track(&client, client.release_device(device_id).await)?;
        self.devices(service_id).await
    }

    pub async fn device_link_qr(&self, service_id: i64) -> Result<String> {
        let service = self.security_service(service_id).await?;
        let link = &service.security.expect("filtered").device_link;
        crate::qr::svg(link)
    }

    // --- orders and account (issue 5) ---

    pub async fn place_order(&self, order: &OrderRequest, key: &str) -> Result<OrderReceipt> {
        let client = self.client().await?;
        self.track(&client, client.place_order(order, key).await)
    }

    pub async fn edit_mix(&self, service_id: i64, channels: Vec<String>) -> Result<OrderedService> {
        let client = self.client().await?;
        self.track(&client, client.edit_mix(service_id, channels).await)
    }

    pub async fn change_email(&self, email: &str) -> Result<CustomerDetails> {
        let client = self.client().await?;
        self.track(&client, client.change_email(email).await)
    }

    pub async fn change_password(&self, current: String, new: String) -> Result<()> {
        let client = self.client().await?;
        self.track(
            &client,
            client
                .change_password(SecretString::new(current), SecretString::new(new))
                .await,
        )
    }

    // --- forgotten password, deep links ---

    /// Acts on an `omahallinta://` link (`None`: one that is ignored) and
    /// tells the UI (`deep-link`); it is also kept for `take_deep_link`,
    /// for a link that started the app before the UI listened.
    pub fn open_deep_link(&self, link: Option<crate::deeplink::DeepLink>) -> DeepLinkView {
        tracing::info!(?link, "deep link");
        let view = self.links.receive(link);
        events::emit(&*self.events, events::DEEP_LINK, &view);
        view
    }

    pub fn take_deep_link(&self) -> Option<DeepLinkView> {
        self.links.take()
    }

    /// "Unohtuiko salasana?": the portal emails a link (in the app's
    /// language) if the address is a customer's.
    pub async fn request_password_reset(&self, email: &str) -> Result<()> {
        let client = self.client().await?;
        let lang = self.settings.lock().unwrap().lang.as_str();
        self.track(
            &client,
            client.request_password_reset(email, Some(lang)).await,
        )
    }

    /// "Aseta uusi salasana" with the token of the last reset link. A link
    /// that turns out used, expired or unknown is forgotten.
    pub async fn reset_password(&self, new_password: String) -> Result<()> {
        let Some(token) = self.links.token() else {
            return Err(Error::new(
                ErrorCode::ResetTokenInvalid,
                "no password reset link was opened",
            ));
        };
        let client = self.client().await?;
        let r = self.track(
            &client,
            client
                .reset_password(&token, SecretString::new(new_password))
                .await,
        );
        match &r {
            Ok(()) => self.links.forget_token(),
            Err(e)
                if matches!(
                    e.0.code,
                    ErrorCode::ResetTokenInvalid
                        | ErrorCode::ResetTokenExpired
                        | ErrorCode::ResetTokenUsed
                ) =>
            {
                self.links.forget_token()
            }
            Err(_) => {}
        }
        r
    }

    // --- feedback ---

    pub async fn send_feedback(&self, request: FeedbackRequest) -> Result<FeedbackOutcome> {
        let client = self.client().await?;
        let outcome = self.track(&client, client.submit_feedback(request).await)?;
        Ok(outcome.into())
    }

    /// The user's edit of a queued feedback (e.g. one the portal refused),
    /// sent again; a refusal is returned and the item kept.
    pub async fn resend_feedback(
        &self,
        local_id: &str,
        request: FeedbackRequest,
    ) -> Result<FeedbackOutcome> {
        let client = self.client().await?;
        let outcome = self.track(&client, client.resend_feedback(local_id, request).await);
        self.emit_outbox(0).await;
        Ok(outcome?.into())
    }

    /// Deletes a queued feedback on the user's explicit decision.
    pub async fn discard_feedback(&self, local_id: &str) -> Result<()> {
        let client = self.client().await?;
        client.discard_feedback(local_id).await?;
        self.emit_outbox(0).await;
        Ok(())
    }

    /// The signed-in account's queued feedback, oldest first.
    pub async fn pending_feedback(&self) -> Result<Vec<PendingFeedback>> {
        let client = self.client().await?;
        Ok(client
            .pending_feedback()
            .await
            .into_iter()
            .map(|i| PendingFeedback {
                local_id: i.local_id,
                created_at: i.created_at,
                request: i.request,
                attention: i.attention.map(|a| a.error),
            })
            .collect())
    }

    pub async fn outbox_count(&self) -> Result<OutboxSummary> {
        let client = self.client().await?;
        let items = client.pending_feedback().await;
        let attention = items.iter().filter(|i| i.attention.is_some()).count() as u32;
        Ok(OutboxSummary {
            queued: items.len() as u32 - attention,
            attention,
        })
    }

    /// Emits `outbox-delivered` with the outbox as it now is.
    async fn emit_outbox(&self, delivered: u32) {
        self.attention.notify_one();
        if let Ok(summary) = self.outbox_count().await {
            events::emit(
                &*self.events,
                events::OUTBOX_DELIVERED,
                &OutboxDelivered {
                    delivered,
                    remaining: summary.queued,
                    attention: summary.attention,
                },
            );
        }
    }

    /// Delivers queued feedback; emits `outbox-delivered` when some went out
    /// or the portal refused some (those now need the user's attention).
    pub async fn flush_outbox(&self) -> Result<u32> {
        let client = self.client().await?;
        let report = self.track(&client, client.flush_outbox().await)?;
        let delivered = report.sent.len() as u32;
        if delivered > 0 || !report.needs_attention.is_empty() {
            self.emit_outbox(delivered).await;
        }
        Ok(delivered)
    }

    /// Whether the portal answers (`health`); emits `connectivity` on changes.
    pub async fn check_connectivity(&self) -> bool {
        match self.client().await {
            Ok(c) => self.track(&c, c.health().await).is_ok(),
            Err(_) => false,
        }
    }

    /// What needs attention for the tray: the signed-in account's services
    /// as last listed (no network) and its feedback outbox; nothing when
    /// signed out.
    pub async fn attention(&self) -> crate::tray::Attention {
        let Ok(client) = self.client().await else {
            return Default::default();
        };
        let Some(account) = client.account().await else {
            return Default::default();
        };
        let services = client.peek_services(&account).map(|c| c.data);
        let outbox = self.outbox_count().await.ok();
        crate::tray::Attention::of(services.as_ref(), outbox.as_ref())
    }

    /// Resolves when what [`Core::attention`] answers may have changed.
    pub async fn attention_changed(&self) {
        self.attention.notified().await
    }

    /// "Start with the computer, minimized": registered with the OS first,
    /// then remembered (a refusal changes nothing).
    pub fn set_autostart(
        &self,
        enabled: bool,
        launcher: &dyn crate::autostart::Launcher,
    ) -> Result<bool> {
        launcher.set(enabled)?;
        self.update_settings(|s| s.autostart = enabled)?;
        Ok(enabled)
    }

    /// The reminders store of the signed-in account.
    async fn reminder_store(&self) -> Option<crate::notify::ShownStore> {
        let portal = self.portal().await.ok()?;
        let email = portal.client.account().await?;
        Some(crate::notify::ShownStore::new(
            &self.dirs.data,
            &portal.url,
            &email,
        ))
    }

    /// The notification for the reminders due now (`notify` policy, on the
    /// portal's date), remembered as shown so each comes once.
    pub async fn due_reminders(&self) -> Option<(String, String)> {
        let store = self.reminder_store().await?;
        let list = self.services().await.ok()?.data;
        let mut shown = store.load();
        let due = crate::notify::due(&list, list.as_of, &shown);
        let text = crate::notify::notification(&due, self.settings().lang)?;
        for d in &due {
            shown.mark(d);
        }
        if let Err(e) = store.save(&shown) {
            tracing::warn!("reminders not remembered: {e}");
        }
        Some(text)
    }
}

/// How often the background task looks for due reminders while signed in.
pub const REMINDER_INTERVAL: Duration = Duration::from_secs(3600);

/// The operator profile's public part.
pub fn operator_info() -> OperatorInfo {
    let p = crate::profile::current();
    OperatorInfo {
        name: p.name.clone(),
        portal_url: p.portal_url.clone(),
        phone: p.customer_service.phone.clone(),
        phone_e164: p.customer_service.phone_e164.clone(),
        web: p.customer_service.web.clone(),
    }
}

/// The OS keychain (Secret Service, Credential Manager, Keychain); demo
/// sign-ins use their own entry so they never replace a real one.
fn keyring_store(demo: bool) -> Arc<dyn SessionStore> {
    if demo {
        Arc::new(KeyringStore::with_names(
            portal_client::store::KEYRING_SERVICE,
            "demo-session",
        ))
    } else {
        Arc::new(KeyringStore::new())
    }
}

/// The background task: starts the portal, then on every tick (and after a
/// sign-in) checks connectivity, flushes the feedback outbox when online,
/// and every [`REMINDER_INTERVAL`] (and after each sign-in) shows the
/// reminders that are due through `notify`.
pub async fn background(
    core: Arc<Core>,
    interval: Duration,
    notify: impl Fn(String, String) + Send + 'static,
) {
    if core.target() != PortalTarget::Undecided {
        if let Err(e) = core.portal().await {
            tracing::error!("portal unavailable: {e}");
        }
    }
    let mut reminded: Option<std::time::Instant> = None;
    let mut was_signed_in = false;
    loop {
        if core.check_connectivity().await {
            let signed_in = match core.client().await {
                Ok(c) => c.is_signed_in().await,
                Err(_) => false,
            };
            if signed_in {
                if let Err(e) = core.flush_outbox().await {
                    tracing::info!("outbox not flushed: {e}");
                }
                let due_check =
                    !was_signed_in || reminded.is_none_or(|t| t.elapsed() >= REMINDER_INTERVAL);
                if due_check {
                    if let Some((title, body)) = core.due_reminders().await {
                        notify(title, body);
                    }
                    reminded = Some(std::time::Instant::now());
                }
            }
            was_signed_in = signed_in;
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = core.wake.notified() => {}
        }
    }
}
