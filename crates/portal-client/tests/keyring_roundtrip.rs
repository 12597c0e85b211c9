//! The OS keychain (Secret Service on Linux) round trip. Needs a D-Bus
//! session with an unlocked keyring, e.g.
//! `dbus-run-session -- bash -c 'eval "$(echo -n test | gnome-keyring-daemon --unlock --components=secrets)"; cargo nextest run -p portal-client'`.
//! Without `DBUS_SESSION_BUS_ADDRESS` it is skipped, unless
//! `OMA_REQUIRE_KEYRING=1` (CI) makes that a failure.

mod support;

use portal_client::{KeyringStore, SecretString, SessionStore, StoredSession};
use std::sync::Arc;
use std::time::Duration;
use support::*;

fn keyring_available() -> bool {
    // Windows' Credential Manager (also under Wine) and the macOS keychain
    // need no session: the test always runs there.
    if !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return true;
    }
    assert!(
        std::env::var("OMA_REQUIRE_KEYRING").as_deref() != Ok("1"),
        "OMA_REQUIRE_KEYRING=1 but there is no D-Bus session"
    );
    eprintln!("skipped: no D-Bus session (run inside dbus-run-session with gnome-keyring)");
    false
}

fn test_store() -> KeyringStore {
    KeyringStore::with_names(
        "fi.omahallinta.desktop.test",
        format!("test-{}", uuid::Uuid::new_v4()),
    )
}

#[test]
fn keyring_store_round_trip() {
    if !keyring_available() {
        return;
    }
    let store = test_store();
    assert_eq!(store.load().unwrap(), None);
    let s = StoredSession {
        email: "perhe@example.fi".into(),
        refresh_token: SecretString::new("refresh-token-value"),
    };
    store.save(&s).unwrap();
    assert_eq!(store.load().unwrap(), Some(s));
    store.clear().unwrap();
    assert_eq!(store.load().unwrap(), None);
    store.clear().unwrap(); // idempotent
}

#[tokio::test]
async fn remember_me_survives_a_restart_and_sign_out_forgets_it() {
    if !keyring_available() {
        return;
    }
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(test_store());
    let c = client_with(config(&srv.base_url(), dir.path(), None), store.clone());
    let out = c
        .sign_in(FAMILY.email, FAMILY.password.into(), true)
        .await
        .unwrap();
    assert!(out.remembered, "{out:?}");
    assert_eq!(store.load().unwrap().unwrap().email, FAMILY.email);
    // The password is not in the keychain.
    drop(c);

    let c2 = client_with(config(&srv.base_url(), dir.path(), None), store.clone());
    assert_eq!(
        c2.remembered_account().await.unwrap().as_deref(),
        Some(FAMILY.email)
    );
    assert!(c2.restore_session().await.unwrap());
    c2.customer().await.unwrap();
    c2.sign_out().await.unwrap();
    assert_eq!(store.load().unwrap(), None);

    let c3 = client_with(config(&srv.base_url(), dir.path(), None), store.clone());
    assert!(!c3.restore_session().await.unwrap());
    srv.shutdown().await;
}
