use std::time::Duration;

use crate::common::*;
use portal_server::{RateLimitConfig, ServerConfig};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn sign_in_gives_a_token_pair() {
    let server = server().await;
    let mut api = Api::new(&server);
    let r = api.sign_in(FAMILY.email, FAMILY.password).await.expect(201);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.headers["cache-control"], "no-store");
    assert_eq!(r.body["expires_in"], 300);
    let access = r.body["access_token"].as_str().unwrap();
    assert_eq!(access.len(), 43, "32 bytes base64url");
    assert_ne!(r.body["access_token"], r.body["refresh_token"]);
    // Case-insensitive email with surrounding spaces.
    let mut other = Api::new(&server);
    other
        .sign_in("  PERHE@example.fi ", FAMILY.password)
        .await
        .expect(201);
    // Tokens are stored only as hashes.
    let stored: i64 = {
        use sqlx::ConnectOptions;
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(server.db_path())
            .connect()
            .await
            .unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM access_tokens WHERE token_hash = ?")
            .bind(access.as_bytes().to_vec())
            .fetch_one(&mut conn)
            .await
            .unwrap()
    };
    assert_eq!(stored, 0);
    api.get("/api/v1/customer").await.expect(200);
    server.shutdown().await;
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same() {
    let server = server().await;
    let mut api = Api::new(&server);
    let a = api
        .sign_in(FAMILY.email, "Wrong-Password-1")
        .await
        .expect_err(401, "invalid_credentials");
    let b = api
        .sign_in("nobody@example.fi", "Wrong-Password-1")
        .await
        .expect_err(401, "invalid_credentials");
    assert_eq!(a.body, b.body);
    api.sign_in("", "")
        .await
        .expect_err(401, "invalid_credentials");
    api.sign_in(FAMILY.email, &"x".repeat(10_000))
        .await
        .expect_err(401, "invalid_credentials");
    server.shutdown().await;
}

#[tokio::test]
async fn former_customer_cannot_sign_in_but_others_can() {
    let server = server().await;
    let mut api = Api::new(&server);
    api.sign_in(FORMER.email, FORMER.password)
        .await
        .expect_err(403, "no_customer_relationship");
    // Only with the right password is the relationship revealed.
    api.sign_in(FORMER.email, "Wrong-Password-1")
        .await
        .expect_err(401, "invalid_credentials");
    for account in [FAMILY, NO_BILLING, NO_PAY_TV_CARD] {
        Api::new(&server)
            .sign_in(account.email, account.password)
            .await
            .expect(201);
    }
    server.shutdown().await;
}

#[tokio::test]
async fn missing_or_unknown_token_is_unauthorized() {
    let server = server().await;
    let mut api = Api::new(&server);
    let r = api
        .get("/api/v1/customer")
        .await
        .expect_err(401, "unauthorized");
    assert!(r.headers.get("www-authenticate").is_some());
    api.token = Some("not-a-real-token".into());
    api.get("/api/v1/services")
        .await
        .expect_err(401, "unauthorized");
    let r = api
        .http
        .get(format!("{}/api/v1/customer", api.base))
        .header("authorization", "Basic Zm9vOmJhcg==")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    server.shutdown().await;
}

