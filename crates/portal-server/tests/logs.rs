//! Logs carry method, route and status — never tokens, passwords or hashes.
//! Its own binary: a thread-local subscriber sees only this test.

use std::io::Write;
use std::sync::{Arc, Mutex};

#[path = "api/common.rs"]
mod common;

use common::*;
use serde_json::json;

#[derive(Clone)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_never_contain_secrets() {
    let buf = Buf(Arc::new(Mutex::new(Vec::new())));
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // current-thread runtime: the server's tasks run on this thread too.
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = server().await;
    let mut api = Api::new(&server);
    api.sign_in(FAMILY.email, "Wrong-Password-Secret-1")
        .await
        .expect(401);
    api.sign_in(FAMILY.email, FAMILY.password).await.expect(201);
    let access = api.token.clone().unwrap();
    let refresh = api.refresh.clone().unwrap();
    let pair = api
        .post("/api/v1/session/refresh", json!({"refresh_token": refresh}))
        .await
        .expect(200);
    api.token = pair.body["access_token"].as_str().map(str::to_owned);
    let turva = api.service_of("turvapaketti-5").await;
    let link = turva["security"]["device_link"]
        .as_str()
        .unwrap()
        .to_string();
    let code = link.rsplit('/').next().unwrap().to_string();
    api.http.get(&link).send().await.unwrap();
    api.put(
        "/api/v1/customer/password",
        json!({"current_password": FAMILY.password, "new_password": "Uusi-Salasana-Secret-9"}),
    )
    .await
    .expect(204);
    api.post_idem(
        "/api/v1/feedback",
        "idem-secret-key",
        json!({"topic": "general", "message": "private message body", "contact_phone": "040 123 4567"}),
    )
    .await
    .expect(201);
    server.shutdown().await;

    let logs = String::from_utf8_lossy(&buf.0.lock().unwrap()).to_string();
    assert!(
        logs.contains("/api/v1/session"),
        "requests are logged: {logs}"
    );
    assert!(
        logs.contains("/d/{code}"),
        "the route, not the code, is logged"
    );
    for secret in [
        FAMILY.password,
        "Wrong-Password-Secret-1",
        "Uusi-Salasana-Secret-9",
        access.as_str(),
        pair.body["refresh_token"].as_str().unwrap(),
        pair.body["access_token"].as_str().unwrap(),
        code.as_str(),
        turva["security"]["subscription_key"].as_str().unwrap(),
        "$argon2id",
        "private message body",
        "040 123 4567",
        "authorization",
        "Bearer ",
    ] {
        assert!(!logs.contains(secret), "log leaks {secret:?}");
    }
}
