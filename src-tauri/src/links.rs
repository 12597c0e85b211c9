//! Which links the web view may ask the shell to open: only http(s) and
//! `tel:` URLs that appear in the portal's customer service contact data (or
//! a service's device link). Anything else is refused.

use crate::error::{Error, Result};
use portal_api::{CustomerServiceContact, ErrorCode};

/// The URLs a contact record offers.
pub fn contact_links(contact: &CustomerServiceContact) -> Vec<String> {
    vec![
        contact.web_portal_url.clone(),
        format!("tel:{}", contact.phone_e164),
    ]
}

/// Returns the URL when its scheme is http, https or tel and it is one of
/// `allowed` (exact match after parsing).
pub fn check(url: &str, allowed: &[String]) -> Result<url::Url> {
    let refuse = || Error::new(ErrorCode::ValidationFailed, "this link cannot be opened");
    let parsed = url::Url::parse(url).map_err(|_| refuse())?;
    if !matches!(parsed.scheme(), "http" | "https" | "tel") {
        return Err(refuse());
    }
    let same = allowed
        .iter()
        .filter_map(|a| url::Url::parse(a).ok())
        .any(|a| a == parsed);
    if same {
        Ok(parsed)
    } else {
        Err(refuse())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_http_and_tel_links() {
        let allowed = vec![
            "https://oma.example.fi/".to_string(),
            "tel:+358345051".to_string(),
            "file:///etc/passwd".to_string(),
        ];
        assert!(check("https://oma.example.fi/", &allowed).is_ok());
        assert!(check("https://oma.example.fi", &allowed).is_ok());
        assert!(check("tel:+358345051", &allowed).is_ok());
        assert!(check("https://evil.example/", &allowed).is_err());
        assert!(check("file:///etc/passwd", &allowed).is_err());
        assert!(check("javascript:alert(1)", &allowed).is_err());
        assert!(check("not a url", &allowed).is_err());
    }
}
