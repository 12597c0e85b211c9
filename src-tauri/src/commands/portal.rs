use super::AppState;
use crate::error::Result;
use crate::types::Cached;
use portal_api::{BillingSummary, Catalogue, CustomerDetails, CustomerServiceContact, ServiceList};

#[tauri::command]
pub async fn cached_services(state: AppState<'_>) -> Result<Option<Cached<ServiceList>>> {
    state.cached_services().await
}

#[tauri::command]
pub async fn services(state: AppState<'_>) -> Result<Cached<ServiceList>> {
    state.services().await
}

#[tauri::command]
pub async fn customer(state: AppState<'_>) -> Result<Cached<CustomerDetails>> {
    state.customer().await
}

#[tauri::command]
pub async fn catalogue(state: AppState<'_>) -> Result<Cached<Catalogue>> {
    state.catalogue().await
}

#[tauri::command]
pub async fn contact(state: AppState<'_>) -> Result<CustomerServiceContact> {
    state.contact().await
}

#[tauri::command]
pub async fn billing(state: AppState<'_>) -> Result<BillingSummary> {
    state.billing().await
}
