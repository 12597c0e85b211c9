//! The commands' logic (`Core`) against the real reference portal, spawned
//! in-process — no window, no fake server.

use base64::Engine;
use omahallinta_lib::events::{self, Recorder};
use omahallinta_lib::launch::LaunchOptions;
use omahallinta_lib::state::{Core, Dirs, StoreFactory};
use omahallinta_lib::types::*;
use portal_api::{ErrorCode, FeedbackRequest, FeedbackTopic, Os};
use portal_client::{MemoryStore, SessionStore};
use portal_server::{demo, PasswordHashParams, RunningServer, ServerConfig};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn server_config(db: &Path) -> ServerConfig {
    ServerConfig {
        db_path: Some(db.to_path_buf()),
        data_dir: Some(db.with_extension("files")),
        password_hash: PasswordHashParams::INSECURE_FAST,
        installer_size: 300 * 1024,
        ..Default::default()
    }
}

/// The portal started again on the same address and database (after a stop).
async fn restart_portal(db: &Path, addr: std::net::SocketAddr) -> RunningServer {
    portal_server::spawn(ServerConfig {
        listen: addr,
        ..server_config(db)
    })
    .await
    .expect("portal restarts")
}

async fn portal(tmp: &Path) -> RunningServer {
    portal_server::spawn(server_config(&tmp.join("portal.db")))
        .await
        .expect("portal starts")
}

struct Setup {
    core: Arc<Core>,
    events: Arc<Recorder>,
}

fn launch_for(server: &RunningServer, tmp: &Path) -> LaunchOptions {
    LaunchOptions {
        portal_url: Some(server.base_url()),
        portal_key: Some(
            base64::engine::general_purpose::STANDARD.encode(server.public_key_bytes()),
        ),
        open_command: Some(recorder_script(tmp)),
        ..Default::default()
    }
}

fn dirs(tmp: &Path) -> Dirs {
    Dirs::under(&tmp.join("app"))
}

/// One app signs in with "remember me" and fills the offline cache; then a new app
/// starts over the same data dir and keychain (a restart), and is returned.
async fn restart_after_remembered_sign_in(
    server: &RunningServer,
    tmp: &Path,
    store: &Arc<MemoryStore>,
) -> Setup {
    {
        let s = core(launch_for(server, tmp), tmp, store.clone());
        s.core
            .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), true)
            .await
            .unwrap();
        s.core.services().await.unwrap();
    }
    core(launch_for(server, tmp), tmp, store.clone())
}

fn core(launch: LaunchOptions, tmp: &Path, store: Arc<MemoryStore>) -> Setup {
    let events = Arc::new(Recorder::default());
    let factory: StoreFactory = Box::new(move |_| store.clone() as Arc<dyn SessionStore>);
    let core = Core::with_store(launch, dirs(tmp), events.clone(), factory).unwrap();
    Setup {
        core: Arc::new(core),
        events,
    }
}

