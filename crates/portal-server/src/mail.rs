//! Outgoing email: the activation email ("Ota käyttöön!") and the password
//! reset email, text + HTML from `templates/`, in the customer's language,
//! sent over SMTP (lettre; STARTTLS or TLS through rustls) or, without SMTP,
//! written to a file drop directory (the demo works offline).
//!
//! Sending never holds up an HTTP answer: callers spawn [`send`], which
//! retries transient failures and records the outcome in `mail_log`
//! (never the address, the body or the link: they carry a token).

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::state::now_ms;
use crate::ServerError;

/// The app's URL scheme (deep links in the emails).
pub const APP_SCHEME: &str = "omahallinta";

/// Every template: (language, file name, text).
const TEMPLATES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The language used when the customer's is not offered.
pub const DEFAULT_LANGUAGE: &str = "fi";

/// How the portal sends email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `smtp://[user:pass@]host[:port]` (plain, or `?tls=required` for
    /// STARTTLS) or `smtps://…` (TLS from the start). `None` = write each
    /// email as an `.eml` file to `drop_dir`.
    pub smtp_url: Option<String>,
    /// Where emails go without SMTP; `None` = `<data dir>/mail`.
    pub drop_dir: Option<PathBuf>,
    /// The sender, e.g. `Omahallinta <noreply@example.fi>`.
    pub from: String,
    /// Waits before each retry after a transient failure.
    pub retry_delays: Vec<Duration>,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            smtp_url: None,
            drop_dir: None,
            from: "Omahallinta <noreply@example.fi>".into(),
            retry_delays: vec![Duration::from_secs(2), Duration::from_secs(10)],
        }
    }
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// The configured transport and sender.
pub(crate) struct Mailer {
    transport: Transport,
    from: Mailbox,
    retry_delays: Vec<Duration>,
    /// Where the mail goes, without credentials (for the start-up banner).
    pub description: String,
}

impl Mailer {
    pub fn new(config: &MailConfig, data_dir: &Path) -> Result<Self, ServerError> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|_| ServerError::Other("mail: the sender address is not valid".into()))?;
        let (transport, description) = match &config.smtp_url {
            Some(url) => {
                // The URL may carry credentials: never echo it back.
                let t = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|_| {
                        ServerError::Other(
                            "mail: the SMTP URL is not valid (smtp://host:port or smtps://…)"
                                .into(),
                        )
                    })?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                (Transport::Smtp(t), smtp_description(url))
            }
            None => {
                let dir = config
                    .drop_dir
                    .clone()
                    .unwrap_or_else(|| data_dir.join("mail"));
                std::fs::create_dir_all(&dir)?;
                let d = format!("files in {}", dir.display());
                (Transport::Files(AsyncFileTransport::new(dir)), d)
            }
        };
        Ok(Self {
            transport,
            from,
            retry_delays: config.retry_delays.clone(),
            description,
        })
    }

    async fn send_once(&self, message: Message) -> Result<(), Failure> {
        match &self.transport {
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| Failure {
                permanent: e.is_permanent(),
                kind: smtp_error_kind(&e),
            }),
            Transport::Files(t) => t.send(message).await.map(|_| ()).map_err(|_| Failure {
                permanent: false,
                kind: "file".into(),
            }),
        }
    }
}

/// `smtp host:port (tls)` of a URL, without user or password.
fn smtp_description(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("smtp", url));
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = host.split(['/', '?']).next().unwrap_or_default();
    format!("{scheme}://{host}")
}

/// Why a send failed, in words safe for a log: no address, no server text.
struct Failure {
    permanent: bool,
    kind: String,
}

fn smtp_error_kind(e: &lettre::transport::smtp::Error) -> String {
    let class = if e.is_timeout() {
        "timeout"
    } else if e.is_tls() {
        "tls"
    } else if e.is_permanent() {
        "permanent"
    } else if e.is_transient() {
        "transient"
    } else if e.is_response() {
        "response"
    } else if e.is_client() {
        "client"
    } else {
        "connection"
    };
    match e.status() {
        Some(code) => format!("{class} {code}"),
        None => class.to_string(),
    }
}

/// Which email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Activation,
    Reset,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Activation => "activation",
            MailKind::Reset => "reset",
        }
    }
}

