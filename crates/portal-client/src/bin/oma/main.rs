//! `oma` — the Omahallinta portal from the command line.
//!
//! Messages are Finnish or English (`locales/*/cli.ftl`, `errors.ftl`),
//! chosen by `--lang` or the OS locale: Finnish for `fi*` and `sv*`,
//! English otherwise (also for `C`/`POSIX`). Exit codes: see `exit.rs` and
//! `oma --help`.

mod exit;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use l10n::{FluentArgs, Lang, Localizer};
use portal_api::{FeedbackRequest, FeedbackTopic, Os, ServiceStatus};
use portal_client::{
    check_url, decode_public_key, ClientConfig, ClientError, FeedbackOutcome, KeyringStore,
    MemoryStore, PortalClient, SecretString, SessionStore,
};
use serde::Serialize;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "oma", version, about = "Omahallinta portal: sign in, services, installers, feedback", after_help = exit::HELP)]
struct Cli {
    /// Portal address (https; plain http only to loopback).
    #[arg(
        long,
        global = true,
        env = "OMA_PORTAL",
        default_value = "http://127.0.0.1:8787"
    )]
    portal: String,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
    /// Language of the messages (default: from the OS locale).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Where the offline cache and the feedback outbox live.
    #[arg(long, global = true, env = "OMA_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// The portal's Ed25519 public key (base64) that installer manifests
    /// must be signed with. Without it, only a loopback portal's own key is
    /// used (development).
    #[arg(long, global = true, env = "OMA_PINNED_KEY")]
    pinned_key: Option<String>,
    /// Sign in just for this command (with `--password-stdin`) instead of
    /// using the remembered sign-in; nothing is stored.
    #[arg(long, global = true, env = "OMA_EMAIL")]
    email: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long, global = true)]
    password_stdin: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Fi,
    En,
    Sv,
}

#[derive(Clone, Copy, ValueEnum)]
enum OsArg {
    Windows,
    Macos,
    Linux,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TopicArg {
    General,
    Termination,
    Ordering,
    Technical,
    Billing,
    Details,
}

#[derive(Subcommand)]
enum Command {
    /// Sign in and remember the sign-in in the OS keychain.
    SignIn {
        /// Do not remember the sign-in.
        #[arg(long)]
        no_remember: bool,
    },
    /// Sign out: revoke the session and remove the account's data from this
    /// computer. With queued feedback, say what to do with it.
    SignOut {
        /// Keep queued feedback and send it when this account signs in again.
        #[arg(long, conflicts_with = "discard_feedback")]
        keep_feedback: bool,
        /// Delete queued feedback that was never sent.
        #[arg(long)]
        discard_feedback: bool,
    },
    /// Ordered services ("Tilatut palvelut").
    Services,
    /// User details ("Käyttäjätiedot").
    Details,
    /// The devices protected by your Turvapaketti ("Laitteet"), or release
    /// one's licence.
    Devices {
        #[command(subcommand)]
        action: Option<DevicesAction>,
    },
    /// Download and verify the F-Secure installer of your Turvapaketti.
    Download {
        /// Operating system (default: this one).
        #[arg(long, value_enum)]
        os: Option<OsArg>,
        /// Destination folder (default: the current folder).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Send feedback to customer service ("Asiakaspalaute"), or manage
    /// feedback waiting in the outbox.
    Feedback {
        #[arg(long, value_enum)]
        topic: Option<TopicArg>,
        #[arg(long, required_unless_present_any = ["pending", "discard", "resend"])]
        message: Option<String>,
        /// Email address for the answer.
        #[arg(long = "contact-email")]
        contact_email: Option<String>,
        /// Phone number for the answer.
        #[arg(long)]
        phone: Option<String>,
        /// List feedback waiting to be sent, and any the portal refused.
        #[arg(long, conflicts_with_all = ["discard", "resend", "message"])]
        pending: bool,
        /// Send a waiting feedback again (by its id from --pending), with the
        /// fields given here replacing the saved ones.
        #[arg(long, value_name = "ID", conflicts_with = "discard")]
        resend: Option<String>,
        /// Delete a waiting feedback (by its id from --pending).
        #[arg(long, value_name = "ID")]
        discard: Option<String>,
    },
}

#[derive(Subcommand)]
enum DevicesAction {
    /// Release the licence of a device (by its id from `oma devices`); the
    /// slot becomes free for another device.
    Release { id: i64 },
}

struct Ctx {
    loc: Localizer,
    json: bool,
}

impl Ctx {
    fn t(&self, id: &str) -> String {
        self.loc.format(id, None)
    }
    fn ta(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.loc.format(id, Some(&fa))
    }
    fn print_json<T: Serialize>(&self, v: &T) {
        println!("{}", serde_json::to_string_pretty(v).expect("serializable"));
    }
    fn error(&self, e: &ClientError) -> u8 {
        if self.json {
            eprintln!(
                "{}",
                serde_json::to_string(&serde_json::json!({ "error": e })).expect("serializable")
            );
        } else {
            let id = format!("error-{}", e.code);
            let text = if self.loc.has(&id) {
                self.loc.format(&id, None)
            } else {
                e.message.clone()
            };
            eprintln!("{}", self.ta("cli-error", &[("message", text)]));
        }
        exit::for_code(e.code)
    }
}

fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("omahallinta");
    }
    if let Some(d) = std::env::var_os("APPDATA") {
        return PathBuf::from(d).join("Omahallinta");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/omahallinta"),
        None => std::env::temp_dir().join("omahallinta"),
    }
}

