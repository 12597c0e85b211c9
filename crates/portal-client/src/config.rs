//! Client configuration.

use crate::error::{ClientError, Result};
use reqwest::Url;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Time limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// TCP (and TLS) connection set-up.
    pub connect: Duration,
    /// A whole API request, body included.
    pub request: Duration,
    /// Downloads: the longest silence between two body chunks.
    pub download_idle: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(30),
            download_idle: Duration::from_secs(30),
        }
    }
}

/// Retries of idempotent requests (GET, idempotent PUT, and POSTs that
/// carry an idempotency key): capped exponential backoff with full jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = never retry).
    pub max_retries: usize,
    /// Base of the exponential backoff.
    pub min_delay: Duration,
    /// Cap of one backoff delay.
    pub max_delay: Duration,
    /// Cap of a server's `Retry-After`; a longer one is not waited for
    /// (the error is returned with its `retry_after`).
    pub max_retry_after: Duration,
    /// Download attempts after a broken transfer (each one resumes).
    pub download_retries: usize,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            min_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(10),
            download_retries: 5,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            download_retries: 0,
            ..Self::default()
        }
    }
}

/// Everything a [`crate::PortalClient`] needs.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The portal, e.g. `https://oma.example.fi/`. Plain `http` only for
    /// loopback hosts (127.0.0.0/8, ::1, localhost).
    pub base_url: String,
    /// The portal's Ed25519 public keys (several while the operator rotates
    /// its key); an installer manifest must verify against one of them, and one
    /// signed by any other key is refused (`untrusted_key`). Downloads are
    /// refused when none is pinned.
    pub pinned_keys: Vec<[u8; 32]>,
    pub timeouts: Timeouts,
    pub retry: RetryPolicy,
    /// Where the offline cache (`cache/`) and the feedback outbox
    /// (`outbox/`) live, e.g. the app's data dir.
    pub data_dir: PathBuf,
    /// Names the portal in the offline cache's file names and in outbox items,
    /// so one email on two portals never shares data. Defaults to the base
    /// URL; the app's demo mode names its embedded portal `demo` (its port
    /// changes every run).
    pub portal_id: String,
}

impl ClientConfig {
    pub fn new(base_url: impl Into<String>, data_dir: impl Into<PathBuf>) -> Self {
        let base_url = base_url.into();
        Self {
            portal_id: base_url.trim_end_matches('/').to_ascii_lowercase(),
            base_url,
            pinned_keys: Vec::new(),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            data_dir: data_dir.into(),
        }
    }

    /// See [`ClientConfig::portal_id`].
    pub fn with_portal_id(mut self, id: impl Into<String>) -> Self {
        self.portal_id = id.into();
        self
    }

    /// Pins one more key (see [`ClientConfig::pinned_keys`]).
    pub fn with_pinned_key(mut self, key: [u8; 32]) -> Self {
        if !self.pinned_keys.contains(&key) {
            self.pinned_keys.push(key);
        }
        self
    }
}

/// Parses a portal URL and enforces HTTPS except for loopback hosts.
pub fn check_url(url: &str) -> Result<Url> {
    let parsed = Url::parse(url)
        .map_err(|_| ClientError::insecure_url("the portal address is not a valid URL"))?;
    ensure_secure(&parsed)?;
    Ok(parsed)
}

/// HTTPS, or `http` to a loopback host.
pub fn ensure_secure(url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback_url(url) => Ok(()),
        "http" => Err(ClientError::insecure_url(
            "plain http is allowed only to this computer (loopback); use https",
        )),
        _ => Err(ClientError::insecure_url("only https URLs are allowed")),
    }
}

/// Whether the URL's host is this computer (127.0.0.0/8, ::1, localhost).
pub fn is_loopback_url(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_api::ErrorCode;

    #[test]
    fn https_required_except_loopback() {
        for ok in [
            "https://oma.example.fi/",
            "http://127.0.0.1:8787",
            "http://127.10.0.1/",
            "http://[::1]:9000/",
            "http://localhost:8787/",
            "http://LOCALHOST/",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://oma.example.fi/",
            "http://192.168.1.10/",
            "http://10.0.0.1/",
            "http://localhost.evil.fi/",
            "ftp://oma.example.fi/",
            "file:///etc/passwd",
            "not a url",
        ] {
            assert_eq!(
                check_url(bad).unwrap_err().code,
                ErrorCode::InsecureUrl,
                "{bad}"
            );
        }
    }
}
