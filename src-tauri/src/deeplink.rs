//! `omahallinta://` links from the emails, window-free. Only two shapes are
//! acted on: `omahallinta://activate?email=<valid address>` and
//! `omahallinta://reset?token=<exact token shape>`. Anything else (another
//! scheme or action, extra, missing or repeated parameters, a token of the
//! wrong shape, a URL longer than [`MAX_LEN`]) is ignored; the UI then says
//! so. The reset token stays in the shell: the web view only learns that a
//! reset link arrived.

use portal_api::is_reset_token_shape;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The app's URL scheme (`plugins.deep-link.desktop.schemes`, the `.desktop`
/// file's `MimeType=x-scheme-handler/omahallinta;`).
pub const SCHEME: &str = "omahallinta";

/// Longest link considered at all.
pub const MAX_LEN: usize = 2048;

/// A link the app acts on.
#[derive(Clone, PartialEq, Eq)]
pub enum DeepLink {
    /// Open the sign-in page with this address filled in.
    Activate { email: String },
    /// Open "Aseta uusi salasana" for this token.
    Reset { token: String },
}

impl std::fmt::Debug for DeepLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeepLink::Activate { .. } => f.write_str("Activate"),
            DeepLink::Reset { .. } => f.write_str("Reset { <redacted> }"),
        }
    }
}

/// What the web view learns of a link (event `deep-link`, `take_deep_link`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(tag = "kind", rename_all = "snake_case")]
pub enum DeepLinkView {
    /// The sign-in page with the address filled in.
    Activate { email: String },
    /// The new-password view (the token stays in the shell).
    Reset,
    /// A link that was not acted on; the UI shows a notice.
    Ignored,
}

impl DeepLinkView {
    pub fn of(link: &Option<DeepLink>) -> Self {
        match link {
            Some(DeepLink::Activate { email }) => DeepLinkView::Activate {
                email: email.clone(),
            },
            Some(DeepLink::Reset { .. }) => DeepLinkView::Reset,
            None => DeepLinkView::Ignored,
        }
    }
}

/// Whether an argument looks like one of our links (and so must be parsed,
/// and acted on or ignored with a notice).
pub fn is_ours(arg: &str) -> bool {
    arg.get(..SCHEME.len() + 1)
        .is_some_and(|p| p.eq_ignore_ascii_case(&format!("{SCHEME}:")))
}

/// The link, or `None` when it must be ignored.
pub fn parse(raw: &str) -> Option<DeepLink> {
    if raw.len() > MAX_LEN {
        return None;
    }
    let url = url::Url::parse(raw).ok()?;
    if url.scheme() != SCHEME
        || !url.username().is_empty()
        || url.password().is_some()
        || url.port().is_some()
        || url.fragment().is_some()
        || !matches!(url.path(), "" | "/")
    {
        return None;
    }
    let mut pairs = url.query_pairs();
    let (key, value) = pairs.next()?;
    if pairs.next().is_some() {
        return None;
    }
    match (url.host_str()?, key.as_ref()) {
        ("activate", "email") => {
            let email = portal_api::validate::email(&value, "email").ok()?;
            (email == value).then_some(DeepLink::Activate { email })
        }
        ("reset", "token") if is_reset_token_shape(&value) => Some(DeepLink::Reset {
            token: value.into_owned(),
        }),
        _ => None,
    }
}

/// What a start of the app with these arguments (without the program name)
/// asks for: `Some(parsed)` when an argument is one of our links (the last
/// one wins), `None` when there is none.
pub fn from_args<S: AsRef<str>>(args: &[S]) -> Option<Option<DeepLink>> {
    args.iter()
        .map(AsRef::as_ref)
        .rfind(|a| is_ours(a))
        .map(parse)
}

/// A second start of the app while it runs (single-instance): the running
/// app focuses its window, and acts on a link the second start was given
/// (`argv` includes the program name, as the plugin passes it).
#[derive(Debug, PartialEq, Eq)]
pub struct SecondInstance {
    pub focus: bool,
    pub link: Option<Option<DeepLink>>,
}

pub fn second_instance(argv: &[String]) -> SecondInstance {
    SecondInstance {
        focus: true,
        link: from_args(argv.get(1..).unwrap_or_default()),
    }
}

/// Links that arrived and were not yet shown, and the last reset token
/// (kept here, used by `reset_password`).
#[derive(Default)]
pub struct Inbox {
    pending: std::sync::Mutex<Option<DeepLinkView>>,
    token: std::sync::Mutex<Option<String>>,
}

impl Inbox {
    /// Keeps a link for the UI and returns what the UI is told.
    pub fn receive(&self, link: Option<DeepLink>) -> DeepLinkView {
        let view = DeepLinkView::of(&link);
        if let Some(DeepLink::Reset { token }) = link {
            *self.token.lock().unwrap() = Some(token);
        }
        *self.pending.lock().unwrap() = Some(view.clone());
        view
    }

