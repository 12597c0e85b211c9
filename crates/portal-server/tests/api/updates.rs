//! The app's update feed: a newer release as the Tauri updater's JSON, 204
//! when current, artifacts served with ranges; and a portal with a known
//! signing key (`ServerConfig::signing_seed`, `--signing-key`).

use crate::common::*;

fn publish(dir: &std::path::Path, version: &str, body: &[u8]) {
    let file = format!("Omahallinta_{version}_amd64.deb");
    std::fs::write(
        dir.join("release.json"),
        serde_json::json!({
            "version": version,
            "pub_date": "2026-11-29T10:00:00Z",
            "notes": {"fi": "Korjauksia", "en": "Fixes"},
            "platforms": {"linux-x86_64-deb": file},
        })
        .to_string(),
    )
    .unwrap();
    std::fs::write(dir.join(&file), body).unwrap();
    std::fs::write(dir.join(format!("{file}.sig")), "c2lnbmF0dXJl\n").unwrap();
}

#[tokio::test]
async fn a_newer_release_is_offered_with_notes_and_a_range_capable_download() {
    let updates = tempfile::tempdir().unwrap();
    let server = server_with(portal_server::ServerConfig {
        updates_dir: Some(updates.path().to_path_buf()),
        ..fast_config()
    })
    .await;
    let api = Api::new(&server);
    // Nothing published yet.
    api.get("/api/v1/updates/linux/x86_64/0.1.0")
        .await
        .expect(204);

    let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    publish(updates.path(), "0.2.0", &body);
    let r = api
        .get("/api/v1/updates/linux/x86_64/0.1.0?bundle=deb")
        .await
        .expect(200);
    let release: portal_api::UpdateRelease = serde_json::from_value(r.body).unwrap();
    assert_eq!(release.version, "0.2.0");
    assert_eq!(release.signature, "c2lnbmF0dXJl");
    assert_eq!(release.notes, "Fixes");
    assert_eq!(release.notes_i18n.fi, "Korjauksia");
    assert_eq!(
        release.url,
        format!(
            "{}/api/v1/update-files/Omahallinta_0.2.0_amd64.deb",
            server.base_url()
        )
    );
    // Current or newer, another platform: nothing.
    for path in [
        "/api/v1/updates/linux/x86_64/0.2.0?bundle=deb",
        "/api/v1/updates/linux/x86_64/1.0.0",
        "/api/v1/updates/windows/x86_64/0.1.0?bundle=nsis",
        "/api/v1/updates/linux/aarch64/0.1.0?bundle=deb",
    ] {
        api.get(path).await.expect(204);
    }
    api.get("/api/v1/updates/linux/x86_64/not-a-version")
        .await
        .expect_err(400, "validation_failed");

    let whole = http().get(&release.url).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.bytes().await.unwrap().as_ref(), &body[..]);
    let part = http()
        .get(&release.url)
        .header("range", "bytes=1000-")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap().as_ref(), &body[1000..]);
    // Only artifacts: no description, no signature file, nothing outside.
    for name in [
        "release.json",
        "Omahallinta_0.2.0_amd64.deb.sig",
        "..%2Fetc%2Fpasswd",
        "nope.deb",
    ] {
        api.get(&format!("/api/v1/update-files/{name}"))
            .await
            .expect_err(404, "not_found");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn without_an_updates_dir_nothing_is_offered() {
    let server = server().await;
    let api = Api::new(&server);
    api.get("/api/v1/updates/linux/x86_64/0.0.1")
        .await
        .expect(204);
    api.get("/api/v1/update-files/x.deb")
        .await
        .expect_err(404, "not_found");
    server.shutdown().await;
}

#[tokio::test]
async fn a_known_signing_key_is_used_and_created_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys/signing.key");
    let seed = portal_server::load_or_create_seed_file(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), seed);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the seed file is private");
    }
    assert_eq!(
        portal_server::load_or_create_seed_file(&path).unwrap(),
        seed
    );
    std::fs::write(&path, b"short").unwrap();
    assert!(portal_server::load_or_create_seed_file(&path).is_err());

    let expected = ed25519_dalek::SigningKey::from_bytes(&seed)
        .verifying_key()
        .to_bytes();
    // Two portals with their own databases, one key.
    for _ in 0..2 {
        let server = server_with(portal_server::ServerConfig {
            signing_seed: Some(seed),
            ..fast_config()
        })
        .await;
        assert_eq!(server.public_key_bytes(), expected);
        server.shutdown().await;
    }
}
