//! `portal-server`: run the reference portal.

use std::net::SocketAddr;
use std::path::PathBuf;

use base64::Engine;
use clap::Parser;
use portal_server::{demo, ServerConfig};

/// The reference Omahallinta portal (API under /api/v1).
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Run with a fresh temporary database holding the demo accounts.
    #[arg(long)]
    demo: bool,
    /// SQLite database file, kept between runs; the demo accounts are
    /// seeded only when the database is new.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// Size of each generated demo installer in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 8 * 1024 * 1024)]
    installer_size: u64,
    /// Directory for generated installers (default: a temporary directory).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The manifest signing key: a file of 32 random bytes (an Ed25519 seed),
    /// created if missing, so the portal keeps a known key that apps pin in
    /// their operator profile. Default: the key stored in the database.
    #[arg(long, value_name = "FILE")]
    signing_key: Option<PathBuf>,
    /// Offer app updates from this directory (release.json, artifacts and
    /// their .sig files; see the README's "Update feed").
    #[arg(long, value_name = "DIR")]
    updates_dir: Option<PathBuf>,
    /// Access token lifetime in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    access_token_ttl: u64,
    /// Send email through this SMTP server: smtp://[user:pass@]host:port
    /// (plain; add ?tls=required for STARTTLS) or smtps://… (TLS). Without
    /// it, emails are written as .eml files to --mail-dir.
    #[arg(
        long,
        value_name = "URL",
        env = "PORTAL_SMTP_URL",
        hide_env_values = true
    )]
    smtp_url: Option<String>,
    /// Where emails are written without --smtp-url (default: <data dir>/mail).
    #[arg(long, value_name = "DIR")]
    mail_dir: Option<PathBuf>,
    /// The sender of the portal's emails.
    #[arg(
        long,
        value_name = "MAILBOX",
        env = "PORTAL_MAIL_FROM",
        default_value = "Omahallinta <noreply@example.fi>"
    )]
    mail_from: String,
    /// How long a password reset link works, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30 * 60)]
    reset_token_ttl: u64,
    /// Send the activation email ("Ota käyttöön!") to this customer once
    /// the portal is up (repeatable).
    #[arg(long, value_name = "EMAIL")]
    send_activation: Vec<String>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    if !cli.demo && cli.db.is_none() {
        eprintln!("portal-server: give --demo (demo data) and/or --db PATH");
        return std::process::ExitCode::from(2);
    }
    let signing_seed = match &cli.signing_key {
        Some(path) => match portal_server::load_or_create_seed_file(path) {
            Ok(seed) => Some(seed),
            Err(e) => {
                eprintln!("portal-server: signing key: {e}");
                return std::process::ExitCode::from(2);
            }
        },
        None => None,
    };
    let config = ServerConfig {
        signing_seed,
        updates_dir: cli.updates_dir.clone(),
        listen: cli.listen,
        db_path: cli.db.clone(),
        data_dir: cli.data_dir.clone(),
        // The reference portal has no other way to create customers: a new
        // database always gets the demo accounts.
        demo: true,
        installer_size: cli.installer_size,
        access_token_ttl: std::time::Duration::from_secs(cli.access_token_ttl.max(1)),
        reset_token_ttl: std::time::Duration::from_secs(cli.reset_token_ttl.max(1)),
        mail: portal_server::MailConfig {
            smtp_url: cli.smtp_url.clone(),
            drop_dir: cli.mail_dir.clone(),
            from: cli.mail_from.clone(),
            ..Default::default()
        },
        ..ServerConfig::default()
    };
    let server = match portal_server::spawn(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("portal-server: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let key = server.signing_key();
    println!("Omahallinta portal listening on {}", server.base_url());
    println!("  API:      {}/api/v1", server.base_url());
    println!("  OpenAPI:  {}/api/v1/openapi.json", server.base_url());
    println!("  Database: {}", server.db_path().display());
    println!("  Email:    {}", server.mail_description());
    if let Some(dir) = &cli.updates_dir {
        println!("  Updates:  {}", dir.display());
    }
    println!(
        "  Signing key ({}, ed25519, base64): {}",
        key.key_id, key.public_key
    );
    println!(
        "  Signing key (hex): {}",
        hex::encode(
            base64::engine::general_purpose::STANDARD
                .decode(&key.public_key)
                .unwrap_or_default()
        )
    );
    {
        println!("Demo accounts:");
        for a in demo::ACCOUNTS {
            println!("  {:<28} {:<18} {}", a.email, a.password, a.description);
        }
    }
    for email in &cli.send_activation {
        match server.send_activation(email).await {
            Ok(true) => println!("Activation email sent to {email}"),
            Ok(false) => eprintln!("portal-server: no customer has the address {email}"),
            Err(e) => eprintln!("portal-server: activation email: {}", e.code()),
        }
    }
    wait_for_stop_signal().await;
    println!("shutting down");
    server.shutdown().await;
    std::process::ExitCode::SUCCESS
}

/// Ctrl-C / SIGINT, or SIGTERM on Unix (so service managers and test
/// harnesses get a clean shutdown that removes temporary files).
async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
