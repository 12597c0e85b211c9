//! How the app was launched: which portal to talk to and where to keep its
//! files. Read once at start-up from the command line, the environment and
//! the settings.
//!
//! | input | effect |
//! |---|---|
//! | `--demo`, `OMAHALLINTA_DEMO=1` | demo mode: the reference portal in-process on loopback |
//! | `--portal URL`, `OMAHALLINTA_PORTAL_URL`, settings `portal_url` | that portal (first one set wins) |
//! | `OMAHALLINTA_PORTAL_KEY` | base64 Ed25519 public key pinned for that portal's installer manifests (besides the operator profile's) |
//! | settings `portal_choice` | the first-run choice: the operator profile's portal, or the demo |
//! | `OMAHALLINTA_DATA_DIR` | keep config and data under this dir (tests) |
//! | `OMAHALLINTA_OPEN_COMMAND` | open verified installers with this program instead of the OS (tests) |
//! | `OMAHALLINTA_FAKE_PROTECTION` | `installed`, `conflict:NAME` or `none`: what "already protected" detection answers (tests) |
//! | `--minimized` | start without showing the window: the tray and reminders run (autostart) |
//!
//! With none of these the app starts undecided: the UI asks (the welcome view).

use crate::error::{Error, Result};
use crate::profile::OperatorProfile;
use crate::types::{PortalChoice, Settings};
use base64::Engine;
use portal_api::ErrorCode;
use std::path::PathBuf;

/// Which portal the app uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalTarget {
    /// First run: nothing chosen yet; the UI shows the welcome view.
    Undecided,
    /// Start the reference portal in-process with demo data.
    Demo,
    /// A portal and the keys pinned for it (empty: installers can't be verified).
    Remote {
        url: String,
        pinned_keys: Vec<[u8; 32]>,
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
    /// `--minimized` (autostart): no window until the tray or a second start
    /// asks for it.
    pub minimized: bool,
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
            minimized: false,
        };
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            match a.as_str() {
                "--demo" => o.demo = true,
                "--minimized" => o.minimized = true,
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

    /// Whether the command line or the environment chose the portal
    /// (`--demo`, `--portal`, `OMAHALLINTA_DEMO`, `OMAHALLINTA_PORTAL_URL`):
    /// then there is no first-run choice and Settings can't switch.
    pub fn overrides_portal(&self) -> bool {
        self.demo || self.portal_url.is_some()
    }

    /// The portal to use: the launch options first, then a portal address in
    /// the settings (development), then the remembered first-run choice;
    /// [`PortalTarget::Undecided`] when there is none. The operator's portal
    /// gets the profile's pinned keys; `OMAHALLINTA_PORTAL_KEY` adds one
    /// (development).
    pub fn target(&self, settings: &Settings, profile: &OperatorProfile) -> Result<PortalTarget> {
        if self.demo {
            return Ok(PortalTarget::Demo);
        }
        let url = self
            .portal_url
            .clone()
            .or_else(|| non_empty(Some(settings.portal_url.clone())));
        let url = match (url, settings.portal_choice) {
            (Some(url), _) => url,
            (None, Some(PortalChoice::Operator)) => profile.portal_url.clone(),
            (None, Some(PortalChoice::Demo)) => return Ok(PortalTarget::Demo),
            (None, None) => return Ok(PortalTarget::Undecided),
        };
        let mut pinned_keys = Vec::new();
        if let Some(k) = self.portal_key.as_deref() {
            pinned_keys.push(decode_key(k)?);
        }
        if profile.is_portal(&url) {
            for k in profile.pinned_keys()? {
                if !pinned_keys.contains(&k) {
                    pinned_keys.push(k);
                }
            }
        }
        Ok(PortalTarget::Remote { url, pinned_keys })
    }
}

/// The app's version as bundled: `tauri build --config '{"version":…}'` if
/// given (build.rs reads it), else the crate's.
pub const VERSION: &str = env!("OMAHALLINTA_VERSION");

