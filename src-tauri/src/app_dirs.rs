//! Where the app keeps its files on each operating system, decided without a
//! window (Tauri's own path resolver needs a running app) so that each
//! platform's answer is unit-tested on that platform (Windows under Wine).
//!
//! The same `dirs` crate Tauri's resolver uses, joined with the bundle
//! identifier, so the locations are the ones Tauri documents:
//!
//! | | config (`settings.json`) | data (outbox, offline copy, demo portal) | cache (downloaded installers) |
//! |---|---|---|---|
//! | Linux | `$XDG_CONFIG_HOME/<id>` | `$XDG_DATA_HOME/<id>` | `$XDG_CACHE_HOME/<id>` |
//! | Windows | `%APPDATA%\<id>` | `%APPDATA%\<id>` | `%LOCALAPPDATA%\<id>` |
//! | macOS | `~/Library/Application Support/<id>` | same | `~/Library/Caches/<id>` |
//!
//! Installers are large and can be downloaded again, so they live in the
//! cache: on Windows that is the local (not roaming) profile, on macOS a
//! folder Time Machine skips. Queued feedback never does: it is in data.

use std::path::{Path, PathBuf};

/// Where the app keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    /// `settings.json`.
    pub config: PathBuf,
    /// Offline copy, outbox, reminder state, the demo portal's database.
    pub data: PathBuf,
    /// Downloaded installers (large, and can be fetched again).
    pub cache: PathBuf,
}

impl Dirs {
    /// The operating system's folders for the app `identifier`; `None` when
    /// the system names no home (then nothing sensible can be chosen).
    pub fn for_app(identifier: &str) -> Option<Self> {
        Some(Dirs {
            config: dirs::config_dir()?.join(identifier),
            data: dirs::data_dir()?.join(identifier),
            cache: dirs::cache_dir()?.join(identifier),
        })
    }

    /// Everything under one folder (`OMAHALLINTA_DATA_DIR`: tests, portable use).
    pub fn under(root: &Path) -> Self {
        Dirs {
            config: root.join("config"),
            data: root.join("data"),
            cache: root.join("cache"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "fi.omahallinta.desktop";

    fn app() -> Dirs {
        Dirs::for_app(ID).expect("the test account has a home folder")
    }

    fn env_path(name: &str) -> Option<PathBuf> {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    }

    #[test]
    fn under_one_root_keeps_the_three_apart() {
        let d = Dirs::under(Path::new("/x"));
        assert_eq!(d.config, Path::new("/x/config"));
        assert_eq!(d.data, Path::new("/x/data"));
        assert_eq!(d.cache, Path::new("/x/cache"));
    }

    #[test]
    fn every_folder_is_absolute_and_the_apps_own() {
        let d = app();
        for p in [&d.config, &d.data, &d.cache] {
            assert!(p.is_absolute(), "{p:?}");
            assert_eq!(p.file_name().unwrap(), ID, "{p:?}");
        }
        // Installers never share a folder with queued feedback.
        assert_ne!(d.cache, d.data);
    }

    /// XDG base directories, with the spec's defaults under the home folder.
    #[cfg(target_os = "linux")]
    #[test]
    fn linux_follows_the_xdg_base_directories() {
        let home = env_path("HOME").expect("HOME");
        let xdg = |var: &str, default: &str| {
            env_path(var)
                .filter(|p| p.is_absolute())
                .unwrap_or_else(|| home.join(default))
                .join(ID)
        };
        let d = app();
        assert_eq!(d.config, xdg("XDG_CONFIG_HOME", ".config"));
        assert_eq!(d.data, xdg("XDG_DATA_HOME", ".local/share"));
        assert_eq!(d.cache, xdg("XDG_CACHE_HOME", ".cache"));
    }

    /// Roaming AppData for settings and data, local AppData for installers
    /// (not copied around with a roaming profile).
    #[cfg(windows)]
    #[test]
    fn windows_uses_roaming_app_data_and_local_app_data_for_installers() {
        let roaming = env_path("APPDATA").expect("APPDATA");
        let local = env_path("LOCALAPPDATA").expect("LOCALAPPDATA");
        let d = app();
        assert_eq!(d.config, roaming.join(ID));
        assert_eq!(d.data, roaming.join(ID));
        assert_eq!(d.cache, local.join(ID));
        assert!(!d.cache.starts_with(&roaming), "{:?}", d.cache);
    }

    #[cfg(target_os = "macos")]
    #[test]
    fn macos_uses_application_support_and_caches() {
        let home = env_path("HOME").expect("HOME");
        let d = app();
        assert_eq!(d.config, home.join("Library/Application Support").join(ID));
        assert_eq!(d.data, home.join("Library/Application Support").join(ID));
        assert_eq!(d.cache, home.join("Library/Caches").join(ID));
    }
}
