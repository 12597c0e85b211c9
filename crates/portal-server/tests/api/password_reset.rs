//! "Unohtuiko salasana?" and the activation email, delivered over real SMTP
//! (the sink in `smtp_sink.rs`): the link works once, expired or reused
//! links are refused with their own codes, and an unknown address gets the
//! same answer as a customer's.

use std::time::{Duration, Instant};

use portal_server::{MailConfig, RateLimitConfig, ServerConfig};
use serde_json::json;

use crate::common::*;
use crate::smtp_sink::SmtpSink;

const NEW_PASSWORD: &str = "Uusi-Salasana-2026";

fn with_smtp(sink: &SmtpSink) -> ServerConfig {
    ServerConfig {
        mail: MailConfig {
            smtp_url: Some(sink.url()),
            retry_delays: vec![Duration::from_millis(20)],
            ..MailConfig::default()
        },
        ..fast_config()
    }
}

async fn confirm(api: &Api, token: &str, password: &str) -> Resp {
    api.post(
        "/api/v1/password-reset/confirm",
        json!({"token": token, "new_password": password}),
    )
    .await
}

#[tokio::test]
async fn a_reset_email_arrives_over_smtp_and_its_link_works_once() {
    let mut sink = SmtpSink::start().await;
    let server = server_with(with_smtp(&sink)).await;
    let other_session = Api::signed_in(&server, FAMILY).await;
    let api = Api::new(&server);

    api.post(
        "/api/v1/password-reset",
        json!({"email": "PERHE@example.fi", "language": "en"}),
    )
    .await
    .expect(202);
    let mail = sink.next().await;
    assert_eq!(mail.to, vec![format!("<{}>", FAMILY.email)]);
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Omahallinta – set a new password")
    );
    let text = mail.decoded();
    assert!(
        text.contains("text/plain") && text.contains("text/html"),
        "{text}"
    );
    assert!(text.contains("You asked to change your password"), "{text}");
    let token = mail.reset_token();
    assert_eq!(token.len(), portal_api::RESET_TOKEN_LEN, "{token}");

    // A weak password does not use up the link.
    confirm(&api, &token, "lyhyt")
        .await
        .expect_err(422, "weak_password");
    confirm(&api, &token, NEW_PASSWORD).await.expect(204);
    // Every session is signed out, the old password no longer works.
    other_session
        .get("/api/v1/customer")
        .await
        .expect_err(401, "unauthorized");
    let mut again = Api::new(&server);
    again
        .sign_in(FAMILY.email, FAMILY.password)
        .await
        .expect_err(401, "invalid_credentials");
    again.sign_in(FAMILY.email, NEW_PASSWORD).await.expect(201);
    // The link works once.
    confirm(&api, &token, "Toinen-Salasana-99")
        .await
        .expect_err(410, "reset_token_used");
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answer_and_no_email() {
    let mut sink = SmtpSink::start().await;
    let server = server_with(with_smtp(&sink)).await;
    let api = Api::new(&server);
    let time = |email: &'static str| {
        let api = &api;
        async move {
            let started = Instant::now();
            let r = api
                .post("/api/v1/password-reset", json!({"email": email}))
                .await;
            (r, started.elapsed())
        }
    };
    let (unknown, t_unknown) = time("ei-asiakas@example.fi").await;
    let (known, t_known) = time(NO_BILLING.email).await;
    assert_eq!(unknown.status, known.status);
    assert_eq!(unknown.status.as_u16(), 202);
    assert_eq!(unknown.text, known.text);
    // Both answer before any email work: neither waits for SMTP.
    assert!(t_unknown < Duration::from_secs(2) && t_known < Duration::from_secs(2));
    // Only the customer gets an email (the unknown request came first).
    let mail = sink.next().await;
    assert_eq!(mail.to, vec![format!("<{}>", NO_BILLING.email)]);
    assert!(mail.decoded().contains("Pyysit salasanasi vaihtamista"));
    assert!(sink.try_next(Duration::from_millis(200)).await.is_none());
    // A malformed address is a typed error, not a 202.
    api.post("/api/v1/password-reset", json!({"email": "ei osoite"}))
        .await
        .expect_err(422, "invalid_email");
}