fn read_password(ctx: &Ctx, from_stdin: bool) -> Result<SecretString, ClientError> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| ClientError::io("read password", &e))?;
        let pw = SecretString::new(line.trim_end_matches(['\r', '\n']).to_string());
        line.clear();
        return Ok(pw);
    }
    rpassword::prompt_password(format!("{} ", ctx.t("cli-password-prompt")))
        .map(SecretString::new)
        .map_err(|e| ClientError::io("read password", &e))
}

fn read_email(ctx: &Ctx, given: Option<String>) -> Result<String, ClientError> {
    if let Some(e) = given {
        return Ok(e);
    }
    eprint!("{} ", ctx.t("cli-email-prompt"));
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| ClientError::io("read email", &e))?;
    Ok(line.trim().to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::Fi) => Lang::Fi,
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Sv) => Lang::Sv,
        None => Lang::from_system(),
    };
    let ctx = Ctx {
        loc: Localizer::new(lang),
        json: cli.json,
    };
    match run(&ctx, cli).await {
        Ok(code) => ExitCode::from(code),
        Err(e) => ExitCode::from(ctx.error(&e)),
    }
}

async fn run(ctx: &Ctx, cli: Cli) -> Result<u8, ClientError> {
    let base = check_url(&cli.portal)?;
    let data_dir = cli.data_dir.clone().unwrap_or_else(default_data_dir);
    let ad_hoc = !matches!(cli.command, Command::SignIn { .. }) && cli.email.is_some();
    let store: Arc<dyn SessionStore> = if ad_hoc {
        Arc::new(MemoryStore::new())
    } else {
        Arc::new(KeyringStore::new())
    };
    let mut config = ClientConfig::new(base.as_str(), data_dir);
    if let Some(k) = &cli.pinned_key {
        config = config.with_pinned_key(decode_public_key(k)?);
    }
    if config.pinned_keys.is_empty()
        && matches!(cli.command, Command::Download { .. })
        && portal_client::config::is_loopback_url(&base)
    {
        // Development only: a portal on this computer vouches for itself.
        let probe = PortalClient::new(config.clone(), Arc::new(MemoryStore::new()))?;
        config = config.with_pinned_key(decode_public_key(&probe.signing_key().await?.public_key)?);
    }
    let client = PortalClient::new(config, store)?;

    match cli.command {
        Command::SignIn { no_remember } => {
            let email = read_email(ctx, cli.email)?;
            let password = read_password(ctx, cli.password_stdin)?;
            let outcome = client.sign_in(&email, password, !no_remember).await?;
            if ctx.json {
                ctx.print_json(&outcome);
            } else {
                println!(
                    "{}",
                    ctx.ta("cli-signed-in", &[("email", outcome.email.clone())])
                );
                if outcome.remembered {
                    println!("{}", ctx.t("cli-remembered"));
                } else if let Some(e) = &outcome.keychain_error {
                    let reason = ctx.loc.error(e.code.as_str());
                    println!("{}", ctx.ta("cli-not-remembered", &[("reason", reason)]));
                }
            }
            Ok(exit::OK)
        }
        Command::SignOut {
            keep_feedback,
            discard_feedback,
        } => {
            if let Err(e) = client.restore_session().await {
                tracing::debug!(code = %e.code, "signing out without a live session");
            }
            let pending = client.pending_feedback().await;
            if !pending.is_empty() {
                if discard_feedback {
                    for item in &pending {
                        client.discard_feedback(&item.local_id).await?;
                    }
                } else if !keep_feedback {
                    if !ctx.json {
                        eprintln!(
                            "{}",
                            ctx.loc
                                .fmt("cli-sign-out-pending", &[("count", pending.len())])
                        );
                    }
                    return Err(ClientError::new(
                        portal_api::ErrorCode::FeedbackPending,
                        "queued feedback: choose --keep-feedback or --discard-feedback",
                    ));
                }
            }
            client.sign_out().await?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "signed_out": true }));
            } else {
                println!("{}", ctx.t("cli-signed-out"));
            }
            Ok(exit::OK)
        }
        command => {
            // Everything else needs a session.
            if let Some(email) = cli.email.clone() {
                let password = read_password(ctx, cli.password_stdin)?;
                client.sign_in(&email, password, false).await?;
            } else {
                match client.restore_session().await {
                    Ok(true) => {}
                    // Nothing can be remembered without a keychain.
                    Ok(false)
                    | Err(ClientError {
                        code: portal_api::ErrorCode::KeychainUnavailable,
                        ..
                    }) => {
                        if !ctx.json {
                            eprintln!("{}", ctx.t("cli-not-signed-in"));
                        }
                        return Err(ClientError::not_signed_in());
                    }
                    // Offline: the cached data may still be shown.
                    Err(e) if e.is_offline() => {}
                    Err(e) => return Err(e),
                }
            }
            if !matches!(command, Command::Feedback { .. }) {
                deliver_outbox(ctx, &client).await;
            }
            run_signed_in(ctx, &client, command).await
        }
    }
}