/// An "open" command that records its argument: a shell script, or a batch
/// file on Windows (Rust's std runs `.cmd` files through cmd.exe).
fn recorder_script(tmp: &Path) -> PathBuf {
    let log = tmp.join("opened.txt");
    #[cfg(windows)]
    let script = {
        let script = tmp.join("open.cmd");
        // `>>file echo …`: the redirection first, so an argument ending in a
        // digit is not read as a stream number.
        std::fs::write(
            &script,
            format!("@echo off\r\n>>\"{}\" echo %~1\r\n", log.display()),
        )
        .unwrap();
        script
    };
    #[cfg(not(windows))]
    let script = {
        let script = tmp.join("open.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho \"$1\" >> '{}'\n", log.display()),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        script
    };
    script
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

async fn wait_verified(core: &Core, id: i64) -> DownloadStatus {
    let t = Instant::now();
    loop {
        let s = core.download_status(id).await.unwrap();
        match s.state {
            DownloadState::Verified => return s,
            DownloadState::Failed => panic!("download failed: {:?}", s.error),
            _ if t.elapsed() > Duration::from_secs(60) => panic!("download stuck: {s:?}"),
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_services_download_verify_install_feedback() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let store = Arc::new(MemoryStore::new());
    let Setup { core, events } = core(launch_for(&server, tmp.path()), tmp.path(), store.clone());
    let mut responses: Vec<String> = Vec::new();

    let info = core.app_info().await.unwrap();
    assert!(!info.demo);
    assert!(info.demo_accounts.is_empty());
    assert_eq!(info.portal_url, server.base_url());
    responses.push(json(&info));

    // Not signed in: data commands refuse with the envelope.
    let err = core.services().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotSignedIn);

    // Wrong password, then the right one.
    let err = core
        .sign_in(demo::FAMILY.email, "not-the-password".into(), true)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidCredentials);
    responses.push(json(&err));
    let out = core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), true)
        .await
        .unwrap();
    assert_eq!(
        out,
        SignInOutcome {
            remembered: true,
            keychain_error: None
        }
    );
    responses.push(json(&out));
    let session = core.session_info().await;
    assert!(session.signed_in && session.remembered);
    assert_eq!(session.email.as_deref(), Some(demo::FAMILY.email));
    responses.push(json(&session));

    // Services: fresh from the portal.
    let services = core.services().await.unwrap();
    assert!(!services.from_cache);
    assert!(!services.data.services.is_empty());
    responses.push(json(&services));
    let cached = core
        .cached_services()
        .await
        .unwrap()
        .expect("cached on disk");
    assert_eq!(cached.data, services.data);
    responses.push(json(&core.customer().await.unwrap()));
    responses.push(json(&core.catalogue().await.unwrap()));
    responses.push(json(&core.billing().await.unwrap()));
    let contact = core.contact().await.unwrap();
    responses.push(json(&contact));

    // Turvapaketti: idle → download → verified → install opens the file.
    let sec = services
        .data
        .services
        .iter()
        .find(|s| s.security.is_some())
        .expect("a security service")
        .clone();
    let idle = core.download_status(sec.id).await.unwrap();
    assert_eq!(idle.state, DownloadState::Idle);
    assert_eq!(idle.os, Os::current().unwrap());
    let err = core.open_installer(sec.id).await.unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::VerificationFailed,
        "install before verify"
    );
    let started = core.start_download(sec.id).await.unwrap();
    assert_eq!(started.state, DownloadState::Downloading);
    let done = wait_verified(&core, sec.id).await;
    assert_eq!(done.received, done.total);
    responses.push(json(&done));
    core.open_installer(sec.id).await.unwrap();
    let opened = std::fs::read_to_string(tmp.path().join("opened.txt")).unwrap();
    let opened = PathBuf::from(opened.trim());
    let listed = sec
        .security
        .as_ref()
        .unwrap()
        .installers
        .iter()
        .find(|i| Some(i.os) == Os::current())
        .unwrap();
    assert_eq!(
        opened.file_name().unwrap().to_str(),
        Some(listed.file_name.as_str())
    );
    assert_eq!(
        hex::encode(Sha256::digest(std::fs::read(&opened).unwrap())),
        listed.sha256
    );
    // Reports are ordered by `seq` (events and answers may arrive out of
    // order): unique, and the highest is the final, verified one.
    let progress: Vec<DownloadStatus> = events
        .named(events::DOWNLOAD_PROGRESS)
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect();
    let mut seqs: Vec<u64> = progress.iter().map(|s| s.seq).collect();
    seqs.sort_unstable();
    seqs.dedup();
    assert_eq!(seqs.len(), progress.len(), "seq values repeat");
    let last = progress.iter().max_by_key(|s| s.seq).unwrap();
    assert_eq!(last.state, DownloadState::Verified);
    assert_eq!(last.seq, done.seq);
    assert!(started.seq > idle.seq && started.seq < done.seq);
    let qr = core.device_link_qr(sec.id).await.unwrap();
    assert!(qr.contains("<svg"));

    // Links: only the contact data's.
    core.open_link(&contact.web_portal_url).await.unwrap();
    let err = core.open_link("https://evil.example/").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ValidationFailed);
    let err = core.open_link("file:///etc/passwd").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ValidationFailed);

    // Feedback: sent at once while online.
    let outcome = core
        .send_feedback(FeedbackRequest {
            topic: FeedbackTopic::General,
            message: "Kiitos!".into(),
            contact_me: false,
            contact_email: None,
            contact_phone: None,
            service_id: None,
        })
        .await
        .unwrap();
    assert!(
        matches!(outcome, FeedbackOutcome::Sent { .. }),
        "{outcome:?}"
    );
    responses.push(json(&outcome));
    assert_eq!(core.outbox_count().await.unwrap(), OutboxSummary::default());
    assert_eq!(
        events.named(events::CONNECTIVITY).first(),
        Some(&serde_json::json!({"online": true}))
    );

    // No token and no file path in anything the web view received.
    let refresh = store.load().unwrap().expect("remembered").refresh_token;
    let all = responses.join("\n") + &format!("{:?}", events.0.lock().unwrap());
    assert!(!all.contains(refresh.expose()), "refresh token leaked");
    assert!(!all.contains(demo::FAMILY.password), "password leaked");
    assert!(
        !all.contains(&tmp.path().display().to_string()),
        "a path leaked"
    );
    assert!(!all.contains("access_token") && !all.contains("refresh_token"));

    // Sign-out forgets the session and the keychain entry.
    core.sign_out(None).await.unwrap();
    assert!(store.load().unwrap().is_none());
    assert!(!core.session_info().await.signed_in);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remembered_session_is_restored_after_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let store = Arc::new(MemoryStore::new());
    let s = restart_after_remembered_sign_in(&server, tmp.path(), &store).await;
    let before = s.core.session_info().await;
    assert!(!before.signed_in);
    assert!(before.remembered);
    assert_eq!(before.email.as_deref(), Some(demo::FAMILY.email));
    assert!(
        s.core.cached_services().await.unwrap().is_some(),
        "first paint from disk"
    );
    let after = s.core.restore_session().await.unwrap();
    assert!(after.signed_in && after.remembered);
    assert!(!s.core.services().await.unwrap().from_cache);

    // Without "remember me" nothing is kept.
    s.core.sign_out(None).await.unwrap();
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), false)
        .await
        .unwrap();
    assert!(store.load().unwrap().is_none());
    server.shutdown().await;
}

