//! A full disk during a download is `disk_full`, never a final-named file.
//! Mounts a tiny tmpfs (needs root, as on the project's machines and CI);
//! skipped where mounting is not permitted.

mod support;

use portal_api::{ErrorCode, Os};
use std::process::Command;
use std::time::Duration;
use support::*;

struct Tmpfs(std::path::PathBuf);

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[tokio::test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "fills a tiny tmpfs mount (Linux, root); Windows' disk-full error codes \
              (ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL) are unit-tested in src/error.rs"
)]
async fn a_full_disk_is_disk_full() {
    let dir = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(dir.path())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let _guard = Tmpfs(dir.path().to_path_buf());

    let srv = server(1024 * 1024, Duration::from_secs(300)).await;
    let data = tempfile::tempdir().unwrap();
    let c = client(&srv.base_url(), data.path(), Some(srv.public_key_bytes()));
    signed_in(&c).await;
    let manifest = c
        .services()
        .await
        .unwrap()
        .services
        .into_iter()
        .find_map(|s| s.security)
        .unwrap()
        .manifest;
    let e = c
        .download_installer(&manifest, Os::Linux, dir.path(), |_| {}, Default::default())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::DiskFull, "{e:?}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.contains(".part")), "{names:?}");
    srv.shutdown().await;
}
