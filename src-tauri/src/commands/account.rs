//! Ordering and account changes (issue 5).

use super::AppState;
use crate::error::Result;
use portal_api::{CustomerDetails, OrderReceipt, OrderRequest, OrderedService};

#[tauri::command]
pub async fn place_order(
    state: AppState<'_>,
    request: OrderRequest,
    idempotency_key: String,
) -> Result<OrderReceipt> {
    state.place_order(&request, &idempotency_key).await
}

#[tauri::command]
pub async fn edit_mix(
    state: AppState<'_>,
    service_id: i64,
    channels: Vec<String>,
) -> Result<OrderedService> {
    state.edit_mix(service_id, channels).await
}

#[tauri::command]
pub async fn change_email(state: AppState<'_>, email: String) -> Result<CustomerDetails> {
    state.change_email(&email).await
}

#[tauri::command]
pub async fn change_password(
    state: AppState<'_>,
    current_password: String,
    new_password: String,
) -> Result<()> {
    state.change_password(current_password, new_password).await
}
