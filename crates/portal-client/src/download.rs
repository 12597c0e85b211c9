//! The resumable, verified installer downloader.
//!
//! 1. The service's [`SignedManifest`] is verified against the pinned key;
//!    URL, size and SHA-256 come from the verified payload only.
//! 2. The body streams to `<name>.part`; its ETag and the expected file are
//!    recorded in `<name>.part.meta`.
//! 3. A later attempt resumes with `Range: bytes=N-` and `If-Range: <etag>`
//!    after re-hashing the existing prefix; a `200` (the file changed) or a
//!    `416` starts over from zero.
//! 4. At the end the size and SHA-256 are checked; then fsync and an atomic
//!    rename to the final name. A mismatch deletes the `.part`: a file with
//!    the final name has always passed verification.
//!
//! Memory stays bounded: a fixed number of in-flight batches (~1 MiB of
//! body chunks each) between the network task and the writer thread (which
//! hashes and writes), and fixed size buffers. The writer starts the
//! kernel's write-back as it goes, so the final fsync has little left.

use crate::client::{error_from_response, PortalClient};
use crate::error::{from_reqwest, ClientError, Result};
use crate::manifest::verify_manifest;
use bytes::Bytes;
use futures_util::StreamExt;
use portal_api::{ErrorCode, Installer, Os, SignedManifest};
use reqwest::header::{AUTHORIZATION, CONTENT_RANGE, ETAG, IF_RANGE, RANGE};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Batches in flight between the network and the writer thread.
const CHANNEL_BATCHES: usize = 4;
/// The network side hands body chunks (often a few KiB each) to the writer
/// in batches of about this many bytes: one thread wake-up per batch instead
/// of per chunk, which matters on a loaded machine.
const BATCH_BYTES: usize = 1024 * 1024;
/// Read buffer for re-hashing a partial file.
const HASH_BUFFER: usize = 64 * 1024;
/// Progress is reported at most every this many bytes.
const PROGRESS_STEP: u64 = 256 * 1024;
/// Fresh starts (after a 200 on resume, a 416, a changed file) per call.
const MAX_RESTARTS: usize = 3;

/// Download progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Bytes of the file on disk so far.
    pub downloaded: u64,
    /// The verified size of the whole file.
    pub total: u64,
    /// Where this attempt started (0 for a fresh download).
    pub resumed_from: u64,
}

/// Beside the `.part`: what it is a part of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PartMeta {
    v: u32,
    url: String,
    size: u64,
    sha256: String,
    etag: Option<String>,
}

enum Attempt {
    Done(PathBuf),
    Restart,
}

/// The verified installer for `os` and this CPU ([`portal_api::pick_installer`]),
/// or `NoInstallerForOs`.
pub fn verified_installer(
    manifest: &SignedManifest,
    pinned_keys: &[[u8; 32]],
    os: Os,
) -> Result<Installer> {
    let verified = verify_manifest(manifest, pinned_keys)?;
    portal_api::pick_installer(&verified.installers, os, portal_api::Arch::current())
        .cloned()
        .ok_or_else(|| {
            ClientError::new(
                ErrorCode::NoInstallerForOs,
                format!("no installer for {os:?}"),
            )
        })
}

fn check_file_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'));
    if ok {
        Ok(())
    } else {
        Err(ClientError::verification(
            "the installer file name is not acceptable",
        ))
    }
}

fn part_paths(dest_dir: &Path, name: &str) -> (PathBuf, PathBuf, PathBuf) {
    (
        dest_dir.join(name),
        dest_dir.join(format!("{name}.part")),
        dest_dir.join(format!("{name}.part.meta")),
    )
}

fn remove_part(part: &Path, meta: &Path) {
    let _ = fs::remove_file(part);
    let _ = fs::remove_file(meta);
}

