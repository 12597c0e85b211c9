//! The operator profile compiled into the app: the operator's name, its portal
//! and the manifest keys pinned for it, the update feed and its minisign key,
//! customer service's phone and web address for when the portal can't be
//! reached, and the supported languages. `build.rs` copies `operator.toml` (or
//! the file in `OMAHALLINTA_OPERATOR_PROFILE` at build time) into `OUT_DIR`;
//! it is parsed and checked once at start ([`current`]) and by a unit test.
//!
//! Debug builds only: `OMAHALLINTA_TEST_PROFILE=FILE` replaces the compiled-in
//! profile at run time, so end-to-end tests point "the operator's portal" at
//! their own portal without rebuilding. Release builds ignore it.

use crate::error::{Error, Result};
use crate::types::Lang;
use base64::Engine;
use portal_api::ErrorCode;
use serde::Deserialize;
use std::sync::OnceLock;

/// The profile text compiled in.
pub const COMPILED: &str = include_str!(concat!(env!("OUT_DIR"), "/operator.toml"));

/// Debug builds: a profile file that replaces the compiled one (tests).
pub const TEST_PROFILE_ENV: &str = "OMAHALLINTA_TEST_PROFILE";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerService {
    /// As printed, e.g. `03 450 51`.
    pub phone: String,
    /// E.164, e.g. `+358345051` (for `tel:` links).
    pub phone_e164: String,
    /// The operator's web address.
    pub web: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Updates {
    /// The update feed, with Tauri's `{{target}}`, `{{arch}}`,
    /// `{{current_version}}` and `{{bundle_type}}` placeholders.
    pub feed_url: String,
    /// The minisign public key (base64, as `tauri signer generate` prints
    /// it). Empty: no update checks.
    #[serde(default)]
    pub pubkey: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorProfile {
    pub name: String,
    pub portal_url: String,
    /// Standard base64 of 32-byte Ed25519 keys.
    #[serde(default)]
    pub manifest_keys: Vec<String>,
    pub languages: Vec<Lang>,
    pub customer_service: CustomerService,
    pub updates: Option<Updates>,
}

fn invalid(what: impl Into<String>) -> Error {
    Error::new(ErrorCode::ValidationFailed, what)
}

impl OperatorProfile {
    /// Parses and checks a profile: an https portal (http only to loopback),
    /// pinned keys that are 32 bytes of base64 (at least one unless the portal
    /// is on this computer), a valid Finnish E.164 phone, an https web
    /// address, known languages, and an update feed as safe as the portal.
    pub fn parse(text: &str) -> Result<Self> {
        let p: OperatorProfile =
            toml::from_str(text).map_err(|e| invalid(format!("operator profile: {e}")))?;
        p.check()?;
        Ok(p)
    }

    fn check(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(invalid("operator profile: name is empty"));
        }
        let portal = portal_client::check_url(&self.portal_url)
            .map_err(|e| invalid(format!("operator profile: portal_url: {}", e.message)))?;
        self.pinned_keys()?;
        if self.manifest_keys.is_empty() && !portal_client::config::is_loopback_url(&portal) {
            return Err(invalid(
                "operator profile: a portal that is not on this computer needs manifest_keys",
            ));
        }
        if self.languages.is_empty() {
            return Err(invalid("operator profile: no languages"));
        }
        let cs = &self.customer_service;
        if cs.phone.trim().is_empty() {
            return Err(invalid("operator profile: customer_service.phone is empty"));
        }
        let e164 = portal_api::validate::phone(&cs.phone_e164, "phone_e164")
            .map_err(|_| invalid("operator profile: customer_service.phone_e164 is not valid"))?;
        if e164 != cs.phone_e164 {
            return Err(invalid(
                "operator profile: customer_service.phone_e164 is not in E.164 form",
            ));
        }
        match url::Url::parse(&cs.web) {
            Ok(u) if u.scheme() == "https" => {}
            _ => {
                return Err(invalid(
                    "operator profile: customer_service.web is not https",
                ))
            }
        }
        if let Some(u) = &self.updates {
            let feed = u
                .feed_url
                .replace("{{target}}", "linux")
                .replace("{{arch}}", "x86_64")
                .replace("{{current_version}}", "0.0.0")
                .replace("{{bundle_type}}", "deb");
            portal_client::check_url(&feed).map_err(|e| {
                invalid(format!("operator profile: updates.feed_url: {}", e.message))
            })?;
            if !u.pubkey.is_empty()
                && base64::engine::general_purpose::STANDARD
                    .decode(u.pubkey.trim())
                    .is_err()
            {
                return Err(invalid("operator profile: updates.pubkey is not base64"));
            }
        }
        Ok(())
    }

    /// The pinned manifest keys, decoded.
    pub fn pinned_keys(&self) -> Result<Vec<[u8; 32]>> {
        self.manifest_keys
            .iter()
            .map(|k| {
                portal_client::decode_public_key(k).map_err(|_| {
                    invalid("operator profile: a manifest key is not 32 bytes of base64")
                })
            })
            .collect()
    }

    /// The update feed and its key, when updates are configured.
    pub fn update_feed(&self) -> Option<&Updates> {
        self.updates
            .as_ref()
            .filter(|u| !u.pubkey.trim().is_empty() && !u.feed_url.trim().is_empty())
    }

    /// Whether `url` is this profile's portal (ignoring a trailing slash and case).
    pub fn is_portal(&self, url: &str) -> bool {
        let norm = |u: &str| u.trim().trim_end_matches('/').to_ascii_lowercase();
        norm(url) == norm(&self.portal_url)
    }
}

/// The profile in use: the compiled one, or in debug builds the file in
/// `OMAHALLINTA_TEST_PROFILE`.
pub fn current() -> &'static OperatorProfile {
    static PROFILE: OnceLock<OperatorProfile> = OnceLock::new();
    PROFILE.get_or_init(|| {
        if cfg!(debug_assertions) {
            if let Some(path) = std::env::var_os(TEST_PROFILE_ENV).filter(|p| !p.is_empty()) {
                match std::fs::read_to_string(&path)
                    .map_err(|e| invalid(e.to_string()))
                    .and_then(|t| OperatorProfile::parse(&t))
                {
                    Ok(p) => return p,
                    Err(e) => tracing::error!("{TEST_PROFILE_ENV} ignored: {e}"),
                }
            }
        }
        OperatorProfile::parse(COMPILED).unwrap_or_else(|e| {
            // Caught by the unit test below for the committed profile; a broken
            // custom profile leaves only the demo usable rather than crashing.
            tracing::error!("the compiled operator profile is invalid: {e}");
            OperatorProfile {
                name: String::new(),
                portal_url: String::new(),
                manifest_keys: Vec::new(),
                languages: vec![Lang::Fi, Lang::En],
                customer_service: CustomerService {
                    phone: String::new(),
                    phone_e164: String::new(),
                    web: String::new(),
                },
                updates: None,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "Operaattori"
portal_url = "https://oma.example.fi"
manifest_keys = ["BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=", "CAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg="]
languages = ["fi", "en"]
[customer_service]
phone = "010 123 4567"
phone_e164 = "+358101234567"
web = "https://www.example.fi/"
[updates]
feed_url = "https://oma.example.fi/api/v1/updates/{{target}}/{{arch}}/{{current_version}}"
pubkey = "cHVia2V5"
"#;

    #[test]
    fn the_committed_profile_is_valid() {
        let p = OperatorProfile::parse(COMPILED).expect("operator.toml is valid");
        assert!(!p.name.is_empty());
        assert!(p.languages.contains(&Lang::Fi) && p.languages.contains(&Lang::En));
    }

    #[test]
    fn a_release_profile_pins_keys_and_names_its_feed() {
        let p = OperatorProfile::parse(GOOD).unwrap();
        assert_eq!(p.pinned_keys().unwrap(), vec![[7u8; 32], [8u8; 32]]);
        assert_eq!(p.update_feed().unwrap().pubkey, "cHVia2V5");
        assert!(p.is_portal("HTTPS://oma.example.fi/"));
        assert!(!p.is_portal("https://other.example.fi"));
    }

    #[test]
    fn bad_profiles_are_refused() {
        for (what, bad) in [
            ("http to a remote portal", GOOD.replace("https://oma.example.fi\"", "http://oma.example.fi\"")),
            ("remote portal without keys", GOOD.replace(
                r#"manifest_keys = ["BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=", "CAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg="]"#,
                "manifest_keys = []")),
            ("short key", GOOD.replace("BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=", "bm9wZQ==")),
            ("bad phone", GOOD.replace("+358101234567", "+35899")),
            ("national phone as e164", GOOD.replace("\"+358101234567\"", "\"010 123 4567\"")),
            ("http web", GOOD.replace("https://www.example.fi/", "http://www.example.fi/")),
            ("unknown language", GOOD.replace("[\"fi\", \"en\"]", "[\"fi\", \"xx\"]")),
            ("no languages", GOOD.replace("[\"fi\", \"en\"]", "[]")),
            ("http feed", GOOD.replace("https://oma.example.fi/api", "http://oma.example.fi/api")),
            ("unknown field", format!("{GOOD}\nextra = 1\n")),
            ("not toml", "name = ".to_string()),
        ] {
            assert_eq!(
                OperatorProfile::parse(&bad).unwrap_err().code(),
                ErrorCode::ValidationFailed,
                "{what}"
            );
        }
        // A loopback portal may pin nothing (development: it vouches for itself).
        let dev = GOOD
            .replace("https://oma.example.fi", "http://127.0.0.1:8787")
            .replace(
                r#"manifest_keys = ["BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=", "CAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg="]"#,
                "manifest_keys = []",
            );
        assert!(OperatorProfile::parse(&dev).is_ok());
    }
}