/// The languages with templates.
pub fn languages() -> Vec<&'static str> {
    let mut l: Vec<_> = TEMPLATES.iter().map(|(lang, _, _)| *lang).collect();
    l.dedup();
    l
}

/// `wanted` when there are templates for it (`fi-FI` → `fi`), else `fallback`
/// when there are, else Finnish.
pub fn pick_language(wanted: Option<&str>, fallback: &str) -> &'static str {
    let langs = languages();
    let find = |tag: &str| {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        langs
            .iter()
            .copied()
            .find(|l| l.eq_ignore_ascii_case(primary))
    };
    wanted
        .and_then(find)
        .or_else(|| find(fallback))
        .unwrap_or(DEFAULT_LANGUAGE)
}

fn template(lang: &str, file: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(l, f, _)| *l == lang && *f == file)
        .map(|(_, _, t)| *t)
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn fill(template: &str, vars: &[(&str, &str)], html: bool) -> String {
    let mut out = template.to_string();
    for (key, value) in vars {
        let value = if html {
            html_escape(value)
        } else {
            (*value).to_string()
        };
        out = out.replace(&format!("{{{{{key}}}}}"), &value);
    }
    out
}

/// A rendered email: subject, text and HTML bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Fills the templates of `kind` in `lang` (Finnish when `lang` has none).
pub fn render(kind: MailKind, lang: &str, vars: &[(&str, &str)]) -> Rendered {
    let lang = pick_language(Some(lang), DEFAULT_LANGUAGE);
    let txt = template(lang, &format!("{}.txt", kind.as_str())).unwrap_or_default();
    let html = template(lang, &format!("{}.html", kind.as_str())).unwrap_or_default();
    let (subject, body) = txt
        .strip_prefix("Subject: ")
        .and_then(|t| t.split_once('\n'))
        .unwrap_or(("", txt));
    Rendered {
        subject: subject.trim().to_string(),
        text: fill(body.trim_start_matches('\n'), vars, false),
        html: fill(html, vars, true),
    }
}

/// `omahallinta://reset?token=…`
pub fn reset_link(token: &str) -> String {
    format!("{APP_SCHEME}://reset?token={token}")
}

/// `omahallinta://activate?email=…` (the address percent-encoded).
pub fn activate_link(email: &str) -> String {
    const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'.')
        .remove(b'-')
        .remove(b'_');
    let encoded = percent_encoding::utf8_percent_encode(email, QUERY);
    format!("{APP_SCHEME}://activate?email={encoded}")
}

/// The token of the first reset link in a delivered message (its
/// quoted-printable text as sent), for tests and tools that read the drop
/// directory or an SMTP sink.
pub fn reset_token_in_message(raw: &str) -> Option<String> {
    let text = raw
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let prefix = format!("{APP_SCHEME}://reset?token=");
    let at = text.find(&prefix)? + prefix.len();
    let token: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    portal_api::is_reset_token_shape(&token).then_some(token)
}

/// Waits up to 10 s for a message in a drop directory that carries a reset
/// link, and returns the token (removing the file, so the next call waits
/// for the next email).
pub async fn wait_for_dropped_reset_token(dir: &Path) -> Option<String> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "eml") {
                if let Some(token) = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|raw| reset_token_in_message(&raw))
                {
                    let _ = std::fs::remove_file(&path);
                    return Some(token);
                }
            }
        }
        if std::time::Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// One email to one customer.
pub(crate) struct Outgoing {
    pub customer_id: i64,
    pub to_name: String,
    pub to_email: String,
    pub kind: MailKind,
    pub content: Rendered,
}

/// Sends, retrying transient failures, and records the outcome. Never
/// fails: a failure is logged (without the address) and kept in `mail_log`.
pub(crate) async fn send(state: &crate::state::AppState, mail: Outgoing) {
    let kind = mail.kind.as_str();
    let message = match build_message(&state.mailer.from, &mail) {
        Ok(m) => m,
        Err(()) => {
            tracing::error!(kind, "the email could not be built (recipient address)");
            record(state, &mail, "failed", 0, Some("build")).await;
            return;
        }
    };
    let mut attempts = 0u32;
    let mut delays = state.mailer.retry_delays.iter();
    loop {
        attempts += 1;
        match state.mailer.send_once(message.clone()).await {
            Ok(()) => {
                tracing::info!(kind, attempts, "email sent");
                record(state, &mail, "sent", attempts, None).await;
                return;
            }
            Err(f) => {
                let next = if f.permanent { None } else { delays.next() };
                tracing::warn!(kind, attempts, error = %f.kind, will_retry = next.is_some(), "sending an email failed");
                match next {
                    Some(d) => tokio::time::sleep(*d).await,
                    None => {
                        record(state, &mail, "failed", attempts, Some(&f.kind)).await;
                        return;
                    }
                }
            }
        }
    }
}