#[tokio::test]
async fn expired_unknown_and_malformed_tokens_are_refused() {
    let mut sink = SmtpSink::start().await;
    let server = server_with(ServerConfig {
        // Expired by the time the email arrives: no test sleeps.
        reset_token_ttl: Duration::from_millis(1),
        ..with_smtp(&sink)
    })
    .await;
    let api = Api::new(&server);
    api.post("/api/v1/password-reset", json!({"email": FAMILY.email}))
        .await
        .expect(202);
    let token = sink.next().await.reset_token();
    confirm(&api, &token, NEW_PASSWORD)
        .await
        .expect_err(410, "reset_token_expired");
    confirm(&api, &"A".repeat(43), NEW_PASSWORD)
        .await
        .expect_err(400, "reset_token_invalid");
    confirm(&api, "not-a-token", NEW_PASSWORD)
        .await
        .expect_err(400, "reset_token_invalid");
    // The password did not change.
    Api::signed_in(&server, FAMILY).await;
}

#[tokio::test]
async fn reset_requests_are_limited_per_address_and_per_client() {
    let sink = SmtpSink::start().await;
    let server = server_with(ServerConfig {
        reset_rate_limit: RateLimitConfig {
            max_failures_per_account: 2,
            max_failures_per_ip: 4,
            window: Duration::from_secs(600),
        },
        ..with_smtp(&sink)
    })
    .await;
    let api = Api::new(&server);
    for email in [FAMILY.email, "ei-asiakas@example.fi"] {
        for _ in 0..2 {
            api.post("/api/v1/password-reset", json!({"email": email}))
                .await
                .expect(202);
        }
        // Known or not, the third request for the address waits.
        let r = api
            .post("/api/v1/password-reset", json!({"email": email}))
            .await
            .expect_err(429, "rate_limited");
        assert!(r.headers.get("retry-after").is_some());
    }
    // Four requests from this address: a fresh email address waits too.
    api.post(
        "/api/v1/password-reset",
        json!({"email": "uusi@example.fi"}),
    )
    .await
    .expect_err(429, "rate_limited");
}

#[tokio::test]
async fn the_activation_email_sets_the_first_password_and_opens_the_app() {
    let mut sink = SmtpSink::start().await;
    let server = server_with(with_smtp(&sink)).await;
    assert!(server.send_activation(FAMILY.email).await.unwrap());
    assert!(!server
        .send_activation("ei-asiakas@example.fi")
        .await
        .unwrap());
    let mail = sink.next().await;
    let text = mail.decoded();
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("F-Secure Turvapaketti-palvelusi – Ota käyttöön!")
    );
    assert!(text.contains("Aseta salasanasi"), "{text}");
    assert!(
        text.contains("omahallinta://activate?email=perhe%40example.fi"),
        "{text}"
    );
    let api = Api::new(&server);
    confirm(&api, &mail.reset_token(), NEW_PASSWORD)
        .await
        .expect(204);
    Api::new(&server)
        .sign_in(FAMILY.email, NEW_PASSWORD)
        .await
        .expect(201);
}

#[tokio::test]
async fn smtp_failures_never_fail_the_request_and_are_retried_then_recorded() {
    let mut sink = SmtpSink::start().await;
    let server = server_with(with_smtp(&sink)).await;
    let api = Api::new(&server);
    sink.fail_next(1);
    api.post("/api/v1/password-reset", json!({"email": FAMILY.email}))
        .await
        .expect(202);
    sink.next().await;

    // No SMTP server at all: still 202, the failure is recorded.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let server = server_with(ServerConfig {
        mail: MailConfig {
            smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
            retry_delays: vec![Duration::from_millis(10)],
            ..MailConfig::default()
        },
        ..fast_config()
    })
    .await;
    Api::new(&server)
        .post("/api/v1/password-reset", json!({"email": FAMILY.email}))
        .await
        .expect(202);
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(&server, "mail_log WHERE status = 'failed' AND attempts = 2").await == 0 {
        assert!(Instant::now() < deadline, "the failure is recorded");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn without_smtp_the_demo_drops_emails_as_files() {
    let dir = tempfile::tempdir().unwrap();
    let server = server_with(ServerConfig {
        data_dir: Some(dir.path().to_path_buf()),
        ..fast_config()
    })
    .await;
    assert!(server.mail_description().contains("mail"));
    assert!(server.send_activation(FAMILY.email).await.unwrap());
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(eml.contains("omahallinta://"), "{eml}");
}
