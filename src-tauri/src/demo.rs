//! Demo mode: the reference portal (`portal-server`) runs in-process on
//! loopback with demo data; the app pins its signing key like any portal's.
//! Its database lives in the app's data dir, so demo sign-ins survive a
//! restart.

use crate::error::{Error, Result};
use crate::types::DemoAccountHint;
use portal_api::ErrorCode;
use std::path::Path;

/// The running embedded portal.
pub struct DemoPortal {
    pub server: portal_server::RunningServer,
}

impl DemoPortal {
    /// Starts the portal on `127.0.0.1:<ephemeral>` with its database and
    /// installers under `dir`. Debug builds hash the (public) demo passwords
    /// cheaply so the app starts fast; release builds use the production cost.
    pub async fn start(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let config = portal_server::ServerConfig {
            db_path: Some(dir.join("portal.db")),
            data_dir: Some(dir.join("files")),
            demo: true,
            password_hash: if cfg!(debug_assertions) {
                portal_server::PasswordHashParams::INSECURE_FAST
            } else {
                portal_server::PasswordHashParams::PRODUCTION
            },
            ..Default::default()
        };
        let server = portal_server::spawn(config).await.map_err(|e| {
            Error::new(
                ErrorCode::Unavailable,
                format!("demo portal did not start: {e}"),
            )
        })?;
        tracing::info!("demo portal at {}", server.base_url());
        Ok(Self { server })
    }

    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    pub fn public_key(&self) -> [u8; 32] {
        self.server.public_key_bytes()
    }
}

/// The Fluent message (in `app.ftl`) describing a demo account.
fn description_key(email: &str) -> &'static str {
    use portal_server::demo;
    match email {
        e if e == demo::FAMILY.email => "demo-account-family",
        e if e == demo::NO_BILLING.email => "demo-account-no-billing",
        e if e == demo::NO_PAY_TV_CARD.email => "demo-account-no-pay-tv-card",
        e if e == demo::FORMER.email => "demo-account-former",
        _ => "demo-account-other",
    }
}

/// The public demo credentials, for the sign-in page in demo mode.
pub fn account_hints() -> Vec<DemoAccountHint> {
    portal_server::demo::ACCOUNTS
        .iter()
        .map(|a| DemoAccountHint {
            email: a.email.to_string(),
            password: a.password.to_string(),
            description_key: description_key(a.email).to_string(),
        })
        .collect()
}
