//! The one error envelope `{code, message, field?, retry_after?}` and its
//! stable codes. The UI maps `code` to the Fluent message `error-<code>`.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;
use utoipa::ToSchema;

/// Stable, snake_case error codes. Never rename one: clients depend on them.
///
/// The server sends the portal codes; the client library adds the local ones
/// (offline, timeout, …) so every layer speaks the same vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum ErrorCode {
    // --- request shape ---
    /// The body is not valid JSON or lacks required fields.
    MalformedRequest,
    /// A field has a value out of its allowed range.
    ValidationFailed,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// The resource does not exist (or belongs to another customer).
    NotFound,
    /// The HTTP method is not allowed on this path.
    MethodNotAllowed,
    /// Unsupported media type (a JSON body is required).
    UnsupportedMediaType,
    // --- session ---
    /// Email or password is wrong.
    InvalidCredentials,
    /// Too many attempts; see `retry_after`.
    RateLimited,
    /// No bearer token, or an unknown one.
    Unauthorized,
    /// The access token has expired; refresh it.
    TokenExpired,
    /// The refresh token was refused: sign in again.
    InvalidGrant,
    /// The customer relationship is not valid.
    NoCustomerRelationship,
    // --- customer details ---
    /// The email address is not valid.
    InvalidEmail,
    /// The email address is used by another account.
    EmailInUse,
    /// The phone number is not valid.
    InvalidPhone,
    /// The current password given for a password change is wrong.
    WrongCurrentPassword,
    /// The new password is too weak.
    WeakPassword,
    /// The password reset link is not known (mistyped or never issued).
    ResetTokenInvalid,
    /// The password reset link has expired: ask for a new one.
    ResetTokenExpired,
    /// The password reset link was used already: each works once.
    ResetTokenUsed,
    // --- ordering ---
    /// Ordering needs a valid billing agreement.
    NoBillingAgreement,
    /// Pay channels need a valid pay-TV card.
    PayTvCardRequired,
    /// The product cannot be ordered (unknown or withdrawn).
    ProductNotOrderable,
    /// The customer already has this product.
    AlreadySubscribed,
    /// The service cannot be updated that way.
    UpdateNotAllowed,
    /// Every licence of the Turvapaketti is in use: release one from an old
    /// device or order a bigger package. `field` is `devices_allowed`; the
    /// message names the limit.
    DeviceLimitReached,
    /// A MIX selection must contain exactly the package's channel count.
    MixWrongCount,
    /// A MIX selection contains a channel outside the allowed set.
    MixChannelNotAllowed,
    /// Orders and feedback need an `Idempotency-Key` header.
    IdempotencyKeyRequired,
    /// The idempotency key was used before for a different request.
    IdempotencyKeyReused,
    // --- feedback ---
    /// The message is empty or longer than allowed.
    MessageLength,
    // --- downloads ---
    /// The requested byte range cannot be served.
    RangeNotSatisfiable,
    // --- server ---
    /// The server is temporarily unavailable; try later.
    Unavailable,
    /// An unexpected server error (never carries details).
    Internal,
    // --- client-side (never sent by the server) ---
    /// The portal cannot be reached.
    Offline,
    /// The portal did not answer in time.
    Timeout,
    /// The portal's answer could not be understood.
    MalformedResponse,
    /// Plain http is allowed only to loopback addresses.
    InsecureUrl,
    /// The OS keychain is locked or missing; the sign-in lasts this session only.
    KeychainUnavailable,
    /// A downloaded file or its manifest failed verification.
    VerificationFailed,
    /// The disk is full.
    DiskFull,
    /// A local file could not be read or written.
    Io,
    /// The user cancelled the operation.
    Cancelled,
    /// No installer exists for this operating system.
    NoInstallerForOs,
    /// Not signed in.
    NotSignedIn,
    /// Sign-out would leave queued feedback: the user chooses to keep it
    /// for this account or to discard it.
    FeedbackPending,
    /// An installer manifest is signed by a key this app does not trust
    /// (not one of the keys pinned in the operator profile).
    UntrustedKey,
    /// An app update failed its signature check; nothing was installed.
    UpdateNotVerified,
    /// The app may not install its update itself (no rights to the system's
    /// package manager): update through the package manager instead.
    UpdateNeedsPackageManager,
}