/// The start-up snapshot (the web view's initialization script) is what the
/// three first-view commands answer, and holds no secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_snapshot_is_the_first_view_without_secrets() {
    use omahallinta_lib::startup;
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let store = Arc::new(MemoryStore::new());
    let s = restart_after_remembered_sign_in(&server, tmp.path(), &store).await;
    let snap = startup::snapshot(&s.core).await.expect("snapshot");
    assert_eq!(snap.info, s.core.app_info().await.unwrap());
    assert_eq!(snap.session, s.core.session_info().await);
    assert!(snap.session.remembered && !snap.session.signed_in);
    let cached = s.core.cached_services().await.unwrap().expect("cache");
    assert_eq!(snap.cached.as_ref(), Some(&cached));

    let script = startup::init_script(&snap);
    let prefix = format!(
        "try{{if(!sessionStorage.getItem({:?}))window.__OMA_STARTUP__=",
        startup::SNAPSHOT_USED_KEY
    );
    let json = script
        .strip_prefix(&prefix)
        .and_then(|r| r.strip_suffix(";}catch(_){}"))
        .unwrap_or_else(|| panic!("script shape: {script}"));
    let parsed: StartupSnapshot = serde_json::from_str(json).unwrap();
    assert_eq!(parsed, snap);
    let stored = store.load().unwrap().expect("remembered");
    assert!(!script.contains(stored.refresh_token.expose()));
    assert!(!script.contains(demo::FAMILY.password));

    // Signed out, nothing remembered: the sign-in view, no cache.
    s.core.sign_out(None).await.unwrap();
    let s = core(launch_for(&server, tmp.path()), tmp.path(), store.clone());
    let snap = startup::snapshot(&s.core).await.expect("snapshot");
    assert_eq!(snap.session, SessionInfo::default());
    assert!(snap.cached.is_none());
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_shows_the_cache_queues_feedback_and_delivers_it_later() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("portal.db");
    let server = portal_server::spawn(server_config(&db)).await.unwrap();
    let addr = server.addr();
    let launch = launch_for(&server, tmp.path());
    let s = core(launch, tmp.path(), Arc::new(MemoryStore::new()));
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), true)
        .await
        .unwrap();
    let fresh = s.core.services().await.unwrap();
    server.shutdown().await;

    let cached = s.core.services().await.unwrap();
    assert!(cached.from_cache);
    assert_eq!(cached.data, fresh.data);
    let outcome = s
        .core
        .send_feedback(FeedbackRequest {
            topic: FeedbackTopic::Technical,
            message: "Yhteys katkesi".into(),
            contact_me: false,
            contact_email: None,
            contact_phone: None,
            service_id: None,
        })
        .await
        .unwrap();
    assert!(
        matches!(outcome, FeedbackOutcome::Queued { .. }),
        "{outcome:?}"
    );
    assert_eq!(s.core.outbox_count().await.unwrap().queued, 1);
    assert_eq!(
        s.events.named(events::CONNECTIVITY).last(),
        Some(&serde_json::json!({"online": false}))
    );

    // The portal comes back on the same address.
    let server = restart_portal(&db, addr).await;
    assert!(s.core.check_connectivity().await);
    assert_eq!(s.core.flush_outbox().await.unwrap(), 1);
    assert_eq!(
        s.core.outbox_count().await.unwrap(),
        OutboxSummary::default()
    );
    assert_eq!(
        s.events.named(events::OUTBOX_DELIVERED),
        vec![serde_json::json!({"delivered": 1, "remaining": 0, "attention": 0})]
    );
    assert_eq!(
        s.events.named(events::CONNECTIVITY).last(),
        Some(&serde_json::json!({"online": true}))
    );
    // Flushing again delivers nothing twice.
    assert_eq!(s.core.flush_outbox().await.unwrap(), 0);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_is_persisted_in_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let s = core(
        launch_for(&server, tmp.path()),
        tmp.path(),
        Arc::new(MemoryStore::new()),
    );
    s.core.set_language(Lang::Fi).unwrap();
    assert_eq!(s.core.app_info().await.unwrap().lang, Lang::Fi);
    s.core.set_language(Lang::En).unwrap();
    s.core.set_language(Lang::Sv).unwrap();
    assert_eq!(s.core.app_info().await.unwrap().lang, Lang::Sv);
    let sv = std::fs::read_to_string(tmp.path().join("app/config/settings.json")).unwrap();
    assert!(sv.contains("\"lang\": \"sv\""), "{sv}");
    s.core.set_language(Lang::Fi).unwrap();
    let again = core(
        launch_for(&server, tmp.path()),
        tmp.path(),
        Arc::new(MemoryStore::new()),
    );
    assert_eq!(again.core.settings().lang, Lang::Fi);
    assert_eq!(again.core.app_info().await.unwrap().lang, Lang::Fi);
    let file = std::fs::read_to_string(tmp.path().join("app/config/settings.json")).unwrap();
    assert!(file.contains("\"lang\": \"fi\""), "{file}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_mode_starts_the_embedded_portal() {
    let tmp = tempfile::tempdir().unwrap();
    let launch = LaunchOptions {
        demo: true,
        ..Default::default()
    };
    let s = core(launch, tmp.path(), Arc::new(MemoryStore::new()));
    let info = s.core.app_info().await.unwrap();
    assert!(info.demo);
    assert!(
        info.portal_url.starts_with("http://127.0.0.1:"),
        "{}",
        info.portal_url
    );
    assert_eq!(info.demo_accounts.len(), demo::ACCOUNTS.len());
    assert_eq!(info.demo_accounts[0].email, demo::FAMILY.email);
    assert_eq!(info.demo_accounts[0].description_key, "demo-account-family");
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), false)
        .await
        .unwrap();
    assert!(!s.core.services().await.unwrap().data.services.is_empty());
    // The demo database lives in the app's data dir.
    assert!(tmp.path().join("app/data/demo-portal/portal.db").exists());
    // A former customer is refused.
    let err = s
        .core
        .sign_in(demo::FORMER.email, demo::FORMER.password.into(), false)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NoCustomerRelationship);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_come_once_per_milestone_on_the_portals_clock_and_go_at_sign_out() {
    // FAMILY: Turvapaketti ends 20 days after the portal's "today", the TV
    // season pass in 5. The same portal (address and database) on three days.
    let tmp = tempfile::tempdir().unwrap();
    let app_dir = tmp.path().join("app");
    std::fs::create_dir_all(&app_dir).unwrap();
    let today = chrono::Local::now().date_naive();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let on = |days: u64| {
        let config = ServerConfig {
            today: Some(today + chrono::Days::new(days)),
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
            ..server_config(&tmp.path().join("a.db"))
        };
        async move { portal_server::spawn(config).await.unwrap() }
    };
    let signed_in = |server: &RunningServer| {
        let s = core(
            launch_for(server, &app_dir),
            &app_dir,
            Arc::new(MemoryStore::new()),
        );
        async move {
            s.core
                .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), false)
                .await
                .unwrap();
            s
        }
    };

    // Day 0: the 45-day milestone of one, the 7-day one of the other.
    let server = on(0).await;
    let s = signed_in(&server).await;
    let (title, body) = s.core.due_reminders().await.expect("reminders");
    assert_eq!(title, "A reminder about your services");
    assert!(body.starts_with("2 fixed-term services"), "{body}");
    assert_eq!(s.core.due_reminders().await, None, "each once");
    server.shutdown().await;

    // Day 7, the app started again: the 14-day milestone and "ended" once.
    let server = on(7).await;
    let s = signed_in(&server).await;
    assert!(s.core.due_reminders().await.is_some());
    assert_eq!(s.core.due_reminders().await, None);
    server.shutdown().await;

    // Day 16: only the Turvapaketti's 7-day milestone, in Finnish.
    let server = on(16).await;
    let s = signed_in(&server).await;
    s.core.set_language(Lang::Fi).unwrap();
    let (title, body) = s.core.due_reminders().await.expect("a reminder");
    assert_eq!(title, "Palvelu päättyy pian");
    assert!(body.contains("4 päivän kuluttua"), "{body}");
    // Sign-out removes what was remembered.
    let reminders = app_dir.join("app").join("data").join("reminders");
    assert_eq!(std::fs::read_dir(&reminders).unwrap().count(), 1);
    s.core.sign_out(None).await.unwrap();
    assert_eq!(std::fs::read_dir(&reminders).unwrap().count(), 0);
    server.shutdown().await;
}

