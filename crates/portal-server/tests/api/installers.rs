use crate::common::*;
use sha2::{Digest, Sha256};

async fn linux_installer(server: &portal_server::RunningServer) -> (String, u64, String) {
    let api = Api::signed_in(server, FAMILY).await;
    let turva = api.service_of("turvapaketti-5").await;
    let i = turva["security"]["installers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["os"] == "linux")
        .unwrap()
        .clone();
    (
        format!("{}{}", server.base_url(), i["url"].as_str().unwrap()),
        i["size"].as_u64().unwrap(),
        i["sha256"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn full_and_resumed_downloads_match_the_manifest() {
    let server = server().await;
    let (url, size, sha) = linux_installer(&server).await;
    let http = http();

    let full = http.get(&url).send().await.unwrap();
    assert_eq!(full.status(), 200);
    assert_eq!(full.headers()["accept-ranges"], "bytes");
    assert_eq!(full.headers()["content-length"], size.to_string().as_str());
    let etag = full.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"));
    let full = full.bytes().await.unwrap();
    assert_eq!(full.len() as u64, size);
    assert_eq!(hex::encode(Sha256::digest(&full)), sha);

    // Download the first part, then resume from there with If-Range.
    let cut = 12_345u64;
    let head = http
        .get(&url)
        .header("range", format!("bytes=0-{}", cut - 1))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 206);
    assert_eq!(
        head.headers()["content-range"],
        format!("bytes 0-{}/{size}", cut - 1).as_str()
    );
    let mut joined = head.bytes().await.unwrap().to_vec();
    let tail = http
        .get(&url)
        .header("range", format!("bytes={cut}-"))
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(tail.status(), 206);
    assert_eq!(
        tail.headers()["content-range"],
        format!("bytes {cut}-{}/{size}", size - 1).as_str()
    );
    assert_eq!(
        tail.headers()["content-length"],
        (size - cut).to_string().as_str()
    );
    joined.extend_from_slice(&tail.bytes().await.unwrap());
    assert_eq!(joined, full.to_vec());
    assert_eq!(hex::encode(Sha256::digest(&joined)), sha);

    // Unchanged: 304 with If-None-Match.
    let r = http
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    // Several ranges at once are not served: the whole file instead.
    let r = http
        .get(&url)
        .header("range", "bytes=0-9,20-29")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap().len() as u64, size);
    // Suffix range.
    let last = http
        .get(&url)
        .header("range", "bytes=-100")
        .send()
        .await
        .unwrap();
    assert_eq!(last.status(), 206);
    assert_eq!(&last.bytes().await.unwrap()[..], &full[full.len() - 100..]);
    server.shutdown().await;
}

#[tokio::test]
async fn stale_if_range_gives_the_whole_file() {
    let server = server().await;
    let (url, size, _) = linux_installer(&server).await;
    let r = http()
        .get(&url)
        .header("range", "bytes=100-")
        .header("if-range", "\"an-old-etag\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-range").is_none());
    assert_eq!(r.bytes().await.unwrap().len() as u64, size);
    server.shutdown().await;
}

#[tokio::test]
async fn unsatisfiable_range_is_416() {
    let server = server().await;
    let (url, size, _) = linux_installer(&server).await;
    let r = http()
        .get(&url)
        .header("range", format!("bytes={size}-"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 416);
    assert_eq!(
        r.headers()["content-range"],
        format!("bytes */{size}").as_str()
    );
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "range_not_satisfiable");
    server.shutdown().await;
}

#[tokio::test]
async fn installers_are_public_and_only_for_desktops() {
    let server = server().await;
    let api = Api::new(&server);
    for name in [
        "fsecure-safe-windows.exe",
        "fsecure-safe-macos.pkg",
        "fsecure-safe-linux.bin",
    ] {
        let r = api
            .http
            .head(format!("{}/api/v1/installers/{name}", server.base_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{name}");
    }
    api.get("/api/v1/installers/fsecure-safe-android.apk")
        .await
        .expect_err(404, "not_found");
    api.get("/api/v1/installers/..%2F..%2Fetc%2Fpasswd")
        .await
        .expect_err(404, "not_found");
    server.shutdown().await;
}

#[tokio::test]
async fn installers_are_deterministic() {
    // The Windows and macOS demo installers are the same bytes on every
    // portal; the Linux one carries the portal's own address.
    let a = server().await;
    let b = server().await;
    let sha = |s: &portal_server::RunningServer| {
        let s = s.base_url();
        async move {
            let api = Api::new_with_base(s);
            let mut api = api;
            api.sign_in(FAMILY.email, FAMILY.password).await.expect(201);
            let t = api.service_of("turvapaketti-5").await;
            t["security"]["installers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["os"] == "windows")
                .unwrap()["sha256"]
                .clone()
        }
    };
    assert_eq!(sha(&a).await, sha(&b).await);
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test]
#[cfg_attr(
    windows,
    ignore = "runs the Linux installer, a POSIX shell script, with sh (none on Windows)"
)]
async fn the_linux_installer_is_a_script_that_registers_this_computer() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let (url, size, sha) = linux_installer(&server).await;
    let bytes = http()
        .get(&url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.len() as u64, size);
    assert_eq!(hex::encode(Sha256::digest(&bytes)), sha);
    assert!(bytes.starts_with(b"#!/bin/sh\n"));
    let text = String::from_utf8_lossy(&bytes[..4000]).to_string();
    assert!(text.contains(&format!("PORTAL='{}'", server.base_url())));

    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("fsecure-safe-linux.bin");
    std::fs::write(&script, &bytes).unwrap();
    let key = api.service_of("turvapaketti-5").await["security"]["subscription_key"]
        .as_str()
        .unwrap()
        .to_string();
    let config = dir.path().join("config");
    let run = |arg: &str| {
        let (script, config, arg) = (script.clone(), config.clone(), arg.to_string());
        tokio::task::spawn_blocking(move || {
            std::process::Command::new("sh")
                .arg(&script)
                .arg(arg)
                .env("XDG_CONFIG_HOME", &config)
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap()
        })
    };
    // A bad key is refused before anything is sent.
    let bad = run("K7QF;rm -rf /").await.unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let out = run(&key).await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let marker = std::fs::read_to_string(config.join("fsecure-safe-demo/device")).unwrap();
    assert!(marker.contains(&format!("portal={}", server.base_url())));
    let id: i64 = marker
        .lines()
        .find_map(|l| l.strip_prefix("device_id="))
        .unwrap()
        .parse()
        .unwrap();
    let turva = api.service_of("turvapaketti-5").await;
    assert_eq!(turva["security"]["devices_in_use"], 4);
    let sid = turva["id"].as_i64().unwrap();
    let list = api.get(&format!("/api/v1/services/{sid}/devices")).await;
    assert!(list.body["devices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == id && d["os"] == "linux"));
    server.shutdown().await;
}
