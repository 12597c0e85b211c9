//! The client against the real portal server, through a fault-injecting
//! proxy.

mod support;

use portal_api::{ErrorCode, FeedbackRequest, FeedbackTopic, OrderRequest, Os, ProductKind};
use portal_client::{
    new_idempotency_key, ClientError, FeedbackOutcome, MemoryStore, PortalClient, SessionEvent,
};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::*;

const MIB: u64 = 1024 * 1024;

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "http://oma.example.fi/",
        "http://192.168.1.20:8787",
        "ftp://x.fi/",
    ] {
        let err = PortalClient::new(
            support::config(url, dir.path(), None),
            Arc::new(MemoryStore::new()),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::InsecureUrl, "{url}");
    }
    assert!(PortalClient::new(
        support::config("https://oma.example.fi/", dir.path(), None),
        Arc::new(MemoryStore::new())
    )
    .is_ok());
}

#[tokio::test]
async fn every_endpoint_is_typed_and_errors_keep_their_codes() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let c = client(&srv.base_url(), dir.path(), Some(srv.public_key_bytes()));

    assert_eq!(c.health().await.unwrap().status, "ok");
    assert!(!c.catalogue().await.unwrap().products.is_empty());
    assert!(!c.contact().await.unwrap().phone.is_empty());
    let key = c.signing_key().await.unwrap();
    assert_eq!(
        portal_client::decode_public_key(&key.public_key).unwrap(),
        srv.public_key_bytes()
    );

    // Signed out: authorized calls say so.
    assert_eq!(c.customer().await.unwrap_err().code, ErrorCode::NotSignedIn);
    let wrong = c
        .sign_in(FAMILY.email, "Wrong-Password-1".into(), false)
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
    assert!(!format!("{wrong:?}").contains("Wrong-Password-1"));

    let outcome = c
        .sign_in(FAMILY.email, FAMILY.password.into(), false)
        .await
        .unwrap();
    assert!(!outcome.remembered);
    assert!(c.is_signed_in().await);
    let me = c.customer().await.unwrap();
    assert_eq!(me.email, FAMILY.email);
    let list = c.services().await.unwrap();
    assert!(!list.services.is_empty());
    let first = c.service(list.services[0].id).await.unwrap();
    assert_eq!(first.id, list.services[0].id);
    assert_eq!(
        c.service(987_654).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    let billing = c.billing().await.unwrap();
    assert_eq!(billing.monthly_total_cents, list.monthly_total_cents);
    let bad_email = c.change_email("not-an-email").await.unwrap_err();
    assert_eq!(bad_email.code, ErrorCode::InvalidEmail);

    c.sign_out().await.unwrap();
    assert!(!c.is_signed_in().await);
    assert_eq!(c.services().await.unwrap_err().code, ErrorCode::NotSignedIn);
    srv.shutdown().await;
}

#[tokio::test]
async fn ten_concurrent_calls_with_an_expired_token_refresh_once() {
    let srv = server(64 * 1024, Duration::from_secs(1)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let dir = tempfile::tempdir().unwrap();
    let c = client(&proxy.url(), dir.path(), None);
    signed_in(&c).await;
    tokio::time::sleep(Duration::from_millis(1300)).await;
    proxy.clear_log();
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move { c.customer().await }));
    }
    for t in tasks {
        t.await.unwrap().expect("call succeeds after the refresh");
    }
    assert_eq!(proxy.count("POST", "/api/v1/session/refresh"), 1);
    srv.shutdown().await;
}

#[tokio::test]
async fn a_refused_refresh_signs_out_but_a_5xx_or_offline_does_not() {
    let srv = server(64 * 1024, Duration::from_secs(1)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let dir = tempfile::tempdir().unwrap();
    let c = client(&proxy.url(), dir.path(), None);
    let mut events = c.subscribe();
    signed_in(&c).await;
    assert!(matches!(
        events.recv().await.unwrap(),
        SessionEvent::SignedIn { .. }
    ));
    tokio::time::sleep(Duration::from_millis(1200)).await;

    // 5xx on refresh: an error, still signed in, no event.
    proxy.fault(
        Some("POST"),
        "/api/v1/session/refresh",
        Fault::Status {
            status: 503,
            retry_after: None,
        },
        1,
    );
    let e = c.customer().await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    assert!(c.is_signed_in().await);

    // Offline during refresh: same.
    proxy.set_down(true);
    let e = c.customer().await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Offline);
    assert!(c.is_signed_in().await);
    proxy.set_down(false);
    assert!(
        events.try_recv().is_err(),
        "no session event for network trouble"
    );

    // Back online: the refresh works.
    c.customer().await.unwrap();

    // The portal revokes the session (password changed elsewhere): the
    // refresh is refused, and only that signs out.
    let other = client(&srv.base_url(), dir.path(), None);
    signed_in(&other).await;
    other
        .change_password(FAMILY.password.into(), "Uusi-Salasana-2026".into())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let e = c.customer().await.unwrap_err();
    assert!(
        matches!(e.code, ErrorCode::InvalidGrant | ErrorCode::Unauthorized),
        "{e:?}"
    );
    assert!(!c.is_signed_in().await);
    assert_eq!(events.recv().await.unwrap(), SessionEvent::Expired);
    srv.shutdown().await;
}

