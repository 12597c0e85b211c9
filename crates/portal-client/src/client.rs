//! [`PortalClient`]: one typed method per portal endpoint, the session
//! (sign-in, single-flight refresh, sign-out) and retries.

use crate::cache::Cache;
use crate::config::{check_url, ClientConfig};
use crate::error::{from_reqwest, ClientError, Result};
use crate::retry::{backoff, ceil_secs, next_delay, parse_retry_after};
use crate::secret::SecretString;
use crate::store::{SessionStore, StoredSession};
use backon::Retryable;
use bytes::Bytes;
use portal_api::*;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::SystemTime;
use tokio::sync::{broadcast, watch, Mutex};

/// The `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("omahallinta/", env!("CARGO_PKG_VERSION"));

/// What happened to the session; subscribe with [`PortalClient::subscribe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionEvent {
    SignedIn {
        email: String,
    },
    /// The user signed out.
    SignedOut,
    /// The portal refused the refresh token (`invalid_grant`): the user
    /// must sign in again. Never sent for network errors or 5xx.
    Expired,
}

/// The result of a successful sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignInOutcome {
    pub email: String,
    /// Whether the sign-in is remembered in the OS keychain.
    pub remembered: bool,
    /// Why "remember me" did not work (e.g. `keychain_unavailable`): the
    /// sign-in lasts this session only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keychain_error: Option<ClientError>,
}

#[derive(Default)]
struct SessionState {
    access: Option<SecretString>,
    refresh: Option<SecretString>,
    email: Option<String>,
    remember: bool,
    /// Bumped whenever the tokens change: a caller whose token was refused
    /// refreshes only if nobody did since it read the token.
    generation: u64,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base: Url,
    pub(crate) config: ClientConfig,
    store: Arc<dyn SessionStore>,
    session: Mutex<SessionState>,
    events: broadcast::Sender<SessionEvent>,
    online: watch::Sender<bool>,
    pub(crate) cache: Cache,
    pub(crate) outbox_lock: Mutex<()>,
}

/// The portal client. Cheap to clone; clones share the session.
#[derive(Clone)]
pub struct PortalClient {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for PortalClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalClient")
            .field("base_url", &self.inner.base.as_str())
            .finish_non_exhaustive()
    }
}

/// One request, re-sendable.
#[derive(Clone)]
pub(crate) struct Req {
    pub method: Method,
    pub path: String,
    pub body: Option<Bytes>,
    pub auth: bool,
    /// Safe to send again: GET, idempotent PUT, or a POST with an
    /// idempotency key.
    pub retry: bool,
    pub idempotency_key: Option<String>,
}

impl Req {
    fn get(path: impl Into<String>, auth: bool) -> Self {
        Self {
            method: Method::GET,
            path: path.into(),
            body: None,
            auth,
            retry: true,
            idempotency_key: None,
        }
    }

    fn with_json<T: Serialize>(mut self, body: &T) -> Self {
        self.body = Some(Bytes::from(
            serde_json::to_vec(body).expect("serializable body"),
        ));
        self
    }
}

fn path(p: &str) -> String {
    format!("{API_PREFIX}{p}")
}

