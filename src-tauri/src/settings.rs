//! Settings (language, portal URL) as JSON in the app's config dir.

use crate::error::Result;
use crate::types::{Lang, Settings};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "settings.json";

impl Default for Settings {
    /// The OS locale's language, no portal configured.
    fn default() -> Self {
        Settings {
            lang: Lang::from_os(),
            portal_url: String::new(),
            portal_choice: None,
            remembered: Default::default(),
            update_snooze: None,
            autostart: false,
        }
    }
}

/// Reads and writes `settings.json`.
#[derive(Debug, Clone)]
pub struct SettingsStore {
    path: PathBuf,
}

impl SettingsStore {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join(FILE_NAME),
        }
    }

    /// The saved settings; defaults when there are none or they cannot be
    /// read (a broken file never stops the app).
    pub fn load(&self) -> Settings {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                tracing::warn!("settings unreadable, using defaults: {e}");
                Settings::default()
            }),
            Err(_) => Settings::default(),
        }
    }

    /// Saves atomically (write a temporary file, then rename).
    pub fn save(&self, settings: &Settings) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(settings)?)?;
        std::fs::rename(&tmp, &self.path)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persists_and_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(&dir.path().join("nested"));
        let s = Settings {
            lang: Lang::Fi,
            portal_url: "https://portal.example.fi".into(),
            portal_choice: Some(crate::types::PortalChoice::Demo),
            remembered: [("portal".to_string(), Some("a@example.fi".to_string()))].into(),
            update_snooze: None,
            autostart: true,
        };
        store.save(&s).unwrap();
        assert_eq!(store.load(), s);
        let s2 = Settings {
            lang: Lang::En,
            ..s
        };
        store.save(&s2).unwrap();
        assert_eq!(SettingsStore::new(&dir.path().join("nested")).load(), s2);
    }

    #[test]
    fn broken_or_missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(dir.path());
        assert_eq!(store.load().portal_url, "");
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        assert_eq!(store.load().portal_url, "");
        // An older file without portal_url still loads.
        std::fs::write(dir.path().join(FILE_NAME), br#"{"lang":"fi"}"#).unwrap();
        assert_eq!(store.load().lang, Lang::Fi);
    }

    #[test]
    fn autostart_is_off_unless_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(dir.path());
        assert!(!Settings::default().autostart);
        assert!(!store.load().autostart);
        // A file from before the setting existed: off.
        std::fs::write(dir.path().join(FILE_NAME), br#"{"lang":"fi"}"#).unwrap();
        assert!(!store.load().autostart);
    }
}
