//! Demo F-Secure installers: deterministic pseudo-random files, one per
//! desktop OS, listed in an Ed25519-signed manifest and served with Range,
//! If-Range and strong ETags, streamed from disk.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use bytes::Bytes;
use ed25519_dalek::Signer;
use portal_api::{ErrorCode, Installer, InstallerManifest, Os, SignedManifest};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::ServerError;

pub const INSTALLER_VERSION: &str = "19.4.112";
pub const MANIFEST_PRODUCT: &str = "F-Secure SAFE (Turvapaketti)";

/// The desktop installers (no Android or iOS: those have none here).
pub const FILES: &[(Os, &str)] = &[
    (Os::Windows, "fsecure-safe-windows.exe"),
    (Os::Macos, "fsecure-safe-macos.pkg"),
    (Os::Linux, "fsecure-safe-linux.bin"),
];

#[derive(Debug, Clone)]
pub struct InstallerFile {
    pub info: Installer,
    pub path: PathBuf,
    /// Strong ETag, quoted.
    pub etag: String,
}

#[derive(Debug, Clone)]
pub struct Installers {
    pub files: Vec<InstallerFile>,
    pub list: Vec<Installer>,
    pub manifest: SignedManifest,
}

impl Installers {
    pub fn find(&self, file_name: &str) -> Option<&InstallerFile> {
        self.files.iter().find(|f| f.info.file_name == file_name)
    }
}

/// xorshift64* — deterministic bytes, fast, not cryptographic.
struct DemoBytes(u64);

impl DemoBytes {
    fn new(name: &str, size: u64) -> Self {
        let mut seed = 0xcbf2_9ce4_8422_2325u64 ^ size;
        for b in name.bytes() {
            seed ^= u64::from(b);
            seed = seed.wrapping_mul(0x0100_0000_01b3);
        }
        DemoBytes(seed | 1)
    }

    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            let v = x.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

/// Bytes per body chunk of an installer response.
const BODY_CHUNK: usize = 1024 * 1024;

/// Bytes `start..end` of an installer as a response body: slices of a
/// read-only memory map, so bytes go from the page cache to the socket with
/// one copy and no trip to the blocking pool per chunk.
fn file_body(path: &Path, start: u64, end: u64) -> std::io::Result<Body> {
    if start >= end {
        return Ok(Body::empty());
    }
    let f = std::fs::File::open(path)?;
    // SAFETY: an installer file is never written, truncated or replaced once
    // published under its name (`installer_path`, `publish`), so the mapped
    // pages stay valid for as long as the map lives.
    let map = unsafe { memmap2::Mmap::map(&f)? };
    // Read-ahead hint; madvise is Unix-only. Windows reads ahead on its own
    // for sequential faults, so there is nothing to ask for there.
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Sequential);
    let (start, end) = (start as usize, end as usize);
    if end > map.len() {
        return Err(std::io::Error::other("installer shorter than listed"));
    }
    let bytes = Bytes::from_owner(map).slice(start..end);
    let len = bytes.len();
    let chunks = (0..len)
        .step_by(BODY_CHUNK)
        .map(move |i| Ok::<_, std::convert::Infallible>(bytes.slice(i..(i + BODY_CHUNK).min(len))));
    Ok(Body::from_stream(futures_util::stream::iter(chunks)))
}

/// The Linux demo installer: a small shell script that registers the
/// computer with this portal (see `linux-installer.sh`), with the portal's
/// own address templated in. The generated file is this script followed by
/// padding up to the configured installer size (the script exits before it).
pub fn linux_script(base_url: &str) -> Result<String, ServerError> {
    let safe = base_url
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ":/.-_[]%".contains(c));
    if !safe {
        return Err(ServerError::Other(format!(
            "the portal address {base_url:?} cannot be written into the installer script"
        )));
    }
    Ok(include_str!("linux-installer.sh")
        .replace("@PORTAL@", base_url)
        .replace("@VERSION@", INSTALLER_VERSION))
}