#[tokio::test]
async fn access_token_expires() {
    let server = server_with(ServerConfig {
        access_token_ttl: Duration::from_secs(1),
        ..fast_config()
    })
    .await;
    let mut api = Api::signed_in(&server, FAMILY).await;
    api.get("/api/v1/customer").await.expect(200);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let r = api
        .get("/api/v1/customer")
        .await
        .expect_err(401, "token_expired");
    assert!(r.headers["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("invalid_token"));
    // Refresh gives a working access token again.
    let refresh = api.refresh.clone().unwrap();
    let pair = api
        .post("/api/v1/session/refresh", json!({"refresh_token": refresh}))
        .await
        .expect(200);
    api.token = pair.body["access_token"].as_str().map(str::to_owned);
    api.get("/api/v1/customer").await.expect(200);
    server.shutdown().await;
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let server = server().await;
    let mut api = Api::signed_in(&server, FAMILY).await;
    let r1 = api.refresh.clone().unwrap();
    let pair = api
        .post("/api/v1/session/refresh", json!({"refresh_token": r1}))
        .await
        .expect(200);
    let r2 = pair.body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    api.token = pair.body["access_token"].as_str().map(str::to_owned);
    api.get("/api/v1/customer").await.expect(200);

    // Reusing the rotated token: refused, and the whole family ends.
    api.post("/api/v1/session/refresh", json!({"refresh_token": r1}))
        .await
        .expect_err(401, "invalid_grant");
    api.get("/api/v1/customer")
        .await
        .expect_err(401, "unauthorized");
    api.post("/api/v1/session/refresh", json!({"refresh_token": r2}))
        .await
        .expect_err(401, "invalid_grant");
    // Unknown refresh token.
    api.post("/api/v1/session/refresh", json!({"refresh_token": "nope"}))
        .await
        .expect_err(401, "invalid_grant");
    // Other sessions are untouched.
    Api::signed_in(&server, FAMILY)
        .await
        .get("/api/v1/customer")
        .await
        .expect(200);
    server.shutdown().await;
}

#[tokio::test]
async fn expired_refresh_token_is_refused() {
    let server = server_with(ServerConfig {
        refresh_token_ttl: Duration::from_secs(1),
        ..fast_config()
    })
    .await;
    let api = Api::signed_in(&server, FAMILY).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    api.post(
        "/api/v1/session/refresh",
        json!({"refresh_token": api.refresh.clone().unwrap()}),
    )
    .await
    .expect_err(401, "invalid_grant");
    server.shutdown().await;
}

#[tokio::test]
async fn sign_out_revokes_the_session() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let other = Api::signed_in(&server, FAMILY).await;
    api.send(Method::DELETE, "/api/v1/session", None, &[])
        .await
        .expect(204);
    api.get("/api/v1/customer")
        .await
        .expect_err(401, "unauthorized");
    api.post(
        "/api/v1/session/refresh",
        json!({"refresh_token": api.refresh.clone().unwrap()}),
    )
    .await
    .expect_err(401, "invalid_grant");
    other.get("/api/v1/customer").await.expect(200);
    // Without a token.
    Api::new(&server)
        .send(Method::DELETE, "/api/v1/session", None, &[])
        .await
        .expect_err(401, "unauthorized");
    server.shutdown().await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account() {
    let server = server_with(ServerConfig {
        rate_limit: RateLimitConfig {
            max_failures_per_account: 3,
            max_failures_per_ip: 100,
            window: Duration::from_secs(60),
        },
        ..fast_config()
    })
    .await;
    let mut api = Api::new(&server);
    for _ in 0..3 {
        api.sign_in(FAMILY.email, "Wrong-Password-1")
            .await
            .expect_err(401, "invalid_credentials");
    }
    let r = api
        .sign_in(FAMILY.email, FAMILY.password)
        .await
        .expect_err(429, "rate_limited");
    let retry: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(r.body["retry_after"], retry);
    // Another account is not affected.
    api.sign_in(NO_BILLING.email, NO_BILLING.password)
        .await
        .expect(201);
    server.shutdown().await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_ip() {
    let server = server_with(ServerConfig {
        rate_limit: RateLimitConfig {
            max_failures_per_account: 100,
            max_failures_per_ip: 4,
            window: Duration::from_secs(60),
        },
        ..fast_config()
    })
    .await;
    let mut api = Api::new(&server);
    for i in 0..4 {
        api.sign_in(&format!("user{i}@example.fi"), "Wrong-Password-1")
            .await
            .expect_err(401, "invalid_credentials");
    }
    let r = api
        .sign_in(FAMILY.email, FAMILY.password)
        .await
        .expect_err(429, "rate_limited");
    assert!(r.headers.get("retry-after").is_some());
    server.shutdown().await;
}

#[tokio::test]
async fn password_change_signs_out_other_sessions_only() {
    let server = server().await;
    let mut me = Api::signed_in(&server, FAMILY).await;
    let other = Api::signed_in(&server, FAMILY).await;
    let third_party = Api::signed_in(&server, NO_BILLING).await;

    me.put(
        "/api/v1/customer/password",
        json!({"current_password": "Wrong-One-123", "new_password": "Uusi-Salasana-77"}),
    )
    .await
    .expect_err(403, "wrong_current_password");
    let r = me
        .put(
            "/api/v1/customer/password",
            json!({"current_password": FAMILY.password, "new_password": "lowercase123"}),
        )
        .await
        .expect_err(422, "weak_password");
    assert_eq!(r.body["field"], "new_password");
    // Nothing changed so far.
    other.get("/api/v1/customer").await.expect(200);

    me.put(
        "/api/v1/customer/password",
        json!({"current_password": FAMILY.password, "new_password": "Uusi-Salasana-77"}),
    )
    .await
    .expect(204);
    me.get("/api/v1/customer").await.expect(200);
    other
        .get("/api/v1/customer")
        .await
        .expect_err(401, "unauthorized");
    other
        .post(
            "/api/v1/session/refresh",
            json!({"refresh_token": other.refresh.clone().unwrap()}),
        )
        .await
        .expect_err(401, "invalid_grant");
    // The current session's refresh still works.
    me.post(
        "/api/v1/session/refresh",
        json!({"refresh_token": me.refresh.clone().unwrap()}),
    )
    .await
    .expect(200);
    third_party.get("/api/v1/customer").await.expect(200);
    me.sign_in(FAMILY.email, FAMILY.password)
        .await
        .expect_err(401, "invalid_credentials");
    me.sign_in(FAMILY.email, "Uusi-Salasana-77")
        .await
        .expect(201);
    server.shutdown().await;
}

#[tokio::test]
async fn customer_details_and_email_change() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let c = api.get("/api/v1/customer").await.expect(200);
    let details: portal_api::CustomerDetails = serde_json::from_value(c.body).unwrap();
    assert_eq!(details.email, FAMILY.email);
    assert!(details.customer_relationship_valid && details.billing_agreement_valid);
    assert!(details.pay_tv_card.as_ref().unwrap().valid);
    assert!(details.order_blockers.is_empty());

    let nb = Api::signed_in(&server, NO_BILLING).await;
    let c = nb.get("/api/v1/customer").await.expect(200);
    assert_eq!(c.body["order_blockers"], json!(["no_billing_agreement"]));
    let nc = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    assert!(nc.get("/api/v1/customer").await.body["pay_tv_card"].is_null());

    for bad in [
        "not-an-email",
        "a@b",
        "two@@example.fi",
        "space in@example.fi",
        "",
        "   ",
        "\u{202e}evil@example.fi\u{200b}",
        &format!("{}@example.fi", "a".repeat(300)),
        "'; DROP TABLE customers;--@example.fi",
    ] {
        let r = api
            .put("/api/v1/customer/email", json!({ "email": bad }))
            .await
            .expect_err(422, "invalid_email");
        assert_eq!(r.body["field"], "email");
    }
    api.put("/api/v1/customer/email", json!({"email": NO_BILLING.email}))
        .await
        .expect_err(409, "email_in_use");
    api.put(
        "/api/v1/customer/email",
        json!({"email": "EI-LASKUTUSTA@example.fi"}),
    )
    .await
    .expect_err(409, "email_in_use");
    let r = api
        .put(
            "/api/v1/customer/email",
            json!({"email": " uusi.osoite@example.fi "}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["email"], "uusi.osoite@example.fi");
    assert_eq!(
        api.get("/api/v1/customer").await.body["email"],
        "uusi.osoite@example.fi"
    );
    // Signing in uses the new address.
    Api::new(&server)
        .sign_in("uusi.osoite@example.fi", FAMILY.password)
        .await
        .expect(201);
    Api::new(&server)
        .sign_in(FAMILY.email, FAMILY.password)
        .await
        .expect_err(401, "invalid_credentials");
    server.shutdown().await;
}

#[tokio::test]
async fn guessing_the_current_password_is_rate_limited() {
    let server = server_with(ServerConfig {
        rate_limit: RateLimitConfig {
            max_failures_per_account: 3,
            max_failures_per_ip: 100,
            window: Duration::from_secs(60),
        },
        ..fast_config()
    })
    .await;
    let api = Api::signed_in(&server, FAMILY).await;
    for i in 0..3 {
        api.put(
            "/api/v1/customer/password",
            json!({"current_password": format!("Guess-{i}-Wrong"), "new_password": "Uusi-Salasana-77"}),
        )
        .await
        .expect_err(403, "wrong_current_password");
    }
    let r = api
        .put(
            "/api/v1/customer/password",
            json!({"current_password": FAMILY.password, "new_password": "Uusi-Salasana-77"}),
        )
        .await
        .expect_err(429, "rate_limited");
    assert!(r.headers.get("retry-after").is_some());
    // The account's sign-in is throttled by the same counter.
    Api::new(&server)
        .sign_in(FAMILY.email, FAMILY.password)
        .await
        .expect_err(429, "rate_limited");
    server.shutdown().await;
}