/// A keychain that counts its reads (and can be locked).
#[derive(Default)]
struct CountingStore {
    inner: MemoryStore,
    loads: std::sync::atomic::AtomicUsize,
    locked: std::sync::atomic::AtomicBool,
}

impl SessionStore for CountingStore {
    fn load(&self) -> portal_client::Result<Option<portal_client::StoredSession>> {
        use std::sync::atomic::Ordering::SeqCst;
        self.loads.fetch_add(1, SeqCst);
        if self.locked.load(SeqCst) {
            return portal_client::UnavailableStore.load();
        }
        self.inner.load()
    }
    fn save(&self, session: &portal_client::StoredSession) -> portal_client::Result<()> {
        self.inner.save(session)
    }
    fn clear(&self) -> portal_client::Result<()> {
        self.inner.clear()
    }
}

fn counting_core(server: &RunningServer, tmp: &Path, store: Arc<CountingStore>) -> Core {
    let factory: StoreFactory = Box::new(move |_| store.clone() as Arc<dyn SessionStore>);
    Core::with_store(
        launch_for(server, tmp),
        dirs(tmp),
        Arc::new(Recorder::default()),
        factory,
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_paint_of_a_remembered_session_does_not_wait_on_the_keychain() {
    use std::sync::atomic::Ordering::SeqCst;
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let store = Arc::new(CountingStore::default());
    // The first start ever: nothing noted yet, a locked keychain → not known,
    // and not noted as "nothing remembered" either.
    store.locked.store(true, SeqCst);
    let core = counting_core(&server, tmp.path(), store.clone());
    assert!(!core.session_info().await.remembered);
    store.locked.store(false, SeqCst);
    let core = counting_core(&server, tmp.path(), store.clone());
    assert!(!core.session_info().await.remembered);
    let reads = store.loads.load(SeqCst);
    assert_eq!(reads, 2, "asked the keychain again once it was unlocked");
    // Now known: nothing remembered; a new start asks no more.
    let core = counting_core(&server, tmp.path(), store.clone());
    assert!(!core.session_info().await.remembered);
    assert_eq!(store.loads.load(SeqCst), reads);

    core.sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), true)
        .await
        .unwrap();
    core.services().await.unwrap();
    drop(core);
    // Restart: session and cached services come without a keychain read;
    // restoring the session (after the first paint) reads it once.
    let core = counting_core(&server, tmp.path(), store.clone());
    let before = store.loads.load(SeqCst);
    let info = core.session_info().await;
    assert!(info.remembered && !info.signed_in);
    assert_eq!(info.email.as_deref(), Some(demo::FAMILY.email));
    assert!(core.cached_services().await.unwrap().is_some());
    assert_eq!(
        store.loads.load(SeqCst),
        before,
        "first paint read the keychain"
    );
    assert!(core.restore_session().await.unwrap().signed_in);
    assert_eq!(store.loads.load(SeqCst), before + 1);

    // Signed out: the next start knows nothing is remembered, without asking.
    core.sign_out(None).await.unwrap();
    drop(core);
    let core = counting_core(&server, tmp.path(), store.clone());
    let before = store.loads.load(SeqCst);
    let info = core.session_info().await;
    assert!(!info.remembered && info.email.is_none());
    assert!(core.cached_services().await.unwrap().is_none());
    assert_eq!(store.loads.load(SeqCst), before);
    // The settings file holds the email, never a token.
    let settings = std::fs::read_to_string(tmp.path().join("app/config/settings.json")).unwrap();
    assert!(settings.contains("\"portal\": null"), "{settings}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn locked_keychain_gives_a_session_only_sign_in() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let factory: StoreFactory =
        Box::new(|_| Arc::new(portal_client::UnavailableStore) as Arc<dyn SessionStore>);
    let core = Core::with_store(
        launch_for(&server, tmp.path()),
        dirs(tmp.path()),
        Arc::new(Recorder::default()),
        factory,
    )
    .unwrap();
    let out = core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), true)
        .await
        .unwrap();
    assert_eq!(
        out,
        SignInOutcome {
            remembered: false,
            keychain_error: Some(ErrorCode::KeychainUnavailable)
        }
    );
    assert_eq!(
        serde_json::to_value(&out).unwrap(),
        serde_json::json!({"remembered": false, "keychain_error": "keychain_unavailable"})
    );
    // Signed in for this session all the same.
    assert!(core.session_info().await.signed_in);
    assert!(!core.services().await.unwrap().data.services.is_empty());
    server.shutdown().await;
}

