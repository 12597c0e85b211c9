//! Ordered services ("Tilatut palvelut") and the monthly billing summary.

use crate::{Channel, Installer, LocalizedText, SignedManifest, Validity};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// A fixed-term service is "ending soon" this many days before its end date.
pub const ENDING_SOON_DAYS: i64 = 30;

/// Status of an ordered service on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Starts later.
    Upcoming,
    Active,
    /// Fixed term ending within [`ENDING_SOON_DAYS`].
    EndingSoon,
    Ended,
}

impl ServiceStatus {
    /// The status on `today` of a service running from `start` to `end`
    /// (inclusive; `None` = until further notice).
    pub fn on(today: NaiveDate, start: NaiveDate, end: Option<NaiveDate>) -> Self {
        if today < start {
            return ServiceStatus::Upcoming;
        }
        match end {
            Some(end) if today > end => ServiceStatus::Ended,
            Some(end) if (end - today).num_days() <= ENDING_SOON_DAYS => ServiceStatus::EndingSoon,
            _ => ServiceStatus::Active,
        }
    }

    /// Whether the service is charged on the monthly invoice.
    pub fn is_billed(self) -> bool {
        !matches!(self, ServiceStatus::Ended)
    }
}

/// The channels of a MIX package and the customer's current choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct MixContent {
    pub channel_count: u32,
    pub allowed_channels: Vec<Channel>,
    /// Channel ids currently chosen; always exactly `channel_count`.
    pub selected: Vec<String>,
}

/// Turvapaketti details of a security service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SecurityInfo {
    /// The subscription key the installer asks for.
    pub subscription_key: String,
    pub devices_allowed: u32,
    pub devices_in_use: u32,
    /// Link for protecting another device ("suojaa lisää laitteita").
    pub device_link: String,
    /// Installers per OS, for display; download only what the verified
    /// `manifest` lists.
    pub installers: Vec<Installer>,
    /// The same installers, signed by the portal (Ed25519).
    pub manifest: SignedManifest,
}

/// One ordered service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct OrderedService {
    #[ts(type = "number")]
    pub id: i64,
    pub product_id: String,
    pub name: LocalizedText,
    /// Product group id.
    pub group: String,
    pub group_name: LocalizedText,
    /// "alkamisajankohta".
    pub start_date: NaiveDate,
    /// "päättymisajankohta"; `None` = until further notice.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    pub validity: Validity,
    pub status: ServiceStatus,
    #[ts(type = "number")]
    pub monthly_price_cents: i64,
    #[serde(default)]
    pub mix: Option<MixContent>,
    #[serde(default)]
    pub security: Option<SecurityInfo>,
    /// Catalogue products this service can be updated to.
    #[serde(default)]
    pub updates_available: Vec<String>,
}

/// `GET /api/v1/services`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct ServiceList {
    pub services: Vec<OrderedService>,
    /// Sum of the monthly prices of every billed service.
    #[ts(type = "number")]
    pub monthly_total_cents: i64,
    /// The server's date the statuses were computed for.
    pub as_of: NaiveDate,
}

/// One product group's share of the monthly invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct BillingGroup {
    pub group: String,
    pub name: LocalizedText,
    #[ts(type = "number")]
    pub total_cents: i64,
    pub service_count: u32,
}

/// `GET /api/v1/billing` — what the monthly invoice ("kuukausilasku") holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct BillingSummary {
    #[ts(type = "number")]
    pub monthly_total_cents: i64,
    pub groups: Vec<BillingGroup>,
    pub next_invoice_date: NaiveDate,
    pub generated_at: DateTime<Utc>,
}

/// `PUT /api/v1/services/{id}/mix` — new MIX content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct MixEditRequest {
    pub channels: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn status_rule() {
        let today = d("2026-11-26");
        assert_eq!(
            ServiceStatus::on(today, d("2026-01-01"), None),
            ServiceStatus::Active
        );
        assert_eq!(
            ServiceStatus::on(today, d("2026-01-01"), Some(d("2026-12-16"))),
            ServiceStatus::EndingSoon
        );
        assert_eq!(
            ServiceStatus::on(today, d("2026-01-01"), Some(d("2026-12-27"))),
            ServiceStatus::Active
        );
        assert_eq!(
            ServiceStatus::on(today, d("2026-01-01"), Some(d("2026-11-25"))),
            ServiceStatus::Ended
        );
        assert_eq!(
            ServiceStatus::on(today, d("2026-12-01"), None),
            ServiceStatus::Upcoming
        );
    }
}
