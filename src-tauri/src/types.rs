//! App-only types of the IPC surface (docs/COMMANDS.md). Their TypeScript is
//! generated with ts-rs into `ui/src/lib/bindings/app/` (tests/bindings.rs).
//! None of them can hold a token, a password (other than the public demo
//! credentials) or a file path.

use chrono::{DateTime, Utc};
use portal_api::{ErrorBody, ErrorCode, FeedbackReceipt, FeedbackRequest, Os};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum Lang {
    Fi,
    #[default]
    En,
    Sv,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        l10n::Lang::from(self).as_str()
    }

    /// The language for an OS locale such as `fi-FI`, `sv_FI.UTF-8`, `en-US`
    /// or `C`: the CLI's rule, [`l10n::negotiate`] (Finnish for `fi*`,
    /// Swedish for `sv*`, English otherwise; no locale → English).
    pub fn from_locale(locale: Option<&str>) -> Lang {
        l10n::negotiate(locale.unwrap_or("")).into()
    }

    /// The language of the OS locale (sys-locale).
    pub fn from_os() -> Lang {
        Lang::from_locale(sys_locale::get_locale().as_deref())
    }
}

impl From<Lang> for l10n::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Fi => l10n::Lang::Fi,
            Lang::En => l10n::Lang::En,
            Lang::Sv => l10n::Lang::Sv,
        }
    }
}

impl From<l10n::Lang> for Lang {
    fn from(lang: l10n::Lang) -> Self {
        match lang {
            l10n::Lang::Fi => Lang::Fi,
            l10n::Lang::En => Lang::En,
            l10n::Lang::Sv => Lang::Sv,
        }
    }
}

/// Public demo credentials shown on the sign-in page in demo mode only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoAccountHint {
    pub email: String,
    pub password: String,
    /// Fluent message id describing the account (in `app.ftl`).
    pub description_key: String,
}

/// `app_info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub demo: bool,
    pub portal_url: String,
    pub os: Option<Os>,
    pub lang: Lang,
    pub demo_accounts: Vec<DemoAccountHint>,
    /// First run: no portal chosen yet (the welcome view asks).
    pub first_run: bool,
    /// The operator of the compiled-in profile and its customer service.
    pub operator: OperatorInfo,
}

/// The operator profile's public part (src-tauri/src/profile.rs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorInfo {
    pub name: String,
    pub portal_url: String,
    /// Customer service's phone as printed, and in E.164 (for `tel:`).
    pub phone: String,
    pub phone_e164: String,
    pub web: String,
}

/// The first-run choice, remembered in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum PortalChoice {
    /// The operator's portal from the operator profile.
    Operator,
    /// The embedded demo portal.
    Demo,
}

/// What kind of portal is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum PortalKind {
    /// The operator profile's portal.
    Operator,
    /// The embedded demo portal.
    Demo,
    /// Another portal given at launch (development).
    Other,
    /// None chosen yet (first run).
    None,
}

/// `portal_info`: the portal in use, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PortalInfo {
    pub kind: PortalKind,
    /// The operator's name (empty for the demo and other portals).
    pub name: String,
    pub url: String,
    /// Fingerprints of the pinned manifest keys: the first 16 hex digits of
    /// each key's SHA-256 (the portal's `key_id`).
    pub key_fingerprints: Vec<String>,
    /// Whether Settings may switch between the operator's portal and the demo
    /// (not when the launch options chose the portal).
    pub switchable: bool,
}

/// `session_info`, `restore_session`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct SessionInfo {
    pub signed_in: bool,
    pub email: Option<String>,
    pub remembered: bool,
}

/// `sign_in`: whether "remember me" took effect; when it was asked for but the
/// keychain is locked or missing, the sign-in lasts this session only and
/// `keychain_error` says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignInOutcome {
    pub remembered: bool,
    pub keychain_error: Option<ErrorCode>,
}

/// Data from the portal or, when it cannot be reached, from the offline cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cached<T> {
    pub data: T,
    pub fetched_at: DateTime<Utc>,
    pub from_cache: bool,
}

/// What the UI's first view needs (`app_info`, `session_info`,
/// `cached_services` in one), handed to the web view with the page
/// (`startup::init_script`) so that its first frame is the right view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartupSnapshot {
    pub info: AppInfo,
    pub session: SessionInfo,
    pub cached: Option<Cached<portal_api::ServiceList>>,
}

/// Where an installer download stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum DownloadState {
    Idle,
    Downloading,
    Paused,
    Verifying,
    Verified,
    Failed,
}

/// One installer download, addressed by the service it belongs to; the file's
/// path stays in Rust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DownloadStatus {
    #[ts(type = "number")]
    pub service_id: i64,
    pub os: Os,
    pub file_name: String,
    #[ts(type = "number")]
    pub received: u64,
    #[ts(type = "number")]
    pub total: u64,
    pub state: DownloadState,
    pub error: Option<ErrorBody>,
    /// Orders the reports of one app run: command answers and
    /// `download-progress` events reach the web view by different paths and
    /// can arrive out of order, so the UI keeps the report with the highest
    /// `seq`. 0 = nothing started yet.
    #[ts(type = "number")]
    pub seq: u64,
}

/// `send_feedback`: delivered now, or queued in the outbox (delivered exactly
/// once when the portal is reachable again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
#[ts(tag = "status", rename_all = "snake_case")]
pub enum FeedbackOutcome {
    Sent { receipt: FeedbackReceipt },
    Queued { local_id: String },
}

