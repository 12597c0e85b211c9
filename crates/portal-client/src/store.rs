//! Where a remembered sign-in lives: the refresh token (never the password)
//! and the account's email, in the OS keychain. A locked or missing keychain
//! is [`ErrorCode::KeychainUnavailable`]; there is deliberately no file
//! fallback.

use crate::error::{ClientError, Result};
use crate::secret::SecretString;
use portal_api::ErrorCode;
use serde::{Deserialize, Serialize};
use std::sync::Mutex;

/// Keychain service name of every entry of the app.
pub const KEYRING_SERVICE: &str = "fi.omahallinta.desktop";
/// Keychain account name of the remembered-session entry.
pub const KEYRING_USER: &str = "remembered-session";

/// A remembered sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// The account (not a secret; shown on the sign-in screen).
    pub email: String,
    pub refresh_token: SecretString,
}

/// Load/save/clear of the remembered sign-in. Implementations block (the
/// client calls them from `spawn_blocking`).
pub trait SessionStore: Send + Sync + 'static {
    /// `Ok(None)` when nothing is remembered.
    fn load(&self) -> Result<Option<StoredSession>>;
    fn save(&self, session: &StoredSession) -> Result<()>;
    /// Forgets the sign-in; succeeds when nothing was remembered.
    fn clear(&self) -> Result<()>;
}

/// In-memory store: tests, demo mode, and "don't remember me" set-ups.
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: Mutex<Option<StoredSession>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl SessionStore for MemoryStore {
    fn load(&self) -> Result<Option<StoredSession>> {
        Ok(self.inner.lock().unwrap().clone())
    }
    fn save(&self, session: &StoredSession) -> Result<()> {
        *self.inner.lock().unwrap() = Some(session.clone());
        Ok(())
    }
    fn clear(&self) -> Result<()> {
        *self.inner.lock().unwrap() = None;
        Ok(())
    }
}

/// A store that always fails like a missing keychain (for tests and for
/// platforms without one).
#[derive(Debug, Default)]
pub struct UnavailableStore;

impl SessionStore for UnavailableStore {
    fn load(&self) -> Result<Option<StoredSession>> {
        Err(ClientError::keychain("no keychain"))
    }
    fn save(&self, _: &StoredSession) -> Result<()> {
        Err(ClientError::keychain("no keychain"))
    }
    fn clear(&self) -> Result<()> {
        Err(ClientError::keychain("no keychain"))
    }
}

/// The secret stored in the keychain entry.
#[derive(Serialize, Deserialize)]
struct KeychainSecret {
    v: u32,
    email: String,
    refresh_token: String,
}

/// The OS keychain through the `keyring` crate: Secret Service on Linux,
/// Keychain on macOS, Credential Manager on Windows. One entry
/// (service [`KEYRING_SERVICE`], account [`KEYRING_USER`]) holds
/// `{email, refresh_token}`.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
    user: String,
}

impl Default for KeyringStore {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyringStore {
    pub fn new() -> Self {
        Self::with_names(KEYRING_SERVICE, KEYRING_USER)
    }

    /// Other names, e.g. for tests that must not touch the real entry.
    pub fn with_names(service: impl Into<String>, user: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            user: user.into(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, &self.user).map_err(map_keyring)
    }
}

fn map_keyring(e: keyring::Error) -> ClientError {
    // Never include the error's payload verbatim: some variants carry the
    // rejected secret.
    let what = match &e {
        keyring::Error::PlatformFailure(_) => "the keychain service is not available",
        keyring::Error::NoStorageAccess(_) => "the keychain is locked or access was denied",
        keyring::Error::NoEntry => "no keychain entry",
        keyring::Error::BadEncoding(_) => "the keychain entry is not valid text",
        keyring::Error::TooLong(..) => "the keychain refused a too long value",
        keyring::Error::Invalid(..) => "invalid keychain entry attributes",
        keyring::Error::Ambiguous(_) => "several matching keychain entries",
        _ => "keychain error",
    };
    ClientError::new(ErrorCode::KeychainUnavailable, what)
}

impl SessionStore for KeyringStore {
    fn load(&self) -> Result<Option<StoredSession>> {
        match self.entry()?.get_password() {
            Ok(text) => match serde_json::from_str::<KeychainSecret>(&text) {
                Ok(s) if s.v == 1 && !s.refresh_token.is_empty() => Ok(Some(StoredSession {
                    email: s.email,
                    refresh_token: SecretString::new(s.refresh_token),
                })),
                // An entry from another version or corrupted: forget it.
                _ => {
                    let _ = self.clear();
                    Ok(None)
                }
            },
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(keyring::Error::BadEncoding(_)) => {
                let _ = self.clear();
                Ok(None)
            }
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn save(&self, session: &StoredSession) -> Result<()> {
        let secret = zeroize::Zeroizing::new(
            serde_json::to_string(&KeychainSecret {
                v: 1,
                email: session.email.clone(),
                refresh_token: session.refresh_token.expose().to_string(),
            })
            .expect("serializable"),
        );
        self.entry()?.set_password(&secret).map_err(map_keyring)
    }

    fn clear(&self) -> Result<()> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }
}
