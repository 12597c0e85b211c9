//! Passwords (argon2id), opaque tokens stored as SHA-256 hashes, sessions
//! with rotating refresh tokens and reuse detection, sign-in throttling.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use portal_api::{ErrorCode, TokenPair};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{Sqlite, Transaction};

use crate::error::ApiError;
use crate::extract::Auth;
use crate::state::{now_ms, AppState};
use crate::{PasswordHashParams, RateLimitConfig};

fn argon2(params: PasswordHashParams) -> Result<Argon2<'static>, argon2::Error> {
    let p = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        None,
    )?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, p))
}

/// An argon2id PHC string for `password`.
pub fn hash_password(password: &str, params: PasswordHashParams) -> Result<String, String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2(params)
        .map_err(|e| e.to_string())?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Checks `password` against a PHC string (its own parameters apply).
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Runs the (deliberately slow) verification off the async workers, a
/// bounded number at a time.
pub(crate) async fn verify_password_blocking(
    state: &AppState,
    password: String,
    phc: String,
) -> bool {
    let Ok(_permit) = state.hash_permits.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || verify_password(&password, &phc))
        .await
        .unwrap_or(false)
}

pub(crate) async fn hash_password_blocking(
    state: &AppState,
    password: String,
) -> Result<String, ApiError> {
    let params = state.config.password_hash;
    let _permit = state
        .hash_permits
        .acquire()
        .await
        .map_err(|_| ApiError::internal())?;
    tokio::task::spawn_blocking(move || hash_password(&password, params))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the password hashing task failed");
            ApiError::internal()
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            ApiError::internal()
        })
}

/// A fresh opaque token: 32 random bytes, base64url without padding.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Resolves a bearer access token.
pub(crate) async fn authenticate(state: &AppState, token: &str) -> Result<Auth, ApiError> {
    let row: Option<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT f.customer_id, f.id, a.expires_at, f.revoked_at
           FROM access_tokens a JOIN session_families f ON f.id = a.family_id
          WHERE a.token_hash = ?",
    )
    .bind(token_hash(token))
    .fetch_optional(&state.db)
    .await?;
    let Some((customer_id, family_id, expires_at, revoked_at)) = row else {
        return Err(ApiError::unauthorized());
    };
    if revoked_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "the session has ended",
        ));
    }
    if now_ms() >= expires_at {
        return Err(ApiError::new(
            ErrorCode::TokenExpired,
            "the access token has expired; refresh it",
        ));
    }
    Ok(Auth {
        customer_id,
        family_id,
    })
}

/// Issues an access + refresh token pair in a session family.
pub(crate) async fn issue_pair(
    tx: &mut Transaction<'_, Sqlite>,
    state: &AppState,
    family_id: i64,
) -> Result<TokenPair, ApiError> {
    let now = now_ms();
    let access = new_token();
    let refresh = new_token();
    let access_ttl = state.config.access_token_ttl;
    let refresh_ttl = state.config.refresh_token_ttl;
    sqlx::query("INSERT INTO access_tokens (family_id, token_hash, expires_at) VALUES (?, ?, ?)")
        .bind(family_id)
        .bind(token_hash(&access))
        .bind(now.saturating_add(access_ttl.as_millis() as i64))
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO refresh_tokens (family_id, token_hash, expires_at) VALUES (?, ?, ?)")
        .bind(family_id)
        .bind(token_hash(&refresh))
        .bind(now.saturating_add(refresh_ttl.as_millis() as i64))
        .execute(&mut **tx)
        .await?;
    Ok(TokenPair {
        access_token: access,
        expires_in: access_ttl.as_secs(),
        refresh_token: refresh,
        token_type: "Bearer".into(),
    })
}

/// Starts a new session family for a customer.
pub(crate) async fn create_session(
    state: &AppState,
    customer_id: i64,
) -> Result<TokenPair, ApiError> {
    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let family_id: i64 = sqlx::query_scalar(
        "INSERT INTO session_families (customer_id, created_at) VALUES (?, ?) RETURNING id",
    )
    .bind(customer_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let pair = issue_pair(&mut tx, state, family_id).await?;
    tx.commit().await?;
    Ok(pair)
}

fn invalid_grant(msg: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidGrant, msg.to_string())
}

