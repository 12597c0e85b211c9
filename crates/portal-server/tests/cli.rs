//! The `portal-server` binary: `--demo` on an ephemeral port prints the
//! address, the signing key and the demo accounts, serves, and stops on
//! SIGTERM; `--db` keeps data between runs.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    out: Vec<String>,
    base: String,
}

fn start(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(args)
        .args(["--listen", "127.0.0.1:0", "--installer-size", "4096"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut out = Vec::new();
    let mut base = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Omahallinta portal listening on ") {
            base = rest.trim().to_string();
        }
        let done = line.contains("entinen@example.fi");
        out.push(line);
        if done {
            break;
        }
    }
    assert!(base.starts_with("http://127.0.0.1:"), "{out:?}");
    Server { child, out, base }
}

fn stop(mut s: Server) {
    // SIGTERM: the server shuts down gracefully and removes its temp files.
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(s.child.id().to_string())
        .status();
    for _ in 0..100 {
        if s.child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = s.child.kill();
    let _ = s.child.wait();
    panic!("server did not stop on SIGTERM");
}

#[tokio::test]
#[cfg_attr(
    windows,
    ignore = "stops the server with `kill -TERM` (no SIGTERM on Windows) and reads \
              its piped stdout, which fails under Wine 8; scripts/test-platforms.sh starts \
              portal-server.exe under Wine directly instead (its CLI smoke test)"
)]
async fn demo_prints_accounts_and_key_and_serves() {
    let s = start(&["--demo"]);
    let text = s.out.join("\n");
    for a in portal_server::demo::ACCOUNTS {
        assert!(
            text.contains(a.email) && text.contains(a.password),
            "{text}"
        );
    }
    assert!(text.contains("Signing key"), "{text}");
    let health: serde_json::Value = reqwest::get(format!("{}/api/v1/health", s.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    let key: serde_json::Value = reqwest::get(format!("{}/api/v1/signing-key", s.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(text.contains(key["public_key"].as_str().unwrap()));
    let db = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Database: "))
        .map(std::path::PathBuf::from)
        .expect("database path printed");
    assert!(db.exists());
    stop(s);
    assert!(
        !db.exists(),
        "the temporary database is removed on shutdown"
    );
}

#[tokio::test]
#[cfg_attr(
    windows,
    ignore = "stops the server with `kill -TERM` (no SIGTERM on Windows) and reads \
              its piped stdout, which fails under Wine 8; scripts/test-platforms.sh starts \
              portal-server.exe under Wine directly instead (its CLI smoke test)"
)]
async fn db_keeps_data_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.sqlite3");
    let db = db.to_str().unwrap();
    let s = start(&["--db", db]);
    let http = reqwest::Client::new();
    let pair: serde_json::Value = http
        .post(format!("{}/api/v1/session", s.base))
        .json(&serde_json::json!({"email": "perhe@example.fi", "password": "Demo-Salasana-1"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = pair["access_token"].as_str().unwrap().to_string();
    let r = http
        .put(format!("{}/api/v1/customer/email", s.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"email": "pysyva@example.fi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    stop(s);

    let s = start(&["--db", db]);
    let r = http
        .get(format!("{}/api/v1/customer", s.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the session survives a restart");
    let c: serde_json::Value = r.json().await.unwrap();
    assert_eq!(c["email"], "pysyva@example.fi");
    stop(s);
}
