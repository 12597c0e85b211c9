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
    // SAFETY: installer files are only ever replaced by a rename
    // (`generate`), never written or truncated in place, so the mapped pages
    // stay valid for as long as the map lives.
    let map = unsafe { memmap2::Mmap::map(&f)? };
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

/// Whether the file at `path` has `size` bytes and starts with `head`.
fn has_head(path: &Path, head: &[u8], size: u64) -> bool {
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    if f.metadata().map(|m| m.len() != size).unwrap_or(true) {
        return false;
    }
    let mut got = vec![0u8; head.len()];
    f.read_exact(&mut got).is_ok() && got == head
}

/// Writes the file (if missing, of the wrong size or with another `head`)
/// and returns its SHA-256. The file is `head` followed by deterministic
/// pseudo-random bytes up to `size` (at least the whole head).
fn generate(path: &Path, name: &str, size: u64, head: &[u8]) -> std::io::Result<String> {
    const CHUNK: usize = 64 * 1024;
    let mut buf = vec![0u8; CHUNK];
    let size = size.max(head.len() as u64);
    if has_head(path, head, size) {
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
    let tmp = path.with_extension("part");
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
    std::fs::rename(&tmp, path)?;
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
                let path = dir.join(name);
                let head = if os == Os::Linux {
                    script.as_bytes()
                } else {
                    &[]
                };
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

    #[test]
    fn demo_bytes_are_deterministic() {
        let mut a = [0u8; 37];
        let mut b = [0u8; 37];
        DemoBytes::new("x", 5).fill(&mut a);
        DemoBytes::new("x", 5).fill(&mut b);
        assert_eq!(a, b);
    }
}
