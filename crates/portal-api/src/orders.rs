//! Orders ("Tilaa"): a new service, or an update of a valid one.

use crate::OrderedService;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// `POST /api/v1/orders`, with an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct OrderRequest {
    pub product_id: String,
    /// For an update: the valid service this order replaces.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub replaces_service_id: Option<i64>,
    /// For a MIX package: the chosen channel ids.
    #[serde(default)]
    pub mix_channels: Option<Vec<String>>,
}

/// The result of an order; a replay with the same key returns the same one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct OrderReceipt {
    #[ts(type = "number")]
    pub order_id: i64,
    pub service: OrderedService,
    /// The monthly total after this order.
    #[ts(type = "number")]
    pub monthly_total_cents: i64,
    /// First day charged on the monthly invoice.
    pub charged_from: NaiveDate,
    pub created_at: DateTime<Utc>,
}