#[tokio::test]
async fn retries_5xx_429_and_honours_retry_after_in_both_forms() {
    let Harness {
        srv,
        proxy,
        dir: _dir,
        c,
    } = Harness::signed_in().await;

    // A burst of 500s and 503s is retried away.
    proxy.fault(
        Some("GET"),
        "/api/v1/services",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        2,
    );
    proxy.fault(
        Some("GET"),
        "/api/v1/services",
        Fault::Status {
            status: 503,
            retry_after: None,
        },
        1,
    );
    proxy.clear_log();
    c.services().await.unwrap();
    assert_eq!(proxy.count("GET", "/api/v1/services"), 4);

    // Retry-After in seconds.
    proxy.fault(
        Some("GET"),
        "/api/v1/billing",
        Fault::Status {
            status: 503,
            retry_after: Some("1".into()),
        },
        1,
    );
    let t = Instant::now();
    c.billing().await.unwrap();
    assert!(
        t.elapsed() >= Duration::from_millis(950),
        "{:?}",
        t.elapsed()
    );

    // Retry-After as an HTTP date (2 s ahead; 1-second resolution).
    let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    proxy.fault(
        Some("GET"),
        "/api/v1/customer",
        Fault::Status {
            status: 429,
            retry_after: Some(when),
        },
        1,
    );
    let t = Instant::now();
    c.customer().await.unwrap();
    assert!(
        t.elapsed() >= Duration::from_millis(900),
        "{:?}",
        t.elapsed()
    );

    // A Retry-After beyond the cap is not waited for: the error carries it.
    proxy.fault(
        Some("GET"),
        "/api/v1/customer",
        Fault::Status {
            status: 429,
            retry_after: Some("3600".into()),
        },
        1,
    );
    let t = Instant::now();
    let e = c.customer().await.unwrap_err();
    assert_eq!(e.code, ErrorCode::RateLimited);
    assert_eq!(e.retry_after, Some(3600));
    assert!(t.elapsed() < Duration::from_secs(2));

    // Never more than max_retries + 1 attempts.
    proxy.clear_faults();
    proxy.fault(
        Some("GET"),
        "/api/v1/services",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        10,
    );
    proxy.clear_log();
    assert_eq!(c.services().await.unwrap_err().code, ErrorCode::Internal);
    assert_eq!(proxy.count("GET", "/api/v1/services"), 4);
    srv.shutdown().await;
}

#[tokio::test]
async fn a_malformed_body_is_a_malformed_response() {
    let Harness {
        srv,
        proxy,
        dir: _dir,
        c,
    } = Harness::signed_in().await;
    proxy.fault(Some("GET"), "/api/v1/services", Fault::Malformed, 1);
    let e = c.services().await.unwrap_err();
    assert_eq!(e.code, ErrorCode::MalformedResponse);
    // A cut JSON body is a broken connection, retried.
    proxy.fault(Some("GET"), "/api/v1/customer", Fault::CutAfter(10), 1);
    c.customer().await.unwrap();
    srv.shutdown().await;
}

#[tokio::test]
async fn an_order_retried_after_a_timeout_exists_once() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = support::config(&proxy.url(), dir.path(), None);
    cfg.timeouts.request = Duration::from_millis(1500);
    let c = support::client_with(cfg, Arc::new(MemoryStore::new()));
    signed_in(&c).await;

    let owned: Vec<String> = c
        .services()
        .await
        .unwrap()
        .services
        .into_iter()
        .map(|s| s.product_id)
        .collect();
    let catalogue = c.catalogue().await.unwrap();
    let product = catalogue
        .products
        .iter()
        .find(|p| {
            matches!(
                p.kind,
                ProductKind::TvPackage | ProductKind::PayChannel | ProductKind::Broadband
            ) && p.mix.is_none()
                && !owned.contains(&p.id)
        })
        .expect("an orderable product");

    // The portal takes the order, but the answer arrives too late.
    proxy.fault(
        Some("POST"),
        "/api/v1/orders",
        Fault::Delay(Duration::from_millis(3000)),
        1,
    );
    proxy.clear_log();
    let key = new_idempotency_key();
    let order = OrderRequest {
        product_id: product.id.clone(),
        replaces_service_id: None,
        mix_channels: None,
    };
    let receipt = c.place_order(&order, &key).await.unwrap();
    assert!(
        proxy.count("POST", "/api/v1/orders") >= 2,
        "the order was retried"
    );
    // The user presses "Tilaa" again with the same action: same receipt.
    let again = c.place_order(&order, &key).await.unwrap();
    assert_eq!(again.order_id, receipt.order_id);
    let count = c
        .services()
        .await
        .unwrap()
        .services
        .iter()
        .filter(|s| s.product_id == product.id)
        .count();
    assert_eq!(count, 1);
    srv.shutdown().await;
}

