//! Opens verified installers and allowed links with the OS (tauri-plugin-opener's
//! Rust functions; nothing of the opener is exposed to the web view). With
//! `OMAHALLINTA_OPEN_COMMAND` set, that program is run with the path or URL as
//! its only argument instead (tests observe "Install" that way).
//!
//! "Asenna" opens only this OS's own installer formats ([`INSTALLER_EXTENSIONS`]):
//! on Windows the shell runs an `.exe` and hands an `.msi` to Windows
//! Installer; on macOS `open` gives a `.pkg` to Installer.app and mounts a
//! `.dmg`. Anything else would only open an "Open with…" dialog or an editor.

use crate::error::{Error, Result};
use portal_api::ErrorCode;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Opener {
    pub command: Option<PathBuf>,
}

/// File extensions (lower case) "Asenna" opens on this OS.
#[cfg(windows)]
pub const INSTALLER_EXTENSIONS: &[&str] = &["exe", "msi"];
/// File extensions (lower case) "Asenna" opens on this OS.
#[cfg(target_os = "macos")]
pub const INSTALLER_EXTENSIONS: &[&str] = &["pkg", "dmg"];
/// File extensions (lower case) "Asenna" opens on this OS: self-extracting
/// installers (`.bin`, `.run`, the demo portal's format), packages and AppImages.
#[cfg(not(any(windows, target_os = "macos")))]
pub const INSTALLER_EXTENSIONS: &[&str] = &["bin", "run", "deb", "rpm", "appimage"];

/// Whether `path` is an installer this OS opens ([`INSTALLER_EXTENSIONS`]).
pub fn is_installer(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| INSTALLER_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

impl Opener {
    /// Opens a verified installer with the OS ("Asenna"); refuses a file
    /// that is not an installer format of this OS.
    pub fn open_path(&self, path: &Path) -> Result<()> {
        if !is_installer(path) {
            return Err(Error::new(
                ErrorCode::NoInstallerForOs,
                "the file is not an installer for this system",
            ));
        }
        match &self.command {
            Some(cmd) => run(cmd, path.as_os_str()),
            None => tauri_plugin_opener::open_path(path, None::<&str>)
                .map_err(|e| Error::new(ErrorCode::Io, format!("could not open the file: {e}"))),
        }
    }

    pub fn open_url(&self, url: &url::Url) -> Result<()> {
        match &self.command {
            Some(cmd) => run(cmd, url.as_str().as_ref()),
            None => tauri_plugin_opener::open_url(url.as_str(), None::<&str>)
                .map_err(|e| Error::new(ErrorCode::Io, format!("could not open the link: {e}"))),
        }
    }
}

fn run(cmd: &Path, arg: &std::ffi::OsStr) -> Result<()> {
    let status = std::process::Command::new(cmd).arg(arg).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::Io,
            format!("open command failed: {status}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo portal's installer for this OS is one this OS opens; the
    /// other OSes' are not.
    fn demo(name: &str) -> bool {
        is_installer(Path::new("downloads").join(name).as_path())
    }

    #[cfg(windows)]
    #[test]
    fn windows_opens_exe_and_msi_only() {
        assert!(demo("fsecure-safe-windows.exe"));
        assert!(demo("Setup-X64.MSI"));
        assert!(!demo("fsecure-safe-macos.pkg"));
        assert!(!demo("fsecure-safe-linux.bin"));
        assert!(!demo("readme.txt"));
        assert!(!demo("exe"));
    }

    #[cfg(target_os = "macos")]
    #[test]
    fn macos_opens_pkg_and_dmg_only() {
        assert!(demo("fsecure-safe-macos.pkg"));
        assert!(demo("Safe.DMG"));
        assert!(!demo("fsecure-safe-windows.exe"));
        assert!(!demo("fsecure-safe-linux.bin"));
        assert!(!demo("pkg"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_opens_its_own_formats_only() {
        assert!(demo("fsecure-safe-linux.bin"));
        assert!(demo("safe.deb"));
        assert!(demo("Safe-x86_64.AppImage"));
        assert!(!demo("fsecure-safe-windows.exe"));
        assert!(!demo("fsecure-safe-macos.pkg"));
        assert!(!demo("bin"));
    }

    /// A file of another format is refused before anything runs (the
    /// command would fail the test if it ran: it does not exist).
    #[test]
    fn other_files_are_refused_before_opening() {
        let opener = Opener {
            command: Some(PathBuf::from("/nonexistent/open-command")),
        };
        let err = opener.open_path(Path::new("notes.txt")).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NoInstallerForOs);
    }
}
