//! Offline cache: the last customer details, services and catalogue of each
//! account under `data_dir/cache/`, as versioned JSON
//! `{version, fetched_at, data}` written atomically. A corrupt or old file
//! is ignored (and replaced on the next fetch), never fatal. Pure storage:
//! the client's fetch-or-saved-copy reads are in `offline.rs`.

use crate::error::{ClientError, Result};
use crate::fsutil::write_atomic;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// Format version of the cache files; other versions are ignored.
pub const CACHE_VERSION: u32 = 1;

/// Data with its age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cached<T> {
    pub data: T,
    /// When the portal produced it.
    pub fetched_at: DateTime<Utc>,
    /// `true` when the portal could not be reached and this is the saved copy.
    pub from_cache: bool,
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    version: u32,
    fetched_at: DateTime<Utc>,
    data: T,
}

/// What is cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheKind {
    Customer,
    Services,
    Catalogue,
}

impl CacheKind {
    fn name(self) -> &'static str {
        match self {
            CacheKind::Customer => "customer",
            CacheKind::Services => "services",
            CacheKind::Catalogue => "catalogue",
        }
    }
}

/// The cache directory of one portal.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    portal: String,
}

/// The per-account part of cache file names: a hash of the portal and the
/// normalized email, so the address is not in a file name and one email on
/// two portals never shares a file.
pub fn account_key(portal: &str, email: &str) -> String {
    let mut h = Sha256::new();
    h.update(portal.as_bytes());
    h.update(b"\n");
    h.update(email.trim().to_lowercase().as_bytes());
    hex::encode(&h.finalize()[..12])
}

/// The key of files written before portals were told apart (email only):
/// still removed by [`Cache::forget`].
fn legacy_account_key(email: &str) -> String {
    let h = Sha256::digest(email.trim().to_lowercase().as_bytes());
    hex::encode(&h[..12])
}

const KINDS: [CacheKind; 3] = [
    CacheKind::Customer,
    CacheKind::Services,
    CacheKind::Catalogue,
];

impl Cache {
    /// The cache of `portal` (see [`crate::ClientConfig::portal_id`]) in `dir`.
    pub fn new(dir: impl Into<PathBuf>, portal: impl Into<String>) -> Self {
        Self {
            dir: dir.into(),
            portal: portal.into(),
        }
    }

    pub fn path(&self, account: &str, kind: CacheKind) -> PathBuf {
        self.dir.join(format!(
            "{}-{}.json",
            account_key(&self.portal, account),
            kind.name()
        ))
    }

    /// The saved copy, or `None` when missing, corrupt or of another version.
    pub fn load<T: DeserializeOwned>(&self, account: &str, kind: CacheKind) -> Option<Cached<T>> {
        let path = self.path(account, kind);
        let bytes = std::fs::read(&path).ok()?;
        match serde_json::from_slice::<Envelope<T>>(&bytes) {
            Ok(env) if env.version == CACHE_VERSION => Some(Cached {
                data: env.data,
                fetched_at: env.fetched_at,
                from_cache: true,
            }),
            _ => {
                tracing::info!(file = %path.display(), "ignoring an unreadable cache file");
                None
            }
        }
    }

    /// Saves atomically (temp file, fsync, rename). Blocks: async code
    /// writes [`Self::encode`]'s bytes through `fsutil::blocking`.
    pub fn store<T: Serialize>(
        &self,
        account: &str,
        kind: CacheKind,
        data: &T,
        fetched_at: DateTime<Utc>,
    ) -> Result<()> {
        write_atomic(&self.path(account, kind), &Self::encode(data, fetched_at))
            .map_err(|e| ClientError::io("save the offline copy", &e))
    }

    /// The file's bytes: the versioned envelope around `data`.
    pub fn encode<T: Serialize>(data: &T, fetched_at: DateTime<Utc>) -> Vec<u8> {
        let env = Envelope {
            version: CACHE_VERSION,
            fetched_at,
            data,
        };
        serde_json::to_vec(&env).expect("serializable")
    }

    /// Removes every cache file of an account on this portal, and any the
    /// account left under the older, email-only key. A file that is already
    /// gone is fine; one that cannot be removed is an error (sign-out must
    /// not claim to have cleaned up).
    pub fn forget(&self, account: &str) -> Result<()> {
        let legacy = legacy_account_key(account);
        let paths = KINDS.iter().flat_map(|&kind| {
            [
                self.path(account, kind),
                self.dir.join(format!("{legacy}-{}.json", kind.name())),
            ]
        });
        for path in paths {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(ClientError::io("remove cached data", &e)),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_or_old_files_are_ignored_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "https://oma.example.fi");
        let p = cache.path("a@b.fi", CacheKind::Services);
        std::fs::write(&p, b"{not json").unwrap();
        assert!(cache
            .load::<Vec<u32>>("a@b.fi", CacheKind::Services)
            .is_none());
        std::fs::write(
            &p,
            br#"{"version":0,"fetched_at":"2026-01-01T00:00:00Z","data":[1]}"#,
        )
        .unwrap();
        assert!(cache
            .load::<Vec<u32>>("a@b.fi", CacheKind::Services)
            .is_none());
        let t = Utc::now();
        cache
            .store("A@B.fi ", CacheKind::Services, &vec![1u32, 2], t)
            .unwrap();
        let c = cache
            .load::<Vec<u32>>("a@b.fi", CacheKind::Services)
            .unwrap();
        assert_eq!(c.data, vec![1, 2]);
        assert!(c.from_cache);
        assert_eq!(c.fetched_at, t);
        // Another account does not see it, nor the same email on another portal.
        assert!(cache
            .load::<Vec<u32>>("c@d.fi", CacheKind::Services)
            .is_none());
        let other = Cache::new(dir.path(), "demo");
        assert!(other
            .load::<Vec<u32>>("a@b.fi", CacheKind::Services)
            .is_none());
    }

    #[test]
    fn forget_removes_every_file_of_the_account_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "demo");
        let t = Utc::now();
        for kind in KINDS {
            cache.store("a@b.fi", kind, &1u8, t).unwrap();
            cache.store("c@d.fi", kind, &2u8, t).unwrap();
        }
        // A file an older version wrote under the email-only key.
        let legacy = dir
            .path()
            .join(format!("{}-services.json", legacy_account_key("a@b.fi")));
        std::fs::write(&legacy, b"{}").unwrap();
        cache.forget("A@B.fi").unwrap();
        for kind in KINDS {
            assert!(!cache.path("a@b.fi", kind).exists());
            assert!(cache.path("c@d.fi", kind).exists());
        }
        assert!(!legacy.exists());
        cache.forget("a@b.fi").unwrap(); // nothing left: still fine
    }
}
