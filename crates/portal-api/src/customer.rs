//! Customer details ("Käyttäjätiedot"), email and password change.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Postal address; changed only through customer service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Address {
    pub street: String,
    pub postal_code: String,
    pub city: String,
}

/// The customer's pay-TV card ("maksu-TV-kortti").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct PayTvCard {
    pub number: String,
    pub valid_until: NaiveDate,
    /// Whether the card is valid today (server's date).
    pub valid: bool,
}

/// Why ordering is not possible right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum OrderBlocker {
    NoCustomerRelationship,
    NoBillingAgreement,
}

/// `GET /api/v1/customer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct CustomerDetails {
    pub customer_number: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: Address,
    /// A valid customer relationship ("asiakassuhde").
    pub customer_relationship_valid: bool,
    /// A valid billing agreement ("laskutussopimus").
    pub billing_agreement_valid: bool,
    #[serde(default)]
    pub pay_tv_card: Option<PayTvCard>,
    /// Empty when the customer may order; otherwise every reason why not.
    pub order_blockers: Vec<OrderBlocker>,
}

/// `PUT /api/v1/customer/email` — the only detail the customer edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct EmailChangeRequest {
    #[schema(format = "email", min_length = 3, max_length = 254)]
    pub email: String,
}

/// `PUT /api/v1/customer/password` — needs the current password; signs out
/// every other session of the customer.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct PasswordChangeRequest {
    pub current_password: String,
    pub new_password: String,
}

impl std::fmt::Debug for PasswordChangeRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordChangeRequest { <redacted> }")
    }
}

/// Minimum length of a new password (characters).
pub const PASSWORD_MIN_LEN: usize = 10;
/// Maximum length of any password (characters), to bound hashing work.
pub const PASSWORD_MAX_LEN: usize = 256;

/// The password strength rule shared by the server (enforces) and the app
/// (shows): at least [`PASSWORD_MIN_LEN`] characters and at least three of
/// lower case, upper case, digits and other characters.
pub fn password_strength(password: &str) -> PasswordStrength {
    let len = password.chars().count();
    let classes = [
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    if !(PASSWORD_MIN_LEN..=PASSWORD_MAX_LEN).contains(&len) || classes < 2 {
        PasswordStrength::Weak
    } else if classes < 3 {
        PasswordStrength::Fair
    } else if len >= 14 {
        PasswordStrength::Strong
    } else {
        PasswordStrength::Good
    }
}

/// Strength levels; `Weak` and `Fair` are refused by the server.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum PasswordStrength {
    Weak,
    Fair,
    Good,
    Strong,
}

impl PasswordStrength {
    pub fn acceptable(self) -> bool {
        self >= PasswordStrength::Good
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_rule() {
        assert_eq!(password_strength("short1A"), PasswordStrength::Weak);
        assert_eq!(
            password_strength("alllowercaseletters"),
            PasswordStrength::Weak
        );
        assert_eq!(password_strength("lowercase123"), PasswordStrength::Fair);
        assert!(!password_strength("lowercase123").acceptable());
        assert_eq!(password_strength("Lowercase123"), PasswordStrength::Good);
        assert_eq!(
            password_strength("Lowercase123-long"),
            PasswordStrength::Strong
        );
        assert!(password_strength("Kesä-Loma-2026").acceptable());
        assert!(!password_strength(&"Aa1!".repeat(100)).acceptable());
    }
}
