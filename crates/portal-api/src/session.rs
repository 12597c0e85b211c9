//! Sign-in, token refresh and sign-out.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// `POST /api/v1/session` — sign in with the personal email and password
/// from the "Ota käyttöön!" email.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInRequest")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// `POST /api/v1/session/refresh` — trade a refresh token for a new pair.
/// The old refresh token stops working (rotation); using it again revokes
/// the whole session.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

impl std::fmt::Debug for RefreshRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RefreshRequest { refresh_token: <redacted> }")
    }
}

/// A short-lived access token and a rotating refresh token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct TokenPair {
    pub access_token: String,
    /// Seconds until the access token expires.
    #[ts(type = "number")]
    pub expires_in: u64,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPair")
            .field("access_token", &"<redacted>")
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &"<redacted>")
            .finish()
    }
}

/// Length of a password reset token: 32 random bytes, base64url without
/// padding (what the portal issues and the app's deep links accept).
pub const RESET_TOKEN_LEN: usize = 43;

/// Whether `token` has the exact shape of a reset token (checked before it
/// is sent anywhere, e.g. from a deep link).
pub fn is_reset_token_shape(token: &str) -> bool {
    token.len() == RESET_TOKEN_LEN
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `POST /api/v1/password-reset` — "Unohtuiko salasana?". Always answered
/// with 202, whether the address belongs to a customer or not; a customer
/// gets an email with a single-use link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct PasswordResetRequest {
    #[schema(max_length = 254)]
    pub email: String,
    /// The language the email is written in (`fi`, `en`, …); the
    /// customer's own language when missing or not offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 16)]
    pub language: Option<String>,
}

/// `POST /api/v1/password-reset/confirm` — the token from the email's link
/// and the new password (the password change's strength rules). Signs out
/// every session of the customer.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct PasswordResetConfirm {
    pub token: String,
    pub new_password: String,
}

impl std::fmt::Debug for PasswordResetConfirm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordResetConfirm { <redacted> }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_secrets() {
        let pair = TokenPair {
            access_token: "acc-secret".into(),
            expires_in: 300,
            refresh_token: "ref-secret".into(),
            token_type: "Bearer".into(),
        };
        let s = format!(
            "{pair:?} {:?} {:?}",
            SignInRequest {
                email: "a@b.fi".into(),
                password: "pw-secret".into()
            },
            RefreshRequest {
                refresh_token: "ref-secret".into()
            }
        );
        assert!(!s.contains("secret"), "{s}");
    }

    #[test]
    fn reset_token_shape_is_exact() {
        assert!(is_reset_token_shape(&"a".repeat(43)));
        assert!(is_reset_token_shape(
            "AZaz09-_AZaz09-_AZaz09-_AZaz09-_AZaz09-_abc"
        ));
        assert!(!is_reset_token_shape(&"a".repeat(42)));
        assert!(!is_reset_token_shape(&"a".repeat(44)));
        assert!(!is_reset_token_shape(&format!("{}=", "a".repeat(42))));
        assert!(!is_reset_token_shape(&format!("{}ä", "a".repeat(41))));
    }
}
