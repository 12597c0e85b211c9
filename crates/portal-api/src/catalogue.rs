//! The catalogue of orderable services by product group ("tuoteryhmä").

use crate::LocalizedText;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Validity of a service ("voimassaolo").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum Validity {
    /// "toistaiseksi": no end date.
    UntilFurtherNotice,
    /// "määräaika": ends on a set date.
    FixedTerm,
}

/// What kind of product it is; decides which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum ProductKind {
    /// A TV package or free channel.
    TvPackage,
    /// A pay channel ("maksukanava"): needs a valid pay-TV card.
    PayChannel,
    /// A MIX package: the customer picks its channels.
    MixPackage,
    /// A security service such as Turvapaketti.
    Security,
    /// A broadband subscription.
    Broadband,
}

/// A product group, e.g. "TV-kanavat" or "Tietoturvapalvelut".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct ProductGroup {
    /// Stable id: `tv`, `security`, `broadband`, …
    pub id: String,
    pub name: LocalizedText,
}

/// A TV channel that a MIX package may contain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Channel {
    pub id: String,
    pub name: String,
}

/// The rule of a MIX package: exactly `channel_count` channels from
/// `allowed_channels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct MixSpec {
    pub channel_count: u32,
    /// Channel ids (see [`Catalogue::channels`]).
    pub allowed_channels: Vec<String>,
}

/// An orderable product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Product {
    /// Stable id, e.g. `turvapaketti-5`.
    pub id: String,
    /// The product group id.
    pub group: String,
    pub kind: ProductKind,
    pub name: LocalizedText,
    pub description: LocalizedText,
    /// Monthly price in euro cents, VAT included.
    #[ts(type = "number")]
    pub monthly_price_cents: i64,
    pub validity: Validity,
    /// Length of a fixed term in months; `None` when until further notice.
    #[serde(default)]
    pub term_months: Option<u32>,
    /// Pay channels need a valid pay-TV card.
    pub requires_pay_tv_card: bool,
    /// Present on MIX packages.
    #[serde(default)]
    pub mix: Option<MixSpec>,
    /// Devices covered, for security services.
    #[serde(default)]
    pub devices_allowed: Option<u32>,
    /// Products that this one can replace as an update of a valid
    /// subscription (e.g. more Turvapaketti devices).
    #[serde(default)]
    pub updates: Vec<String>,
}

/// `GET /api/v1/catalogue`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Catalogue {
    pub groups: Vec<ProductGroup>,
    pub products: Vec<Product>,
    pub channels: Vec<Channel>,
}

impl Catalogue {
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }
}
