//! The crate's one error type. It crosses the IPC boundary as the envelope
//! `{code, message, field?, retry_after?}` (portal-api's `ErrorBody`), so the
//! UI shows the Fluent message `error-<code>`. Messages are developer English
//! and never carry a token, a password or a file path.

use portal_api::{ErrorBody, ErrorCode};
use serde::{Serialize, Serializer};
use std::fmt;

/// An error of a command, as the web view receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub ErrorBody);

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self(ErrorBody::new(code, message))
    }

    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    pub fn not_signed_in() -> Self {
        Self::new(ErrorCode::NotSignedIn, "not signed in")
    }

    pub fn body(&self) -> &ErrorBody {
        &self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl From<ErrorBody> for Error {
    fn from(body: ErrorBody) -> Self {
        Self(body)
    }
}

impl From<std::io::Error> for Error {
    /// Local file trouble; the message names the kind only, never the path.
    fn from(e: std::io::Error) -> Self {
        let code = if e.kind() == std::io::ErrorKind::StorageFull {
            ErrorCode::DiskFull
        } else {
            ErrorCode::Io
        };
        Self::new(code, format!("local file error: {}", e.kind()))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Self::new(ErrorCode::Io, format!("local data could not be read: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_as_the_envelope() {
        let e = Error(
            ErrorBody::new(ErrorCode::RateLimited, "slow down")
                .with_field("password")
                .with_retry_after(7),
        );
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "rate_limited", "message": "slow down", "field": "password", "retry_after": 7})
        );
        assert_eq!(
            serde_json::to_value(Error::not_signed_in()).unwrap(),
            json!({"code": "not_signed_in", "message": "not signed in"})
        );
    }

    #[test]
    fn io_errors_never_carry_paths() {
        let e: Error =
            std::io::Error::new(std::io::ErrorKind::NotFound, "/home/someone/secret/path").into();
        assert_eq!(e.code(), ErrorCode::Io);
        assert!(!e.0.message.contains("/home"), "{}", e.0.message);
        let full: Error = std::io::Error::from(std::io::ErrorKind::StorageFull).into();
        assert_eq!(full.code(), ErrorCode::DiskFull);
    }
}