async fn feedback_rows(db: &std::path::Path) -> i64 {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", db.display()))
        .await
        .unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM feedback")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn the_outbox_survives_a_restart_and_delivers_exactly_once() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let dir = tempfile::tempdir().unwrap();
    let before = feedback_rows(srv.db_path()).await;
    let req = FeedbackRequest {
        topic: FeedbackTopic::Technical,
        message: "Asennus ei käynnisty.".into(),
        contact_me: true,
        contact_email: Some("perhe@example.fi".into()),
        contact_phone: None,
        service_id: None,
    };
    {
        let c = client(&proxy.url(), dir.path(), None);
        signed_in(&c).await;
        // The portal stores it, but the answer is lost: 2 cuts exhaust
        // nothing yet, so make it fail for good with 503s after that.
        proxy.fault(Some("POST"), "/api/v1/feedback", Fault::CutAfter(0), 1);
        proxy.fault(
            Some("POST"),
            "/api/v1/feedback",
            Fault::Status {
                status: 503,
                retry_after: None,
            },
            10,
        );
        let out = c.submit_feedback(req.clone()).await.unwrap();
        assert!(matches!(out, FeedbackOutcome::Queued { .. }), "{out:?}");
        assert_eq!(c.pending_feedback().await.len(), 1);
        // What the portal would refuse is refused at once, with the field
        // named, and never queued.
        proxy.clear_faults();
        let too_long = FeedbackRequest {
            message: "x".repeat(portal_api::FEEDBACK_MESSAGE_MAX_CHARS + 1),
            ..req.clone()
        };
        let e = c.submit_feedback(too_long).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::MessageLength);
        assert_eq!(e.field.as_deref(), Some("message"));
        assert_eq!(c.pending_feedback().await.len(), 1);
    }
    // The outbox file holds no token.
    for f in std::fs::read_dir(dir.path().join("outbox")).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        assert!(!text.to_lowercase().contains("token"), "{text}");
        assert!(!text.contains(FAMILY.password));
    }
    // "Restart": a new client instance on the same data dir.
    let c2 = client(&proxy.url(), dir.path(), None);
    signed_in(&c2).await;
    let report = c2.flush_outbox().await.unwrap();
    assert_eq!(report.sent.len(), 1);
    assert_eq!(report.remaining, 0);
    assert!(c2.pending_feedback().await.is_empty());
    let report = c2.flush_outbox().await.unwrap();
    assert!(report.sent.is_empty());
    assert_eq!(feedback_rows(srv.db_path()).await, before + 1);

    // Sent directly when the portal answers.
    let out = c2.submit_feedback(req).await.unwrap();
    assert!(matches!(out, FeedbackOutcome::Sent { .. }));
    assert_eq!(feedback_rows(srv.db_path()).await, before + 2);
    srv.shutdown().await;
}

#[tokio::test]
async fn the_cache_serves_offline_and_survives_a_corrupt_file() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let c = support::client_with(
        support::config(&proxy.url(), dir.path(), None),
        store.clone(),
    );
    c.sign_in(FAMILY.email, FAMILY.password.into(), true)
        .await
        .unwrap();

    let fresh = c.services_cached().await.unwrap();
    assert!(!fresh.from_cache);
    c.customer_cached().await.unwrap();
    c.catalogue_cached().await.unwrap();
    let peek = c.peek_services(FAMILY.email).unwrap();
    assert_eq!(peek.data, fresh.data);
    assert!(peek.from_cache);

    // Offline: the saved copy, with its time.
    let online = c.connectivity();
    assert!(*online.borrow());
    proxy.set_down(true);
    let cached = c.services_cached().await.unwrap();
    assert!(cached.from_cache);
    assert!(!*online.borrow());
    assert_eq!(cached.data, fresh.data);
    assert_eq!(cached.fetched_at, fresh.fetched_at);

    // A new app start while offline: restore fails softly, cache answers.
    let c2 = support::client_with(
        support::config(&proxy.url(), dir.path(), None),
        store.clone(),
    );
    let e = c2.restore_session().await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Offline);
    assert!(c2.is_signed_in().await);
    assert!(c2.customer_cached().await.unwrap().from_cache);

    // A corrupt file is ignored, never fatal, and rebuilt.
    let path = c
        .cache()
        .path(FAMILY.email, portal_client::CacheKind::Services);
    std::fs::write(&path, b"\x00\x01 garbage {").unwrap();
    assert!(c.peek_services(FAMILY.email).is_none());
    assert_eq!(
        c.services_cached().await.unwrap_err().code,
        ErrorCode::Offline
    );
    proxy.set_down(false);
    assert!(!c.services_cached().await.unwrap().from_cache);
    assert!(*online.borrow());
    proxy.set_down(true);
    assert!(c.services_cached().await.unwrap().from_cache);
    srv.shutdown().await;
}

// ---------------------------------------------------------------------------
// downloads

async fn manifest_of(c: &PortalClient) -> portal_api::SignedManifest {
    c.services()
        .await
        .unwrap()
        .services
        .into_iter()
        .find_map(|s| s.security)
        .expect("FAMILY has Turvapaketti")
        .manifest
}

