//! Bad input gets a 4xx with the right code, never a 5xx or plain text.

use crate::common::*;
use reqwest::Method;
use serde_json::json;

const JSON: &str = "application/json";

#[tokio::test]
async fn malformed_bodies_are_malformed_request() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let cases: &[(&str, &[u8])] = &[
        ("syntax", b"{\"email\": "),
        ("not json", b"hello"),
        ("empty", b""),
        ("array", b"[1,2,3]"),
        ("null", b"null"),
        ("wrong type", b"{\"email\": 5, \"password\": true}"),
        ("missing field", b"{\"email\": \"perhe@example.fi\"}"),
        (
            "invalid utf8",
            b"{\"email\": \"\xff\xfe\", \"password\": \"x\"}",
        ),
        ("nested deep", &[b'['; 10_000]),
        (
            "trailing garbage",
            b"{\"email\": \"perhe@example.fi\", \"password\": \"Demo-Salasana-1\"} xyz",
        ),
        (
            "two values",
            b"{\"email\": \"a@b.fi\", \"password\": \"x\"}{}",
        ),
        (
            "duplicate field",
            b"{\"email\": \"a@b.fi\", \"email\": \"c@d.fi\", \"password\": \"x\"}",
        ),
    ];
    for (name, body) in cases {
        let r = api
            .raw(Method::POST, "/api/v1/session", JSON, body.to_vec())
            .await;
        assert_eq!(r.status, 400, "{name}: {}", r.text);
        assert_eq!(r.code(), "malformed_request", "{name}");
    }
    let r = api
        .raw(
            Method::POST,
            "/api/v1/session",
            JSON,
            br#"{"email": "perhe@example.fi"}"#.to_vec(),
        )
        .await;
    assert_eq!(r.body["field"], "password");
    let r = api
        .raw(
            Method::POST,
            "/api/v1/orders",
            JSON,
            br#"{"product_id": 12}"#.to_vec(),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["field"], "product_id");
    for path in [
        "/api/v1/orders",
        "/api/v1/feedback",
        "/api/v1/customer/email",
    ] {
        let method = if path.ends_with("email") {
            Method::PUT
        } else {
            Method::POST
        };
        let r = api.raw(method, path, JSON, b"{".to_vec()).await;
        assert_eq!(r.status, 400, "{path}");
        assert_eq!(r.code(), "malformed_request");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    for ct in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "",
        "application/xml",
    ] {
        let r = api
            .raw(
                Method::POST,
                "/api/v1/session",
                ct,
                br#"{"email":"a@b.fi","password":"x"}"#.to_vec(),
            )
            .await;
        assert_eq!(r.status, 415, "{ct:?}: {}", r.text);
        assert_eq!(r.code(), "unsupported_media_type");
    }
    // No content type header at all.
    let r = api
        .http
        .post(format!("{}/api/v1/session", api.base))
        .body(r#"{"email":"a@b.fi","password":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    // application/json with charset is fine.
    let r = api
        .raw(
            Method::POST,
            "/api/v1/session",
            "application/json; charset=utf-8",
            format!(
                r#"{{"email":"{}","password":"{}"}}"#,
                FAMILY.email, FAMILY.password
            )
            .into_bytes(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    server.shutdown().await;
}

#[tokio::test]
async fn huge_bodies_are_413() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let big = json!({"topic": "general", "message": "x".repeat(200_000)}).to_string();
    let r = api
        .raw(
            Method::POST,
            "/api/v1/feedback",
            JSON,
            big.clone().into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413, "{}", r.text);
    assert_eq!(r.code(), "payload_too_large");
    // Streamed without Content-Length (chunked).
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = big
        .into_bytes()
        .chunks(8192)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let r = api
        .http
        .post(format!("{}/api/v1/feedback", api.base))
        .bearer_auth(api.token.as_ref().unwrap())
        .header("content-type", JSON)
        .header("Idempotency-Key", "chunked")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "payload_too_large");
    // 1.5 MB sign-in.
    let r = api
        .raw(
            Method::POST,
            "/api/v1/session",
            JSON,
            json!({"email": "a".repeat(1_500_000), "password": "x"})
                .to_string()
                .into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(count(&server, "feedback").await, 0);
    server.shutdown().await;
}

#[tokio::test]
async fn odd_unicode_and_sql_looking_strings_are_just_data() {
    let server = server().await;
    let mut api = Api::signed_in(&server, FAMILY).await;
    let odd = [
        "'; DROP TABLE customers;--",
        "\" OR 1=1 --",
        "Robert'); DELETE FROM services; --",
        "\u{202e}gnp.exe\u{202c}",
        "zero\u{200b}width\u{200d}joiner\u{feff}",
        "emoji 👨‍👩‍👧‍👦🇫🇮",
        "RTL עברית العربية",
        "nul \u{0000} byte",
        "combining a\u{0301}\u{0301}\u{0301}",
        "%s%n%x {{}} ${jndi:ldap://x}",
    ];
    for (i, s) in odd.iter().enumerate() {
        // Sign-in: just invalid credentials.
        let mut anon = Api::new(&server);
        anon.sign_in(s, s)
            .await
            .expect_err(401, "invalid_credentials");
        // Product ids: not orderable.
        api.post_idem(
            "/api/v1/orders",
            &format!("odd-{i}"),
            json!({"product_id": s}),
        )
        .await
        .expect_err(409, "product_not_orderable");
        // Emails: invalid.
        api.put("/api/v1/customer/email", json!({"email": s}))
            .await
            .expect_err(422, "invalid_email");
        // Refresh tokens: invalid grant.
        api.post("/api/v1/session/refresh", json!({"refresh_token": s}))
            .await
            .expect_err(401, "invalid_grant");
        // MIX channels: not allowed.
        let mix = api.service_of("mix-6").await;
        api.put(
            &format!("/api/v1/services/{}/mix", mix["id"]),
            json!({"channels": [s, s, s, s, s, s]}),
        )
        .await
        .expect_err(422, "mix_channel_not_allowed");
        // Feedback: stored as given.
        api.post_idem(
            "/api/v1/feedback",
            &format!("odd-{i}"),
            json!({"topic": "general", "message": s}),
        )
        .await
        .expect(201);
    }
    // Paths with odd ids.
    for p in [
        "/api/v1/services/1%27%3B%20DROP",
        "/api/v1/services/%F0%9F%98%80",
        "/api/v1/services/99999999999999999999999",
    ] {
        api.get(p).await.expect_err(404, "not_found");
    }
    // Bad idempotency keys.
    let r = api
        .http
        .post(format!("{}/api/v1/feedback", api.base))
        .bearer_auth(api.token.as_ref().unwrap())
        .header("Idempotency-Key", "ä-not-ascii".as_bytes())
        .json(&json!({"topic": "general", "message": "x"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    // Odd bearer tokens.
    for t in ["'; DROP TABLE access_tokens;--", &"A".repeat(5000)] {
        api.token = Some(t.to_string());
        api.get("/api/v1/customer")
            .await
            .expect_err(401, "unauthorized");
    }
    // Everything still there.
    assert_eq!(count(&server, "customers").await, 4);
    assert_eq!(count(&server, "feedback").await, odd.len() as i64);
    server.shutdown().await;
}
