//! A missing keychain: "remember me" fails with `keychain_unavailable`, the
//! sign-in still works for the session, and nothing is written to a file.

mod support;

use portal_api::ErrorCode;
use portal_client::{KeyringStore, SecretString, SessionStore, StoredSession};
use std::sync::Arc;
use std::time::Duration;
use support::*;

#[tokio::test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "makes the keychain unavailable by pointing D-Bus (Secret Service) at nothing; \
              Windows' Credential Manager and the macOS keychain cannot be taken away like that"
)]
async fn no_keychain_means_a_session_only_sign_in() {
    // Point D-Bus at nothing (this test binary holds only this test).
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/omahallinta-test-bus",
    );
    let store = KeyringStore::with_names("fi.omahallinta.desktop.test", "missing");
    let s = StoredSession {
        email: "a@b.fi".into(),
        refresh_token: SecretString::new("x"),
    };
    assert_eq!(
        store.save(&s).unwrap_err().code,
        ErrorCode::KeychainUnavailable
    );
    assert_eq!(
        store.load().unwrap_err().code,
        ErrorCode::KeychainUnavailable
    );

    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let c = client_with(config(&srv.base_url(), dir.path(), None), Arc::new(store));
    let out = c
        .sign_in(FAMILY.email, FAMILY.password.into(), true)
        .await
        .unwrap();
    assert!(!out.remembered);
    assert_eq!(
        out.keychain_error.unwrap().code,
        ErrorCode::KeychainUnavailable
    );
    assert!(c.is_signed_in().await);
    c.customer().await.unwrap();
    // No file fallback: nothing but the cache dir may exist, and no file
    // anywhere under the data dir contains a token-like secret.
    for e in walk(dir.path()) {
        let text = std::fs::read_to_string(&e).unwrap_or_default();
        assert!(!text.contains("refresh"), "{}", e.display());
    }
    assert_eq!(
        c.restore_session().await.unwrap_err().code,
        ErrorCode::KeychainUnavailable
    );
    // Sign-out still ends the session.
    let _ = c.sign_out().await;
    assert!(!c.is_signed_in().await);
    srv.shutdown().await;
}
