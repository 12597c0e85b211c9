//! How the app was launched: which portal to talk to and where to keep its
//! files. Read once at start-up from the command line, the environment and
//! the settings.
//!
//! | input | effect |
//! |---|---|
//! | `--demo`, `OMAHALLINTA_DEMO=1` | demo mode: the reference portal in-process on loopback |
//! | `--portal URL`, `OMAHALLINTA_PORTAL_URL`, settings `portal_url` | that portal (first one set wins) |
//! | `OMAHALLINTA_PORTAL_KEY` | base64 Ed25519 public key pinned for that portal's installer manifests |
//! | `OMAHALLINTA_DATA_DIR` | keep config and data under this dir (tests) |
//! | `OMAHALLINTA_OPEN_COMMAND` | open verified installers with this program instead of the OS (tests) |
//! | `OMAHALLINTA_FAKE_PROTECTION` | `installed`, `conflict:NAME` or `none`: what "already protected" detection answers (tests) |
//!
//! Demo mode is also the default when no portal URL is configured anywhere.

use crate::error::{Error, Result};
use base64::Engine;
use portal_api::ErrorCode;
use std::path::PathBuf;

/// Which portal the app uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalTarget {
    /// Start the reference portal in-process with demo data.
    Demo,
    /// A configured portal and, when given, its pinned signing key.
    Remote {
        url: String,
        pinned_key: Option<[u8; 32]>,
    },
}

/// Command-line and environment inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    pub demo: bool,
    pub portal_url: Option<String>,
    pub portal_key: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub open_command: Option<PathBuf>,
    /// `OMAHALLINTA_FAKE_PROTECTION` (tests): replaces the OS detector.
    pub fake_protection: Option<crate::types::ProtectionStatus>,
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl LaunchOptions {
    /// From `args` (without the program name) and an environment lookup.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let mut o = LaunchOptions {
            demo: matches!(
                env("OMAHALLINTA_DEMO").as_deref().map(str::trim),
                Some("1" | "true" | "yes")
            ),
            portal_url: non_empty(env("OMAHALLINTA_PORTAL_URL")),
            portal_key: non_empty(env("OMAHALLINTA_PORTAL_KEY")),
            data_dir: non_empty(env("OMAHALLINTA_DATA_DIR")).map(PathBuf::from),
            open_command: non_empty(env("OMAHALLINTA_OPEN_COMMAND")).map(PathBuf::from),
            fake_protection: non_empty(env("OMAHALLINTA_FAKE_PROTECTION"))
                .and_then(|v| crate::protection::parse_fake(&v)),
        };
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            match a.as_str() {
                "--demo" => o.demo = true,
                "--portal" => o.portal_url = non_empty(args.next()),
                _ => {
                    if let Some(url) = a.strip_prefix("--portal=") {
                        o.portal_url = non_empty(Some(url.to_string()));
                    }
                }
            }
        }
        o
    }

    /// From this process's command line and environment.
    pub fn from_process() -> Self {
        Self::parse(std::env::args().skip(1), |k| std::env::var(k).ok())
    }

    /// Demo unless asked for a portal (options first, then settings).
    pub fn target(&self, settings_url: &str) -> Result<PortalTarget> {
        if self.demo {
            return Ok(PortalTarget::Demo);
        }
        let url = self
            .portal_url
            .clone()
            .or_else(|| non_empty(Some(settings_url.to_string())));
        let Some(url) = url else {
            return Ok(PortalTarget::Demo);
        };
        let pinned_key = self.portal_key.as_deref().map(decode_key).transpose()?;
        Ok(PortalTarget::Remote { url, pinned_key })
    }
}

/// A standard-base64 32-byte Ed25519 public key.
pub fn decode_key(b64: &str) -> Result<[u8; 32]> {
    let bad = || {
        Error::new(
            ErrorCode::ValidationFailed,
            "OMAHALLINTA_PORTAL_KEY is not a base64 32-byte key",
        )
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| bad())?;
    bytes.try_into().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> LaunchOptions {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        LaunchOptions::parse(args.iter().map(|s| s.to_string()), |k| env.get(k).cloned())
    }

    #[test]
    fn demo_is_the_default_without_a_portal() {
        assert_eq!(parse(&[], &[]).target("").unwrap(), PortalTarget::Demo);
        assert_eq!(
            parse(&["--demo"], &[]).target("https://p.example").unwrap(),
            PortalTarget::Demo
        );
        assert_eq!(
            parse(&[], &[("OMAHALLINTA_DEMO", "1")])
                .target("https://p.example")
                .unwrap(),
            PortalTarget::Demo
        );
    }

    #[test]
    fn configured_portal_with_pinned_key() {
        let key = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        let o = parse(
            &[],
            &[
                ("OMAHALLINTA_PORTAL_URL", "http://127.0.0.1:9"),
                ("OMAHALLINTA_PORTAL_KEY", &key),
            ],
        );
        assert_eq!(
            o.target("https://ignored.example").unwrap(),
            PortalTarget::Remote {
                url: "http://127.0.0.1:9".into(),
                pinned_key: Some([7u8; 32])
            }
        );
        assert_eq!(
            parse(&["--portal", "https://a.example"], &[])
                .target("")
                .unwrap(),
            PortalTarget::Remote {
                url: "https://a.example".into(),
                pinned_key: None
            }
        );
        assert_eq!(
            parse(&[], &[]).target("https://s.example").unwrap(),
            PortalTarget::Remote {
                url: "https://s.example".into(),
                pinned_key: None
            }
        );
        assert!(parse(&[], &[("OMAHALLINTA_PORTAL_KEY", "bm9wZQ==")])
            .target("https://s.example")
            .is_err());
    }
}