/// Where the demo installer `name` of `size` bytes starting with `head` lives
/// under `dir`.
///
/// Its bytes are a function of (name, size, head) alone, so the file at this
/// path never changes once written: a server started with another size or
/// another address writes another file instead of replacing one that a
/// running server (or this one, through a response still streaming) has
/// memory-mapped. Windows refuses to rename over or delete a mapped file;
/// Unix allows it, but then the map pins the old inode anyway. Nothing
/// outside this module sees the path.
fn installer_path(dir: &Path, name: &str, size: u64, head: &[u8]) -> PathBuf {
    let variant = if head.is_empty() {
        "plain".to_string()
    } else {
        hex::encode(&Sha256::digest(head)[..8])
    };
    dir.join(size.to_string()).join(variant).join(name)
}

/// Moves the complete `tmp` to `path`. When `path` already exists with
/// `size` bytes (another server wrote the same deterministic file first, and
/// on Windows it may be mapped, so the rename fails), that file is kept and
/// `tmp` removed.
fn publish(tmp: &Path, path: &Path, size: u64) -> std::io::Result<()> {
    match std::fs::rename(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(tmp);
            if std::fs::metadata(path).is_ok_and(|m| m.len() == size) {
                Ok(())
            } else {
                Err(e)
            }
        }
    }
}

