//! Every app command gets an `allow-<command>` permission; the default
//! capability (capabilities/default.json) lists exactly the ones the UI uses.

/// The app's own commands (keep in sync with `src/lib.rs` `generate_handler!`).
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "session_info",
    "restore_session",
    "sign_in",
    "sign_out",
    "cached_services",
    "services",
    "customer",
    "catalogue",
    "contact",
    "billing",
    "start_download",
    "pause_download",
    "download_status",
    "open_installer",
    "open_link",
    "device_link_qr",
    "protection_status",
    "devices",
    "release_device",
    "send_feedback",
    "outbox_count",
    "pending_feedback",
    "resend_feedback",
    "discard_feedback",
    "place_order",
    "edit_mix",
    "change_email",
    "change_password",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
