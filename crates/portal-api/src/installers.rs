//! F-Secure installers and the Ed25519-signed manifest that lists them.
//!
//! The portal signs the manifest's exact JSON bytes; the client verifies the
//! signature against a pinned public key, then trusts only the installers in
//! the verified payload (URL, size, SHA-256).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Operating systems an installer exists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum Os {
    Windows,
    Macos,
    Linux,
    Android,
    Ios,
}

impl Os {
    /// The OS this program runs on, when an installer could exist for it.
    pub fn current() -> Option<Os> {
        match std::env::consts::OS {
            "windows" => Some(Os::Windows),
            "macos" => Some(Os::Macos),
            "linux" => Some(Os::Linux),
            "android" => Some(Os::Android),
            "ios" => Some(Os::Ios),
            _ => None,
        }
    }
}

/// One downloadable installer ("latauslinkki").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Installer {
    pub os: Os,
    pub version: String,
    pub file_name: String,
    /// Absolute path on the portal, e.g. `/api/v1/installers/fsecure-safe-linux.bin`.
    pub url: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Lower-case hex SHA-256 of the whole file.
    pub sha256: String,
}

/// The signed content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct InstallerManifest {
    pub product: String,
    pub issued_at: DateTime<Utc>,
    pub installers: Vec<Installer>,
}

/// A manifest with its detached Ed25519 signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SignedManifest {
    /// Which portal key signed it (see `GET /api/v1/signing-key`).
    pub key_id: String,
    /// Standard base64 of the manifest's JSON bytes — exactly what was signed.
    pub payload: String,
    /// Standard base64 of the 64-byte Ed25519 signature over the decoded payload.
    pub signature: String,
}

/// `GET /api/v1/signing-key` (public): the key a client pins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SigningKey {
    pub key_id: String,
    /// Always `ed25519`.
    pub algorithm: String,
    /// Standard base64 of the 32-byte public key.
    pub public_key: String,
}