impl From<portal_client::FeedbackOutcome> for FeedbackOutcome {
    fn from(o: portal_client::FeedbackOutcome) -> Self {
        match o {
            portal_client::FeedbackOutcome::Sent { receipt } => FeedbackOutcome::Sent { receipt },
            portal_client::FeedbackOutcome::Queued { local_id } => {
                FeedbackOutcome::Queued { local_id }
            }
        }
    }
}

/// The persisted settings (`settings.json` in the app's config dir).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub lang: Lang,
    /// Empty: none configured (demo mode).
    #[serde(default)]
    pub portal_url: String,
    /// The first-run choice; `null` = not chosen yet.
    #[serde(default)]
    pub portal_choice: Option<PortalChoice>,
    /// Which account the keychain remembers, per keychain entry (`demo`,
    /// `portal`): `null` = none, absent = not known yet. Lets start-up paint
    /// the remembered account's cached services without waiting on the
    /// keychain (a D-Bus round trip, or an unlock prompt); the keychain stays
    /// the truth (`restore_session` reads it). An email, never a secret.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(skip)]
    pub remembered: BTreeMap<String, Option<String>>,
    /// "Myöhemmin" (later) on an update offer: that version is not offered
    /// again until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub update_snooze: Option<UpdateSnooze>,
    /// "Start with the computer, minimized" (off by default); applied through
    /// the autostart plugin (`src/autostart.rs`).
    #[serde(default)]
    pub autostart: bool,
}

/// A view the tray menu opens (`navigate` event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum TrayView {
    Services,
    Feedback,
}

/// Payload of the `navigate` event: the tray menu asks the UI to show a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Navigate {
    pub view: TrayView,
}

/// An update offer hidden until `until` (settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateSnooze {
    pub version: String,
    pub until: DateTime<Utc>,
}

/// `check_update`: a newer, signed release from the operator's update feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    pub pub_date: Option<DateTime<Utc>>,
    /// The release notes in the UI's language.
    pub notes: String,
    /// False when this installation can't install it itself (a Linux package
    /// without rights): the UI says to update through the package manager.
    pub can_install: bool,
}

/// Payload of the `update-progress` event while an update downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateProgress {
    #[ts(type = "number")]
    pub received: u64,
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

/// Payload of the `connectivity` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Connectivity {
    pub online: bool,
}

/// Payload of the `outbox-delivered` event: sent now, still waiting, and
/// refused by the portal (kept for the user's attention).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxDelivered {
    pub delivered: u32,
    pub remaining: u32,
    pub attention: u32,
}

/// `outbox_count`: the signed-in account's feedback not yet delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct OutboxSummary {
    /// Waiting to be sent automatically.
    pub queued: u32,
    /// Refused by the portal: waiting for the user to edit and resend, or discard.
    pub attention: u32,
}

/// One feedback in the outbox (`pending_feedback`): the user's own text, so it
/// can be edited and resent; never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PendingFeedback {
    pub local_id: String,
    pub created_at: DateTime<Utc>,
    pub request: FeedbackRequest,
    /// The portal's refusal, when it needs the user's attention.
    pub attention: Option<ErrorBody>,
}

/// What `sign_out` does with feedback that is still queued: asked of the user
/// when there is some (`feedback_pending` otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum QueuedFeedbackChoice {
    /// Keep it; it is sent when this account signs in again.
    Keep,
    /// Delete it.
    Discard,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_locale_is_the_cli_rule() {
        // The table itself is crates/l10n/tests/negotiation.rs; here: the app
        // uses that rule, and every app language maps to and from l10n's.
        for tag in ["fi_FI.UTF-8", "sv_FI.UTF-8", "sv-SE", "en-US", "C", ""] {
            assert_eq!(
                l10n::Lang::from(Lang::from_locale(Some(tag))),
                l10n::negotiate(tag)
            );
        }
        assert_eq!(Lang::from_locale(Some("sv-FI")), Lang::Sv);
        assert_eq!(Lang::from_locale(None), Lang::En);
        for &l in l10n::Lang::ALL {
            assert_eq!(l10n::Lang::from(Lang::from(l)), l);
            assert_eq!(Lang::from(l).as_str(), l.as_str());
        }
    }

    #[test]
    fn feedback_outcome_is_tagged_by_status() {
        let q = FeedbackOutcome::Queued {
            local_id: "abc".into(),
        };
        assert_eq!(
            serde_json::to_value(q).unwrap(),
            serde_json::json!({"status": "queued", "local_id": "abc"})
        );
    }
}

/// Whether this computer already has the security software, or another
/// antivirus product that should be removed first (`protection_status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(tag = "state", rename_all = "snake_case")]
pub enum ProtectionStatus {
    NotDetected,
    /// An F-Secure client is installed: no need to install it again.
    Installed {
        product: String,
    },
    /// Another antivirus product is installed: remove it before installing.
    Conflict {
        product: String,
    },
}

/// The devices holding a Turvapaketti's licences (`devices`,
/// `release_device`), with this computer's device when it is one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceDevices {
    #[ts(type = "number")]
    pub service_id: i64,
    pub devices_allowed: u32,
    pub devices: Vec<portal_api::Device>,
    #[ts(type = "number | null")]
    pub this_device: Option<i64>,
}
