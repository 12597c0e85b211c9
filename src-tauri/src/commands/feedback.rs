use super::AppState;
use crate::error::Result;
use crate::types::{FeedbackOutcome, OutboxSummary, PendingFeedback};
use portal_api::FeedbackRequest;

#[tauri::command]
pub async fn send_feedback(
    state: AppState<'_>,
    request: FeedbackRequest,
) -> Result<FeedbackOutcome> {
    state.send_feedback(request).await
}

#[tauri::command]
pub async fn outbox_count(state: AppState<'_>) -> Result<OutboxSummary> {
    state.outbox_count().await
}

#[tauri::command]
pub async fn pending_feedback(state: AppState<'_>) -> Result<Vec<PendingFeedback>> {
    state.pending_feedback().await
}

#[tauri::command]
pub async fn resend_feedback(
    state: AppState<'_>,
    local_id: String,
    request: FeedbackRequest,
) -> Result<FeedbackOutcome> {
    state.resend_feedback(&local_id, request).await
}

#[tauri::command]
pub async fn discard_feedback(state: AppState<'_>, local_id: String) -> Result<()> {
    state.discard_feedback(&local_id).await
}