/// Sends queued feedback before any signed-in command, and says what
/// happened (on stderr, so `--json` output stays clean): how many went, and
/// how many the portal refused and now wait for `oma feedback --pending`.
async fn deliver_outbox(ctx: &Ctx, client: &PortalClient) -> usize {
    let report = match client.flush_outbox().await {
        Ok(r) => r,
        Err(e) => {
            tracing::debug!(code = %e.code, "queued feedback not sent now");
            return 0;
        }
    };
    if !report.sent.is_empty() {
        eprintln!(
            "{}",
            ctx.ta(
                "cli-feedback-flushed",
                &[("count", report.sent.len().to_string())]
            )
        );
    }
    let attention = client
        .pending_feedback()
        .await
        .iter()
        .filter(|i| i.attention.is_some())
        .count();
    if attention > 0 {
        eprintln!(
            "{}",
            ctx.loc
                .fmt("cli-feedback-attention", &[("count", attention)])
        );
    }
    report.sent.len()
}

fn topic_of(arg: TopicArg) -> FeedbackTopic {
    match arg {
        TopicArg::General => FeedbackTopic::General,
        TopicArg::Termination => FeedbackTopic::Termination,
        TopicArg::Ordering => FeedbackTopic::Ordering,
        TopicArg::Technical => FeedbackTopic::Technical,
        TopicArg::Billing => FeedbackTopic::Billing,
        TopicArg::Details => FeedbackTopic::Details,
    }
}

