//! The `oma` CLI against a spawned portal server.

mod support;

use assert_cmd::Command;
use std::time::Duration;
use support::*;

fn oma(portal: &str, data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("oma").unwrap();
    cmd.env_remove("OMA_EMAIL")
        .env_remove("OMA_PINNED_KEY")
        // No keychain for the CLI tests: ad-hoc sign-ins use memory only.
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/oma-cli-test",
        )
        .env("OMA_PORTAL", portal)
        .env("OMA_DATA_DIR", data)
        .timeout(Duration::from_secs(30));
    cmd
}

async fn run(mut cmd: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    windows,
    ignore = "spawns oma.exe through assert_cmd, which fails with `Invalid handle` under \
              Wine 8 (a Wine limitation); scripts/test-platforms.sh runs oma.exe under Wine \
              directly instead (its CLI smoke test)"
)]
async fn services_details_and_json_with_exit_codes() {
    let srv = server(256 * 1024, Duration::from_secs(300)).await;
    let data = tempfile::tempdir().unwrap();
    let url = srv.base_url();

    // --json services
    let mut cmd = oma(&url, data.path());
    cmd.args([
        "--json",
        "--email",
        FAMILY.email,
        "--password-stdin",
        "services",
    ])
    .write_stdin(format!("{}\n", FAMILY.password));
    let out = run(cmd).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!v["data"]["services"].as_array().unwrap().is_empty());
    assert_eq!(v["from_cache"], false);

    // Text output in each language: `--lang`, or the OS locale by the app's
    // rule (l10n::negotiate): sv_FI → Swedish.
    let as_family = |env_lang: Option<&str>, args: &[&str]| {
        let mut cmd = oma(&url, data.path());
        if let Some(lang) = env_lang {
            cmd.env_remove("LANGUAGE")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .env("LANG", lang);
        }
        cmd.args(["--email", FAMILY.email, "--password-stdin"])
            .args(args)
            .write_stdin(format!("{}\n", FAMILY.password));
        async move {
            let out = run(cmd).await;
            assert_eq!(out.status.code(), Some(0));
            String::from_utf8_lossy(&out.stdout).into_owned()
        }
    };
    let text = as_family(None, &["--lang", "fi", "services"]).await;
    assert!(text.contains("Tilatut palvelut"), "{text}");
    assert!(text.contains("€/kk"), "{text}");
    let text = as_family(None, &["--lang", "en", "details"]).await;
    assert!(
        text.contains("User details") && text.contains(FAMILY.email),
        "{text}"
    );
    let text = as_family(None, &["--lang", "sv", "services"]).await;
    assert!(text.contains("Beställda tjänster"), "{text}");
    assert!(text.contains("\u{a0}€/mån."), "{text}");
    let text = as_family(Some("sv_FI.UTF-8"), &["details"]).await;
    assert!(
        text.contains("Användaruppgifter") && text.contains("Faktureringsavtal"),
        "{text}"
    );
    let text = as_family(Some("fi_FI.UTF-8"), &["details"]).await;
    assert!(text.contains("Käyttäjätiedot"), "{text}");

    // Wrong password → 4, with the error envelope in --json mode.
    let mut cmd = oma(&url, data.path());
    cmd.args([
        "--json",
        "--email",
        FAMILY.email,
        "--password-stdin",
        "services",
    ])
    .write_stdin("Wrong-Password-9\n");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(4));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["code"], "invalid_credentials");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Wrong-Password-9"));

    // Not signed in (no keychain, no --email) → 4.
    let out = run({
        let mut c = oma(&url, data.path());
        c.args(["--lang", "en", "services"]);
        c
    })
    .await;
    assert_eq!(out.status.code(), Some(4));

    // Plain http to a remote host → 9; an unreachable portal → 3.
    let out = run({
        let mut c = oma("http://oma.example.fi", data.path());
        c.args(["services"]);
        c
    })
    .await;
    assert_eq!(out.status.code(), Some(9));
    let dead = dead_url().await;
    let mut cmd = oma(&dead, data.path());
    cmd.args(["--email", FAMILY.email, "--password-stdin", "services"])
        .write_stdin(format!("{}\n", FAMILY.password));
    assert_eq!(run(cmd).await.status.code(), Some(3));

    // A too long feedback message → 5.
    let mut cmd = oma(&url, data.path());
    cmd.args([
        "--email",
        FAMILY.email,
        "--password-stdin",
        "feedback",
        "--topic",
        "general",
        "--message",
    ])
    .arg("x".repeat(portal_api::FEEDBACK_MESSAGE_MAX_CHARS + 1))
    .write_stdin(format!("{}\n", FAMILY.password));
    assert_eq!(run(cmd).await.status.code(), Some(5));

    // Feedback sent → 0.
    let mut cmd = oma(&url, data.path());
    cmd.args([
        "--json",
        "--email",
        FAMILY.email,
        "--password-stdin",
        "feedback",
        "--topic",
        "termination",
        "--message",
        "Irtisanon palvelun.",
        "--phone",
        "040 123 4567",
    ])
    .write_stdin(format!("{}\n", FAMILY.password));
    let out = run(cmd).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "sent");

    // Bad usage → 2.
    let out = run({
        let mut c = oma(&url, data.path());
        c.args(["frobnicate"]);
        c
    })
    .await;
    assert_eq!(out.status.code(), Some(2));
    srv.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    windows,
    ignore = "spawns oma.exe through assert_cmd, which fails with `Invalid handle` under \
              Wine 8 (a Wine limitation); scripts/test-platforms.sh runs oma.exe under Wine \
              directly instead (its CLI smoke test)"
)]
async fn download_verifies_and_saves_the_installer() {
    let srv = server(512 * 1024, Duration::from_secs(300)).await;
    let data = tempfile::tempdir().unwrap();
    let dest = tempfile::tempdir().unwrap();
    let mut cmd = oma(&srv.base_url(), data.path());
    cmd.args([
        "--json",
        "--email",
        FAMILY.email,
        "--password-stdin",
        "download",
        "--os",
        "linux",
        "--dir",
    ])
    .arg(dest.path())
    .write_stdin(format!("{}\n", FAMILY.password));
    let out = run(cmd).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let path = std::path::PathBuf::from(v["path"].as_str().unwrap());
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 512 * 1024);

    // A wrong pinned key → 7, and no file.
    let dest2 = tempfile::tempdir().unwrap();
    let mut cmd = oma(&srv.base_url(), data.path());
    cmd.args([
        "--pinned-key",
        "CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=",
        "--email",
        FAMILY.email,
        "--password-stdin",
        "download",
        "--os",
        "linux",
        "--dir",
    ])
    .arg(dest2.path())
    .write_stdin(format!("{}\n", FAMILY.password));
    assert_eq!(run(cmd).await.status.code(), Some(7));
    assert_eq!(std::fs::read_dir(dest2.path()).unwrap().count(), 0);
    srv.shutdown().await;
}

