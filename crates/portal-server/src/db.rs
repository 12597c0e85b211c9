//! Database connection, migrations and the portal's signing key.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::ServerError;

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens the SQLite file (creating it), in WAL mode with foreign keys on and
/// a generous busy timeout, and runs the migrations.
pub(crate) async fn connect(path: &Path, max_connections: u32) -> Result<SqlitePool, ServerError> {
    let options = SqliteConnectOptions::from_str("sqlite://")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(30));
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections.max(1))
        .acquire_timeout(Duration::from_secs(60))
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// The Ed25519 key the portal signs manifests with: generated when the
/// database is created, kept in it afterwards.
pub(crate) async fn load_or_create_signing_key(
    pool: &SqlitePool,
) -> Result<ed25519_dalek::SigningKey, ServerError> {
    let existing: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT secret_key FROM portal_keys WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    if let Some(bytes) = existing {
        let secret: [u8; 32] = bytes
            .try_into()
            .map_err(|_| ServerError::Other("stored signing key is corrupt".into()))?;
        return Ok(ed25519_dalek::SigningKey::from_bytes(&secret));
    }
    let key = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
    sqlx::query("INSERT OR IGNORE INTO portal_keys (id, secret_key, created_at) VALUES (1, ?, ?)")
        .bind(key.to_bytes().to_vec())
        .bind(crate::state::now_ms())
        .execute(pool)
        .await?;
    // Another process may have won the race: read back what is stored.
    let bytes: Vec<u8> = sqlx::query_scalar("SELECT secret_key FROM portal_keys WHERE id = 1")
        .fetch_one(pool)
        .await?;
    let secret: [u8; 32] = bytes
        .try_into()
        .map_err(|_| ServerError::Other("stored signing key is corrupt".into()))?;
    Ok(ed25519_dalek::SigningKey::from_bytes(&secret))
}

/// True when SQLite reported a busy/locked database.
pub(crate) fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            let code = db.code();
            matches!(
                code.as_deref(),
                Some("5") | Some("6") | Some("517") | Some("261")
            )
        }
        sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}