fn sha256_hex(path: &std::path::Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[tokio::test]
async fn a_cut_download_resumes_and_fetches_only_the_missing_tail() {
    let size = 2 * MIB;
    let srv = server(size, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let data = tempfile::tempdir().unwrap();
    let c = client(&proxy.url(), data.path(), Some(srv.public_key_bytes()));
    signed_in(&c).await;
    let manifest = manifest_of(&c).await;
    let inst =
        portal_client::verified_installer(&manifest, &[srv.public_key_bytes()], Os::Linux).unwrap();

    for cut in [1_000u64, 65_537, size / 2, size - 1] {
        let dest = tempfile::tempdir().unwrap();
        proxy.clear_log();
        proxy.fault(Some("GET"), "/api/v1/installers/", Fault::CutAfter(cut), 1);
        let resumed = std::sync::Mutex::new(Vec::new());
        let path = c
            .download_installer(
                &manifest,
                Os::Linux,
                dest.path(),
                |p| resumed.lock().unwrap().push(p.resumed_from),
                Default::default(),
            )
            .await
            .unwrap();
        assert_eq!(sha256_hex(&path), inst.sha256);
        assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
        let log: Vec<_> = proxy
            .log()
            .into_iter()
            .filter(|l| l.path.starts_with("/api/v1/installers/"))
            .collect();
        assert_eq!(log.len(), 2, "cut at {cut}: one resume");
        let range = log[1].range.clone().expect("the resume asks for a range");
        let start: u64 = range
            .trim_start_matches("bytes=")
            .trim_end_matches('-')
            .parse()
            .unwrap();
        assert!(start > 0 && start <= cut, "cut {cut}, resumed at {start}");
        assert_eq!(log[1].status, 206);
        // Only the missing tail crossed the wire again.
        assert_eq!(
            proxy.body_bytes("/api/v1/installers/"),
            log[0].body_bytes.load(std::sync::atomic::Ordering::SeqCst) + (size - start)
        );
        assert!(resumed.lock().unwrap().contains(&start));
        assert_eq!(leftovers(dest.path()), vec![inst.file_name.clone()]);
    }

    // Several cuts in one download: resumed each time.
    let dest = tempfile::tempdir().unwrap();
    proxy.clear_log();
    for cut in [300_000u64, 200_000, 100_000] {
        proxy.fault(Some("GET"), "/api/v1/installers/", Fault::CutAfter(cut), 1);
    }
    let path = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(sha256_hex(&path), inst.sha256);
    assert_eq!(proxy.body_bytes("/api/v1/installers/"), size);
    srv.shutdown().await;
}

#[tokio::test]
async fn cancel_keeps_the_part_and_a_later_call_resumes() {
    let size = 4 * MIB;
    let srv = server(size, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let data = tempfile::tempdir().unwrap();
    let c = client(&proxy.url(), data.path(), Some(srv.public_key_bytes()));
    signed_in(&c).await;
    let manifest = manifest_of(&c).await;
    let dest = tempfile::tempdir().unwrap();
    // Slow the body down so the cancel lands mid-way.
    proxy.fault(
        Some("GET"),
        "/api/v1/installers/",
        Fault::CutAfter(MIB + 123),
        1,
    );
    let cancel = portal_client::CancellationToken::new();
    let cc = cancel.clone();
    let err = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            move |p| {
                if p.downloaded >= MIB / 2 {
                    cc.cancel();
                }
            },
            cancel,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Cancelled);
    let names = leftovers(dest.path());
    assert!(names.iter().any(|n| n.ends_with(".part")), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".bin")), "{names:?}");
    proxy.clear_faults();
    proxy.clear_log();
    let path = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().len(), size);
    assert!(proxy.log()[0].range.is_some());
    assert!(proxy.body_bytes("/api/v1/installers/") < size);
    srv.shutdown().await;
}

#[tokio::test]
async fn a_tampered_file_or_manifest_is_rejected_and_no_final_file_appears() {
    use base64::Engine;
    let size = MIB;
    let srv = server(size, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let data = tempfile::tempdir().unwrap();
    let c = client(&proxy.url(), data.path(), Some(srv.public_key_bytes()));
    signed_in(&c).await;
    let manifest = manifest_of(&c).await;

    // A flipped byte in the body.
    let dest = tempfile::tempdir().unwrap();
    proxy.fault(
        Some("GET"),
        "/api/v1/installers/",
        Fault::FlipByte(size / 3),
        1,
    );
    let e = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::VerificationFailed);
    assert!(
        leftovers(dest.path()).is_empty(),
        "{:?}",
        leftovers(dest.path())
    );

    // A tampered manifest payload (another hash), or signature, or key.
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut m: portal_api::InstallerManifest =
        serde_json::from_slice(&b64.decode(&manifest.payload).unwrap()).unwrap();
    for i in &mut m.installers {
        i.sha256 = "00".repeat(32);
    }
    let mut tampered = manifest.clone();
    tampered.payload = b64.encode(serde_json::to_vec(&m).unwrap());
    let mut bad_sig = manifest.clone();
    let mut sig = b64.decode(&manifest.signature).unwrap();
    sig[0] ^= 1;
    bad_sig.signature = b64.encode(sig);
    for (name, m) in [("payload", tampered), ("signature", bad_sig)] {
        let e = c
            .download_installer(&m, Os::Linux, dest.path(), |_| {}, Default::default())
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::VerificationFailed, "{name}");
    }
    // Signed by a key the client does not pin: refused as untrusted.
    let wrong_key = client(&proxy.url(), data.path(), Some([9u8; 32]));
    signed_in(&wrong_key).await;
    let e = wrong_key
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::UntrustedKey);
    let unpinned = client(&proxy.url(), data.path(), None);
    let e = unpinned
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::VerificationFailed);
    assert!(leftovers(dest.path()).is_empty());

    // No installer for that OS.
    let e = c
        .download_installer(&manifest, Os::Ios, dest.path(), |_| {}, Default::default())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NoInstallerForOs);

    // A stale .part of another file is discarded, not trusted.
    let inst =
        portal_client::verified_installer(&manifest, &[srv.public_key_bytes()], Os::Linux).unwrap();
    std::fs::write(
        dest.path().join(format!("{}.part", inst.file_name)),
        vec![7u8; 1000],
    )
    .unwrap();
    let path = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(sha256_hex(&path), inst.sha256);

    // An intact final file is re-verified without the network; a changed
    // one is fetched again.
    proxy.clear_log();
    let again = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(again, path);
    assert_eq!(proxy.count("GET", &inst.url), 0);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&path, bytes).unwrap();
    let again = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(sha256_hex(&again), inst.sha256);
    assert_eq!(proxy.count("GET", &inst.url), 1);
    srv.shutdown().await;
}