/// `oma` with the OS keychain (the test's private Secret Service): the
/// remembered sign-in of the reproduction. Only this test uses the
/// CLI's real keychain entry.
fn oma_remembered(portal: &str, data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("oma").unwrap();
    cmd.env_remove("OMA_EMAIL")
        .env_remove("OMA_PINNED_KEY")
        .env("OMA_PORTAL", portal)
        .env("OMA_DATA_DIR", data)
        .args(["--lang", "en"])
        .timeout(Duration::from_secs(30));
    cmd
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map(|rd| rd.count()).unwrap_or(0)
}

/// The reproduction of "a termination notice written offline can vanish
/// without a word", end to end through `oma` with a remembered sign-in and
/// the portal stopped (its proxy down) and started again.
#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    windows,
    ignore = "spawns oma.exe through assert_cmd, which fails with `Invalid handle` under \
              Wine 8 (a Wine limitation); scripts/test-platforms.sh runs oma.exe under Wine \
              directly instead (its CLI smoke test)"
)]
async fn a_termination_notice_written_offline_is_never_lost() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        assert!(
            std::env::var("OMA_REQUIRE_KEYRING").as_deref() != Ok("1"),
            "OMA_REQUIRE_KEYRING=1 but there is no D-Bus session"
        );
        eprintln!("skipped: no D-Bus session (run inside scripts/with-keyring.sh)");
        return;
    }
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let proxy = Proxy::start(&srv.base_url()).await;
    let url = proxy.url();
    let data = tempfile::tempdir().unwrap();
    let outbox = data.path().join("outbox");
    let rows = || async {
        use sqlx::Connection;
        let db = format!("sqlite://{}?mode=ro", srv.db_path().display());
        let mut conn = sqlx::SqliteConnection::connect(&db).await.unwrap();
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM feedback")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        n
    };
    let oma_run = |args: &[&str]| {
        let mut c = oma_remembered(&url, data.path());
        c.args(args);
        run(c)
    };

    // 1. Signed in, remembered.
    let mut cmd = oma_remembered(&url, data.path());
    cmd.args(["--email", FAMILY.email, "--password-stdin", "sign-in"])
        .write_stdin(format!("{}\n", FAMILY.password));
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("remembered"), "{}", text(&out));
    oma_run(&["services"]).await;
    oma_run(&["details"]).await;
    assert_eq!(files_in(&data.path().join("cache")), 2);
    let before = rows().await;

    // 2. The portal stops; a phone it would refuse is refused at once.
    proxy.set_down(true);
    let notice = [
        "feedback",
        "--topic",
        "termination",
        "--message",
        "Irtisanon laajakaistan 31.12.",
        "--contact-email",
        "perhe@example.fi",
        "--phone",
    ];
    let out = oma_run(&[&notice[..], &["123"]].concat()).await;
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(text(&out).contains("phone number"), "{}", text(&out));
    assert_eq!(files_in(&outbox), 0, "nothing queued");

    // A valid one is queued.
    let out = oma_run(&[&notice[..], &["040 123 4567"]].concat()).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("saved and will be sent"),
        "{}",
        text(&out)
    );
    assert_eq!(files_in(&outbox), 1);

    // 3. The portal starts again: any command delivers it, once.
    proxy.set_down(false);
    let out = oma_run(&["services"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("Queued feedback sent: 1"),
        "{}",
        text(&out)
    );
    assert_eq!(rows().await, before + 1);
    assert_eq!(files_in(&outbox), 0);

    // An item the portal refuses (queued by a version without the shared
    // rules) is kept, reported, and listed with the reason.
    let id = "5e1f0000-0000-4000-8000-000000000123";
    std::fs::write(
        outbox.join(format!("{id}.json")),
        serde_json::json!({
            "version": 1, "local_id": id, "idempotency_key": "legacy-123",
            "account": FAMILY.email, "created_at": "2026-11-20T10:00:00Z",
            "request": {"topic": "termination", "message": "Irtisanon laajakaistan 31.12.",
                        "contact_me": true, "contact_email": "perhe@example.fi",
                        "contact_phone": "123", "service_id": null},
        })
        .to_string(),
    )
    .unwrap();
    let out = oma_run(&["services"]).await;
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out).contains("refused one queued feedback"),
        "{}",
        text(&out)
    );
    assert_eq!(files_in(&outbox), 1, "kept");
    let out = oma_run(&["feedback", "--pending"]).await;
    assert!(text(&out).contains(id), "{}", text(&out));
    assert!(text(&out).contains("contact_phone"), "{}", text(&out));

    // Sign-out does not drop it silently.
    let out = oma_run(&["sign-out"]).await;
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    assert!(text(&out).contains("--keep-feedback"), "{}", text(&out));
    assert_eq!(files_in(&outbox), 1);

    // Corrected and resent: delivered once.
    let out = oma_run(&["feedback", "--resend", id, "--phone", "+358 40 123 4567"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(rows().await, before + 2);
    assert_eq!(files_in(&outbox), 0);

    // Sign-out now removes the account's cached data.
    let out = oma_run(&["sign-out"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(files_in(&data.path().join("cache")), 0);
    srv.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    windows,
    ignore = "spawns oma.exe through assert_cmd, which fails with `Invalid handle` under \
              Wine 8 (a Wine limitation); scripts/test-platforms.sh runs oma.exe under Wine \
              directly instead (its CLI smoke test)"
)]
async fn devices_are_listed_and_released_with_exit_codes() {
    let srv = server(64 * 1024, Duration::from_secs(300)).await;
    let data = tempfile::tempdir().unwrap();
    let url = srv.base_url();
    let signed = |args: &[&str]| {
        let mut cmd = oma(&url, data.path());
        cmd.args(["--lang", "fi", "--email", FAMILY.email, "--password-stdin"])
            .args(args)
            .write_stdin(format!("{}\n", FAMILY.password));
        cmd
    };
    let out = run(signed(&["devices"])).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(shown.contains("3 / 5 laitetta suojattu"), "{shown}");
    assert!(shown.contains("Annan kannettava"), "{shown}");
    assert!(shown.contains("viimeksi nähty"), "{shown}");

    let out = run(signed(&["--json", "devices"])).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v[0]["devices"][0]["id"].as_i64().unwrap();

    let out = run(signed(&["devices", "release", &id.to_string()])).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("vapautettiin"));
    // Idempotent.
    let out = run(signed(&["devices", "release", &id.to_string()])).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = run(signed(&["devices"])).await;
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 / 5 laitetta suojattu"));
    // Unknown (or another customer's) device: refused, localized.
    let out = run(signed(&["devices", "release", "999999"])).await;
    assert_eq!(out.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("Virhe:"));
}
