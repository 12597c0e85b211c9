//! Customer feedback ("Asiakaspalaute"), including written termination notices.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Longest feedback message, in characters.
pub const FEEDBACK_MESSAGE_MAX_CHARS: usize = 2000;

/// What the feedback is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum FeedbackTopic {
    General,
    /// Written termination notice ("irtisanomisilmoitus"): the app has no
    /// cancellation; this is the written route.
    Termination,
    Ordering,
    Technical,
    Billing,
    /// Changes of details other than email.
    Details,
}

impl FeedbackTopic {
    pub const ALL: &'static [FeedbackTopic] = &[
        FeedbackTopic::General,
        FeedbackTopic::Termination,
        FeedbackTopic::Ordering,
        FeedbackTopic::Technical,
        FeedbackTopic::Billing,
        FeedbackTopic::Details,
    ];
}

/// `POST /api/v1/feedback`, with an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct FeedbackRequest {
    pub topic: FeedbackTopic,
    /// 1 to [`FEEDBACK_MESSAGE_MAX_CHARS`] characters (after trimming).
    #[schema(min_length = 1, max_length = 2000)]
    pub message: String,
    /// Whether the customer wants to be contacted.
    #[serde(default)]
    pub contact_me: bool,
    #[serde(default)]
    pub contact_email: Option<String>,
    /// A Finnish phone number.
    #[serde(default)]
    pub contact_phone: Option<String>,
    /// The service the feedback is about (e.g. the one to terminate).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
}

/// Proof the portal has the feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct FeedbackReceipt {
    #[ts(type = "number")]
    pub id: i64,
    pub topic: FeedbackTopic,
    pub received_at: DateTime<Utc>,
}
