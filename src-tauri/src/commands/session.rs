use super::AppState;
use crate::error::Result;
use crate::types::{QueuedFeedbackChoice, SessionInfo, SignInOutcome};

#[tauri::command]
pub async fn session_info(state: AppState<'_>) -> Result<SessionInfo> {
    Ok(state.session_info().await)
}

#[tauri::command]
pub async fn restore_session(state: AppState<'_>) -> Result<SessionInfo> {
    state.restore_session().await
}

#[tauri::command]
pub async fn sign_in(
    state: AppState<'_>,
    email: String,
    password: String,
    remember: bool,
) -> Result<SignInOutcome> {
    state.sign_in(&email, password, remember).await
}

/// `queued_feedback`: what to do with feedback still waiting to be sent;
/// `null` refuses with `feedback_pending` when there is some.
#[tauri::command]
pub async fn sign_out(
    state: AppState<'_>,
    queued_feedback: Option<QueuedFeedbackChoice>,
) -> Result<()> {
    state.sign_out(queued_feedback).await
}
