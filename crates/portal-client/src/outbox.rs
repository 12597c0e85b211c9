//! The feedback outbox: feedback is never lost. Each item, with its
//! idempotency key, is written to `data_dir/outbox/<local_id>.json` before
//! it is sent; a delivered item is removed; an unreachable portal leaves it
//! queued; [`PortalClient::flush_outbox`] delivers queued items later —
//! after a restart too — with the same key, so the portal records each once.
//! The files hold the feedback and the account's email, never a token.

use crate::cache::write_atomic;
use crate::client::{new_idempotency_key, PortalClient};
use crate::error::{ClientError, Result};
use chrono::{DateTime, Utc};
use portal_api::{ErrorCode, FeedbackReceipt, FeedbackRequest};
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
    pub created_at: DateTime<Utc>,
    pub request: FeedbackRequest,
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
    /// Refused by the portal for good (e.g. validation) and dropped.
    pub rejected: Vec<(String, ClientError)>,
    /// Still queued (the portal is unreachable).
    pub remaining: usize,
}

/// Errors after which an item stays queued: the portal could not be
/// reached, or the session needs a new sign-in first.
fn keep_queued(e: &ClientError) -> bool {
    e.is_unreachable()
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

impl PortalClient {
    fn outbox_dir(&self) -> PathBuf {
        self.inner.config.data_dir.join("outbox")
    }

    fn outbox_path(&self, local_id: &str) -> PathBuf {
        self.outbox_dir().join(format!("{local_id}.json"))
    }

    /// Saves the feedback to the outbox, then tries to send it.
    /// Unreachable portal → `Queued`; a refusal such as a too long message
    /// is returned as the error (and nothing stays queued).
    pub async fn submit_feedback(&self, request: FeedbackRequest) -> Result<FeedbackOutcome> {
        let account = self
            .account()
            .await
            .ok_or_else(ClientError::not_signed_in)?;
        let local_id = uuid::Uuid::new_v4().to_string();
        let item = OutboxItem {
            version: OUTBOX_VERSION,
            local_id: local_id.clone(),
            idempotency_key: new_idempotency_key(),
            account,
            created_at: Utc::now(),
            request,
        };
        let path = self.outbox_path(&local_id);
        let bytes = serde_json::to_vec_pretty(&item).expect("serializable");
        write_atomic(&path, &bytes)?;
        let _guard = self.inner.outbox_lock.lock().await;
        match self
            .send_feedback(&item.request, &item.idempotency_key)
            .await
        {
            Ok(receipt) => {
                let _ = std::fs::remove_file(&path);
                Ok(FeedbackOutcome::Sent { receipt })
            }
            Err(e) if keep_queued(&e) => Ok(FeedbackOutcome::Queued { local_id }),
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                Err(e)
            }
        }
    }

    /// Queued feedback of the signed-in account (or every account when
    /// signed out), oldest first. Unreadable files are skipped.
    pub async fn pending_feedback(&self) -> Vec<OutboxItem> {
        let account = self.account().await;
        let mut items: Vec<OutboxItem> = std::fs::read_dir(self.outbox_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().and_then(|x| x.to_str()) == Some("json"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice::<OutboxItem>(&b).ok())
            .filter(|i| i.version == OUTBOX_VERSION)
            .filter(|i| {
                account
                    .as_deref()
                    .is_none_or(|a| a.eq_ignore_ascii_case(&i.account))
            })
            .collect();
        items.sort_by_key(|a| a.created_at);
        items
    }

    /// Sends the signed-in account's queued feedback, each with its own
    /// idempotency key. Stops at the first unreachable-portal error.
    pub async fn flush_outbox(&self) -> Result<FlushReport> {
        if self.account().await.is_none() {
            return Err(ClientError::not_signed_in());
        }
        let _guard = self.inner.outbox_lock.lock().await;
        let items = self.pending_feedback().await;
        let mut report = FlushReport::default();
        let total = items.len();
        for (n, item) in items.into_iter().enumerate() {
            let path = self.outbox_path(&item.local_id);
            if !path.exists() {
                continue; // sent meanwhile by another client instance
            }
            match self
                .send_feedback(&item.request, &item.idempotency_key)
                .await
            {
                Ok(receipt) => {
                    let _ = std::fs::remove_file(&path);
                    report.sent.push((item.local_id, receipt));
                }
                Err(e) if keep_queued(&e) => {
                    report.remaining = total - n;
                    return Ok(report);
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&path);
                    report.rejected.push((item.local_id, e));
                }
            }
        }
        Ok(report)
    }
}