/// `oma feedback --pending`: each waiting item with its id, topic, date and
/// start of the message; those the portal refused with the reason.
fn print_pending(ctx: &Ctx, items: &[portal_client::OutboxItem]) {
    if ctx.json {
        ctx.print_json(&items);
        return;
    }
    if items.is_empty() {
        println!("{}", ctx.t("cli-feedback-none-pending"));
        return;
    }
    for item in items {
        let preview: String = item.request.message.chars().take(60).collect();
        let topic = serde_json::to_value(item.request.topic)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        println!(
            "[{}] {} {} — {}",
            item.local_id,
            ctx.loc.date(item.created_at.date_naive()),
            ctx.t(&format!("cli-topic-{topic}")),
            preview
        );
        match &item.attention {
            Some(a) => {
                let reason = ctx.loc.error(a.error.code.as_str());
                let field = a.error.field.clone().unwrap_or_default();
                println!(
                    "    {}",
                    ctx.ta(
                        "cli-feedback-needs-attention",
                        &[("reason", reason), ("field", field)]
                    )
                );
            }
            None => println!("    {}", ctx.t("cli-feedback-waiting")),
        }
    }
}

fn status_id(s: ServiceStatus) -> &'static str {
    match s {
        ServiceStatus::Upcoming => "cli-status-upcoming",
        ServiceStatus::Active => "cli-status-active",
        ServiceStatus::EndingSoon => "cli-status-ending_soon",
        ServiceStatus::Ended => "cli-status-ended",
    }
}

