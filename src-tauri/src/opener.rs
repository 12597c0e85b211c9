//! Opens verified installers and allowed links with the OS (tauri-plugin-opener's
//! Rust functions; nothing of the opener is exposed to the web view). With
//! `OMAHALLINTA_OPEN_COMMAND` set, that program is run with the path or URL as
//! its only argument instead (tests observe "Install" that way).

use crate::error::{Error, Result};
use portal_api::ErrorCode;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Opener {
    pub command: Option<PathBuf>,
}

impl Opener {
    pub fn open_path(&self, path: &Path) -> Result<()> {
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