/// Every file under `dir` whose bytes contain any of `needles`.
fn files_containing(dir: &Path, needles: &[&str]) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            hits.extend(files_containing(&p, needles));
        } else if let Ok(bytes) = std::fs::read(&p) {
            let text = String::from_utf8_lossy(&bytes);
            if needles.iter().any(|n| text.contains(n)) {
                hits.push(p);
            }
        }
    }
    hits
}

/// Sign-out on a shared computer: with feedback queued it asks first (and
/// changes nothing); then no file of the app holds the account's email, name
/// or service names — downloads, cache and settings included — while the
/// kept feedback is sent after the next sign-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_leaves_no_personal_data_and_never_drops_feedback_silently() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("portal.db");
    let server = portal_server::spawn(server_config(&db)).await.unwrap();
    let addr = server.addr();
    let store = Arc::new(MemoryStore::new());
    let s = core(launch_for(&server, tmp.path()), tmp.path(), store.clone());
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), true)
        .await
        .unwrap();
    let services = s.core.services().await.unwrap().data;
    let me = s.core.customer().await.unwrap().data;
    s.core.catalogue().await.unwrap();
    let security = services
        .services
        .iter()
        .find(|x| x.security.is_some())
        .unwrap();
    s.core.start_download(security.id).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while s.core.download_status(security.id).await.unwrap().state != DownloadState::Verified {
        assert!(Instant::now() < deadline, "download did not finish");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let app_dir = tmp.path().join("app");
    let mut personal: Vec<String> = vec![me.email.clone(), me.name.clone()];
    personal.extend(services.services.iter().map(|x| x.name.fi.clone()));
    let needles: Vec<&str> = personal.iter().map(String::as_str).collect();
    assert!(
        !files_containing(&app_dir, &needles).is_empty(),
        "the sweep finds data"
    );

    // Feedback queued while the portal is down.
    server.shutdown().await;
    let queued = s
        .core
        .send_feedback(FeedbackRequest {
            topic: FeedbackTopic::Termination,
            message: "Irtisanon laajakaistan 31.12.".into(),
            contact_me: true,
            contact_email: None,
            contact_phone: Some("040 123 4567".into()),
            service_id: None,
        })
        .await
        .unwrap();
    assert!(matches!(queued, FeedbackOutcome::Queued { .. }));
    let err = s.core.sign_out(None).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::FeedbackPending);
    assert!(s.core.session_info().await.signed_in, "nothing changed");

    s.core
        .sign_out(Some(QueuedFeedbackChoice::Keep))
        .await
        .unwrap();
    assert!(store.load().unwrap().is_none(), "keychain entry removed");
    let outbox = app_dir.join("data/portal/outbox");
    let left: Vec<_> = files_containing(&app_dir, &needles)
        .into_iter()
        .filter(|p| !p.starts_with(&outbox))
        .collect();
    assert!(
        left.is_empty(),
        "personal data left after sign-out: {left:?}"
    );

    // The kept feedback goes with the same account, once.
    let server = restart_portal(&db, addr).await;
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), false)
        .await
        .unwrap();
    assert_eq!(s.core.outbox_count().await.unwrap().queued, 1);
    assert_eq!(s.core.flush_outbox().await.unwrap(), 1);

    // Discard on sign-out deletes what is queued.
    server.shutdown().await;
    s.core
        .send_feedback(FeedbackRequest {
            topic: FeedbackTopic::General,
            message: "Toinen viesti".into(),
            contact_me: false,
            contact_email: None,
            contact_phone: None,
            service_id: None,
        })
        .await
        .unwrap();
    s.core
        .sign_out(Some(QueuedFeedbackChoice::Discard))
        .await
        .unwrap();
    assert!(files_containing(&app_dir, &needles).is_empty());
    assert_eq!(std::fs::read_dir(&outbox).unwrap().count(), 0);
}

