use super::AppState;
use crate::error::Result;
use crate::types::{AppInfo, Lang, PortalChoice, PortalInfo};

#[tauri::command]
pub async fn app_info(state: AppState<'_>) -> Result<AppInfo> {
    state.app_info().await
}

#[tauri::command]
pub async fn set_language(state: AppState<'_>, lang: Lang) -> Result<()> {
    state.set_language(lang)
}

/// Opens an http(s) or `tel:` link from the customer service contact data
/// (or a service's device link) with the OS; anything else is refused.
#[tauri::command]
pub async fn open_link(state: AppState<'_>, url: String) -> Result<()> {
    state.open_link(&url).await
}

/// The portal in use (kind, operator, address, pinned key fingerprints).
#[tauri::command]
pub async fn portal_info(state: AppState<'_>) -> Result<PortalInfo> {
    Ok(state.portal_info())
}

/// The first-run choice or a switch in Settings: the operator's portal (when
/// it answers) or the demo; remembered, and the new portal is used at once.
#[tauri::command]
pub async fn choose_portal(state: AppState<'_>, choice: PortalChoice) -> Result<AppInfo> {
    state.choose_portal(choice).await
}

/// Whether the app starts with the computer, minimized (Settings).
#[tauri::command]
pub async fn autostart(state: AppState<'_>) -> Result<bool> {
    Ok(state.settings().autostart)
}

/// Turns "start with the computer, minimized" on or off: the OS entry
/// (autostart plugin) first, then the setting; answers the new state.
#[tauri::command]
pub async fn set_autostart(
    app: tauri::AppHandle,
    state: AppState<'_>,
    enabled: bool,
) -> Result<bool> {
    state.set_autostart(enabled, &crate::autostart::PluginLauncher(&app))
}
