//! The app's update feed, read from a directory of release artifacts
//! (`ServerConfig::updates_dir`, `portal-server --updates-dir DIR`):
//!
//! ```text
//! DIR/release.json                      portal_api::ReleaseDescription
//! DIR/Omahallinta_0.2.0_amd64.deb       an artifact named in release.json
//! DIR/Omahallinta_0.2.0_amd64.deb.sig   its minisign signature (tauri signer sign)
//! ```
//!
//! The directory is read on every request, so a release script can publish a
//! new release (or a test swap an artifact) without a restart. The portal
//! never signs anything here: signing happens where the release is built.

use std::path::{Path, PathBuf};

use portal_api::{ReleaseDescription, UpdateRelease};

use crate::installers::InstallerFile;

/// The description file in the updates directory.
pub const RELEASE_FILE: &str = "release.json";

/// Why no update is offered (all logged, none is the caller's fault).
#[derive(Debug)]
pub enum NoUpdate {
    /// The caller is current, or nothing is published for its platform.
    None,
    /// The directory or its files are broken (logged at warn).
    Broken(String),
}

fn read_release(dir: &Path) -> Result<ReleaseDescription, NoUpdate> {
    let path = dir.join(RELEASE_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(NoUpdate::None),
        Err(e) => return Err(NoUpdate::Broken(format!("{}: {e}", path.display()))),
    };
    serde_json::from_slice(&bytes).map_err(|e| NoUpdate::Broken(format!("{}: {e}", path.display())))
}

/// A plain file name (no directory parts), as artifacts are named.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0'])
        && !name.starts_with('.')
}

/// The release for a caller on `target`-`arch` (optionally its bundle type,
/// e.g. `deb`) at `current`, or why there is none. `base_url` prefixes the
/// artifact's download URL.
pub fn offer(
    dir: &Path,
    target: &str,
    arch: &str,
    bundle: Option<&str>,
    current: &semver::Version,
    base_url: &str,
) -> Result<UpdateRelease, NoUpdate> {
    let release = read_release(dir)?;
    let version = semver::Version::parse(release.version.trim_start_matches('v'))
        .map_err(|e| NoUpdate::Broken(format!("release.json version: {e}")))?;
    if version <= *current {
        return Err(NoUpdate::None);
    }
    let mut keys = Vec::new();
    if let Some(b) = bundle.filter(|b| !b.is_empty()) {
        keys.push(format!("{target}-{arch}-{b}"));
    }
    keys.push(format!("{target}-{arch}"));
    let Some(file) = keys.iter().find_map(|k| release.platforms.get(k)) else {
        return Err(NoUpdate::None);
    };
    if !is_plain_file_name(file) {
        return Err(NoUpdate::Broken(format!(
            "release.json: bad file name {file:?}"
        )));
    }
    let sig_path = dir.join(format!("{file}.sig"));
    let signature = std::fs::read_to_string(&sig_path)
        .map_err(|e| NoUpdate::Broken(format!("{}: {e}", sig_path.display())))?;
    if !dir.join(file).is_file() {
        return Err(NoUpdate::Broken(format!("{file}: missing")));
    }
    Ok(UpdateRelease {
        version: version.to_string(),
        pub_date: release.pub_date,
        url: format!("{base_url}/api/v1/update-files/{file}"),
        signature: signature.trim().to_string(),
        notes: release.notes.en.clone(),
        notes_i18n: release.notes,
    })
}

/// An artifact of the updates directory, ready for the range-capable file
/// serving the installers use. `None` when there is no such file.
pub fn artifact(dir: &Path, file_name: &str) -> Option<InstallerFile> {
    if !is_plain_file_name(file_name) || file_name == RELEASE_FILE || file_name.ends_with(".sig") {
        return None;
    }
    let path: PathBuf = dir.join(file_name);
    let meta = std::fs::metadata(&path).ok().filter(|m| m.is_file())?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Some(InstallerFile {
        info: portal_api::Installer {
            os: portal_api::Os::Linux,
            version: String::new(),
            file_name: file_name.to_string(),
            url: String::new(),
            size: meta.len(),
            sha256: String::new(),
        },
        etag: format!("\"{:x}-{modified:x}\"", meta.len()),
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with_release(version: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(RELEASE_FILE),
            serde_json::json!({
                "version": version,
                "pub_date": "2026-11-29T10:00:00Z",
                "notes": {"fi": "Uutta", "en": "New"},
                "platforms": {"linux-x86_64-deb": "app_1.deb", "linux-x86_64": "app_1.AppImage"},
            })
            .to_string(),
        )
        .unwrap();
        for f in ["app_1.deb", "app_1.AppImage"] {
            std::fs::write(dir.path().join(f), b"bytes").unwrap();
            std::fs::write(dir.path().join(format!("{f}.sig")), b"SIG\n").unwrap();
        }
        dir
    }

    #[test]
    fn offers_a_newer_release_for_the_platform_only() {
        let dir = dir_with_release("0.2.0");
        let v = |s: &str| semver::Version::parse(s).unwrap();
        let r = offer(
            dir.path(),
            "linux",
            "x86_64",
            Some("deb"),
            &v("0.1.0"),
            "http://p",
        )
        .unwrap();
        assert_eq!(r.version, "0.2.0");
        assert_eq!(r.url, "http://p/api/v1/update-files/app_1.deb");
        assert_eq!(r.signature, "SIG");
        assert_eq!(r.notes_i18n.fi, "Uutta");
        let r = offer(dir.path(), "linux", "x86_64", None, &v("0.1.0"), "http://p").unwrap();
        assert_eq!(r.url, "http://p/api/v1/update-files/app_1.AppImage");
        for current in ["0.2.0", "0.3.0"] {
            assert!(matches!(
                offer(
                    dir.path(),
                    "linux",
                    "x86_64",
                    Some("deb"),
                    &v(current),
                    "http://p"
                ),
                Err(NoUpdate::None)
            ));
        }
        assert!(matches!(
            offer(
                dir.path(),
                "windows",
                "x86_64",
                Some("nsis"),
                &v("0.1.0"),
                "http://p"
            ),
            Err(NoUpdate::None)
        ));
        // Signature missing: broken, never an unsigned offer.
        std::fs::remove_file(dir.path().join("app_1.deb.sig")).unwrap();
        assert!(matches!(
            offer(
                dir.path(),
                "linux",
                "x86_64",
                Some("deb"),
                &v("0.1.0"),
                "http://p"
            ),
            Err(NoUpdate::Broken(_))
        ));
    }

    #[test]
    fn artifacts_are_plain_files_of_the_directory() {
        let dir = dir_with_release("0.2.0");
        assert_eq!(artifact(dir.path(), "app_1.deb").unwrap().info.size, 5);
        for bad in [
            "../etc/passwd",
            "release.json",
            "app_1.deb.sig",
            ".hidden",
            "",
            "nope.deb",
        ] {
            assert!(artifact(dir.path(), bad).is_none(), "{bad}");
        }
    }
}