fn build_message(from: &Mailbox, mail: &Outgoing) -> Result<Message, ()> {
    let to = Mailbox::new(
        Some(mail.to_name.clone()),
        mail.to_email.parse().map_err(|_| ())?,
    );
    // Quoted-printable keeps the links readable in any mail client and
    // within SMTP's line limits.
    let body = |s: &str| {
        Body::new_with_encoding(s.to_string(), ContentTransferEncoding::QuotedPrintable)
            .map_err(|_| ())
    };
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.content.subject.clone())
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(body(&mail.content.text)?),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(body(&mail.content.html)?),
                ),
        )
        .map_err(|_| ())
}

async fn record(
    state: &crate::state::AppState,
    mail: &Outgoing,
    status: &str,
    attempts: u32,
    error: Option<&str>,
) {
    let r = sqlx::query(
        "INSERT INTO mail_log (customer_id, kind, status, attempts, last_error, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(mail.customer_id)
    .bind(mail.kind.as_str())
    .bind(status)
    .bind(attempts)
    .bind(error)
    .bind(now_ms())
    .execute(&state.db)
    .await;
    if let Err(e) = r {
        tracing::warn!(error = %e, "could not record an email's outcome");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_template_and_fills_every_placeholder() {
        let langs = languages();
        assert_eq!(langs, ["en", "fi", "sv"], "every language the app speaks");
        let vars = [
            ("name", "Anna <Perhe>"),
            ("email", "anna@example.fi"),
            ("set_password_link", "omahallinta://reset?token=T"),
            (
                "open_app_link",
                "omahallinta://activate?email=anna%40example.fi",
            ),
            ("reset_link", "omahallinta://reset?token=T"),
            ("valid_days", "7"),
            ("valid_minutes", "30"),
        ];
        for lang in langs {
            for kind in [MailKind::Activation, MailKind::Reset] {
                for ext in ["txt", "html"] {
                    assert!(
                        template(lang, &format!("{}.{ext}", kind.as_str())).is_some(),
                        "{lang}/{}.{ext} is missing",
                        kind.as_str()
                    );
                }
                let r = render(kind, lang, &vars);
                assert!(!r.subject.is_empty(), "{lang} {kind:?}");
                for body in [&r.text, &r.html] {
                    assert!(!body.contains("{{"), "{lang} {kind:?}: {body}");
                    assert!(body.contains("omahallinta://"), "{lang} {kind:?}");
                }
                assert!(r.html.contains("Anna &lt;Perhe&gt;"));
                assert!(r.text.contains("Anna <Perhe>"));
            }
        }
        assert_eq!(
            render(MailKind::Activation, "fi", &vars).subject,
            "F-Secure Turvapaketti-palvelusi – Ota käyttöön!"
        );
        assert_eq!(
            render(MailKind::Activation, "sv", &vars).subject,
            "Din F-Secure Turvapaketti-tjänst – kom igång!"
        );
    }

    #[test]
    fn the_language_falls_back_to_the_customers_then_finnish() {
        assert_eq!(pick_language(Some("en-GB"), "fi"), "en");
        assert_eq!(pick_language(Some("sv-FI"), "fi"), "sv");
        assert_eq!(pick_language(Some("xx"), "en"), "en");
        assert_eq!(pick_language(None, "xx"), "fi");
    }

    #[test]
    fn links_and_descriptions_carry_no_secrets_by_accident() {
        assert_eq!(
            activate_link("a.b+c@example.fi"),
            "omahallinta://activate?email=a.b%2Bc%40example.fi"
        );
        assert_eq!(
            smtp_description("smtps://user:secret@mail.example.fi:465?x=1"),
            "smtps://mail.example.fi:465"
        );
    }
}
