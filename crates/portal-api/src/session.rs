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
}
