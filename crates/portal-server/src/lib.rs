//! The reference Omahallinta portal: a real implementation of the contract in
//! `portal-api` — axum over SQLite (sqlx, migrations), demo data, and every
//! business rule. Used by the desktop app's demo mode, by tests, and runnable
//! on its own (`portal-server --demo`).
//!
//! ```no_run
//! # async fn f() -> Result<(), portal_server::ServerError> {
//! let server = portal_server::spawn(portal_server::ServerConfig::default()).await?;
//! println!("{}", server.base_url());
//! server.shutdown().await;
//! # Ok(()) }
//! ```

pub mod auth;
pub mod catalogue;
mod db;
pub mod demo;
mod error;
mod extract;
pub mod installers;
pub mod mail;
pub mod openapi;
mod routes;
mod services;
mod state;
pub mod updates;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ed25519_dalek::SigningKey as Ed25519Key;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use error::ApiError;
pub use mail::MailConfig;
pub use routes::{route_table, RouteInfo};

/// Argon2id cost parameters for password hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordHashParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl PasswordHashParams {
    /// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane).
    pub const PRODUCTION: PasswordHashParams = PasswordHashParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };
    /// Cheap parameters for tests only.
    pub const INSECURE_FAST: PasswordHashParams = PasswordHashParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
}

impl Default for PasswordHashParams {
    fn default() -> Self {
        Self::PRODUCTION
    }
}

/// Sign-in throttling: failures counted in a sliding window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitConfig {
    /// Failed sign-ins per account within `window` before 429.
    pub max_failures_per_account: u32,
    /// Failed sign-ins per client IP within `window` before 429.
    pub max_failures_per_ip: u32,
    pub window: Duration,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            max_failures_per_account: 5,
            max_failures_per_ip: 50,
            window: Duration::from_secs(5 * 60),
        }
    }
}

/// How to run the portal.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen; `127.0.0.1:0` picks an ephemeral port.
    pub listen: SocketAddr,
    /// SQLite file; `None` = a fresh temporary file removed on shutdown.
    pub db_path: Option<PathBuf>,
    /// Where generated installers live; `None` = a temporary directory.
    pub data_dir: Option<PathBuf>,
    /// Seed demo data when the database is new.
    pub demo: bool,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// Size of each generated demo installer in bytes.
    pub installer_size: u64,
    /// Override "today" (tests); `None` = the real local date.
    pub today: Option<chrono::NaiveDate>,
    /// Password hashing cost.
    pub password_hash: PasswordHashParams,
    pub rate_limit: RateLimitConfig,
    /// Largest accepted request body.
    pub body_limit: usize,
    /// Requests taking longer are answered with 503 `unavailable`.
    pub request_timeout: Duration,
    /// Base URL used in links handed to clients (device links); `None` =
    /// `http://<bound address>`.
    pub public_base_url: Option<String>,
    /// SQLite connection pool size.
    pub max_db_connections: u32,
    /// The manifest signing key's 32-byte Ed25519 seed; `None` = the key
    /// stored in the database (created at random with it).
    pub signing_seed: Option<[u8; 32]>,
    /// Release artifacts, their `.sig` files and `release.json` for the
    /// app's updater (`GET /api/v1/updates/…`); `None` = no updates offered.
    pub updates_dir: Option<PathBuf>,
    /// How activation and password reset emails are sent.
    pub mail: MailConfig,
    /// How long a password reset link works.
    pub reset_token_ttl: Duration,
    /// How long the activation email's first-password link works.
    pub activation_token_ttl: Duration,
    /// Password reset requests per address and per client address (every
    /// request counts, not only failures).
    pub reset_rate_limit: RateLimitConfig,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            db_path: None,
            data_dir: None,
            demo: true,
            access_token_ttl: Duration::from_secs(5 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            installer_size: 8 * 1024 * 1024,
            today: None,
            password_hash: PasswordHashParams::default(),
            rate_limit: RateLimitConfig::default(),
            body_limit: 64 * 1024,
            request_timeout: Duration::from_secs(30),
            public_base_url: None,
            max_db_connections: 8,
            signing_seed: None,
            updates_dir: None,
            mail: MailConfig::default(),
            reset_token_ttl: Duration::from_secs(30 * 60),
            activation_token_ttl: Duration::from_secs(7 * 24 * 3600),
            reset_rate_limit: RateLimitConfig {
                max_failures_per_account: 3,
                max_failures_per_ip: 20,
                window: Duration::from_secs(15 * 60),
            },
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Other(String),
}