/// `--version`/`-V` and `--help`/`-h`: the text to print before any window
/// opens (help in the OS language), or `None` to start the app.
pub fn cli_text(args: &[String], lang: crate::types::Lang) -> Option<String> {
    let first = args
        .iter()
        .find(|a| matches!(a.as_str(), "--version" | "-V" | "--help" | "-h"))?;
    if matches!(first.as_str(), "--version" | "-V") {
        return Some(format!("omahallinta {VERSION}"));
    }
    let l = l10n::Localizer::new(lang.into());
    Some(l.fmt("shell-cli-help", &[("version", VERSION)]))
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
    use crate::types::Lang;
    use std::collections::HashMap;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> LaunchOptions {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        LaunchOptions::parse(args.iter().map(|s| s.to_string()), |k| env.get(k).cloned())
    }

    fn profile() -> OperatorProfile {
        OperatorProfile::parse(&format!(
            r#"
name = "IPP"
portal_url = "https://oma.example.fi"
manifest_keys = ["{}", "{}"]
languages = ["fi", "en"]
[customer_service]
phone = "03 450 51"
phone_e164 = "+358345051"
web = "https://oma.ipp.fi/"
"#,
            b64(&[1u8; 32]),
            b64(&[2u8; 32])
        ))
        .unwrap()
    }

    fn b64(k: &[u8; 32]) -> String {
        base64::engine::general_purpose::STANDARD.encode(k)
    }

    fn settings(url: &str, choice: Option<PortalChoice>) -> Settings {
        Settings {
            lang: Lang::Fi,
            portal_url: url.into(),
            portal_choice: choice,
            ..Default::default()
        }
    }

    #[test]
    fn version_and_help_print_before_any_window() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            cli_text(&args(&["--version"]), Lang::En).unwrap(),
            format!("omahallinta {VERSION}")
        );
        assert_eq!(
            cli_text(&args(&["-V"]), Lang::Fi).unwrap(),
            format!("omahallinta {VERSION}")
        );
        let en = cli_text(&args(&["--demo", "--help"]), Lang::En).unwrap();
        assert!(
            en.contains("Usage: omahallinta") && en.contains(VERSION),
            "{en}"
        );
        let fi = cli_text(&args(&["-h"]), Lang::Fi).unwrap();
        assert!(fi.contains("Käyttö: omahallinta"), "{fi}");
        assert!(cli_text(&args(&["--demo"]), Lang::En).is_none());
        assert!(cli_text(&args(&[]), Lang::En).is_none());
    }

    #[test]
    fn nothing_chosen_is_the_first_run_unless_launched_with_a_portal() {
        let p = profile();
        assert_eq!(
            parse(&[], &[]).target(&settings("", None), &p).unwrap(),
            PortalTarget::Undecided
        );
        assert!(!parse(&[], &[]).overrides_portal());
        // Autostart's `--minimized` hides the window, it chooses no portal.
        let m = parse(&["--minimized"], &[]);
        assert!(m.minimized && !m.overrides_portal() && !parse(&[], &[]).minimized);
        for o in [
            parse(&["--demo"], &[]),
            parse(&[], &[("OMAHALLINTA_DEMO", "1")]),
        ] {
            assert!(o.overrides_portal());
            assert_eq!(
                o.target(
                    &settings("https://p.example", Some(PortalChoice::Operator)),
                    &p
                )
                .unwrap(),
                PortalTarget::Demo
            );
        }
    }

    #[test]
    fn the_remembered_choice_picks_the_operator_portal_with_its_pinned_keys_or_the_demo() {
        let p = profile();
        assert_eq!(
            parse(&[], &[])
                .target(&settings("", Some(PortalChoice::Operator)), &p)
                .unwrap(),
            PortalTarget::Remote {
                url: "https://oma.example.fi".into(),
                pinned_keys: vec![[1u8; 32], [2u8; 32]],
            }
        );
        assert_eq!(
            parse(&[], &[])
                .target(&settings("", Some(PortalChoice::Demo)), &p)
                .unwrap(),
            PortalTarget::Demo
        );
    }

    #[test]
    fn a_launch_portal_wins_and_a_development_key_is_pinned_too() {
        let p = profile();
        let key = b64(&[7u8; 32]);
        let o = parse(
            &[],
            &[
                ("OMAHALLINTA_PORTAL_URL", "http://127.0.0.1:9"),
                ("OMAHALLINTA_PORTAL_KEY", &key),
            ],
        );
        assert!(o.overrides_portal());
        assert_eq!(
            o.target(
                &settings("https://ignored.example", Some(PortalChoice::Demo)),
                &p
            )
            .unwrap(),
            PortalTarget::Remote {
                url: "http://127.0.0.1:9".into(),
                pinned_keys: vec![[7u8; 32]],
            }
        );
        // The operator's portal by address: the profile's keys as well.
        assert_eq!(
            parse(
                &["--portal", "https://oma.example.fi/"],
                &[("OMAHALLINTA_PORTAL_KEY", &key)]
            )
            .target(&settings("", None), &p)
            .unwrap(),
            PortalTarget::Remote {
                url: "https://oma.example.fi/".into(),
                pinned_keys: vec![[7u8; 32], [1u8; 32], [2u8; 32]],
            }
        );
        assert_eq!(
            parse(&[], &[])
                .target(&settings("https://s.example", None), &p)
                .unwrap(),
            PortalTarget::Remote {
                url: "https://s.example".into(),
                pinned_keys: vec![]
            }
        );
        assert!(parse(&[], &[("OMAHALLINTA_PORTAL_KEY", "bm9wZQ==")])
            .target(&settings("https://s.example", None), &p)
            .is_err());
    }
}
