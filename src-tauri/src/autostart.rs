//! "Start with the computer, minimized" (Settings, off by default): the
//! choice lives in `settings.json` and the OS entry follows it, written by
//! the autostart plugin (Linux: `$HOME/.config/autostart/Omahallinta.desktop` —
//! its auto-launch 0.6 ignores `XDG_CONFIG_HOME`;
//! Windows: the `Run` registry key; macOS: a launch agent) with
//! [`MINIMIZED_ARG`], so the app starts in the tray without a window.

use crate::error::{Error, Result};
use portal_api::ErrorCode;

/// The argument the OS starts the app with (`LaunchOptions::minimized`).
pub const MINIMIZED_ARG: &str = "--minimized";

/// Where the OS keeps the autostart entry (the plugin; a fake in tests).
pub trait Launcher {
    fn set(&self, enabled: bool) -> Result<()>;
    fn is_enabled(&self) -> Result<bool>;
}

/// The autostart plugin, starting the app with [`MINIMIZED_ARG`].
pub fn plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_autostart::Builder::new()
        .arg(MINIMIZED_ARG)
        .build()
}

/// The plugin's entry for this app.
pub struct PluginLauncher<'a>(pub &'a tauri::AppHandle);

impl Launcher for PluginLauncher<'_> {
    fn set(&self, enabled: bool) -> Result<()> {
        use tauri_plugin_autostart::ManagerExt;
        let manager = self.0.autolaunch();
        let result = if enabled {
            manager.enable()
        } else {
            manager.disable()
        };
        result.map_err(|e| Error::new(ErrorCode::Io, format!("autostart: {e}")))
    }

    fn is_enabled(&self) -> Result<bool> {
        use tauri_plugin_autostart::ManagerExt;
        self.0
            .autolaunch()
            .is_enabled()
            .map_err(|e| Error::new(ErrorCode::Io, format!("autostart: {e}")))
    }
}

/// At start: the OS entry follows the setting. On, it is written again (the
/// app's path may have changed with an update); off, an entry left behind is
/// removed.
pub fn reconcile(wanted: bool, launcher: &dyn Launcher) -> Result<()> {
    if wanted || launcher.is_enabled()? {
        launcher.set(wanted)?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};

    /// Records what was asked of the OS; `refuse` makes `set` fail.
    #[derive(Default)]
    pub(crate) struct FakeLauncher {
        pub enabled: Cell<bool>,
        pub calls: RefCell<Vec<bool>>,
        pub refuse: bool,
    }

    impl Launcher for FakeLauncher {
        fn set(&self, enabled: bool) -> Result<()> {
            if self.refuse {
                return Err(Error::new(ErrorCode::Io, "autostart: refused"));
            }
            self.calls.borrow_mut().push(enabled);
            self.enabled.set(enabled);
            Ok(())
        }

        fn is_enabled(&self) -> Result<bool> {
            Ok(self.enabled.get())
        }
    }

    #[test]
    fn the_os_entry_follows_the_setting_at_start() {
        let os = FakeLauncher::default();
        reconcile(false, &os).unwrap();
        assert!(os.calls.borrow().is_empty(), "off and absent: untouched");
        reconcile(true, &os).unwrap();
        reconcile(true, &os).unwrap();
        assert_eq!(
            *os.calls.borrow(),
            [true, true],
            "on: rewritten every start"
        );
        reconcile(false, &os).unwrap();
        assert!(!os.enabled.get());
    }

    #[test]
    fn the_setting_is_saved_only_when_the_os_took_it() {
        use crate::state::{Core, Dirs};
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs::under(dir.path());
        let core = || {
            let events = std::sync::Arc::new(crate::events::Recorder::default());
            Core::new(Default::default(), dirs.clone(), events).unwrap()
        };
        let os = FakeLauncher::default();
        assert!(!core().settings().autostart);
        assert!(core().set_autostart(true, &os).unwrap());
        assert!(os.enabled.get());
        assert!(core().settings().autostart, "persisted in settings.json");

        let refusing = FakeLauncher {
            refuse: true,
            ..Default::default()
        };
        let err = core().set_autostart(false, &refusing).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Io);
        assert!(core().settings().autostart, "unchanged after a refusal");
    }
}
