//! Signed app updates (`GET /api/v1/updates/{target}/{arch}/{current_version}`):
//! the answer is the JSON that Tauri's updater plugin reads (`version`,
//! `pub_date`, `url`, `signature`, `notes`), plus the release notes in every
//! language the app speaks. The signature is the minisign signature (as the
//! Tauri CLI's `signer sign` writes it to `<artifact>.sig`) over the artifact;
//! the app verifies it with the update key of its operator profile before
//! installing anything.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::LocalizedText;

/// A newer release than the caller's (`204 No Content` when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct UpdateRelease {
    /// The release's semantic version, e.g. `0.2.0`.
    pub version: String,
    pub pub_date: DateTime<Utc>,
    /// Where to download the artifact (`.deb`, `.rpm`, installer …).
    pub url: String,
    /// The artifact's minisign signature, as in its `.sig` file.
    pub signature: String,
    /// The release notes in English (the updater plugin's own field).
    pub notes: String,
    /// The release notes in each language.
    pub notes_i18n: LocalizedText,
}

/// `release.json` in the portal's updates directory: the release it offers.
/// `platforms` maps an updater target such as `linux-x86_64-deb` (or
/// `linux-x86_64`) to an artifact file in the same directory, signed by
/// `<file>.sig` beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseDescription {
    pub version: String,
    pub pub_date: DateTime<Utc>,
    pub notes: LocalizedText,
    pub platforms: std::collections::BTreeMap<String, String>,
}
