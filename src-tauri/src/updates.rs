//! Signed automatic updates (tauri-plugin-updater), fed by the operator
//! profile's update feed and verified with its minisign key — a release whose
//! signature does not verify is never installed. This module holds the parts
//! that need no window: what to offer (snoozed for a day with "Myöhemmin"),
//! the release notes in the UI's language, whether this installation can
//! install an update itself, and what each updater failure means for the user.
//! The Tauri side (`commands::updates`) checks, downloads, installs and
//! restarts.

use crate::error::{Error, Result};
use crate::types::{Lang, UpdateOffer, UpdateSnooze};
use chrono::{DateTime, Duration, Utc};
use portal_api::{ErrorCode, LocalizedText};

/// How long "Myöhemmin" (later) hides an offered version.
pub const SNOOZE: Duration = Duration::days(1);

/// How often the UI checks again while the app runs.
pub const CHECK_INTERVAL_HOURS: u32 = 24;

/// The release notes of the feed's answer in every language: `notes_i18n`
/// (the reference portal's field), else the updater's plain `notes` for all.
pub fn notes(raw: &serde_json::Value, plain: Option<&str>) -> LocalizedText {
    serde_json::from_value::<LocalizedText>(raw["notes_i18n"].clone()).unwrap_or_else(|_| {
        let p = plain.unwrap_or_default();
        LocalizedText::new(p, p)
    })
}

/// Whether `version` is hidden by a snooze at `now`.
pub fn is_snoozed(snooze: Option<&UpdateSnooze>, version: &str, now: DateTime<Utc>) -> bool {
    snooze.is_some_and(|s| s.version == version && now < s.until)
}

/// "Myöhemmin": hide `version` for [`SNOOZE`].
pub fn snooze(version: &str, now: DateTime<Utc>) -> UpdateSnooze {
    UpdateSnooze {
        version: version.to_string(),
        until: now + SNOOZE,
    }
}

/// How this installation can be updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallPath {
    /// The updater installs it (Windows, macOS, AppImage; a Linux package as root).
    Updater,
    /// A Linux package (`deb`/`rpm`) and a way to get the rights (pkexec, sudo).
    Privileged,
    /// A Linux package with no way to get the rights: the system's package
    /// manager must do it (the offer says so instead of failing every start).
    PackageManager,
}

/// Decides [`InstallPath`] for a Linux package (`bundle` is Tauri's bundle type
/// name: `deb`, `rpm`, `appimage`, …), running as root or not, with the given
/// helper programs available.
pub fn install_path(
    bundle: Option<&str>,
    is_root: bool,
    has: impl Fn(&str) -> bool,
) -> InstallPath {
    match bundle {
        Some("deb" | "rpm") if is_root => InstallPath::Updater,
        Some("deb" | "rpm") if has("pkexec") || has("sudo") => InstallPath::Privileged,
        Some("deb" | "rpm") => InstallPath::PackageManager,
        _ => InstallPath::Updater,
    }
}

/// Whether a program is on `PATH`.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The offer the UI shows.
pub fn offer(
    version: &str,
    current: &str,
    pub_date: Option<DateTime<Utc>>,
    notes: LocalizedText,
    path: InstallPath,
    lang: Lang,
) -> UpdateOffer {
    UpdateOffer {
        version: version.to_string(),
        current_version: current.to_string(),
        pub_date,
        // Finnish and English notes; Swedish readers get Finnish, as in the UI.
        notes: notes.get(lang.as_str()).to_owned(),
        can_install: path != InstallPath::PackageManager,
    }
}

/// What an updater failure means for the user: a signature that does not
/// verify → `update_not_verified` (nothing installed); no rights to the
/// package manager → `update_needs_package_manager`; no connection →
/// `offline`; anything else → `io`. The message is for the log.
pub fn error_code(e: &tauri_plugin_updater::Error) -> ErrorCode {
    use tauri_plugin_updater::Error as E;
    match e {
        E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) => ErrorCode::UpdateNotVerified,
        E::AuthenticationFailed | E::PackageInstallFailed | E::DebInstallFailed => {
            ErrorCode::UpdateNeedsPackageManager
        }
        E::Reqwest(_) | E::Network(_) => ErrorCode::Offline,
        _ => ErrorCode::Io,
    }
}

