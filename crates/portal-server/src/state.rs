//! Shared application state.

use std::ops::Deref;
use std::sync::Arc;

use base64::Engine;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use crate::auth::RateLimiter;
use crate::installers::Installers;
use crate::ServerConfig;

#[derive(Clone)]
pub(crate) struct AppState(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub db: SqlitePool,
    pub config: ServerConfig,
    pub keypair: ed25519_dalek::SigningKey,
    pub installers: Installers,
    pub base_url: String,
    pub limiter: RateLimiter,
    /// Password reset requests per address and per client address.
    pub reset_limiter: RateLimiter,
    pub mailer: crate::mail::Mailer,
    /// Serialises write transactions in this process, so concurrent writers
    /// queue here instead of fighting over SQLite's lock.
    pub write_lock: tokio::sync::Mutex<()>,
    /// A hash verified for unknown emails, so both paths cost the same.
    pub dummy_hash: String,
    /// Bounds concurrent argon2 work (each hash takes its memory cost), so
    /// a burst of sign-ins queues instead of exhausting memory.
    pub hash_permits: tokio::sync::Semaphore,
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl Inner {
    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn signing_key_info(&self) -> portal_api::SigningKey {
        let public = self.keypair.verifying_key().to_bytes();
        portal_api::SigningKey {
            key_id: key_id(&public),
            algorithm: "ed25519".into(),
            public_key: base64::engine::general_purpose::STANDARD.encode(public),
        }
    }
}

/// First 16 hex digits of the SHA-256 of the public key.
pub(crate) fn key_id(public: &[u8; 32]) -> String {
    hex::encode(Sha256::digest(public))[..16].to_string()
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