#[tokio::test]
async fn errors_serialize_as_the_portal_envelope() {
    let e = ClientError::new(ErrorCode::Offline, "x");
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        serde_json::json!({"code": "offline", "message": "x"})
    );
}

#[tokio::test]
async fn sign_out_forgets_the_session_even_offline() {
    use portal_client::SessionStore;
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let c = support::client_with(
        support::config(&proxy.url(), dir.path(), None),
        store.clone(),
    );
    let out = c
        .sign_in(FAMILY.email, FAMILY.password.into(), true)
        .await
        .unwrap();
    assert!(out.remembered);
    assert!(store.load().unwrap().is_some());
    // Online sign-out revokes on the portal.
    proxy.clear_log();
    c.sign_out().await.unwrap();
    assert_eq!(proxy.count("DELETE", "/api/v1/session"), 1);
    assert!(store.load().unwrap().is_none());

    // Offline sign-out still forgets everything locally.
    c.sign_in(FAMILY.email, FAMILY.password.into(), true)
        .await
        .unwrap();
    proxy.set_down(true);
    c.sign_out().await.unwrap();
    assert!(!c.is_signed_in().await);
    assert!(store.load().unwrap().is_none());
    proxy.set_down(false);
    let c2 = support::client_with(
        support::config(&proxy.url(), dir.path(), None),
        store.clone(),
    );
    assert!(!c2.restore_session().await.unwrap());
    srv.shutdown().await;
}

#[tokio::test]
async fn secrets_never_appear_in_debug_output() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let c = support::client_with(
        support::config(&srv.base_url(), dir.path(), None),
        store.clone(),
    );
    c.sign_in(FAMILY.email, FAMILY.password.into(), true)
        .await
        .unwrap();
    let stored = portal_client::SessionStore::load(store.as_ref())
        .unwrap()
        .unwrap();
    let token = stored.refresh_token.expose().to_string();
    let text = format!("{c:?} {stored:?} {store:?}");
    assert!(!text.contains(&token), "{text}");
    assert!(!text.contains(FAMILY.password), "{text}");
    srv.shutdown().await;
}

#[tokio::test]
async fn a_changed_etag_or_a_416_on_resume_starts_over_cleanly() {
    let size = MIB;
    let srv = server(size, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let data = tempfile::tempdir().unwrap();
    let mut cfg = support::config(&proxy.url(), data.path(), Some(srv.public_key_bytes()));
    cfg.retry.download_retries = 0; // stop after the cut, to tamper with the .part.meta
    let c = support::client_with(cfg, Arc::new(MemoryStore::new()));
    signed_in(&c).await;
    let manifest = manifest_of(&c).await;
    let inst =
        portal_client::verified_installer(&manifest, &[srv.public_key_bytes()], Os::Linux).unwrap();
    let dest = tempfile::tempdir().unwrap();
    let meta = dest.path().join(format!("{}.part.meta", inst.file_name));

    // 1. Cut; then the file "changes" (another ETag): If-Range makes the
    //    portal send 200 with the whole file, and the client starts over.
    proxy.fault(
        Some("GET"),
        "/api/v1/installers/",
        Fault::CutAfter(size / 2),
        1,
    );
    let e = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    let text = std::fs::read_to_string(&meta).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["etag"] = serde_json::json!("\"an-older-version\"");
    std::fs::write(&meta, v.to_string()).unwrap();
    proxy.clear_log();
    let path = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(sha256_hex(&path), inst.sha256);
    let log = proxy.log();
    assert!(log[0].range.is_some());
    assert_eq!(log[0].status, 200, "If-Range mismatch → the whole file");
    assert_eq!(proxy.body_bytes("/api/v1/installers/"), size);
    std::fs::remove_file(&path).unwrap();

    // 2. Cut; then the resume gets 416: start over from 0.
    proxy.fault(
        Some("GET"),
        "/api/v1/installers/",
        Fault::CutAfter(size / 3),
        1,
    );
    assert!(c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default()
        )
        .await
        .is_err());
    proxy.fault(
        Some("GET"),
        "/api/v1/installers/",
        Fault::Status {
            status: 416,
            retry_after: None,
        },
        1,
    );
    proxy.clear_log();
    let path = c
        .download_installer(
            &manifest,
            Os::Linux,
            dest.path(),
            |_| {},
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(sha256_hex(&path), inst.sha256);
    let log = proxy.log();
    assert_eq!(log.len(), 2);
    assert!(log[0].range.is_some() && log[0].status == 416);
    assert!(log[1].range.is_none() && log[1].status == 200);
    assert_eq!(leftovers(dest.path()), vec![inst.file_name.clone()]);
    srv.shutdown().await;
}

/// The portal stores the feedback but its answer is cut: the item is kept and
/// resent with the same idempotency key, and the portal has it once. (The
/// end-to-end `test_faults.py::test_6` covers the cut after the 201 headers.)
#[tokio::test]
async fn feedback_whose_answer_is_cut_mid_body_is_stored_once() {
    let Harness {
        srv,
        proxy,
        dir: _dir,
        c,
    } = Harness::signed_in().await;
    let before = feedback_rows(srv.db_path()).await;
    proxy.fault(Some("POST"), "/api/v1/feedback", Fault::CutAfter(0), 1);
    let req = FeedbackRequest {
        topic: FeedbackTopic::General,
        message: "Vastaus katkesi kesken.".into(),
        contact_me: false,
        contact_email: None,
        contact_phone: None,
        service_id: None,
    };
    let out = c.submit_feedback(req).await.unwrap();
    if matches!(out, FeedbackOutcome::Queued { .. }) {
        c.flush_outbox().await.unwrap();
    }
    assert!(c.pending_feedback().await.is_empty());
    assert_eq!(feedback_rows(srv.db_path()).await, before + 1);
    assert!(
        proxy.count("POST", "/api/v1/feedback") >= 2,
        "resent after the cut"
    );
}

// ---------------------------------------------------------------------------
// nothing lost: feedback the portal refuses, and sign-out

fn termination(phone: &str) -> FeedbackRequest {
    FeedbackRequest {
        topic: FeedbackTopic::Termination,
        message: "Irtisanon laajakaistan 31.12.".into(),
        contact_me: true,
        contact_email: Some("perhe@example.fi".into()),
        contact_phone: Some(phone.into()),
        service_id: None,
    }
}

fn outbox_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("outbox"))
        .map(|rd| rd.count())
        .unwrap_or(0)
}

