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

    // Finnish text output.
    let mut cmd = oma(&url, data.path());
    cmd.args([
        "--lang",
        "fi",
        "--email",
        FAMILY.email,
        "--password-stdin",
        "services",
    ])
    .write_stdin(format!("{}\n", FAMILY.password));
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Tilatut palvelut"), "{text}");
    assert!(text.contains("€/kk"), "{text}");

    // English details.
    let mut cmd = oma(&url, data.path());
    cmd.args([
        "--lang",
        "en",
        "--email",
        FAMILY.email,
        "--password-stdin",
        "details",
    ])
    .write_stdin(format!("{}\n", FAMILY.password));
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("User details") && text.contains(FAMILY.email),
        "{text}"
    );

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
