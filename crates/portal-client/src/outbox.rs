//! The feedback outbox: feedback is never lost. Each item, with its
//! idempotency key, is written to `data_dir/outbox/<local_id>.json` before it
//! is sent, and removed only after the portal's receipt or the user's explicit
//! discard:
//! * unreachable portal → it stays queued; [`PortalClient::flush_outbox`]
//!   delivers it later — after a restart or a sign-out and back in, too — with
//!   the same key, so the portal records it once;
//! * the portal refuses a queued item for good (a rule changed, the account
//!   was closed) → it stays, marked [`Attention`] with the portal's reason,
//!   until the user edits and resends it ([`PortalClient::resend_feedback`])
//!   or discards it ([`PortalClient::discard_feedback`]).
//!
//! Feedback the portal would refuse by the contract's rules
//! ([`portal_api::validate::feedback`]) is refused at once, online or
//! offline, and never queued. The files hold the feedback and the account's
//! email, never a token.

use crate::client::{new_idempotency_key, PortalClient};
use crate::error::{ClientError, Result};
use crate::fsutil::{blocking, write_atomic};
use chrono::{DateTime, Utc};
use portal_api::{ErrorBody, ErrorCode, FeedbackReceipt, FeedbackRequest};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

const OUTBOX_VERSION: u32 = 1;

/// One queued feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub version: u32,
    pub local_id: String,
    pub idempotency_key: String,
    /// The account it was written under; only that account sends it.
    pub account: String,
    /// The portal it is for ([`crate::ClientConfig::portal_id`]); empty in
    /// files written before portals were told apart (any portal sends those).
    #[serde(default)]
    pub portal: String,
    pub created_at: DateTime<Utc>,
    pub request: FeedbackRequest,
    /// Set when the portal refused it: not sent again until the user edits
    /// and resends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attention: Option<Attention>,
}

/// Why a queued item needs the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    /// The portal's refusal (`code`, `field`).
    pub error: ErrorBody,
    pub at: DateTime<Utc>,
}

/// What [`PortalClient::submit_feedback`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FeedbackOutcome {
    /// The portal has it.
    Sent { receipt: FeedbackReceipt },
    /// Saved; it will be sent by [`PortalClient::flush_outbox`].
    Queued { local_id: String },
}

/// What [`PortalClient::flush_outbox`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FlushReport {
    /// Delivered now: (local id, receipt).
    pub sent: Vec<(String, FeedbackReceipt)>,
    /// Refused by the portal now: kept, marked for the user's attention.
    pub needs_attention: Vec<(String, ClientError)>,
    /// Still queued for sending (the portal is unreachable).
    pub remaining: usize,
}

/// Errors after which an item stays queued for an automatic resend: the
/// portal could not be reached or had a temporary fault, or the session
/// needs a new sign-in first.
fn keep_queued(e: &ClientError) -> bool {
    e.is_transient()
        || matches!(
            e.code,
            ErrorCode::NotSignedIn
                // The portal may have stored it: resend later with the same key.
                | ErrorCode::MalformedResponse
                | ErrorCode::InvalidGrant
                | ErrorCode::Unauthorized
                | ErrorCode::TokenExpired
        )
}

/// The contract's rules, checked before anything is written.
fn validated(request: &FeedbackRequest) -> Result<FeedbackRequest> {
    portal_api::validate::feedback(request).map_err(ClientError::from)
}

impl PortalClient {
    fn outbox_dir(&self) -> PathBuf {
        self.inner.config.data_dir.join("outbox")
    }

    fn outbox_path(&self, local_id: &str) -> PathBuf {
        self.outbox_dir().join(format!("{local_id}.json"))
    }