/// The reproduction of "a termination notice written offline can vanish":
/// with the portal stopped, a phone the portal would refuse is refused at
/// once (nothing queued); a valid notice is queued and delivered once.
#[tokio::test]
async fn offline_feedback_is_checked_before_it_is_queued() {
    let Harness { srv, proxy, dir, c } = Harness::signed_in().await;
    let before = feedback_rows(srv.db_path()).await;
    proxy.set_down(true);

    let e = c.submit_feedback(termination("123")).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidPhone);
    assert_eq!(e.field.as_deref(), Some("contact_phone"));
    assert_eq!(outbox_files(dir.path()), 0, "nothing queued");
    assert_eq!(proxy.count("POST", "/api/v1/feedback"), 0, "nothing sent");

    let out = c
        .submit_feedback(termination("040 123 4567"))
        .await
        .unwrap();
    assert!(matches!(out, FeedbackOutcome::Queued { .. }), "{out:?}");
    proxy.set_down(false);
    let report = c.flush_outbox().await.unwrap();
    assert_eq!(report.sent.len(), 1);
    assert!(report.needs_attention.is_empty());
    assert_eq!(feedback_rows(srv.db_path()).await, before + 1);
    assert_eq!(outbox_files(dir.path()), 0);
    srv.shutdown().await;
}