pub fn error(e: &tauri_plugin_updater::Error) -> Error {
    Error::new(error_code(e), format!("update: {e}"))
}

/// Installs a verified Linux package as root without asking for rights
/// (`dpkg -i` / `rpm -U`), the way the updater would through pkexec.
pub fn install_package_as_root(bytes: &[u8], bundle: &str) -> Result<()> {
    let (cmd, arg, ext) = match bundle {
        "deb" => ("dpkg", "-i", "deb"),
        "rpm" => ("rpm", "-U", "rpm"),
        _ => return Err(Error::new(ErrorCode::Io, "not a Linux package")),
    };
    let dir = tempfile_dir()?;
    let path = dir.join(format!("omahallinta-update.{ext}"));
    std::fs::write(&path, bytes)?;
    let status = std::process::Command::new(cmd).arg(arg).arg(&path).status();
    let _ = std::fs::remove_dir_all(&dir);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(Error::new(
            ErrorCode::UpdateNeedsPackageManager,
            format!("{cmd} {arg} failed: {s}"),
        )),
        Err(e) => Err(Error::new(
            ErrorCode::UpdateNeedsPackageManager,
            format!("{cmd}: {e}"),
        )),
    }
}

fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("omahallinta-update-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_hides_that_version_for_a_day_only() {
        let now: DateTime<Utc> = "2026-11-29T10:00:00Z".parse().unwrap();
        let s = snooze("0.2.0", now);
        assert!(is_snoozed(Some(&s), "0.2.0", now + Duration::hours(23)));
        assert!(!is_snoozed(Some(&s), "0.2.0", now + Duration::hours(25)));
        assert!(
            !is_snoozed(Some(&s), "0.3.0", now),
            "a newer release is offered at once"
        );
        assert!(!is_snoozed(None, "0.2.0", now));
    }

    #[test]
    fn notes_in_the_ui_language_with_the_plain_field_as_fallback() {
        let raw = serde_json::json!({"notes": "Fixes", "notes_i18n": {"fi": "Korjauksia", "en": "Fixes"}});
        let n = notes(&raw, Some("Fixes"));
        let o = offer("0.2.0", "0.1.0", None, n, InstallPath::Updater, Lang::Fi);
        assert_eq!(o.notes, "Korjauksia");
        assert!(o.can_install);
        let plain = notes(
            &serde_json::json!({"notes": "Only English"}),
            Some("Only English"),
        );
        assert_eq!(plain.fi, "Only English");
    }

    #[test]
    fn a_linux_package_without_rights_is_updated_by_the_package_manager() {
        let none = |_: &str| false;
        let pkexec = |p: &str| p == "pkexec";
        assert_eq!(
            install_path(Some("deb"), false, none),
            InstallPath::PackageManager
        );
        assert_eq!(
            install_path(Some("rpm"), false, none),
            InstallPath::PackageManager
        );
        assert_eq!(
            install_path(Some("deb"), false, pkexec),
            InstallPath::Privileged
        );
        assert_eq!(install_path(Some("deb"), true, none), InstallPath::Updater);
        assert_eq!(
            install_path(Some("appimage"), false, none),
            InstallPath::Updater
        );
        assert_eq!(install_path(None, false, none), InstallPath::Updater);
        let o = offer(
            "0.2.0",
            "0.1.0",
            None,
            LocalizedText::new("a", "b"),
            InstallPath::PackageManager,
            Lang::En,
        );
        assert!(!o.can_install);
    }

    #[test]
    fn a_bad_signature_means_nothing_was_installed() {
        use tauri_plugin_updater::Error as E;
        assert_eq!(
            error_code(&E::Minisign(minisign_verify::Error::InvalidSignature)),
            ErrorCode::UpdateNotVerified
        );
        assert_eq!(
            error_code(&E::SignatureUtf8("x".into())),
            ErrorCode::UpdateNotVerified
        );
        assert_eq!(
            error_code(&E::AuthenticationFailed),
            ErrorCode::UpdateNeedsPackageManager
        );
        assert_eq!(error_code(&E::Network("x".into())), ErrorCode::Offline);
    }
}