    /// Written (fsync) off the async threads.
    async fn save_item(&self, item: &OutboxItem) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(item).expect("serializable");
        let path = self.outbox_path(&item.local_id);
        blocking(move || write_atomic(&path, &bytes))
            .await
            .map_err(|e| ClientError::io("save feedback", &e))
    }

    fn remove_item(&self, local_id: &str) {
        if let Err(e) = std::fs::remove_file(self.outbox_path(local_id)) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(error = %e.kind(), "a delivered feedback file could not be removed");
            }
        }
    }

    /// Sends one saved item: a receipt removes it; a refusal marks it for the
    /// user's attention (kept); an unreachable portal leaves it queued.
    async fn deliver(&self, mut item: OutboxItem) -> Result<FeedbackOutcome> {
        match self
            .send_feedback(&item.request, &item.idempotency_key)
            .await
        {
            Ok(receipt) => {
                self.remove_item(&item.local_id);
                Ok(FeedbackOutcome::Sent { receipt })
            }
            Err(e) if keep_queued(&e) => Ok(FeedbackOutcome::Queued {
                local_id: item.local_id,
            }),
            Err(e) => {
                tracing::info!(code = %e.code, "the portal refused queued feedback; kept for the user");
                item.attention = Some(Attention {
                    error: e.to_body(),
                    at: Utc::now(),
                });
                self.save_item(&item).await?;
                Err(e)
            }
        }
    }

    /// Checks the feedback against the contract's rules (a refusal names the
    /// field, and nothing is saved), saves it to the outbox, then tries to
    /// send it. Unreachable portal → `Queued`. A refusal by the portal is
    /// returned as the error and nothing stays queued: the user still has the
    /// text in front of them.
    pub async fn submit_feedback(&self, request: FeedbackRequest) -> Result<FeedbackOutcome> {
        let request = validated(&request)?;
        let account = self
            .account()
            .await
            .ok_or_else(ClientError::not_signed_in)?;
        let item = OutboxItem {
            version: OUTBOX_VERSION,
            local_id: uuid::Uuid::new_v4().to_string(),
            idempotency_key: new_idempotency_key(),
            account,
            portal: self.inner.config.portal_id.clone(),
            created_at: Utc::now(),
            request,
            attention: None,
        };
        self.save_item(&item).await?;
        let _guard = self.inner.outbox_lock.lock().await;
        let local_id = item.local_id.clone();
        match self.deliver(item).await {
            Err(e) if !keep_queued(&e) => {
                self.remove_item(&local_id);
                Err(e)
            }
            other => other,
        }
    }

    /// The signed-in account's queued feedback on this portal, oldest first,
    /// those needing attention included; nothing when signed out. Unreadable
    /// files are skipped (and left alone).
    pub async fn pending_feedback(&self) -> Vec<OutboxItem> {
        let Some(account) = self.account().await else {
            return Vec::new();
        };
        let portal = &self.inner.config.portal_id;
        let mut items: Vec<OutboxItem> = std::fs::read_dir(self.outbox_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().and_then(|x| x.to_str()) == Some("json"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice::<OutboxItem>(&b).ok())
            .filter(|i| i.version == OUTBOX_VERSION)
            .filter(|i| i.account.eq_ignore_ascii_case(&account))
            .filter(|i| i.portal.is_empty() || &i.portal == portal)
            .collect();
        items.sort_by_key(|a| a.created_at);
        items
    }

    async fn pending_item(&self, local_id: &str) -> Result<OutboxItem> {
        self.pending_feedback()
            .await
            .into_iter()
            .find(|i| i.local_id == local_id)
            .ok_or_else(|| ClientError::new(ErrorCode::NotFound, "no such queued feedback"))
    }

    /// Sends the signed-in account's queued feedback, each with its own
    /// idempotency key; items that need attention wait for the user. Stops at
    /// the first unreachable-portal error.
    pub async fn flush_outbox(&self) -> Result<FlushReport> {
        if self.account().await.is_none() {
            return Err(ClientError::not_signed_in());
        }
        let _guard = self.inner.outbox_lock.lock().await;
        let items: Vec<_> = self
            .pending_feedback()
            .await
            .into_iter()
            .filter(|i| i.attention.is_none())
            .collect();
        let mut report = FlushReport::default();
        let total = items.len();
        for (n, item) in items.into_iter().enumerate() {
            if !self.outbox_path(&item.local_id).exists() {
                continue; // sent meanwhile by another client instance
            }
            let local_id = item.local_id.clone();
            match self.deliver(item).await {
                Ok(FeedbackOutcome::Sent { receipt }) => report.sent.push((local_id, receipt)),
                Ok(FeedbackOutcome::Queued { .. }) => {
                    report.remaining = total - n;
                    return Ok(report);
                }
                Err(e) => report.needs_attention.push((local_id, e)),
            }
        }
        Ok(report)
    }

    /// The user's edit of a queued item (typically one that needs attention):
    /// checked like new feedback, saved in place of the old text, then sent
    /// with the item's own idempotency key. A refusal is returned and the
    /// item stays, marked again; it is never deleted here.
    pub async fn resend_feedback(
        &self,
        local_id: &str,
        request: FeedbackRequest,
    ) -> Result<FeedbackOutcome> {
        let request = validated(&request)?;
        let _guard = self.inner.outbox_lock.lock().await;
        let mut item = self.pending_item(local_id).await?;
        if item.attention.as_ref().map(|a| a.error.code) == Some(ErrorCode::IdempotencyKeyReused) {
            // The portal holds other content under this key: this is new feedback.
            item.idempotency_key = new_idempotency_key();
        }
        item.request = request;
        item.attention = None;
        self.save_item(&item).await?;
        self.deliver(item).await
    }

    /// Re-labels the queued feedback of `old` as `new` after an email change,
    /// so it is still sent by the account. Called with the session already
    /// under the new address.
    pub(crate) async fn move_outbox_account(&self, old: &str, new: &str) {
        let _guard = self.inner.outbox_lock.lock().await;
        let portal = &self.inner.config.portal_id;
        let items = std::fs::read_dir(self.outbox_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice::<OutboxItem>(&b).ok())
            .filter(|i| i.account.eq_ignore_ascii_case(old))
            .filter(|i| i.portal.is_empty() || &i.portal == portal);
        for mut item in items {
            item.account = new.to_string();
            if let Err(e) = self.save_item(&item).await {
                tracing::warn!(code = %e.code, "queued feedback kept under the old address");
            }
        }
    }

    /// Deletes a queued item: only ever on the user's explicit decision.
    pub async fn discard_feedback(&self, local_id: &str) -> Result<()> {
        let _guard = self.inner.outbox_lock.lock().await;
        let item = self.pending_item(local_id).await?;
        std::fs::remove_file(self.outbox_path(&item.local_id))
            .map_err(|e| ClientError::io("remove queued feedback", &e))
    }
}
