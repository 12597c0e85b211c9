use super::AppState;
use crate::error::Result;
use crate::types::{DownloadStatus, ProtectionStatus, ServiceDevices};

#[tauri::command]
pub async fn start_download(state: AppState<'_>, service_id: i64) -> Result<DownloadStatus> {
    state.start_download(service_id).await
}

#[tauri::command]
pub async fn pause_download(state: AppState<'_>, service_id: i64) -> Result<DownloadStatus> {
    state.pause_download(service_id).await
}

#[tauri::command]
pub async fn download_status(state: AppState<'_>, service_id: i64) -> Result<DownloadStatus> {
    state.download_status(service_id).await
}

#[tauri::command]
pub async fn open_installer(state: AppState<'_>, service_id: i64) -> Result<()> {
    state.open_installer(service_id).await
}

#[tauri::command]
pub async fn device_link_qr(state: AppState<'_>, service_id: i64) -> Result<String> {
    state.device_link_qr(service_id).await
}

#[tauri::command]
pub async fn protection_status(state: AppState<'_>) -> Result<ProtectionStatus> {
    Ok(state.protection_status().await)
}

#[tauri::command]
pub async fn devices(state: AppState<'_>, service_id: i64) -> Result<ServiceDevices> {
    state.devices(service_id).await
}

#[tauri::command]
pub async fn release_device(
    state: AppState<'_>,
    service_id: i64,
    device_id: i64,
) -> Result<ServiceDevices> {
    state.release_device(service_id, device_id).await
}
