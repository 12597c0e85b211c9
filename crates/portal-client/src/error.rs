//! The one error type of the client: the same `{code, message, field?,
//! retry_after?}` envelope the portal answers with, so it can cross into the
//! UI unchanged. `message` is an English developer text and never contains a
//! token or a password; user-facing text is the Fluent message
//! `error-<code>`.

use crate::fsutil::is_disk_full;
use portal_api::{ErrorBody, ErrorCode};
use serde::{Deserialize, Serialize};
use std::io;

/// Result alias of this crate.
pub type Result<T, E = ClientError> = std::result::Result<T, E>;

/// Every failure of the client library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ClientError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Seconds to wait before trying again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ClientError {
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

    pub fn offline(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Offline, message)
    }
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Timeout, message)
    }
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::MalformedResponse, message)
    }
    pub fn insecure_url(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InsecureUrl, message)
    }
    pub fn keychain(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::KeychainUnavailable, message)
    }
    pub fn verification(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::VerificationFailed, message)
    }
    pub fn cancelled() -> Self {
        Self::new(ErrorCode::Cancelled, "cancelled")
    }
    pub fn not_signed_in() -> Self {
        Self::new(ErrorCode::NotSignedIn, "not signed in")
    }

    /// An I/O error; a full disk becomes [`ErrorCode::DiskFull`].
    pub fn io(context: &str, err: &io::Error) -> Self {
        if is_disk_full(err) {
            Self::new(ErrorCode::DiskFull, format!("{context}: disk full"))
        } else {
            Self::new(ErrorCode::Io, format!("{context}: {err}"))
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// Whether the same request may succeed later (network, 5xx, 429).
    pub fn is_transient(&self) -> bool {
        self.code.is_transient()
    }

    /// Whether the portal could not be reached ([`ErrorCode::is_offline`]):
    /// the one meaning of "offline", after which cached data is shown.
    pub fn is_offline(&self) -> bool {
        self.code.is_offline()
    }

    /// The envelope for the UI.
    pub fn to_body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code,
            message: self.message.clone(),
            field: self.field.clone(),
            retry_after: self.retry_after,
        }
    }
}

impl From<ErrorBody> for ClientError {
    fn from(b: ErrorBody) -> Self {
        Self {
            code: b.code,
            message: b.message,
            field: b.field,
            retry_after: b.retry_after,
        }
    }
}

/// Classifies a transport error from reqwest. Never includes the URL's
/// query or any header (tokens travel in headers).
pub(crate) fn from_reqwest(err: &reqwest::Error) -> ClientError {
    if err.is_timeout() {
        return ClientError::timeout("the portal did not answer in time");
    }
    if err.is_connect() {
        return ClientError::offline("cannot connect to the portal");
    }
    if err.is_decode() {
        return ClientError::malformed("the portal's answer could not be decoded");
    }
    if err.is_builder() {
        return ClientError::new(ErrorCode::Io, "invalid request");
    }
    // Request/body errors: the connection broke while talking.
    ClientError::offline("the connection to the portal was interrupted")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelope_shape_matches_the_portal() {
        let e = ClientError::new(ErrorCode::RateLimited, "slow down").with_retry_after(3);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "rate_limited", "message": "slow down", "retry_after": 3})
        );
        let body = ErrorBody::new(ErrorCode::InvalidEmail, "bad").with_field("email");
        let e: ClientError = body.clone().into();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::to_value(&body).unwrap()
        );
    }

    // Raw code 28 is ENOSPC only on Unix (on Windows it is ERROR_OUT_OF_PAPER).
    #[cfg(unix)]
    #[test]
    fn enospc_is_disk_full() {
        let e = io::Error::from_raw_os_error(28);
        assert_eq!(ClientError::io("write", &e).code, ErrorCode::DiskFull);
        let e = io::Error::new(io::ErrorKind::PermissionDenied, "no");
        assert_eq!(ClientError::io("write", &e).code, ErrorCode::Io);
    }

    #[cfg(windows)]
    #[test]
    fn windows_disk_full_codes_are_disk_full() {
        for code in [112, 39] {
            let e = io::Error::from_raw_os_error(code);
            assert_eq!(ClientError::io("write", &e).code, ErrorCode::DiskFull);
        }
        // 28 is ERROR_OUT_OF_PAPER here, not a full disk.
        let e = io::Error::from_raw_os_error(28);
        assert_eq!(ClientError::io("write", &e).code, ErrorCode::Io);
    }
}