/// Queued feedback the portal refuses needs the user's attention: counted,
/// announced, listed with the reason, and only resent or deleted by them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_queued_feedback_needs_attention_then_is_resent_once() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("portal.db");
    let server = portal_server::spawn(server_config(&db)).await.unwrap();
    let addr = server.addr();
    let s = core(
        launch_for(&server, tmp.path()),
        tmp.path(),
        Arc::new(MemoryStore::new()),
    );
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), false)
        .await
        .unwrap();
    server.shutdown().await;
    let request = FeedbackRequest {
        topic: FeedbackTopic::Termination,
        message: "Irtisanon palvelun.".into(),
        contact_me: true,
        contact_email: Some("perhe@example.fi".into()),
        contact_phone: Some("040 123 4567".into()),
        service_id: Some(987_654),
    };
    // Offline, a phone the portal would refuse is refused at once.
    let err = s
        .core
        .send_feedback(FeedbackRequest {
            contact_phone: Some("123".into()),
            ..request.clone()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidPhone);
    assert_eq!(err.body().field.as_deref(), Some("contact_phone"));
    assert_eq!(
        s.core.outbox_count().await.unwrap(),
        OutboxSummary::default()
    );
    assert!(matches!(
        s.core.send_feedback(request.clone()).await.unwrap(),
        FeedbackOutcome::Queued { .. }
    ));

    let server = restart_portal(&db, addr).await;
    assert!(s.core.check_connectivity().await);
    assert_eq!(s.core.flush_outbox().await.unwrap(), 0);
    assert_eq!(
        s.core.outbox_count().await.unwrap(),
        OutboxSummary {
            queued: 0,
            attention: 1
        }
    );
    assert_eq!(
        s.events.named(events::OUTBOX_DELIVERED).last(),
        Some(&serde_json::json!({"delivered": 0, "remaining": 0, "attention": 1}))
    );
    let pending = s.core.pending_feedback().await.unwrap();
    assert_eq!(pending.len(), 1);
    let reason = pending[0].attention.as_ref().expect("attention");
    assert_eq!(reason.code, ErrorCode::NotFound);
    assert_eq!(reason.field.as_deref(), Some("service_id"));
    // Saved as the portal would store it (the phone in E.164 form).
    assert_eq!(
        pending[0].request,
        portal_api::validate::feedback(&request).unwrap()
    );

    let outcome = s
        .core
        .resend_feedback(
            &pending[0].local_id,
            FeedbackRequest {
                service_id: None,
                ..request
            },
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, FeedbackOutcome::Sent { .. }),
        "{outcome:?}"
    );
    assert_eq!(
        s.core.outbox_count().await.unwrap(),
        OutboxSummary::default()
    );
    assert_eq!(s.core.flush_outbox().await.unwrap(), 0);
    server.shutdown().await;
}

