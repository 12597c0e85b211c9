//! Signed automatic updates: the Tauri side of `crate::updates`. The UI calls
//! `check_update` after its first paint and then daily; a failed check is
//! silent (logged). "Päivitä nyt" downloads with `update-progress` events,
//! verifies the minisign signature against the operator profile's key,
//! installs and restarts; a bad signature installs nothing.

use super::AppState;
use crate::error::{Error, Result};
use crate::events::{self, TauriEvents};
use crate::types::{UpdateOffer, UpdateProgress};
use crate::updates::{self, InstallPath};
use portal_api::ErrorCode;
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Manager};
use tauri_plugin_updater::{Update, UpdaterExt};

/// The update last offered, kept for "Päivitä nyt".
#[derive(Default)]
pub struct PendingUpdate(pub Mutex<Option<Update>>);

/// Tauri's bundle type of this installation (`deb`, `rpm`, `appimage`, …).
fn bundle() -> Option<&'static str> {
    use tauri::utils::config::BundleType;
    use tauri::utils::platform::bundle_type;
    match bundle_type()? {
        BundleType::Deb => Some("deb"),
        BundleType::Rpm => Some("rpm"),
        BundleType::AppImage => Some("appimage"),
        BundleType::Msi => Some("msi"),
        BundleType::Nsis => Some("nsis"),
        BundleType::App | BundleType::Dmg => Some("app"),
    }
}

/// Whether this process runs as root (Linux: the owner of `/proc/self`).
fn is_root() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

fn install_path() -> InstallPath {
    updates::install_path(bundle(), is_root(), updates::on_path)
}

async fn check(app: &AppHandle, state: &crate::state::Core) -> Result<Option<UpdateOffer>> {
    let profile = crate::profile::current();
    let Some(feed) = profile.update_feed() else {
        tracing::debug!("update check skipped: no update feed in the operator profile");
        return Ok(None);
    };
    let url = feed
        .feed_url
        .parse()
        .map_err(|_| Error::new(ErrorCode::ValidationFailed, "bad update feed URL"))?;
    let updater = app
        .updater_builder()
        .pubkey(feed.pubkey.trim())
        .endpoints(vec![url])
        .and_then(|b| b.timeout(Duration::from_secs(30)).build())
        .map_err(|e| updates::error(&e))?;
    let Some(update) = updater.check().await.map_err(|e| updates::error(&e))? else {
        return Ok(None);
    };
    if state.update_snoozed(&update.version) {
        tracing::info!("update {} offered but snoozed", update.version);
        return Ok(None);
    }
    let pub_date = update.raw_json["pub_date"]
        .as_str()
        .and_then(|d| d.parse().ok());
    let offer = updates::offer(
        &update.version,
        &update.current_version,
        pub_date,
        updates::notes(&update.raw_json, update.body.as_deref()),
        install_path(),
        state.settings().lang,
    );
    *app.state::<PendingUpdate>().0.lock().unwrap() = Some(update);
    Ok(Some(offer))
}

/// A newer signed release from the operator's update feed, or `null` when
/// there is none, it was snoozed, or the check failed (logged, never shown).
#[tauri::command]
pub async fn check_update(app: AppHandle, state: AppState<'_>) -> Result<Option<UpdateOffer>> {
    match check(&app, &state).await {
        Ok(offer) => Ok(offer),
        Err(e) => {
            tracing::info!("update check failed: {e}");
            Ok(None)
        }
    }
}

/// "Myöhemmin": the offered version is not offered again for a day.
#[tauri::command]
pub async fn snooze_update(state: AppState<'_>, version: String) -> Result<()> {
    state.snooze_update(&version)
}

/// "Päivitä nyt": downloads the offered release (`update-progress` events),
/// verifies its signature, installs it and restarts the app. A signature that
/// does not verify → `update_not_verified` and nothing installed; no rights to
/// install a Linux package → `update_needs_package_manager`.
#[tauri::command]
pub async fn install_update(app: AppHandle) -> Result<()> {
    let update = app
        .state::<PendingUpdate>()
        .0
        .lock()
        .unwrap()
        .clone()
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "no update offered"))?;
    if install_path() == InstallPath::PackageManager {
        return Err(Error::new(
            ErrorCode::UpdateNeedsPackageManager,
            "no rights to install the package",
        ));
    }
    let sink = TauriEvents(app.clone());
    let mut received = 0u64;
    let mut reported = 0u64;
    // `download` verifies the signature before returning the bytes.
    let bytes = update
        .download(
            |chunk, total| {
                received += chunk as u64;
                if received - reported >= 256 * 1024 || Some(received) == total {
                    reported = received;
                    events::emit(
                        &sink,
                        events::UPDATE_PROGRESS,
                        &UpdateProgress { received, total },
                    );
                }
            },
            || {},
        )
        .await
        .map_err(|e| {
            tracing::warn!("update {} not installed: {e}", update.version);
            updates::error(&e)
        })?;
    match bundle() {
        Some(b @ ("deb" | "rpm")) if is_root() => {
            update.verify(&bytes).map_err(|e| updates::error(&e))?;
            updates::install_package_as_root(&bytes, b)?;
        }
        _ => update.install(&bytes).map_err(|e| {
            tracing::warn!("update {} not installed: {e}", update.version);
            updates::error(&e)
        })?,
    }
    tracing::info!("update {} installed; restarting", update.version);
    app.restart();
}