async fn run_signed_in(
    ctx: &Ctx,
    client: &PortalClient,
    command: Command,
) -> Result<u8, ClientError> {
    let lang = ctx.loc.lang().as_str();
    match command {
        Command::Services => {
            let cached = client.services_cached().await?;
            if ctx.json {
                ctx.print_json(&cached);
                return Ok(exit::OK);
            }
            if cached.from_cache {
                let time = cached
                    .fetched_at
                    .with_timezone(&chrono::Local)
                    .format("%H:%M")
                    .to_string();
                let date = ctx.loc.date(cached.fetched_at.date_naive());
                eprintln!(
                    "{}",
                    ctx.ta("cli-from-cache", &[("time", format!("{date} {time}"))])
                );
            }
            println!("{}", ctx.t("cli-services-title"));
            if cached.data.services.is_empty() {
                println!("{}", ctx.t("cli-no-services"));
            }
            for s in &cached.data.services {
                let validity = match (s.status, s.end_date) {
                    (ServiceStatus::Upcoming, _) => {
                        ctx.ta("cli-service-starts", &[("date", s.start_date.to_string())])
                    }
                    (ServiceStatus::Ended, Some(end)) => {
                        ctx.ta("cli-service-ended-on", &[("date", end.to_string())])
                    }
                    (_, Some(end)) => ctx.ta("cli-service-ends", &[("date", end.to_string())]),
                    (_, None) => ctx.t("cli-service-until-further-notice"),
                };
                let price = {
                    let mut a = FluentArgs::new();
                    a.set("cents", s.monthly_price_cents);
                    ctx.loc.format("cli-monthly-price", Some(&a))
                };
                println!(
                    "  [{}] {} — {} — {} — {}",
                    s.id,
                    s.name.get(lang),
                    ctx.t(status_id(s.status)),
                    validity,
                    price
                );
            }
            let mut a = FluentArgs::new();
            a.set("cents", cached.data.monthly_total_cents);
            println!("{}", ctx.loc.format("cli-monthly-total", Some(&a)));
            Ok(exit::OK)
        }
        Command::Details => {
            let cached = client.customer_cached().await?;
            if ctx.json {
                ctx.print_json(&cached);
                return Ok(exit::OK);
            }
            let d = &cached.data;
            println!("{}", ctx.t("cli-details-title"));
            let yes_no = |b: bool| {
                ctx.t(if b {
                    "cli-details-yes"
                } else {
                    "cli-details-no"
                })
            };
            for (id, value) in [
                ("cli-details-customer-number", d.customer_number.clone()),
                ("cli-details-name", d.name.clone()),
                ("cli-details-email", d.email.clone()),
                ("cli-details-phone", d.phone.clone()),
                (
                    "cli-details-address",
                    format!(
                        "{}, {} {}",
                        d.address.street, d.address.postal_code, d.address.city
                    ),
                ),
                ("cli-details-billing", yes_no(d.billing_agreement_valid)),
            ] {
                println!("  {}: {}", ctx.t(id), value);
            }
            println!("{}", ctx.t("cli-details-other-changes"));
            Ok(exit::OK)
        }
        Command::Devices { action: None } => list_devices(ctx, client).await,
        Command::Devices {
            action: Some(DevicesAction::Release { id }),
        } => {
            client.release_device(id).await?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "released": id }));
            } else {
                println!(
                    "{}",
                    ctx.ta("cli-device-released", &[("id", id.to_string())])
                );
            }
            Ok(exit::OK)
        }
        Command::Download { os, dir } => download(ctx, client, os, dir).await,
        Command::Feedback { pending: true, .. } => {
            deliver_outbox(ctx, client).await;
            print_pending(ctx, &client.pending_feedback().await);
            Ok(exit::OK)
        }
        Command::Feedback {
            discard: Some(id), ..
        } => {
            client.discard_feedback(&id).await?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "discarded": id }));
            } else {
                println!("{}", ctx.t("cli-feedback-discarded"));
            }
            Ok(exit::OK)
        }
        Command::Feedback {
            topic,
            message,
            contact_email,
            phone,
            resend,
            ..
        } => {
            if resend.is_none() {
                // Deliver anything queued earlier first (same idempotency keys).
                deliver_outbox(ctx, client).await;
            }
            let termination_without_contact;
            let outcome = match resend {
                Some(id) => {
                    let saved = client
                        .pending_feedback()
                        .await
                        .into_iter()
                        .find(|i| i.local_id == id)
                        .ok_or_else(|| {
                            ClientError::new(
                                portal_api::ErrorCode::NotFound,
                                "no such queued feedback",
                            )
                        })?
                        .request;
                    let request = FeedbackRequest {
                        topic: topic.map(topic_of).unwrap_or(saved.topic),
                        message: message.unwrap_or(saved.message),
                        contact_email: contact_email.or(saved.contact_email),
                        contact_phone: phone.or(saved.contact_phone),
                        ..saved
                    };
                    termination_without_contact =
                        request.topic == FeedbackTopic::Termination && !request.contact_me;
                    client.resend_feedback(&id, request).await?
                }
                None => {
                    let contact_me = contact_email.is_some() || phone.is_some();
                    termination_without_contact =
                        topic == Some(TopicArg::Termination) && !contact_me;
                    client
                        .submit_feedback(FeedbackRequest {
                            topic: topic.map(topic_of).unwrap_or(FeedbackTopic::General),
                            message: message.unwrap_or_default(),
                            contact_me,
                            contact_email,
                            contact_phone: phone,
                            service_id: None,
                        })
                        .await?
                }
            };
            if ctx.json {
                ctx.print_json(&outcome);
                return Ok(exit::OK);
            }
            match outcome {
                FeedbackOutcome::Sent { receipt } => println!(
                    "{}",
                    ctx.ta("cli-feedback-sent", &[("id", receipt.id.to_string())])
                ),
                FeedbackOutcome::Queued { .. } => println!("{}", ctx.t("cli-feedback-queued")),
            }
            if termination_without_contact {
                println!("{}", ctx.t("cli-feedback-termination-hint"));
            }
            Ok(exit::OK)
        }
        Command::SignIn { .. } | Command::SignOut { .. } => unreachable!("handled before"),
    }
}

fn os_id(os: Os) -> &'static str {
    match os {
        Os::Windows => "cli-os-windows",
        Os::Macos => "cli-os-macos",
        Os::Linux => "cli-os-linux",
        Os::Android => "cli-os-android",
        Os::Ios => "cli-os-ios",
    }
}