// --- operator profile and the first-run choice (issue 16) ---

/// Points "the operator's portal" at `url` for this test process (nextest runs each
/// test in its own process; the profile is read once).
fn use_test_profile(tmp: &Path, url: &str, keys: &[[u8; 32]]) {
    let keys: Vec<String> = keys
        .iter()
        .map(|k| {
            format!(
                "\"{}\"",
                base64::engine::general_purpose::STANDARD.encode(k)
            )
        })
        .collect();
    let path = tmp.join("operator.toml");
    std::fs::write(
        &path,
        format!(
            r#"name = "IPP"
portal_url = "{url}"
manifest_keys = [{}]
languages = ["fi", "en"]
[customer_service]
phone = "03 450 51"
phone_e164 = "+358345051"
web = "https://oma.ipp.fi/"
"#,
            keys.join(", ")
        ),
    )
    .unwrap();
    std::env::set_var(omahallinta_lib::profile::TEST_PROFILE_ENV, &path);
}

fn plain_launch(tmp: &Path) -> LaunchOptions {
    LaunchOptions {
        open_command: Some(recorder_script(tmp)),
        ..Default::default()
    }
}

#[tokio::test]
async fn first_run_choice_is_remembered_and_switches_between_operator_and_demo() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = [21u8; 32];
    let server = portal_server::spawn(ServerConfig {
        signing_seed: Some(seed),
        ..server_config(&tmp.path().join("portal.db"))
    })
    .await
    .unwrap();
    let key = server.public_key_bytes();
    use_test_profile(tmp.path(), &server.base_url(), &[key]);
    let store = Arc::new(MemoryStore::new());

    // First start: nothing chosen, no portal started, nothing asked of the network.
    let s = core(plain_launch(tmp.path()), tmp.path(), store.clone());
    let info = s.core.app_info().await.unwrap();
    assert!(info.first_run);
    assert!(!info.demo);
    assert_eq!(info.operator.name, "IPP");
    assert_eq!(info.operator.phone, "03 450 51");
    assert_eq!(s.core.portal_info().kind, PortalKind::None);
    assert!(s.core.portal_info().switchable);
    assert!(!s.core.session_info().await.signed_in);

    // "Kokeile demoa": the embedded portal, marked as the demo.
    let info = s.core.choose_portal(PortalChoice::Demo).await.unwrap();
    assert!(info.demo && !info.first_run);
    assert!(!info.demo_accounts.is_empty());
    let p = s.core.portal_info();
    assert_eq!(p.kind, PortalKind::Demo);
    assert_eq!(p.key_fingerprints.len(), 1);
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), false)
        .await
        .unwrap();

    // Switch to the operator's portal: its pinned key, its name; the demo session stays behind.
    let info = s.core.choose_portal(PortalChoice::Operator).await.unwrap();
    assert!(!info.demo);
    assert_eq!(info.portal_url, server.base_url());
    assert!(!s.core.session_info().await.signed_in);
    let p = s.core.portal_info();
    assert_eq!(p.kind, PortalKind::Operator);
    assert_eq!(p.name, "IPP");
    assert_eq!(p.key_fingerprints, vec![portal_client::key_id(&key)]);
    assert_eq!(p.key_fingerprints[0], server.signing_key().key_id);
    s.core
        .sign_in(demo::FAMILY.email, demo::FAMILY.password.into(), false)
        .await
        .unwrap();
    assert_eq!(s.core.contact().await.unwrap().phone, "03 450 51");
    let settings: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dirs(tmp.path()).config.join("settings.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(settings["portal_choice"], "operator");
    drop(s);

    // The next start remembers the choice: no welcome view.
    let s = core(plain_launch(tmp.path()), tmp.path(), store.clone());
    let info = s.core.app_info().await.unwrap();
    assert!(!info.first_run && !info.demo);
    assert_eq!(info.portal_url, server.base_url());
    server.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_operator_portal_changes_nothing_and_the_demo_still_works() {
    let tmp = tempfile::tempdir().unwrap();
    // A port nobody listens on.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    use_test_profile(tmp.path(), &dead, &[]);
    let s = core(
        plain_launch(tmp.path()),
        tmp.path(),
        Arc::new(MemoryStore::new()),
    );
    let err = s
        .core
        .choose_portal(PortalChoice::Operator)
        .await
        .unwrap_err();
    assert!(err.code().is_offline(), "{err:?}");
    assert!(s.core.app_info().await.unwrap().first_run);
    assert!(!dirs(tmp.path()).config.join("settings.json").exists());
    // The customer service link of the profile can be opened even now.
    s.core.open_link("tel:+358345051").await.unwrap();
    assert!(s.core.choose_portal(PortalChoice::Demo).await.unwrap().demo);
}

#[tokio::test]
async fn a_portal_chosen_at_launch_skips_the_welcome_and_cannot_be_switched() {
    let tmp = tempfile::tempdir().unwrap();
    let server = portal(tmp.path()).await;
    let s = core(
        launch_for(&server, tmp.path()),
        tmp.path(),
        Arc::new(MemoryStore::new()),
    );
    assert!(!s.core.app_info().await.unwrap().first_run);
    let p = s.core.portal_info();
    assert!(!p.switchable);
    assert_eq!(
        p.key_fingerprints,
        vec![portal_client::key_id(&server.public_key_bytes())]
    );
    assert_eq!(
        s.core
            .choose_portal(PortalChoice::Demo)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::ValidationFailed
    );
    server.shutdown().await;
}