/// Rotates a refresh token. A token used before revokes its whole family.
pub(crate) async fn refresh(state: &AppState, refresh_token: &str) -> Result<TokenPair, ApiError> {
    if refresh_token.is_empty() || refresh_token.len() > 256 {
        return Err(invalid_grant("unknown refresh token"));
    }
    let _guard = state.write_lock.lock().await;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    type RefreshRow = (i64, i64, i64, Option<i64>, Option<i64>, bool);
    let row: Option<RefreshRow> = sqlx::query_as(
        "SELECT r.id, r.family_id, r.expires_at, r.used_at, f.revoked_at, c.relationship_valid
           FROM refresh_tokens r
           JOIN session_families f ON f.id = r.family_id
           JOIN customers c ON c.id = f.customer_id
          WHERE r.token_hash = ?",
    )
    .bind(token_hash(refresh_token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((token_id, family_id, expires_at, used_at, revoked_at, relationship_valid)) = row
    else {
        return Err(invalid_grant("unknown refresh token"));
    };
    if revoked_at.is_some() {
        return Err(invalid_grant("the session has ended"));
    }
    if used_at.is_some() {
        // Reuse of a rotated token: someone else may hold the chain. End it.
        sqlx::query("UPDATE session_families SET revoked_at = ? WHERE id = ?")
            .bind(now_ms())
            .bind(family_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::warn!(family_id, "refresh token reuse detected; session revoked");
        return Err(invalid_grant("the refresh token was already used"));
    }
    if now_ms() >= expires_at {
        return Err(invalid_grant("the refresh token has expired"));
    }
    if !relationship_valid {
        return Err(invalid_grant("the customer relationship is not valid"));
    }
    sqlx::query("UPDATE refresh_tokens SET used_at = ? WHERE id = ?")
        .bind(now_ms())
        .bind(token_id)
        .execute(&mut *tx)
        .await?;
    let pair = issue_pair(&mut tx, state, family_id).await?;
    tx.commit().await?;
    Ok(pair)
}

/// Ends one session family.
pub(crate) async fn revoke_family(state: &AppState, family_id: i64) -> Result<(), ApiError> {
    let _guard = state.write_lock.lock().await;
    sqlx::query("UPDATE session_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(family_id)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// Sliding-window counter of failed sign-ins per account and per client IP.
pub struct RateLimiter {
    config: RateLimitConfig,
    inner: Mutex<Failures>,
}

#[derive(Default)]
struct Failures {
    accounts: HashMap<String, VecDeque<Instant>>,
    ips: HashMap<IpAddr, VecDeque<Instant>>,
}

fn prune(q: &mut VecDeque<Instant>, window: Duration, now: Instant) {
    while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
        q.pop_front();
    }
}

fn retry_after(q: &VecDeque<Instant>, window: Duration, now: Instant) -> u64 {
    let oldest = q.front().copied().unwrap_or(now);
    let left = window.saturating_sub(now.duration_since(oldest));
    left.as_secs() + u64::from(left.subsec_nanos() > 0)
}

impl RateLimiter {
    pub fn new(config: RateLimitConfig) -> Self {
        Self {
            config,
            inner: Mutex::new(Failures::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Failures> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `Err(seconds)` when the account or the IP must wait.
    pub fn check(&self, account: &str, ip: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let window = self.config.window;
        let mut f = self.lock();
        if let Some(q) = f.accounts.get_mut(account) {
            prune(q, window, now);
            if q.len() >= self.config.max_failures_per_account as usize {
                return Err(retry_after(q, window, now).max(1));
            }
        }
        if let Some(q) = f.ips.get_mut(&ip) {
            prune(q, window, now);
            if q.len() >= self.config.max_failures_per_ip as usize {
                return Err(retry_after(q, window, now).max(1));
            }
        }
        Ok(())
    }

    pub fn record_failure(&self, account: &str, ip: IpAddr) {
        let now = Instant::now();
        let window = self.config.window;
        let mut f = self.lock();
        if f.accounts.len() > 100_000 {
            f.accounts.retain(|_, q| {
                prune(q, window, now);
                !q.is_empty()
            });
        }
        if f.ips.len() > 100_000 {
            f.ips.retain(|_, q| {
                prune(q, window, now);
                !q.is_empty()
            });
        }
        f.accounts
            .entry(account.to_string())
            .or_default()
            .push_back(now);
        f.ips.entry(ip).or_default().push_back(now);
    }

    /// A successful sign-in forgets the account's failures.
    pub fn clear_account(&self, account: &str) {
        self.lock().accounts.remove(account);
    }
}