impl ErrorCode {
    /// Every code, for parity tests (each needs an `error-<code>` message).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::MalformedRequest,
        ErrorCode::ValidationFailed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::InvalidCredentials,
        ErrorCode::RateLimited,
        ErrorCode::Unauthorized,
        ErrorCode::TokenExpired,
        ErrorCode::InvalidGrant,
        ErrorCode::NoCustomerRelationship,
        ErrorCode::InvalidEmail,
        ErrorCode::EmailInUse,
        ErrorCode::InvalidPhone,
        ErrorCode::WrongCurrentPassword,
        ErrorCode::WeakPassword,
        ErrorCode::ResetTokenInvalid,
        ErrorCode::ResetTokenExpired,
        ErrorCode::ResetTokenUsed,
        ErrorCode::NoBillingAgreement,
        ErrorCode::PayTvCardRequired,
        ErrorCode::ProductNotOrderable,
        ErrorCode::AlreadySubscribed,
        ErrorCode::UpdateNotAllowed,
        ErrorCode::MixWrongCount,
        ErrorCode::MixChannelNotAllowed,
        ErrorCode::DeviceLimitReached,
        ErrorCode::IdempotencyKeyRequired,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::MessageLength,
        ErrorCode::RangeNotSatisfiable,
        ErrorCode::Unavailable,
        ErrorCode::Internal,
        ErrorCode::Offline,
        ErrorCode::Timeout,
        ErrorCode::MalformedResponse,
        ErrorCode::InsecureUrl,
        ErrorCode::KeychainUnavailable,
        ErrorCode::VerificationFailed,
        ErrorCode::DiskFull,
        ErrorCode::Io,
        ErrorCode::Cancelled,
        ErrorCode::NoInstallerForOs,
        ErrorCode::NotSignedIn,
        ErrorCode::FeedbackPending,
        ErrorCode::UntrustedKey,
        ErrorCode::UpdateNotVerified,
        ErrorCode::UpdateNeedsPackageManager,
    ];

    /// The snake_case wire name, e.g. `invalid_credentials`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::TokenExpired => "token_expired",
            ErrorCode::InvalidGrant => "invalid_grant",
            ErrorCode::NoCustomerRelationship => "no_customer_relationship",
            ErrorCode::InvalidEmail => "invalid_email",
            ErrorCode::EmailInUse => "email_in_use",
            ErrorCode::InvalidPhone => "invalid_phone",
            ErrorCode::WrongCurrentPassword => "wrong_current_password",
            ErrorCode::WeakPassword => "weak_password",
            ErrorCode::ResetTokenInvalid => "reset_token_invalid",
            ErrorCode::ResetTokenExpired => "reset_token_expired",
            ErrorCode::ResetTokenUsed => "reset_token_used",
            ErrorCode::NoBillingAgreement => "no_billing_agreement",
            ErrorCode::PayTvCardRequired => "pay_tv_card_required",
            ErrorCode::ProductNotOrderable => "product_not_orderable",
            ErrorCode::AlreadySubscribed => "already_subscribed",
            ErrorCode::UpdateNotAllowed => "update_not_allowed",
            ErrorCode::MixWrongCount => "mix_wrong_count",
            ErrorCode::MixChannelNotAllowed => "mix_channel_not_allowed",
            ErrorCode::DeviceLimitReached => "device_limit_reached",
            ErrorCode::IdempotencyKeyRequired => "idempotency_key_required",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::MessageLength => "message_length",
            ErrorCode::RangeNotSatisfiable => "range_not_satisfiable",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::Offline => "offline",
            ErrorCode::Timeout => "timeout",
            ErrorCode::MalformedResponse => "malformed_response",
            ErrorCode::InsecureUrl => "insecure_url",
            ErrorCode::KeychainUnavailable => "keychain_unavailable",
            ErrorCode::VerificationFailed => "verification_failed",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::Io => "io",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::NoInstallerForOs => "no_installer_for_os",
            ErrorCode::NotSignedIn => "not_signed_in",
            ErrorCode::FeedbackPending => "feedback_pending",
            ErrorCode::UntrustedKey => "untrusted_key",
            ErrorCode::UpdateNotVerified => "update_not_verified",
            ErrorCode::UpdateNeedsPackageManager => "update_needs_package_manager",
        }
    }

    /// The HTTP status the server answers with for this code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::MalformedRequest | ErrorCode::ValidationFailed => 400,
            ErrorCode::InvalidEmail | ErrorCode::InvalidPhone | ErrorCode::WeakPassword => 422,
            ErrorCode::MessageLength | ErrorCode::MixWrongCount => 422,
            ErrorCode::MixChannelNotAllowed => 422,
            ErrorCode::IdempotencyKeyRequired | ErrorCode::ResetTokenInvalid => 400,
            ErrorCode::ResetTokenExpired | ErrorCode::ResetTokenUsed => 410,
            ErrorCode::InvalidCredentials
            | ErrorCode::Unauthorized
            | ErrorCode::TokenExpired
            | ErrorCode::InvalidGrant
            | ErrorCode::NotSignedIn => 401,
            ErrorCode::NoCustomerRelationship
            | ErrorCode::NoBillingAgreement
            | ErrorCode::PayTvCardRequired
            | ErrorCode::WrongCurrentPassword => 403,
            ErrorCode::NotFound | ErrorCode::NoInstallerForOs => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::ProductNotOrderable
            | ErrorCode::AlreadySubscribed
            | ErrorCode::UpdateNotAllowed
            | ErrorCode::EmailInUse
            | ErrorCode::IdempotencyKeyReused
            | ErrorCode::DeviceLimitReached
            | ErrorCode::FeedbackPending => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::RangeNotSatisfiable => 416,
            ErrorCode::RateLimited => 429,
            ErrorCode::Unavailable | ErrorCode::Offline => 503,
            ErrorCode::Timeout => 504,
            ErrorCode::Internal
            | ErrorCode::MalformedResponse
            | ErrorCode::InsecureUrl
            | ErrorCode::KeychainUnavailable
            | ErrorCode::VerificationFailed
            | ErrorCode::UntrustedKey
            | ErrorCode::UpdateNotVerified
            | ErrorCode::UpdateNeedsPackageManager
            | ErrorCode::DiskFull
            | ErrorCode::Io
            | ErrorCode::Cancelled => 500,
        }
    }

    /// Whether this means the portal could not be reached: no answer, no
    /// answer in time, or a gateway/maintenance 502–504. The one meaning of
    /// "offline" — the app shows its offline banner and the cached data only
    /// then; a portal that answers 500 is up, and that is an error, not
    /// offline. Mirrored into TypeScript as `OFFLINE_ERROR_CODES`.
    pub fn is_offline(self) -> bool {
        matches!(
            self,
            ErrorCode::Offline | ErrorCode::Timeout | ErrorCode::Unavailable
        )
    }

    /// Whether the same request may succeed if simply tried again later
    /// (offline, rate limited, or a server fault).
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            ErrorCode::RateLimited
                | ErrorCode::Unavailable
                | ErrorCode::Offline
                | ErrorCode::Timeout
                | ErrorCode::Internal
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ErrorCode {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(())
    }
}

