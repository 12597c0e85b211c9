use crate::common::*;
use base64::Engine;
use reqwest::Method;

#[tokio::test]
async fn health_contact_catalogue_signing_key_are_public() {
    let server = server().await;
    let api = Api::new(&server);
    let h = api.get("/api/v1/health").await.expect(200);
    assert_eq!(h.body["status"], "ok");

    let c = api.get("/api/v1/contact").await.expect(200);
    assert_eq!(c.body["phone"], "03 450 51");
    assert_eq!(c.body["phone_e164"], "+358345051");
    assert_eq!(c.body["web_portal_url"], "https://oma.ipp.fi/");
    let routes = c.body["routes"].as_array().unwrap();
    let route = |topic: &str| {
        routes
            .iter()
            .find(|r| r["topic"] == topic)
            .map(|r| r["channel"].as_str().unwrap().to_string())
    };
    assert_eq!(route("billing").as_deref(), Some("phone"));
    assert_eq!(route("termination").as_deref(), Some("feedback_form"));

    let cat = api.get("/api/v1/catalogue").await.expect(200);
    let catalogue: portal_api::Catalogue = serde_json::from_value(cat.body).unwrap();
    let groups: Vec<_> = catalogue.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(groups, ["tv", "security", "broadband"]);
    assert_eq!(catalogue.groups[0].name.fi, "TV-kanavat");
    assert_eq!(catalogue.groups[1].name.fi, "Tietoturvapalvelut");
    let pay: Vec<_> = catalogue
        .products
        .iter()
        .filter(|p| p.requires_pay_tv_card)
        .collect();
    assert!(pay.len() >= 2);
    let mix10 = catalogue.product("mix-10").unwrap();
    assert_eq!(mix10.mix.as_ref().unwrap().channel_count, 10);
    assert!(mix10.updates.contains(&"mix-6".to_string()));
    for devices in [3, 5, 10] {
        let p = catalogue
            .product(&format!("turvapaketti-{devices}"))
            .unwrap();
        assert_eq!(p.term_months, Some(12));
        assert_eq!(p.devices_allowed, Some(devices));
    }
    assert!(catalogue
        .product("turvapaketti-10")
        .unwrap()
        .updates
        .contains(&"turvapaketti-5".to_string()));

    let key = api.get("/api/v1/signing-key").await.expect(200);
    assert_eq!(key.body["algorithm"], "ed25519");
    let public = base64::engine::general_purpose::STANDARD
        .decode(key.body["public_key"].as_str().unwrap())
        .unwrap();
    assert_eq!(public, server.public_key_bytes());
    assert_eq!(server.signing_key().key_id, key.body["key_id"]);
    assert_eq!(key.body["key_id"].as_str().unwrap().len(), 16);
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_route_and_wrong_method_are_enveloped() {
    let server = server().await;
    let api = Api::new(&server);
    api.get("/api/v1/no-such-thing")
        .await
        .expect_err(404, "not_found");
    api.get("/").await.expect_err(404, "not_found");
    api.send(Method::PATCH, "/api/v1/health", None, &[])
        .await
        .expect_err(405, "method_not_allowed");
    api.send(Method::DELETE, "/api/v1/catalogue", None, &[])
        .await
        .expect_err(405, "method_not_allowed");
    server.shutdown().await;
}

#[tokio::test]
async fn signing_key_persists_with_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let config = portal_server::ServerConfig {
        db_path: Some(db.clone()),
        ..fast_config()
    };
    let first = server_with(config.clone()).await;
    let key1 = first.public_key_bytes();
    let api = Api::signed_in(&first, FAMILY).await;
    let before = api.get("/api/v1/services").await.expect(200).body["services"]
        .as_array()
        .unwrap()
        .len();
    first.shutdown().await;

    let second = server_with(config).await;
    assert_eq!(second.public_key_bytes(), key1);
    // Demo data is not seeded twice.
    let api = Api::signed_in(&second, FAMILY).await;
    let after = api.get("/api/v1/services").await.expect(200).body["services"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after);
    assert_eq!(count(&second, "customers").await, 4);
    second.shutdown().await;
}

#[tokio::test]
async fn database_is_wal_with_foreign_keys() {
    let server = server().await;
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(server.db_path())
        .connect()
        .await
        .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    // Foreign keys are declared (and enforced by the server's connections).
    let fks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pragma_foreign_key_list('services')")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert!(fks >= 1);
    server.shutdown().await;
}

#[tokio::test]
async fn slow_requests_time_out_with_the_envelope() {
    // Sign-in hashes with argon2 (4 MiB, 2 passes): far longer than 1 ms.
    let server = server_with(portal_server::ServerConfig {
        request_timeout: std::time::Duration::from_millis(1),
        password_hash: portal_server::PasswordHashParams {
            memory_kib: 4096,
            iterations: 2,
            parallelism: 1,
        },
        ..fast_config()
    })
    .await;
    let r = Api::new(&server)
        .http
        .post(format!("{}/api/v1/session", server.base_url()))
        .json(&serde_json::json!({"email": FAMILY.email, "password": FAMILY.password}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert!(r.headers().get("retry-after").is_some());
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "unavailable");
    server.shutdown().await;
}
