//! File writes that are never torn, and what a full disk looks like on each
//! OS. A leaf: plain `std::io`, no other module of the crate. The writes
//! block (fsync), so async code runs them through [`blocking`].

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` via a temp file in the same directory, fsync and
/// rename, so readers see the old or the new content, never a torn one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// ENOSPC / EDQUOT / ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL / `StorageFull`.
pub fn is_disk_full(err: &io::Error) -> bool {
    if err.kind() == io::ErrorKind::StorageFull || err.kind() == io::ErrorKind::QuotaExceeded {
        return true;
    }
    // 28 = ENOSPC, 122 = EDQUOT on Linux; 112 = ERROR_DISK_FULL,
    // 39 = ERROR_HANDLE_DISK_FULL on Windows.
    (cfg!(unix) && matches!(err.raw_os_error(), Some(28) | Some(122)))
        || (cfg!(windows) && matches!(err.raw_os_error(), Some(112) | Some(39)))
}

/// Runs blocking file work on the runtime's blocking pool, off the async
/// threads. A task that could not finish (the runtime is shutting down) is
/// an I/O error.
pub async fn blocking<T, F>(f: F) -> io::Result<T>
where
    F: FnOnce() -> io::Result<T> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| io::Error::other(format!("file task: {e}")))?
}