/// A queued item the portal refuses (an older version queued it under other
/// rules; the service it names is gone) is never deleted: it needs the
/// user's attention, is not resent on its own, and goes once edited — or is
/// removed only when the user discards it.
#[tokio::test]
async fn feedback_the_portal_refuses_is_kept_until_the_user_decides() {
    let Harness { srv, proxy, dir, c } = Harness::signed_in().await;
    let before = feedback_rows(srv.db_path()).await;

    // Queued while offline; one names a service that no longer exists.
    proxy.set_down(true);
    let Ok(FeedbackOutcome::Queued { local_id: gone }) = c
        .submit_feedback(FeedbackRequest {
            service_id: Some(987_654),
            ..termination("040 123 4567")
        })
        .await
    else {
        panic!("queued");
    };
    // The reproduction: an outbox file with phone "123", as a version
    // without the shared rules wrote it.
    let legacy_id = "0b5c2c53-0000-4000-8000-000000000123";
    std::fs::write(
        dir.path().join("outbox").join(format!("{legacy_id}.json")),
        serde_json::json!({
            "version": 1,
            "local_id": legacy_id,
            "idempotency_key": "legacy-key-123",
            "account": FAMILY.email,
            "created_at": "2026-11-20T10:00:00Z",
            "request": serde_json::to_value(termination("123")).unwrap(),
        })
        .to_string(),
    )
    .unwrap();
    assert_eq!(c.pending_feedback().await.len(), 2);

    // The portal returns: both are refused, both kept with the reason.
    proxy.set_down(false);
    let report = c.flush_outbox().await.unwrap();
    assert!(report.sent.is_empty());
    let mut refused: Vec<_> = report
        .needs_attention
        .iter()
        .map(|(id, e)| (id.clone(), e.code.as_str()))
        .collect();
    refused.sort();
    let mut want = vec![
        (gone.clone(), ErrorCode::NotFound.as_str()),
        (legacy_id.to_string(), ErrorCode::InvalidPhone.as_str()),
    ];
    want.sort();
    assert_eq!(refused, want);
    let pending = c.pending_feedback().await;
    assert_eq!(pending.len(), 2);
    let legacy = pending.iter().find(|i| i.local_id == legacy_id).unwrap();
    let reason = legacy.attention.as_ref().expect("needs attention");
    assert_eq!(reason.error.code, ErrorCode::InvalidPhone);
    assert_eq!(reason.error.field.as_deref(), Some("contact_phone"));
    assert_eq!(outbox_files(dir.path()), 2, "never deleted");

    // Not resent on its own (it would only be refused again).
    let posts = proxy.count("POST", "/api/v1/feedback");
    let report = c.flush_outbox().await.unwrap();
    assert!(report.sent.is_empty() && report.needs_attention.is_empty());
    assert_eq!(proxy.count("POST", "/api/v1/feedback"), posts);

    // An edit that is still wrong is refused at once and the item stays.
    let e = c
        .resend_feedback(legacy_id, termination("12"))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidPhone);
    assert_eq!(c.pending_feedback().await.len(), 2);

    // Corrected and resent: delivered once, then gone from the outbox.
    let out = c
        .resend_feedback(legacy_id, termination("+358 40 123 4567"))
        .await
        .unwrap();
    assert!(matches!(out, FeedbackOutcome::Sent { .. }), "{out:?}");
    assert_eq!(feedback_rows(srv.db_path()).await, before + 1);
    c.flush_outbox().await.unwrap();
    assert_eq!(
        feedback_rows(srv.db_path()).await,
        before + 1,
        "exactly once"
    );
    assert_eq!(c.pending_feedback().await.len(), 1);

    // The other one only on the user's explicit discard.
    c.discard_feedback(&gone).await.unwrap();
    assert!(c.pending_feedback().await.is_empty());
    assert_eq!(outbox_files(dir.path()), 0);
    assert_eq!(
        c.discard_feedback(&gone).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    srv.shutdown().await;
}

/// Sign-out removes every cached file of the account (and nothing of another
/// account); queued feedback stays and is sent after the next sign-in.
#[tokio::test]
async fn sign_out_removes_the_accounts_cache_but_keeps_its_queued_feedback() {
    let Harness { srv, proxy, dir, c } = Harness::signed_in().await;
    c.services_cached().await.unwrap();
    c.customer_cached().await.unwrap();
    c.catalogue_cached().await.unwrap();
    let me = c.customer().await.unwrap();
    let cache_dir = dir.path().join("cache");
    assert_eq!(std::fs::read_dir(&cache_dir).unwrap().count(), 3);
    let before = feedback_rows(srv.db_path()).await;
    proxy.set_down(true);
    let out = c
        .submit_feedback(termination("040 123 4567"))
        .await
        .unwrap();
    assert!(matches!(out, FeedbackOutcome::Queued { .. }));

    c.sign_out().await.unwrap();
    assert_eq!(std::fs::read_dir(&cache_dir).unwrap().count(), 0);
    for entry in walk(dir.path()) {
        if entry.starts_with(dir.path().join("outbox")) {
            continue; // the user chose to keep it
        }
        let text = String::from_utf8_lossy(&std::fs::read(&entry).unwrap()).into_owned();
        assert!(
            !text.contains(&me.name) && !text.contains(&me.email),
            "{} keeps personal data",
            entry.display()
        );
    }
    assert!(
        c.pending_feedback().await.is_empty(),
        "signed out: none shown"
    );

    proxy.set_down(false);
    signed_in(&c).await;
    assert_eq!(c.pending_feedback().await.len(), 1);
    assert_eq!(c.flush_outbox().await.unwrap().sent.len(), 1);
    assert_eq!(feedback_rows(srv.db_path()).await, before + 1);
    srv.shutdown().await;
}

/// The same email on two portals never shares cached data.
#[tokio::test]
async fn the_cache_is_keyed_by_portal_and_account() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let a = client(&srv.base_url(), dir.path(), None);
    signed_in(&a).await;
    a.services_cached().await.unwrap();
    let other_portal = support::client_with(
        support::config(&dead_url().await, dir.path(), None),
        Arc::new(MemoryStore::new()),
    );
    assert!(a.peek_services(FAMILY.email).is_some());
    assert!(other_portal.peek_services(FAMILY.email).is_none());
    assert_ne!(
        a.cache()
            .path(FAMILY.email, portal_client::CacheKind::Services),
        other_portal
            .cache()
            .path(FAMILY.email, portal_client::CacheKind::Services)
    );
    srv.shutdown().await;
}

/// A portal answering 500 is up: an error, not "offline", and no cached
/// data pretending otherwise; a 503 from a gateway is offline.
#[tokio::test]
async fn a_500_is_an_error_not_offline() {
    let Harness {
        srv,
        proxy,
        dir: _dir,
        c,
    } = Harness::signed_in().await;
    c.services_cached().await.unwrap();
    let online = c.connectivity();
    let status = |status| Fault::Status {
        status,
        retry_after: None,
    };
    proxy.fault(Some("GET"), "/api/v1/services", status(500), 10);
    let e = c.services_cached().await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Internal);
    assert!(!e.is_offline());
    assert!(*online.borrow(), "a 500 does not make the app offline");
    proxy.clear_faults();
    proxy.fault(Some("GET"), "/api/v1/services", status(503), 10);
    let cached = c.services_cached().await.unwrap();
    assert!(cached.from_cache);
    assert!(!*online.borrow());
    srv.shutdown().await;
}

