//! Every app command gets an `allow-<command>` permission; the default
//! capability (capabilities/default.json) lists exactly the ones the UI uses.

/// The app's own commands (keep in sync with `src/lib.rs` `generate_handler!`).
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "portal_info",
    "choose_portal",
    "check_update",
    "install_update",
    "snooze_update",
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
    "request_password_reset",
    "reset_password",
    "take_deep_link",
];

/// The operator profile (see `src/profile.rs`): `operator.toml` at the repository root, or
/// the file named by `OMAHALLINTA_OPERATOR_PROFILE`. Checked to be TOML here and copied to
/// `OUT_DIR`, from where the app includes it (and validates it in a unit test and at start).
fn operator_profile() {
    println!("cargo:rerun-if-env-changed=OMAHALLINTA_OPERATOR_PROFILE");
    let path = match std::env::var_os("OMAHALLINTA_OPERATOR_PROFILE") {
        Some(p) if !p.is_empty() => std::path::PathBuf::from(p),
        _ => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../operator.toml"),
    };
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("operator profile {}: {e}", path.display()));
    if let Err(e) = text.parse::<toml::Table>() {
        panic!("operator profile {} is not valid TOML: {e}", path.display());
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("operator.toml"), text).expect("write operator.toml");
}

/// The version `--version` prints: the bundle's when `tauri build --config` sets one
/// (passed to the build as `TAURI_CONFIG`), else the crate's.
fn version() {
    println!("cargo:rerun-if-env-changed=TAURI_CONFIG");
    let from_config = std::env::var("TAURI_CONFIG")
        .ok()
        .and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok())
        .and_then(|c| c["version"].as_str().map(str::to_string));
    let version = from_config.unwrap_or_else(|| std::env::var("CARGO_PKG_VERSION").unwrap());
    println!("cargo:rustc-env=OMAHALLINTA_VERSION={version}");
}

fn main() {
    version();
    operator_profile();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