/// Every Turvapaketti's devices: `[id] name — OS — last seen`.
async fn list_devices(ctx: &Ctx, client: &PortalClient) -> Result<u8, ClientError> {
    let lang = ctx.loc.lang().as_str();
    let services = client.services().await?;
    let mut lists = Vec::new();
    for s in services
        .services
        .iter()
        .filter(|s| s.security.is_some() && s.status != ServiceStatus::Ended)
    {
        lists.push((s, client.devices(s.id).await?));
    }
    if ctx.json {
        let all: Vec<_> = lists.iter().map(|(_, l)| l).collect();
        ctx.print_json(&all);
        return Ok(exit::OK);
    }
    if lists.is_empty() {
        println!("{}", ctx.t("cli-devices-none"));
        return Ok(exit::REFUSED);
    }
    for (s, list) in &lists {
        println!(
            "{} — {}",
            s.name.get(lang),
            ctx.ta(
                "cli-devices-count",
                &[
                    ("used", list.devices.len().to_string()),
                    ("allowed", list.devices_allowed.to_string()),
                ]
            )
        );
        for d in &list.devices {
            let seen = d.last_seen.with_timezone(&chrono::Local);
            let when = format!(
                "{} {}",
                ctx.loc.date(seen.date_naive()),
                seen.format("%H:%M")
            );
            println!(
                "  [{}] {} — {} — {}",
                d.id,
                d.name,
                ctx.t(os_id(d.os)),
                ctx.ta("cli-device-last-seen", &[("time", when)])
            );
        }
    }
    println!("{}", ctx.t("cli-devices-release-hint"));
    Ok(exit::OK)
}

async fn download(
    ctx: &Ctx,
    client: &PortalClient,
    os: Option<OsArg>,
    dir: PathBuf,
) -> Result<u8, ClientError> {
    let os = match os {
        Some(OsArg::Windows) => Os::Windows,
        Some(OsArg::Macos) => Os::Macos,
        Some(OsArg::Linux) => Os::Linux,
        None => Os::current().unwrap_or(Os::Linux),
    };
    let services = client.services().await?;
    let Some(security) = services.services.iter().find_map(|s| s.security.as_ref()) else {
        return Err(ClientError::new(
            portal_api::ErrorCode::NoInstallerForOs,
            "no security service",
        ));
    };
    if client.config().pinned_keys.is_empty() {
        return Err(ClientError::verification(
            "no pinned portal key (use --pinned-key)",
        ));
    }
    let installer = match portal_client::verified_installer(
        &security.manifest,
        &client.config().pinned_keys,
        os,
    ) {
        Ok(i) => i,
        Err(e) if e.code == portal_api::ErrorCode::NoInstallerForOs => {
            if !ctx.json {
                eprintln!(
                    "{}",
                    ctx.ta("cli-download-no-installer", &[("os", format!("{os:?}"))])
                );
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let bar = if ctx.json || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        eprintln!(
            "{}",
            ctx.ta(
                "cli-download-start",
                &[
                    ("file", installer.file_name.clone()),
                    ("size", installer.size.to_string())
                ]
            )
        );
        let b = ProgressBar::new(installer.size);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
                .expect("valid template"),
        );
        b
    };
    let cancel = portal_client::CancellationToken::new();
    {
        let c = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                c.cancel();
            }
        });
    }
    let b2 = bar.clone();
    let result = client
        .download_installer(
            &security.manifest,
            os,
            &dir,
            move |p| b2.set_position(p.downloaded),
            cancel,
        )
        .await;
    bar.finish_and_clear();
    match result {
        Ok(path) => {
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "path": path, "sha256": installer.sha256, "size": installer.size }));
            } else {
                println!(
                    "{}",
                    ctx.ta("cli-download-done", &[("path", path.display().to_string())])
                );
            }
            Ok(exit::OK)
        }
        Err(e) => {
            if e.code == portal_api::ErrorCode::Cancelled && !ctx.json {
                eprintln!("{}", ctx.t("cli-download-cancelled"));
            }
            Err(e)
        }
    }
}