impl PortalClient {
    /// A client for `config.base_url` (HTTPS unless loopback), keeping a
    /// remembered sign-in in `store`.
    pub fn new(config: ClientConfig, store: Arc<dyn SessionStore>) -> Result<Self> {
        let mut base = check_url(&config.base_url)?;
        if !base.path().ends_with('/') {
            let p = format!("{}/", base.path());
            base.set_path(&p);
        }
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(config.timeouts.connect)
            .https_only(false) // enforced per URL by `ensure_secure`
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ClientError::new(ErrorCode::Io, format!("http client: {e}")))?;
        let (events, _) = broadcast::channel(16);
        let (online, _) = watch::channel(true);
        let cache = Cache::new(config.data_dir.join("cache"), config.portal_id.clone());
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                base,
                config,
                store,
                session: Mutex::new(SessionState::default()),
                events,
                online,
                cache,
                outbox_lock: Mutex::new(()),
            }),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// Session events (signed in, signed out, expired).
    pub fn subscribe(&self) -> broadcast::Receiver<SessionEvent> {
        self.inner.events.subscribe()
    }

    /// Whether the portal answered the latest request (`true`) or could not
    /// be reached (`false`: offline or timed out). Starts `true`.
    pub fn connectivity(&self) -> watch::Receiver<bool> {
        self.inner.online.subscribe()
    }

    pub(crate) fn note_reachable(&self, reachable: bool) {
        self.inner.online.send_if_modified(|v| {
            let changed = *v != reachable;
            *v = reachable;
            changed
        });
    }

    /// Whether a session exists (it may still need a refresh).
    pub async fn is_signed_in(&self) -> bool {
        let s = self.inner.session.lock().await;
        s.access.is_some() || s.refresh.is_some()
    }

    /// The signed-in account's email.
    pub async fn account(&self) -> Option<String> {
        self.inner.session.lock().await.email.clone()
    }

    /// The email of the remembered account, without contacting the portal
    /// (to pre-fill the sign-in form); `KeychainUnavailable` when the
    /// keychain cannot be read.
    pub async fn remembered_account(&self) -> Result<Option<String>> {
        Ok(self.store_call(|s| s.load()).await?.map(|s| s.email))
    }

    pub(crate) fn url(&self, path: &str) -> Result<Url> {
        let rel = path.trim_start_matches('/');
        let url = self
            .inner
            .base
            .join(rel)
            .map_err(|_| ClientError::malformed("invalid portal path"))?;
        crate::config::ensure_secure(&url)?;
        Ok(url)
    }

    async fn store_call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn SessionStore) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let store = self.inner.store.clone();
        tokio::task::spawn_blocking(move || f(store.as_ref()))
            .await
            .unwrap_or_else(|_| Err(ClientError::keychain("keychain call failed")))
    }

    fn emit(&self, ev: SessionEvent) {
        let _ = self.inner.events.send(ev);
    }

    // ------------------------------------------------------------------
    // transport

    /// One attempt: success → body bytes; an error status → the portal's
    /// envelope (or one made from the status).
    async fn send_once(
        &self,
        req: &Req,
        token: Option<&SecretString>,
    ) -> Result<(StatusCode, Bytes)> {
        let url = self.url(&req.path)?;
        let mut rb = self
            .inner
            .http
            .request(req.method.clone(), url)
            .timeout(self.inner.config.timeouts.request)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(t) = token {
            let mut v = HeaderValue::from_str(&format!("Bearer {}", t.expose()))
                .map_err(|_| ClientError::malformed("unusable token"))?;
            v.set_sensitive(true);
            rb = rb.header(AUTHORIZATION, v);
        }
        if let Some(k) = &req.idempotency_key {
            rb = rb.header(IDEMPOTENCY_KEY_HEADER, k.as_str());
        }
        if let Some(b) = &req.body {
            rb = rb
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(b.clone());
        }
        let resp = match rb.send().await {
            Ok(r) => r,
            Err(e) => {
                let err = from_reqwest(&e);
                if err.is_offline() {
                    self.note_reachable(false);
                }
                return Err(err);
            }
        };
        let status = resp.status();
        let headers = resp.headers().clone();
        // A body cut off mid-read is a broken connection (transient), not a
        // malformed answer: the request may have been carried out, so callers
        // must keep it (and its idempotency key) for a retry.
        let body = resp.bytes().await.map_err(|_| {
            self.note_reachable(false);
            ClientError::offline("the connection broke while reading the answer")
        })?;
        if status.is_success() {
            self.note_reachable(true);
            return Ok((status, body));
        }
        let err = error_from_response(status, &headers, &body);
        // A gateway's 502–504 means the portal is out of reach; any other
        // answer (a 500 included) means it is up.
        self.note_reachable(!err.is_offline());
        Err(err)
    }

    /// [`Self::send_once`] with retries when the request allows them.
    async fn send_retrying(
        &self,
        req: &Req,
        token: Option<&SecretString>,
    ) -> Result<(StatusCode, Bytes)> {
        if !req.retry || self.inner.config.retry.max_retries == 0 {
            return self.send_once(req, token).await;
        }
        let policy = self.inner.config.retry;
        (|| self.send_once(req, token))
            .retry(backoff(&policy))
            .when(|e: &ClientError| e.is_transient())
            .adjust(move |e: &ClientError, d| next_delay(&policy, e, d))
            .notify(|e: &ClientError, d| {
                tracing::debug!(code = %e.code, delay_ms = d.as_millis() as u64, "retrying")
            })
            .await
    }

    /// Sends a request; with `auth`, refreshes once on 401 and retries.
    pub(crate) async fn call(&self, req: Req) -> Result<(StatusCode, Bytes)> {
        if !req.auth {
            return self.send_retrying(&req, None).await;
        }
        let (token, gen) = self.current_token().await?;
        match self.send_retrying(&req, Some(&token)).await {
            Err(e) if matches!(e.code, ErrorCode::TokenExpired | ErrorCode::Unauthorized) => {
                self.refresh_after(gen).await?;
                let (token, _) = self.current_token().await?;
                self.send_retrying(&req, Some(&token)).await
            }
            other => other,
        }
    }

    pub(crate) async fn call_json<T: DeserializeOwned>(&self, req: Req) -> Result<T> {
        let (_, body) = self.call(req).await?;
        decode(&body)
    }

    /// The access token, refreshing first when only a refresh token is
    /// known (after [`Self::restore_session`] failed offline).
    async fn current_token(&self) -> Result<(SecretString, u64)> {
        let gen = {
            let s = self.inner.session.lock().await;
            match (&s.access, &s.refresh) {
                (Some(a), _) => return Ok((a.clone(), s.generation)),
                (None, Some(_)) => s.generation,
                (None, None) => return Err(ClientError::not_signed_in()),
            }
        };
        self.refresh_after(gen).await?;
        let s = self.inner.session.lock().await;
        match &s.access {
            Some(a) => Ok((a.clone(), s.generation)),
            None => Err(ClientError::not_signed_in()),
        }
    }

    /// Single-flight refresh: holds the session lock across the request, so
    /// concurrent callers wait for it and then see a newer generation.
    async fn refresh_after(&self, seen_generation: u64) -> Result<()> {
        let mut s = self.inner.session.lock().await;
        if s.generation != seen_generation {
            return if s.access.is_some() {
                Ok(())
            } else {
                Err(ClientError::not_signed_in())
            };
        }
        let Some(refresh) = s.refresh.clone() else {
            return Err(ClientError::not_signed_in());
        };
        // Never retried automatically: the refresh token rotates, and a
        // replay of a used one revokes the session.
        let req = Req {
            method: Method::POST,
            path: path("/session/refresh"),
            body: None,
            auth: false,
            retry: false,
            idempotency_key: None,
        }
        .with_json(&RefreshRequest {
            refresh_token: refresh.expose().to_string(),
        });
        match self
            .send_once(&req, None)
            .await
            .and_then(|(_, b)| decode::<TokenPair>(&b))
        {
            Ok(pair) => {
                s.access = Some(SecretString::new(pair.access_token));
                let new_refresh = SecretString::new(pair.refresh_token);
                s.refresh = Some(new_refresh.clone());
                s.generation += 1;
                if s.remember {
                    if let Some(email) = s.email.clone() {
                        let stored = StoredSession {
                            email,
                            refresh_token: new_refresh,
                        };
                        if let Err(e) = self.store_call(move |st| st.save(&stored)).await {
                            tracing::warn!(code = %e.code, "could not update the remembered sign-in");
                        }
                    }
                }
                Ok(())
            }
            Err(e) if matches!(e.code, ErrorCode::InvalidGrant | ErrorCode::Unauthorized) => {
                *s = SessionState {
                    generation: s.generation + 1,
                    ..SessionState::default()
                };
                drop(s);
                let _ = self.store_call(|st| st.clear()).await;
                self.emit(SessionEvent::Expired);
                Err(ClientError::new(
                    ErrorCode::InvalidGrant,
                    "the session has ended; sign in again",
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// The access token for a download, refreshing first if needed;
    /// `None` when signed out (public files).
    pub(crate) async fn download_token(&self) -> Option<SecretString> {
        self.current_token().await.ok().map(|(t, _)| t)
    }

    /// Refreshes after a download was refused with `token_expired`.
    pub(crate) async fn refresh_for_download(&self) -> Result<()> {
        let gen = self.inner.session.lock().await.generation;
        self.refresh_after(gen).await
    }

    // ------------------------------------------------------------------
    // session

    /// `POST /api/v1/session`. With `remember`, the refresh token goes to
    /// the keychain; when that fails the sign-in still succeeds for this
    /// session and the outcome says why.
    pub async fn sign_in(
        &self,
        email: &str,
        password: SecretString,
        remember: bool,
    ) -> Result<SignInOutcome> {
        let email = email.trim().to_string();
        let req = Req {
            method: Method::POST,
            path: path("/session"),
            body: None,
            auth: false,
            retry: false,
            idempotency_key: None,
        }
        .with_json(&SignInRequest {
            email: email.clone(),
            password: password.expose().to_string(),
        });
        let (_, body) = self.send_once(&req, None).await?;
        let pair: TokenPair = decode(&body)?;
        let refresh = SecretString::new(pair.refresh_token);
        {
            let mut s = self.inner.session.lock().await;
            s.access = Some(SecretString::new(pair.access_token));
            s.refresh = Some(refresh.clone());
            s.email = Some(email.clone());
            s.remember = false;
            s.generation += 1;
        }
        let mut outcome = SignInOutcome {
            email: email.clone(),
            remembered: false,
            keychain_error: None,
        };
        if remember {
            let stored = StoredSession {
                email: email.clone(),
                refresh_token: refresh,
            };
            match self.store_call(move |st| st.save(&stored)).await {
                Ok(()) => {
                    outcome.remembered = true;
                    self.inner.session.lock().await.remember = true;
                }
                Err(e) => outcome.keychain_error = Some(e),
            }
        } else {
            let _ = self.store_call(|st| st.clear()).await;
        }
        self.emit(SessionEvent::SignedIn { email });
        Ok(outcome)
    }

    /// Resumes a remembered sign-in from the store: `Ok(true)` when signed
    /// in, `Ok(false)` when nothing is remembered or the portal refused the
    /// token. Offline, the refresh token is kept and the error returned;
    /// the next call tries again.
    pub async fn restore_session(&self) -> Result<bool> {
        let Some(stored) = self.store_call(|st| st.load()).await? else {
            return Ok(false);
        };
        let gen = {
            let mut s = self.inner.session.lock().await;
            s.access = None;
            s.refresh = Some(stored.refresh_token);
            s.email = Some(stored.email.clone());
            s.remember = true;
            s.generation += 1;
            s.generation
        };
        match self.refresh_after(gen).await {
            Ok(()) => {
                self.emit(SessionEvent::SignedIn {
                    email: stored.email,
                });
                Ok(true)
            }
            Err(e) if matches!(e.code, ErrorCode::InvalidGrant | ErrorCode::NotSignedIn) => {
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// `DELETE /api/v1/session`: revokes the session on the portal (best
    /// effort) and always forgets it locally, in the keychain and in the
    /// offline cache (every file of the account), even offline. Queued
    /// feedback stays (see [`crate::outbox`]): whether to keep or discard it
    /// is the user's decision, asked before this. Fails only when the keychain
    /// entry or a cache file could not be removed.
    pub async fn sign_out(&self) -> Result<()> {
        let (had_session, account) = {
            let s = self.inner.session.lock().await;
            (s.access.is_some() || s.refresh.is_some(), s.email.clone())
        };
        if had_session {
            // Through `call`, so an expired access token is refreshed first and
            // the portal really revokes the session family.
            let req = Req {
                method: Method::DELETE,
                path: path("/session"),
                body: None,
                auth: true,
                retry: false,
                idempotency_key: None,
            };
            if let Err(e) = self.call(req).await {
                tracing::info!(code = %e.code, "sign-out not confirmed by the portal");
            }
        }
        {
            let mut s = self.inner.session.lock().await;
            *s = SessionState {
                generation: s.generation + 1,
                ..SessionState::default()
            };
        }
        let forgotten = match &account {
            Some(a) => self.inner.cache.forget(a),
            None => Ok(()),
        };
        let cleared = self.store_call(|st| st.clear()).await;
        if had_session {
            self.emit(SessionEvent::SignedOut);
        }
        cleared.and(forgotten)
    }

    // ------------------------------------------------------------------
    // endpoints

    /// `GET /api/v1/customer`.
    pub async fn customer(&self) -> Result<CustomerDetails> {
        self.call_json(Req::get(path("/customer"), true)).await
    }

    /// `PUT /api/v1/customer/email`; returns the updated details.
    pub async fn change_email(&self, email: &str) -> Result<CustomerDetails> {
        let req = Req {
            method: Method::PUT,
            ..Req::get(path("/customer/email"), true)
        }
        .with_json(&EmailChangeRequest {
            email: email.trim().to_string(),
        });
        let details: CustomerDetails = self.call_json(req).await?;
        let mut s = self.inner.session.lock().await;
        let old = s.email.replace(details.email.clone());
        let remember = s.remember;
        let refresh = s.refresh.clone();
        drop(s);
        let Some(old) = old.filter(|o| !o.eq_ignore_ascii_case(&details.email)) else {
            return Ok(details);
        };
        // Queued feedback follows the account to its new address; the old
        // address's cached files go (they are fetched again under the new one).
        self.move_outbox_account(&old, &details.email).await;
        if let Err(e) = self.inner.cache.forget(&old) {
            tracing::warn!(code = %e.code, "the old address's cached data could not be removed");
        }
        if remember {
            if let Some(refresh_token) = refresh {
                let stored = StoredSession {
                    email: details.email.clone(),
                    refresh_token,
                };
                // The sign-in still works this session; the next start asks
                // for the password again.
                if let Err(e) = self.store_call(move |st| st.save(&stored)).await {
                    tracing::warn!(code = %e.code, "the remembered sign-in could not be updated to the new address");
                }
            }
        }
        Ok(details)
    }

    /// `PUT /api/v1/customer/password` (204). Other sessions are signed out
    /// by the portal. Not retried (a replay would fail on the old password).
    pub async fn change_password(&self, current: SecretString, new: SecretString) -> Result<()> {
        let req = Req {
            method: Method::PUT,
            retry: false,
            ..Req::get(path("/customer/password"), true)
        }
        .with_json(&PasswordChangeRequest {
            current_password: current.expose().to_string(),
            new_password: new.expose().to_string(),
        });
        self.call(req).await.map(|_| ())
    }

    /// `POST /api/v1/password-reset` ("Unohtuiko salasana?"): the portal
    /// emails a single-use link if the address is a customer's, and answers
    /// the same either way. The address is checked first with the
    /// contract's rule. Not retried: every request counts against a limit.
    pub async fn request_password_reset(&self, email: &str, language: Option<&str>) -> Result<()> {
        let email = portal_api::validate::email(email, "email").map_err(ClientError::from)?;
        let req = Req {
            method: Method::POST,
            retry: false,
            ..Req::get(path("/password-reset"), false)
        }
        .with_json(&portal_api::PasswordResetRequest {
            email,
            language: language.map(str::to_string),
        });
        self.call(req).await.map(|_| ())
    }

    /// `POST /api/v1/password-reset/confirm` (204): sets a new password with
    /// the token from the email's link; every session of the account is
    /// signed out by the portal. Not retried (the token works once).
    pub async fn reset_password(&self, token: &str, new_password: SecretString) -> Result<()> {
        let req = Req {
            method: Method::POST,
            retry: false,
            ..Req::get(path("/password-reset/confirm"), false)
        }
        .with_json(&portal_api::PasswordResetConfirm {
            token: token.to_string(),
            new_password: new_password.expose().to_string(),
        });
        self.call(req).await.map(|_| ())
    }

    /// `GET /api/v1/services`.
    pub async fn services(&self) -> Result<ServiceList> {
        self.call_json(Req::get(path("/services"), true)).await
    }

    /// `GET /api/v1/services/{id}`.
    pub async fn service(&self, id: i64) -> Result<OrderedService> {
        self.call_json(Req::get(path(&format!("/services/{id}")), true))
            .await
    }

    /// `PUT /api/v1/services/{id}/mix` (idempotent: the same content).
    pub async fn edit_mix(&self, id: i64, channels: Vec<String>) -> Result<OrderedService> {
        let req = Req {
            method: Method::PUT,
            ..Req::get(path(&format!("/services/{id}/mix")), true)
        }
        .with_json(&MixEditRequest { channels });
        self.call_json(req).await
    }

    /// `POST /api/v1/orders` with `Idempotency-Key`. Create the key once per
    /// user action ([`new_idempotency_key`]) and pass the same one when the
    /// user retries: the portal then returns the first receipt.
    pub async fn place_order(
        &self,
        order: &OrderRequest,
        idempotency_key: &str,
    ) -> Result<OrderReceipt> {
        let req = Req {
            method: Method::POST,
            idempotency_key: Some(idempotency_key.to_string()),
            ..Req::get(path("/orders"), true)
        }
        .with_json(order);
        self.call_json(req).await
    }

    /// `GET /api/v1/services/{id}/devices`: the devices holding the
    /// Turvapaketti's licences.
    pub async fn devices(&self, service_id: i64) -> Result<DeviceList> {
        self.call_json(Req::get(
            path(&format!("/services/{service_id}/devices")),
            true,
        ))
        .await
    }

    /// `DELETE /api/v1/devices/{id}` (204): releases the device's licence.
    /// Idempotent, so retried like a GET.
    pub async fn release_device(&self, device_id: i64) -> Result<()> {
        let req = Req {
            method: Method::DELETE,
            ..Req::get(path(&format!("/devices/{device_id}")), true)
        };
        self.call(req).await.map(|_| ())
    }

    /// `POST /api/v1/devices` (public; what the installer sends). Checked
    /// first with the contract's rules. Not retried: a registration without
    /// `machine_id` replayed after a lost answer would take a second licence.
    pub async fn register_device(&self, registration: &DeviceRegistration) -> Result<Device> {
        let registration = registration.validated().map_err(ClientError::from)?;
        let req = Req {
            method: Method::POST,
            retry: registration.machine_id.is_some(),
            ..Req::get(path("/devices"), false)
        }
        .with_json(&registration);
        self.call_json(req).await
    }

    /// `GET /api/v1/billing`.
    pub async fn billing(&self) -> Result<BillingSummary> {
        self.call_json(Req::get(path("/billing"), true)).await
    }

    /// `POST /api/v1/feedback` with `Idempotency-Key`, sent now (see
    /// [`PortalClient::submit_feedback`] for the queued, never-lost way).
    pub async fn send_feedback(
        &self,
        feedback: &FeedbackRequest,
        idempotency_key: &str,
    ) -> Result<FeedbackReceipt> {
        let req = Req {
            method: Method::POST,
            idempotency_key: Some(idempotency_key.to_string()),
            ..Req::get(path("/feedback"), true)
        }
        .with_json(feedback);
        self.call_json(req).await
    }

    /// `GET /api/v1/catalogue` (public).
    pub async fn catalogue(&self) -> Result<Catalogue> {
        self.call_json(Req::get(path("/catalogue"), false)).await
    }

    /// `GET /api/v1/contact` (public).
    pub async fn contact(&self) -> Result<CustomerServiceContact> {
        self.call_json(Req::get(path("/contact"), false)).await
    }

    /// `GET /api/v1/signing-key` (public). Informational: downloads verify
    /// against the pinned key from [`ClientConfig::pinned_key`], never this.
    pub async fn signing_key(&self) -> Result<SigningKey> {
        self.call_json(Req::get(path("/signing-key"), false)).await
    }

    /// `GET /api/v1/health` (public).
    pub async fn health(&self) -> Result<Health> {
        self.call_json(Req::get(path("/health"), false)).await
    }
}

/// A fresh idempotency key (UUID v4) for one user action.
pub fn new_idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        ClientError::malformed(format!(
            "unexpected answer from the portal (line {}, column {})",
            e.line(),
            e.column()
        ))
    })
}

/// The portal's envelope, or one made from the status when the body is not
/// one; `Retry-After` (both forms) fills `retry_after`.
pub(crate) fn error_from_response(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> ClientError {
    let mut err = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(b) => ClientError::from(b),
        Err(_) => {
            let code = match status.as_u16() {
                401 => ErrorCode::Unauthorized,
                404 => ErrorCode::NotFound,
                405 => ErrorCode::MethodNotAllowed,
                413 => ErrorCode::PayloadTooLarge,
                416 => ErrorCode::RangeNotSatisfiable,
                429 => ErrorCode::RateLimited,
                502..=504 => ErrorCode::Unavailable,
                500..=599 => ErrorCode::Internal,
                _ => ErrorCode::MalformedResponse,
            };
            ClientError::new(code, format!("HTTP {}", status.as_u16()))
        }
    };
    if let Some(wait) = headers
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()))
    {
        err.retry_after = Some(ceil_secs(wait));
    }
    // A 5xx whose envelope names a client-side code is still a server fault.
    if status.is_server_error() && !err.code.is_transient() {
        err.code = ErrorCode::Internal;
    }
    err
}