/// How much of a matching `.part` exists, and its ETag.
fn resume_state(part: &Path, meta_path: &Path, want: &PartMeta) -> (u64, Option<String>) {
    let meta: Option<PartMeta> = fs::read(meta_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let len = fs::metadata(part).map(|m| m.len()).unwrap_or(0);
    match meta {
        Some(m)
            if m.url == want.url
                && m.size == want.size
                && m.sha256 == want.sha256
                && m.etag.is_some()
                && len <= want.size =>
        {
            (len, m.etag)
        }
        _ => {
            remove_part(part, meta_path);
            (0, None)
        }
    }
}

/// SHA-256 of the first `len` bytes of `path`, cancellable.
fn hash_prefix(path: &Path, len: u64, cancel: &CancellationToken) -> Result<Sha256> {
    let mut f = File::open(path).map_err(|e| ClientError::io("open partial download", &e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; HASH_BUFFER];
    let mut left = len;
    while left > 0 {
        if cancel.is_cancelled() {
            return Err(ClientError::cancelled());
        }
        let n = (left as usize).min(buf.len());
        f.read_exact(&mut buf[..n])
            .map_err(|e| ClientError::io("read partial download", &e))?;
        hasher.update(&buf[..n]);
        left -= n as u64;
    }
    Ok(hasher)
}

/// `bytes START-END/TOTAL` → (start, total). Public for fuzzing
/// (`fuzz/fuzz_targets/content_range.rs`).
pub fn parse_content_range(v: &str) -> Option<(u64, Option<u64>)> {
    let rest = v.trim().strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let (start, _end) = range.split_once('-')?;
    Some((start.trim().parse().ok()?, total.trim().parse().ok()))
}

fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

impl PortalClient {
    /// Downloads the installer for `os` listed in `manifest` into `dest_dir`
    /// and returns the final path of the verified file. Resumes a `.part`
    /// left by an earlier cut or cancellation; retries broken transfers
    /// automatically (bounded), resuming each time. Cancelling leaves the
    /// `.part` for later.
    pub async fn download_installer<F>(
        &self,
        manifest: &SignedManifest,
        os: Os,
        dest_dir: &Path,
        on_progress: F,
        cancel: CancellationToken,
    ) -> Result<PathBuf>
    where
        F: Fn(Progress) + Send + Sync,
    {
        let installer = verified_installer(manifest, &self.inner.config.pinned_keys, os)?;
        self.download_verified(&installer, dest_dir, &on_progress, &cancel)
            .await
    }

    async fn download_verified(
        &self,
        inst: &Installer,
        dest_dir: &Path,
        on_progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<PathBuf> {
        check_file_name(&inst.file_name)?;
        let expected: [u8; 32] = hex::decode(inst.sha256.trim())
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| ClientError::verification("the manifest's SHA-256 is not valid hex"))?;
        fs::create_dir_all(dest_dir).map_err(|e| ClientError::io("create download folder", &e))?;
        // Already downloaded? Re-verify it (it may have changed on disk);
        // a file that does not match is removed and fetched again.
        let final_path = dest_dir.join(&inst.file_name);
        if fs::metadata(&final_path).is_ok_and(|m| m.is_file() && m.len() == inst.size) {
            let (p, c, size) = (final_path.clone(), cancel.clone(), inst.size);
            let hasher = tokio::task::spawn_blocking(move || hash_prefix(&p, size, &c))
                .await
                .map_err(|_| ClientError::new(ErrorCode::Io, "re-hash failed"))??;
            if hasher.finalize().as_slice() == expected {
                on_progress(Progress {
                    downloaded: inst.size,
                    total: inst.size,
                    resumed_from: inst.size,
                });
                return Ok(final_path);
            }
        }
        if final_path.exists() {
            let _ = fs::remove_file(&final_path);
        }
        let policy = self.inner.config.retry;
        let mut retries_left = policy.download_retries;
        let mut restarts = 0usize;
        let mut delay = policy.min_delay;
        loop {
            if cancel.is_cancelled() {
                return Err(ClientError::cancelled());
            }
            match self
                .download_attempt(inst, &expected, dest_dir, on_progress, cancel)
                .await
            {
                Ok(Attempt::Done(p)) => return Ok(p),
                Ok(Attempt::Restart) => {
                    restarts += 1;
                    if restarts > MAX_RESTARTS {
                        return Err(ClientError::new(
                            ErrorCode::Unavailable,
                            "the installer keeps changing during the download",
                        ));
                    }
                }
                Err(e) if e.is_transient() && retries_left > 0 => {
                    retries_left -= 1;
                    let wait = match e.retry_after {
                        Some(s) => Duration::from_secs(s).min(policy.max_retry_after),
                        None => delay.mul_f64(rand::random::<f64>()),
                    };
                    delay = (delay * 2).min(policy.max_delay);
                    tracing::debug!(code = %e.code, "download interrupted; resuming");
                    tokio::select! {
                        _ = cancel.cancelled() => return Err(ClientError::cancelled()),
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }

    async fn download_attempt(
        &self,
        inst: &Installer,
        expected: &[u8; 32],
        dest_dir: &Path,
        on_progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Attempt> {
        let url = self.url(&inst.url)?;
        let (final_path, part, meta_path) = part_paths(dest_dir, &inst.file_name);
        let mut want = PartMeta {
            v: 1,
            url: url.to_string(),
            size: inst.size,
            sha256: inst.sha256.trim().to_ascii_lowercase(),
            etag: None,
        };
        let (mut offset, etag) = {
            let (p, m, w) = (part.clone(), meta_path.clone(), want.clone());
            tokio::task::spawn_blocking(move || resume_state(&p, &m, &w))
                .await
                .map_err(|_| ClientError::new(ErrorCode::Io, "resume check failed"))?
        };
        let mut hasher = if offset > 0 {
            let (p, c) = (part.clone(), cancel.clone());
            tokio::task::spawn_blocking(move || hash_prefix(&p, offset, &c))
                .await
                .map_err(|_| ClientError::new(ErrorCode::Io, "re-hash failed"))??
        } else {
            Sha256::new()
        };

        if offset == inst.size && offset > 0 {
            // Complete but never renamed (e.g. a crash): verify, no network.
            return finish(hasher, expected, &part, &meta_path, &final_path, None)
                .map(Attempt::Done);
        }

        // Request (with the session's token when signed in).
        let token = self.download_token().await;
        let mut rb = self.inner.http.get(url);
        if let Some(t) = &token {
            let mut v = reqwest::header::HeaderValue::from_str(&format!("Bearer {}", t.expose()))
                .map_err(|_| ClientError::malformed("unusable token"))?;
            v.set_sensitive(true);
            rb = rb.header(AUTHORIZATION, v);
        }
        if offset > 0 {
            rb = rb
                .header(RANGE, format!("bytes={offset}-"))
                .header(IF_RANGE, etag.clone().unwrap_or_default());
        }
        let resp = tokio::select! {
            _ = cancel.cancelled() => return Err(ClientError::cancelled()),
            r = tokio::time::timeout(self.inner.config.timeouts.request, rb.send()) => match r {
                Err(_) => return Err(ClientError::timeout("the portal did not answer in time")),
                Ok(r) => r.map_err(|e| {
                    let err = from_reqwest(&e);
                    if matches!(err.code, ErrorCode::Offline | ErrorCode::Timeout) {
                        self.note_reachable(false);
                    }
                    err
                })?,
            },
        };
        self.note_reachable(true);
        let status = resp.status();
        match status {
            StatusCode::PARTIAL_CONTENT if offset > 0 => {
                let ok = resp
                    .headers()
                    .get(CONTENT_RANGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_content_range)
                    .is_some_and(|(start, total)| {
                        start == offset && total.is_none_or(|t| t == inst.size)
                    });
                if !ok {
                    remove_part(&part, &meta_path);
                    return Ok(Attempt::Restart);
                }
                want.etag = etag;
            }
            StatusCode::OK => {
                // A fresh start (also when a resume got the whole file).
                offset = 0;
                hasher = Sha256::new();
                want.etag = resp
                    .headers()
                    .get(ETAG)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
            }
            StatusCode::RANGE_NOT_SATISFIABLE => {
                remove_part(&part, &meta_path);
                return Ok(Attempt::Restart);
            }
            s if s == StatusCode::UNAUTHORIZED => {
                let headers = resp.headers().clone();
                let body = resp.bytes().await.unwrap_or_default();
                let err = error_from_response(status, &headers, &body);
                if token.is_some() && err.code == ErrorCode::TokenExpired {
                    self.refresh_for_download().await?;
                    return Err(ClientError::new(ErrorCode::Unavailable, "token refreshed")
                        .with_retry_after(0));
                }
                return Err(err);
            }
            _ => {
                let headers = resp.headers().clone();
                let body = resp.bytes().await.unwrap_or_default();
                return Err(error_from_response(status, &headers, &body));
            }
        }
        let resumed_from = offset;
        // Record what the .part is before any byte lands in it.
        {
            let bytes = serde_json::to_vec(&want).expect("serializable");
            let mp = meta_path.clone();
            crate::fsutil::blocking(move || crate::fsutil::write_atomic(&mp, &bytes))
                .await
                .map_err(|e| ClientError::io("record the download", &e))?;
        }
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(&part)
            .and_then(|mut f| {
                f.set_len(offset)?;
                f.seek(SeekFrom::Start(offset))?;
                Ok(f)
            })
            .map_err(|e| ClientError::io("open download file", &e))?;

        // A writer thread and a hashing thread each get every batch (shared,
        // not copied): SHA-256 costs more CPU than the write, and in one
        // thread the two add up. The network side never blocks on disk.
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Arc<Vec<Bytes>>>(CHANNEL_BATCHES);
        let (htx, mut hrx) = tokio::sync::mpsc::channel::<Arc<Vec<Bytes>>>(CHANNEL_BATCHES);
        let writer = tokio::task::spawn_blocking(move || -> Result<File> {
            let mut writeback = WriteBack::new(offset);
            while let Some(batch) = rx.blocking_recv() {
                for chunk in batch.iter() {
                    // Chunks are large (hyper reads up to hundreds of KiB):
                    // unbuffered writes save a copy.
                    (&file)
                        .write_all(chunk)
                        .map_err(|e| ClientError::io("write download file", &e))?;
                    writeback.written(&file, chunk.len());
                }
            }
            Ok(file)
        });
        let hashing = tokio::task::spawn_blocking(move || {
            while let Some(batch) = hrx.blocking_recv() {
                for chunk in batch.iter() {
                    hasher.update(chunk);
                }
            }
            hasher
        });
        let send = |batch: Vec<Bytes>| {
            let batch = Arc::new(batch);
            let (tx, htx) = (tx.clone(), htx.clone());
            async move { tx.send(batch.clone()).await.is_ok() && htx.send(batch).await.is_ok() }
        };

        on_progress(Progress {
            downloaded: offset,
            total: inst.size,
            resumed_from,
        });
        let mut downloaded = offset;
        let mut last_report = offset;
        let mut stream = resp.bytes_stream();
        let idle = self.inner.config.timeouts.download_idle;
        let mut stop: Option<ClientError> = None;
        let mut too_long = false;
        let mut batch: Vec<Bytes> = Vec::new();
        let mut batch_len = 0usize;
        let mut writer_gone = false;
        loop {
            let next = tokio::select! {
                _ = cancel.cancelled() => { stop = Some(ClientError::cancelled()); break; }
                n = tokio::time::timeout(idle, stream.next()) => n,
            };
            match next {
                Err(_) => {
                    stop = Some(ClientError::timeout("the download stalled"));
                    break;
                }
                Ok(None) => break,
                Ok(Some(Err(e))) => {
                    let mut err = from_reqwest(&e);
                    if !err.is_transient() {
                        err = ClientError::offline("the download was interrupted");
                    }
                    stop = Some(err);
                    break;
                }
                Ok(Some(Ok(chunk))) => {
                    if downloaded + chunk.len() as u64 > inst.size {
                        too_long = true;
                        break;
                    }
                    downloaded += chunk.len() as u64;
                    batch_len += chunk.len();
                    batch.push(chunk);
                    if batch_len >= BATCH_BYTES || downloaded == inst.size {
                        batch_len = 0;
                        if !send(std::mem::take(&mut batch)).await {
                            writer_gone = true;
                            break; // the writer failed; its error is below
                        }
                    }
                    if downloaded - last_report >= PROGRESS_STEP || downloaded == inst.size {
                        last_report = downloaded;
                        on_progress(Progress {
                            downloaded,
                            total: inst.size,
                            resumed_from,
                        });
                    }
                }
            }
        }
        // What arrived before a cut is a valid prefix: keep it for the resume.
        if !too_long && !writer_gone && !batch.is_empty() {
            send(batch).await;
        }
        drop((tx, htx));
        drop(stream);
        let file = writer
            .await
            .map_err(|_| ClientError::new(ErrorCode::Io, "the download writer failed"))??;
        let hasher = hashing
            .await
            .map_err(|_| ClientError::new(ErrorCode::Io, "the download hashing failed"))?;
        if too_long {
            drop(file);
            remove_part(&part, &meta_path);
            return Err(ClientError::verification(
                "the download is larger than the signed size",
            ));
        }
        if let Some(e) = stop {
            // Keep the .part for a resume.
            let _ = file.sync_data();
            return Err(e);
        }
        if downloaded < inst.size {
            let _ = file.sync_data();
            return Err(ClientError::offline("the download ended early"));
        }
        let (p, m, f) = (part.clone(), meta_path.clone(), final_path.clone());
        let expected = *expected;
        tokio::task::spawn_blocking(move || finish(hasher, &expected, &p, &m, &f, Some(file)))
            .await
            .map_err(|_| ClientError::new(ErrorCode::Io, "finishing the download failed"))?
            .map(Attempt::Done)
    }
}

/// Starts the kernel's write-back of what the writer has written so far,
/// every `WRITEBACK_STEP` bytes, without waiting for it: the data reaches
/// the disk during the download instead of all at once in the final fsync.
/// Linux only (`sync_file_range`); elsewhere the final fsync does it all.
struct WriteBack {
    /// File offset up to which write-back was started.
    #[cfg(target_os = "linux")]
    started: u64,
    /// File offset up to which the file has been written.
    #[cfg(target_os = "linux")]
    written: u64,
}

/// How much new data starts a write-back.
#[cfg(target_os = "linux")]
const WRITEBACK_STEP: u64 = 8 * 1024 * 1024;

impl WriteBack {
    fn new(offset: u64) -> Self {
        #[cfg(not(target_os = "linux"))]
        let _ = offset;
        Self {
            #[cfg(target_os = "linux")]
            started: offset,
            #[cfg(target_os = "linux")]
            written: offset,
        }
    }

    /// After `len` more bytes were written to `file`.
    fn written(&mut self, file: &File, len: usize) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            self.written += len as u64;
            if self.written - self.started < WRITEBACK_STEP {
                return;
            }
            // SAFETY: a valid open fd and a range inside the file; the call
            // only schedules write-back (SYNC_FILE_RANGE_WRITE) and errors
            // are harmless (the final fsync still runs).
            unsafe {
                libc::sync_file_range(
                    file.as_raw_fd(),
                    self.started as libc::off64_t,
                    (self.written - self.started) as libc::off64_t,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
            self.started = self.written;
        }
        #[cfg(not(target_os = "linux"))]
        let _ = (file, len);
    }
}

/// Verifies the complete `.part` and renames it to its final name.
fn finish(
    hasher: Sha256,
    expected: &[u8; 32],
    part: &Path,
    meta: &Path,
    final_path: &Path,
    file: Option<File>,
) -> Result<PathBuf> {
    let digest = hasher.finalize();
    if digest.as_slice() != expected {
        drop(file);
        remove_part(part, meta);
        return Err(ClientError::verification(
            "the downloaded file does not match the signed SHA-256",
        ));
    }
    let file = match file {
        Some(f) => f,
        None => File::options()
            .write(true)
            .open(part)
            .map_err(|e| ClientError::io("open download file", &e))?,
    };
    file.sync_all()
        .map_err(|e| ClientError::io("flush download file", &e))?;
    drop(file);
    fs::rename(part, final_path).map_err(|e| ClientError::io("rename download file", &e))?;
    let _ = fs::remove_file(meta);
    if let Some(dir) = final_path.parent() {
        sync_dir(dir);
    }
    Ok(final_path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_parsing() {
        assert_eq!(
            parse_content_range("bytes 100-199/200"),
            Some((100, Some(200)))
        );
        assert_eq!(parse_content_range("bytes 5-9/*"), Some((5, None)));
        assert_eq!(parse_content_range("items 1-2/3"), None);
    }

    #[test]
    fn file_names_are_checked() {
        assert!(check_file_name("fsecure-safe-linux.bin").is_ok());
        for bad in ["", "../x", "a/b", ".hidden", "a\\b", "x\0"] {
            assert!(check_file_name(bad).is_err(), "{bad:?}");
        }
    }
}