/// Reads a signing key seed file (32 raw bytes), creating it with a random
/// seed (mode 0600 on Unix) when it does not exist. The seed is never logged.
pub fn load_or_create_seed_file(path: &Path) -> Result<[u8; 32], ServerError> {
    match std::fs::read(path) {
        Ok(bytes) => bytes.try_into().map_err(|_| {
            ServerError::Other(format!(
                "{}: a signing key file holds exactly 32 bytes",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            use rand::RngCore;
            let mut seed = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut seed);
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            use std::io::Write;
            let mut f = options.open(path)?;
            f.write_all(&seed)?;
            f.sync_all()?;
            Ok(seed)
        }
        Err(e) => Err(e.into()),
    }
}

/// A portal serving on a background task.
pub struct RunningServer {
    addr: SocketAddr,
    base_url: String,
    db_path: PathBuf,
    state: state::AppState,
    shutdown_tx: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    cleanup: JoinHandle<()>,
    // Dropped last: temporary database file and data dir.
    _temp: Vec<tempfile::TempDir>,
}

impl RunningServer {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The public key clients pin, as served by `GET /api/v1/signing-key`.
    pub fn signing_key(&self) -> portal_api::SigningKey {
        self.state.signing_key_info()
    }

    pub fn public_key_bytes(&self) -> [u8; 32] {
        self.state.keypair.verifying_key().to_bytes()
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Where emails go, without credentials: `smtp://host:port` or the
    /// file drop directory.
    pub fn mail_description(&self) -> &str {
        &self.state.mailer.description
    }

    /// Sends the activation email ("Ota käyttöön!": a first-password link
    /// and a link that opens the app) to the customer with this address,
    /// and waits until it is sent or given up (recorded in `mail_log`).
    /// `false` when no customer has the address.
    pub async fn send_activation(&self, email: &str) -> Result<bool, ApiError> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM customers WHERE email = ?")
            .bind(email.trim())
            .fetch_optional(&self.state.db)
            .await?;
        let Some(id) = id else { return Ok(false) };
        routes::issue_and_send(&self.state, id, mail::MailKind::Activation, None).await?;
        Ok(true)
    }

    /// The complete application over this server's state, for in-process
    /// requests (`tower::ServiceExt::oneshot`), e.g. the fuzz target in
    /// `fuzz/`. Handlers that need the peer address expect a
    /// `ConnectInfo<SocketAddr>` request extension.
    pub fn router(&self) -> axum::Router {
        routes::router(self.state.clone())
    }

    /// Stops accepting connections, lets in-flight requests finish, closes
    /// the database and removes temporary files.
    pub async fn shutdown(mut self) {
        self.stop().await;
    }

    async fn stop(&mut self) {
        if let Some(tx) = self.shutdown_tx.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take() {
            // In-flight downloads may hold connections open: give them a
            // moment, then stop serving regardless.
            if tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
        self.cleanup.abort();
        self.state.db.close().await;
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.cleanup.abort();
        if let Some(tx) = self.shutdown_tx.take() {
            let _ = tx.send(());
        }
    }
}

impl std::fmt::Debug for RunningServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningServer")
            .field("addr", &self.addr)
            .field("db_path", &self.db_path)
            .finish_non_exhaustive()
    }
}

/// Opens (or creates) the database, generates the installers, binds the
/// listener and serves on a background task.
pub async fn spawn(config: ServerConfig) -> Result<RunningServer, ServerError> {
    let mut temp = Vec::new();
    let db_path = match &config.db_path {
        Some(p) => p.clone(),
        None => {
            let dir = tempfile::Builder::new().prefix("portal-db-").tempdir()?;
            let p = dir.path().join("portal.sqlite3");
            temp.push(dir);
            p
        }
    };
    let data_dir = match &config.data_dir {
        Some(p) => {
            std::fs::create_dir_all(p)?;
            p.clone()
        }
        None => {
            let dir = tempfile::Builder::new().prefix("portal-data-").tempdir()?;
            let p = dir.path().to_path_buf();
            temp.push(dir);
            p
        }
    };

    let today = config
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let pool = db::connect(&db_path, config.max_db_connections).await?;
    let keypair: Ed25519Key = match config.signing_seed {
        Some(seed) => Ed25519Key::from_bytes(&seed),
        None => db::load_or_create_signing_key(&pool).await?,
    };
    // Seeding (argon2), the installers (sha256) and the dummy hash are
    // independent: do them at the same time.
    let params = config.password_hash;
    let seed = async {
        if config.demo {
            demo::seed_if_new(&pool, today, params).await?;
        }
        Ok::<_, ServerError>(())
    };
    let dummy = async {
        tokio::task::spawn_blocking(move || {
            auth::hash_password("dummy-password-for-timing", params)
        })
        .await
        .map_err(|e| ServerError::Other(e.to_string()))?
        .map_err(ServerError::Other)
    };
    // Bound first: the Linux installer carries the portal's own address.
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let base_url = config
        .public_base_url
        .clone()
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("http://{addr}"));
    let (seeded, installers, dummy_hash) = tokio::join!(
        seed,
        installers::prepare(&data_dir, config.installer_size, &keypair, &base_url),
        dummy
    );
    seeded?;
    let installers = installers?;
    let dummy_hash = dummy_hash?;

    let state = state::AppState(Arc::new(state::Inner {
        db: pool,
        config: config.clone(),
        keypair,
        installers,
        base_url: base_url.clone(),
        limiter: auth::RateLimiter::new(config.rate_limit),
        reset_limiter: auth::RateLimiter::new(config.reset_rate_limit),
        mailer: mail::Mailer::new(&config.mail, &data_dir)?,
        write_lock: tokio::sync::Mutex::new(()),
        dummy_hash,
        hash_permits: tokio::sync::Semaphore::new(
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .clamp(2, 8),
        ),
    }));

    let cleanup = tokio::spawn(housekeeping(state.clone()));
    let app = routes::router(state.clone());
    let (shutdown_tx, shutdown_rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let serve = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = shutdown_rx.await;
        });
        if let Err(e) = serve.await {
            tracing::error!(error = %e, "portal server stopped");
        }
    });

    tracing::info!(%addr, "portal listening");
    Ok(RunningServer {
        addr,
        base_url,
        db_path,
        state,
        shutdown_tx: Some(shutdown_tx),
        task: Some(task),
        cleanup,
        _temp: temp,
    })
}

/// Removes tokens nobody can use any more, every ten minutes. Used refresh
/// tokens stay until they expire so that their reuse is still detected;
/// expired access tokens stay a day so that they answer `token_expired`.
async fn housekeeping(state: state::AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        let now = state::now_ms();
        let _guard = state.write_lock.lock().await;
        let access = sqlx::query("DELETE FROM access_tokens WHERE expires_at < ?")
            .bind(now - 24 * 3600 * 1000)
            .execute(&state.db)
            .await;
        let refresh = sqlx::query("DELETE FROM refresh_tokens WHERE expires_at < ?")
            .bind(now)
            .execute(&state.db)
            .await;
        let resets = sqlx::query("DELETE FROM password_reset_tokens WHERE expires_at < ?")
            .bind(now - 24 * 3600 * 1000)
            .execute(&state.db)
            .await;
        if let (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) = (&access, &refresh, &resets) {
            tracing::warn!(error = %e, "token clean-up failed");
        }
    }
}
