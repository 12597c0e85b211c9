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

/// "Unohtuiko salasana?": the same answer whether the address is known.
#[tauri::command]
pub async fn request_password_reset(state: AppState<'_>, email: String) -> Result<()> {
    state.request_password_reset(&email).await
}

/// "Aseta uusi salasana" with the last reset link's token (kept in the shell).
#[tauri::command]
pub async fn reset_password(state: AppState<'_>, new_password: String) -> Result<()> {
    state.reset_password(new_password).await
}

/// The `omahallinta://` link that started the app (or arrived since), once.
#[tauri::command]
pub async fn take_deep_link(state: AppState<'_>) -> Result<Option<crate::deeplink::DeepLinkView>> {
    Ok(state.take_deep_link())
}
