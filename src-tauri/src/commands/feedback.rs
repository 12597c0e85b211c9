use super::AppState;
use crate::error::Result;
use crate::types::FeedbackOutcome;
use portal_api::FeedbackRequest;

#[tauri::command]
pub async fn send_feedback(
    state: AppState<'_>,
    request: FeedbackRequest,
) -> Result<FeedbackOutcome> {
    state.send_feedback(request).await
}

#[tauri::command]
pub async fn outbox_count(state: AppState<'_>) -> Result<u32> {
    state.outbox_count().await
}