    /// The link not yet shown (once).
    pub fn take(&self) -> Option<DeepLinkView> {
        self.pending.lock().unwrap().take()
    }

    pub fn token(&self) -> Option<String> {
        self.token.lock().unwrap().clone()
    }

    pub fn forget_token(&self) {
        *self.token.lock().unwrap() = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> String {
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde".into()
    }

    #[test]
    fn the_two_link_shapes_are_understood() {
        assert_eq!(
            parse("omahallinta://activate?email=perhe%40example.fi"),
            Some(DeepLink::Activate {
                email: "perhe@example.fi".into()
            })
        );
        assert_eq!(
            parse("omahallinta://activate/?email=perhe@example.fi"),
            Some(DeepLink::Activate {
                email: "perhe@example.fi".into()
            })
        );
        assert_eq!(
            parse(&format!("omahallinta://reset?token={}", token())),
            Some(DeepLink::Reset { token: token() })
        );
    }

    #[test]
    fn anything_unexpected_is_ignored() {
        let t = token();
        for bad in [
            format!("https://reset?token={t}"),
            format!("omahallinta://delete?token={t}"),
            format!("omahallinta://reset?token={t}&x=1"),
            format!("omahallinta://reset?token={t}&token={t}"),
            format!("omahallinta://reset?token={t}x"),
            format!("omahallinta://reset?token={}", &t[1..]),
            format!("omahallinta://reset?token={}%3D", &t[1..]),
            format!("omahallinta://reset?email={t}"),
            format!("omahallinta://reset/extra?token={t}"),
            format!("omahallinta://reset?token={t}#frag"),
            format!("omahallinta://user:pw@reset?token={t}"),
            format!("omahallinta://reset:8080?token={t}"),
            "omahallinta://reset".into(),
            "omahallinta://activate?email=ei-osoite".into(),
            "omahallinta://activate?email= perhe@example.fi".into(),
            "omahallinta://activate?email=perhe@example.fi&email=x@example.fi".into(),
            "omahallinta:activate?email=perhe@example.fi".into(),
            format!(
                "omahallinta://activate?email={}@example.fi",
                "a".repeat(MAX_LEN)
            ),
            "not a url".into(),
        ] {
            assert_eq!(parse(&bad), None, "{bad}");
        }
    }

    #[test]
    fn links_are_found_among_the_arguments() {
        assert_eq!(from_args::<&str>(&[]), None);
        assert_eq!(from_args(&["--demo"]), None);
        assert_eq!(
            from_args(&["--demo", "omahallinta://activate?email=a%40example.fi"]),
            Some(Some(DeepLink::Activate {
                email: "a@example.fi".into()
            }))
        );
        // One of ours, but not acted on: the UI says it was ignored.
        assert_eq!(from_args(&["OMAHALLINTA://nope"]), Some(None));
    }

    #[test]
    fn a_second_start_focuses_and_forwards_its_link() {
        let argv = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            second_instance(&argv(&["/usr/bin/omahallinta"])),
            SecondInstance {
                focus: true,
                link: None
            }
        );
        let s = second_instance(&argv(&[
            "/usr/bin/omahallinta",
            &format!("omahallinta://reset?token={}", token()),
        ]));
        assert!(s.focus);
        assert_eq!(s.link, Some(Some(DeepLink::Reset { token: token() })));
        // The program name itself is never taken for a link.
        assert_eq!(second_instance(&argv(&["omahallinta://x"])).link, None);
        assert_eq!(second_instance(&[]).link, None);
    }

    #[test]
    fn the_inbox_keeps_the_token_and_shows_each_link_once() {
        let inbox = Inbox::default();
        assert_eq!(inbox.take(), None);
        assert_eq!(
            inbox.receive(Some(DeepLink::Reset { token: token() })),
            DeepLinkView::Reset
        );
        assert_eq!(inbox.take(), Some(DeepLinkView::Reset));
        assert_eq!(inbox.take(), None);
        assert_eq!(inbox.token(), Some(token()));
        // An ignored link leaves the token alone.
        assert_eq!(inbox.receive(None), DeepLinkView::Ignored);
        assert_eq!(inbox.token(), Some(token()));
        inbox.forget_token();
        assert_eq!(inbox.token(), None);
    }

    #[test]
    fn the_web_view_never_sees_the_token() {
        let view = DeepLinkView::of(&Some(DeepLink::Reset { token: token() }));
        let json = serde_json::to_string(&view).unwrap();
        assert_eq!(json, r#"{"kind":"reset"}"#);
        assert!(!format!("{:?}", DeepLink::Reset { token: token() }).contains(&token()));
        assert_eq!(
            serde_json::to_string(&DeepLinkView::of(&None)).unwrap(),
            r#"{"kind":"ignored"}"#
        );
    }
}