/// The error envelope every failing request answers with.
///
/// `message` is an English developer text; user-facing text comes from the
/// client's Fluent message `error-<code>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// The request field the error is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// Seconds to wait before trying again (429, 503).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub retry_after: Option<u64>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            retry_after: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }
}

impl fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ErrorBody {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelope_json_shape_is_pinned() {
        let full = ErrorBody::new(ErrorCode::RateLimited, "slow down")
            .with_field("password")
            .with_retry_after(30);
        assert_eq!(
            serde_json::to_value(&full).unwrap(),
            json!({"code": "rate_limited", "message": "slow down", "field": "password", "retry_after": 30})
        );
        let bare = ErrorBody::new(ErrorCode::NotFound, "no such service");
        assert_eq!(
            serde_json::to_value(&bare).unwrap(),
            json!({"code": "not_found", "message": "no such service"})
        );
        let back: ErrorBody =
            serde_json::from_value(json!({"code": "invalid_grant", "message": "x"})).unwrap();
        assert_eq!(back.code, ErrorCode::InvalidGrant);
    }

    #[test]
    fn every_code_round_trips_through_its_wire_name() {
        for &code in ErrorCode::ALL {
            let wire = serde_json::to_value(code).unwrap();
            assert_eq!(wire, json!(code.as_str()));
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
            let status = code.http_status();
            assert!((400..600).contains(&status), "{code} -> {status}");
        }
    }

    #[test]
    fn offline_is_a_subset_of_transient_and_excludes_server_faults() {
        for &code in ErrorCode::ALL {
            if code.is_offline() {
                assert!(code.is_transient(), "{code}");
            }
        }
        assert!(!ErrorCode::Internal.is_offline());
        assert!(!ErrorCode::RateLimited.is_offline());
        assert!(ErrorCode::Internal.is_transient());
    }

    #[test]
    fn all_lists_each_code_once() {
        let mut names: Vec<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(n, names.len());
    }
}
