//! Customer service ("Asiakaspalvelu") contact details.

use crate::{FeedbackTopic, LocalizedText};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// How to reach customer service for a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum ContactChannel {
    Phone,
    FeedbackForm,
    WebPortal,
}

/// "Where to turn for what".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct ContactRoute {
    pub topic: FeedbackTopic,
    pub channel: ContactChannel,
}

/// `GET /api/v1/contact` (public).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct CustomerServiceContact {
    /// As printed, e.g. `03 450 51`.
    pub phone: String,
    /// E.164 form for a `tel:` link, e.g. `+358345051`.
    pub phone_e164: String,
    /// The operator's web portal, e.g. `https://oma.ipp.fi/`.
    pub web_portal_url: String,
    pub opening_hours: LocalizedText,
    pub routes: Vec<ContactRoute>,
}