#[tokio::test]
async fn devices_are_listed_registered_up_to_the_limit_and_released() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let c = client(&srv.base_url(), dir.path(), None);
    signed_in(&c).await;
    let turva = c
        .services()
        .await
        .unwrap()
        .services
        .into_iter()
        .find(|s| s.product_id == "turvapaketti-5")
        .unwrap();
    let key = turva.security.unwrap().subscription_key;
    let list = c.devices(turva.id).await.unwrap();
    assert_eq!((list.devices.len(), list.devices_allowed), (3, 5));
    let reg = |name: &str| portal_api::DeviceRegistration {
        subscription_key: key.clone(),
        name: name.into(),
        os: Os::Linux,
        app_version: "1".into(),
        machine_id: None,
    };
    // Checked before sending.
    let e = c.register_device(&reg("")).await.unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::ValidationFailed, Some("name"))
    );
    let d4 = c.register_device(&reg("neljäs")).await.unwrap();
    c.register_device(&reg("viides")).await.unwrap();
    let e = c.register_device(&reg("kuudes")).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::DeviceLimitReached);
    c.release_device(d4.id).await.unwrap();
    c.release_device(d4.id).await.unwrap();
    assert_eq!(c.devices(turva.id).await.unwrap().devices.len(), 4);
    let e = c.release_device(999_999).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
}

/// Key rotation: the app pins the old and the new key; a portal signing with
/// either one is trusted, a portal signing with any other key is refused as
/// `untrusted_key` and nothing is downloaded.
#[tokio::test]
async fn key_rotation_trusts_every_pinned_key_and_refuses_an_unpinned_one() {
    let old_seed = [11u8; 32];
    let new_seed = [12u8; 32];
    let public = |seed: &[u8; 32]| {
        ed25519_dalek::SigningKey::from_bytes(seed)
            .verifying_key()
            .to_bytes()
    };
    let pinned = [public(&old_seed), public(&new_seed)];
    for (seed, trusted) in [(old_seed, true), (new_seed, true), ([13u8; 32], false)] {
        let srv = portal_server::spawn(portal_server::ServerConfig {
            installer_size: 64 * 1024,
            password_hash: portal_server::PasswordHashParams::INSECURE_FAST,
            signing_seed: Some(seed),
            ..Default::default()
        })
        .await
        .unwrap();
        let data = tempfile::tempdir().unwrap();
        let mut config = config(&srv.base_url(), data.path(), None);
        for k in pinned {
            config = config.with_pinned_key(k);
        }
        let c = client_with(config, Arc::new(MemoryStore::new()));
        signed_in(&c).await;
        let manifest = manifest_of(&c).await;
        let dest = tempfile::tempdir().unwrap();
        let r = c
            .download_installer(
                &manifest,
                Os::Linux,
                dest.path(),
                |_| {},
                Default::default(),
            )
            .await;
        if trusted {
            assert!(r.is_ok(), "{r:?}");
        } else {
            let e = r.unwrap_err();
            assert_eq!(e.code, ErrorCode::UntrustedKey);
            assert!(leftovers(dest.path()).is_empty());
            // The user sees a message for it in both languages.
            for lang in ["fi", "en"] {
                let ftl = std::fs::read_to_string(format!(
                    "{}/../../locales/{lang}/errors.ftl",
                    env!("CARGO_MANIFEST_DIR")
                ))
                .unwrap();
                assert!(ftl.contains("error-untrusted_key = "), "{lang}");
            }
        }
        srv.shutdown().await;
    }
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_the_emailed_link_once() {
    let mail = tempfile::tempdir().unwrap();
    let srv = portal_server::spawn(portal_server::ServerConfig {
        installer_size: 64 * 1024,
        password_hash: portal_server::PasswordHashParams::INSECURE_FAST,
        mail: portal_server::MailConfig {
            drop_dir: Some(mail.path().to_path_buf()),
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let c = client(&srv.base_url(), dir.path(), None);
    assert_eq!(
        c.request_password_reset("ei osoite", None)
            .await
            .unwrap_err()
            .code,
        ErrorCode::InvalidEmail
    );
    c.request_password_reset(FAMILY.email, Some("fi"))
        .await
        .unwrap();
    let token = portal_server::mail::wait_for_dropped_reset_token(mail.path())
        .await
        .expect("the reset email");
    assert_eq!(
        c.reset_password(&token, "heikko".into())
            .await
            .unwrap_err()
            .code,
        ErrorCode::WeakPassword
    );
    c.reset_password(&token, "Uusi-Salasana-2026".into())
        .await
        .unwrap();
    assert_eq!(
        c.reset_password(&token, "Uusi-Salasana-2027".into())
            .await
            .unwrap_err()
            .code,
        ErrorCode::ResetTokenUsed
    );
    c.sign_in(FAMILY.email, "Uusi-Salasana-2026".into(), false)
        .await
        .unwrap();
}
