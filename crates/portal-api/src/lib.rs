//! The Omahallinta portal API contract, version 1.
//!
//! Every wire type exchanged between the reference portal server, the client
//! library and the desktop app lives here, together with the one error
//! envelope and its stable codes. The server generates its OpenAPI document
//! from these types (utoipa); the app generates TypeScript from them (ts-rs).

pub mod catalogue;
pub mod contact;
pub mod customer;
pub mod devices;
pub mod error;
pub mod feedback;
pub mod installers;
pub mod orders;
pub mod services;
pub mod session;
pub mod updates;
pub mod validate;

pub use catalogue::*;
pub use contact::*;
pub use customer::*;
pub use devices::*;
pub use error::*;
pub use feedback::*;
pub use installers::*;
pub use orders::*;
pub use services::*;
pub use session::*;
pub use updates::*;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Path prefix of every endpoint of this contract version.
pub const API_PREFIX: &str = "/api/v1";

/// Header that makes an order or a feedback submission idempotent.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// Longest accepted idempotency key.
pub const IDEMPOTENCY_KEY_MAX_LEN: usize = 128;

/// A text in every language the portal speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct LocalizedText {
    pub fi: String,
    pub en: String,
}

impl LocalizedText {
    pub fn new(fi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            fi: fi.into(),
            en: en.into(),
        }
    }

    /// The text for a BCP 47 language tag; Finnish unless the tag is English.
    pub fn get(&self, lang: &str) -> &str {
        if lang.starts_with("en") {
            &self.en
        } else {
            &self.fi
        }
    }
}

/// Liveness answer of `GET /api/v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Health {
    pub status: String,
    pub version: String,
}