/// Writes the file (if missing or of the wrong size) and returns its SHA-256.
/// The file is `head` followed by deterministic pseudo-random bytes up to
/// `size` (at least the whole head).
fn generate(path: &Path, name: &str, size: u64, head: &[u8]) -> std::io::Result<String> {
    const CHUNK: usize = 64 * 1024;
    let mut buf = vec![0u8; CHUNK];
    let size = size.max(head.len() as u64);
    // Complete files only ever appear by rename (`publish`), and the path
    // names the content: one of the right size is the right file.
    if std::fs::metadata(path).is_ok_and(|m| m.len() == size) {
        let mut hasher = Sha256::new();
        let mut f = std::fs::File::open(path)?;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        return Ok(hex::encode(hasher.finalize()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // A name of its own per writer: two servers starting on one directory
    // never write into the same temporary file.
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("{}-{seq}.part", std::process::id()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    let mut hasher = Sha256::new();
    let mut rng = DemoBytes::new(name, size);
    hasher.update(head);
    out.write_all(head)?;
    let mut left = size - head.len() as u64;
    while left > 0 {
        let n = left.min(CHUNK as u64) as usize;
        rng.fill(&mut buf[..n]);
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        left -= n as u64;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    publish(&tmp, path, size)?;
    Ok(hex::encode(hasher.finalize()))
}

/// Generates the installers in `dir` and signs their manifest.
pub(crate) async fn prepare(
    dir: &Path,
    size: u64,
    key: &ed25519_dalek::SigningKey,
    base_url: &str,
) -> Result<Installers, ServerError> {
    let dir = dir.join("installers");
    let script = linux_script(base_url)?;
    let files = tokio::task::spawn_blocking(move || -> std::io::Result<Vec<InstallerFile>> {
        std::fs::create_dir_all(&dir)?;
        FILES
            .iter()
            .map(|&(os, name)| {
                let head = if os == Os::Linux {
                    script.as_bytes()
                } else {
                    &[]
                };
                let path = installer_path(&dir, name, size, head);
                let sha256 = generate(&path, name, size, head)?;
                let size = size.max(head.len() as u64);
                Ok(InstallerFile {
                    etag: format!("\"{sha256}\""),
                    info: Installer {
                        os,
                        version: INSTALLER_VERSION.into(),
                        file_name: name.into(),
                        url: format!("{}/installers/{name}", portal_api::API_PREFIX),
                        size,
                        sha256,
                    },
                    path,
                })
            })
            .collect()
    })
    .await
    .map_err(|e| ServerError::Other(e.to_string()))??;
    let list: Vec<Installer> = files.iter().map(|f| f.info.clone()).collect();
    let manifest = sign_manifest(
        key,
        &InstallerManifest {
            product: MANIFEST_PRODUCT.into(),
            issued_at: chrono::DateTime::from_timestamp(chrono::Utc::now().timestamp(), 0)
                .unwrap_or_default(),
            installers: list.clone(),
        },
    )?;
    Ok(Installers {
        files,
        list,
        manifest,
    })
}

/// Signs the manifest's exact JSON bytes.
pub fn sign_manifest(
    key: &ed25519_dalek::SigningKey,
    manifest: &InstallerManifest,
) -> Result<SignedManifest, ServerError> {
    let bytes = serde_json::to_vec(manifest).map_err(|e| ServerError::Other(e.to_string()))?;
    let signature = key.sign(&bytes);
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(SignedManifest {
        key_id: crate::state::key_id(&key.verifying_key().to_bytes()),
        payload: b64.encode(&bytes),
        signature: b64.encode(signature.to_bytes()),
    })
}

/// What a `Range` header asks for.
#[derive(Debug, PartialEq, Eq)]
enum RangeRequest {
    /// No (usable) range: the whole file.
    Full,
    /// Inclusive byte range.
    Partial(u64, u64),
    Unsatisfiable,
}

fn parse_range(value: &str, len: u64) -> RangeRequest {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return RangeRequest::Full;
    };
    if spec.contains(',') {
        // Multipart ranges are not served; a server may ignore Range.
        return RangeRequest::Full;
    }
    let Some((a, b)) = spec.trim().split_once('-') else {
        return RangeRequest::Full;
    };
    let (a, b) = (a.trim(), b.trim());
    match (a.is_empty(), b.is_empty()) {
        (false, _) => {
            let Ok(start) = a.parse::<u64>() else {
                return RangeRequest::Full;
            };
            let end = if b.is_empty() {
                u64::MAX
            } else {
                match b.parse::<u64>() {
                    Ok(e) if e >= start => e,
                    _ => return RangeRequest::Full,
                }
            };
            if start >= len {
                return RangeRequest::Unsatisfiable;
            }
            RangeRequest::Partial(start, end.min(len - 1))
        }
        (true, false) => {
            let Ok(n) = b.parse::<u64>() else {
                return RangeRequest::Full;
            };
            if n == 0 || len == 0 {
                return RangeRequest::Unsatisfiable;
            }
            RangeRequest::Partial(len.saturating_sub(n), len - 1)
        }
        (true, true) => RangeRequest::Full,
    }
}

/// Serves an installer: 200 full, 206 partial, 304, or 416.
pub(crate) async fn serve(file: &InstallerFile, headers: &HeaderMap) -> Result<Response, ApiError> {
    let len = file.info.size;
    let etag = HeaderValue::from_str(&file.etag).map_err(|_| ApiError::internal())?;

    if let Some(inm) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        let hit = inm.split(',').any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/") == file.etag
        });
        if hit {
            let mut resp = StatusCode::NOT_MODIFIED.into_response();
            resp.headers_mut().insert(header::ETAG, etag);
            return Ok(resp);
        }
    }

    let mut range = match headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        Some(v) => parse_range(v, len),
        None => RangeRequest::Full,
    };
    // If-Range: honour the range only when the strong validator matches.
    if let Some(if_range) = headers.get(header::IF_RANGE) {
        let matches = if_range
            .to_str()
            .map(|v| v.trim() == file.etag)
            .unwrap_or(false);
        if !matches {
            range = RangeRequest::Full;
        }
    }

    let (status, start, end) = match range {
        RangeRequest::Full => (StatusCode::OK, 0, len),
        RangeRequest::Partial(s, e) => (StatusCode::PARTIAL_CONTENT, s, e + 1),
        RangeRequest::Unsatisfiable => {
            let mut resp = ApiError::new(
                ErrorCode::RangeNotSatisfiable,
                format!("the file has {len} bytes"),
            )
            .into_response();
            let h = resp.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                h.insert(header::CONTENT_RANGE, v);
            }
            h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
            h.insert(header::ETAG, etag);
            return Ok(resp);
        }
    };

    let path = file.path.clone();
    let body = tokio::task::spawn_blocking(move || file_body(&path, start, end))
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "installer file unreadable");
            ApiError::internal()
        })?;
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(end - start));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) =
        HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.info.file_name))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if status == StatusCode::PARTIAL_CONTENT {
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{}/{len}", end - 1)) {
            h.insert(header::CONTENT_RANGE, v);
        }
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_parsing() {
        use RangeRequest::*;
        assert_eq!(parse_range("bytes=0-9", 100), Partial(0, 9));
        assert_eq!(parse_range("bytes=90-", 100), Partial(90, 99));
        assert_eq!(parse_range("bytes=90-500", 100), Partial(90, 99));
        assert_eq!(parse_range("bytes=-10", 100), Partial(90, 99));
        assert_eq!(parse_range("bytes=-500", 100), Partial(0, 99));
        assert_eq!(parse_range("bytes=100-", 100), Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 100), Unsatisfiable);
        assert_eq!(parse_range("bytes=5-1", 100), Full);
        assert_eq!(parse_range("bytes=0-1,5-6", 100), Full);
        assert_eq!(parse_range("items=0-1", 100), Full);
        assert_eq!(parse_range("bytes=x-", 100), Full);
    }

    const PORTAL: &str = "http://127.0.0.1:8787";

    fn key() -> ed25519_dalek::SigningKey {
        ed25519_dalek::SigningKey::from_bytes(&[7u8; 32])
    }

    async fn body_bytes(body: Body) -> Vec<u8> {
        axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    /// A restart with another installer size while a response still streams
    /// from the old file's map: on Windows replacing a mapped file fails, so
    /// the new size must go to a new file and the old bytes stay intact.
    #[tokio::test]
    async fn another_size_never_replaces_a_mapped_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = prepare(dir.path(), 4096, &key(), PORTAL).await.unwrap();
        let old = first.find("fsecure-safe-windows.exe").unwrap().clone();
        // A response in flight holds a map of the file.
        let in_flight = file_body(&old.path, 0, 4096).unwrap();
        let mapped = std::fs::File::open(&old.path).unwrap();
        // SAFETY: the test never writes the file.
        let map = unsafe { memmap2::Mmap::map(&mapped).unwrap() };

        let second = prepare(dir.path(), 8192, &key(), PORTAL).await.unwrap();
        let new = second.find("fsecure-safe-windows.exe").unwrap();
        assert_ne!(new.path, old.path);
        assert_eq!(std::fs::metadata(&new.path).unwrap().len(), 8192);
        assert_ne!(new.info.sha256, old.info.sha256);

        // The old map and the old response still have the old bytes.
        assert_eq!(hex::encode(Sha256::digest(&map[..])), old.info.sha256);
        let streamed = body_bytes(in_flight).await;
        assert_eq!(hex::encode(Sha256::digest(&streamed)), old.info.sha256);

        // The first size again: the mapped file is reused as it is.
        let third = prepare(dir.path(), 4096, &key(), PORTAL).await.unwrap();
        let again = third.find("fsecure-safe-windows.exe").unwrap();
        assert_eq!(again.path, old.path);
        assert_eq!(again.info.sha256, old.info.sha256);

        // Another portal address changes only the Linux script's file, which
        // gets a path of its own too.
        let other = prepare(dir.path(), 4096, &key(), "http://127.0.0.1:9999")
            .await
            .unwrap();
        assert_eq!(
            other.find("fsecure-safe-windows.exe").unwrap().path,
            old.path
        );
        let linux = |i: &Installers| {
            i.files
                .iter()
                .find(|f| f.info.os == Os::Linux)
                .unwrap()
                .path
                .clone()
        };
        assert_ne!(linux(&other), linux(&third));
        drop(map);
    }

    /// Two servers generating the same file: the second one's rename meets a
    /// file that exists (and, on Windows, is mapped, so the rename fails).
    /// Its own copy is dropped and the existing file kept.
    #[test]
    fn publishing_over_an_existing_mapped_file_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.exe");
        let tmp = dir.path().join("x.1-0.part");
        let bytes = vec![42u8; 1000];
        std::fs::write(&path, &bytes).unwrap();
        std::fs::write(&tmp, &bytes).unwrap();
        let f = std::fs::File::open(&path).unwrap();
        // SAFETY: the test never writes the file while mapped.
        let map = unsafe { memmap2::Mmap::map(&f).unwrap() };
        publish(&tmp, &path, 1000).unwrap();
        assert!(!tmp.exists());
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert_eq!(&map[..], &bytes[..]);
        // A missing temporary file with no usable destination is an error.
        let other = dir.path().join("y.exe");
        assert!(publish(&tmp, &other, 1000).is_err());
    }

    #[test]
    fn demo_bytes_are_deterministic() {
        let mut a = [0u8; 37];
        let mut b = [0u8; 37];
        DemoBytes::new("x", 5).fill(&mut a);
        DemoBytes::new("x", 5).fill(&mut b);
        assert_eq!(a, b);
    }
}
