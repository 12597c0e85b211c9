use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn feedback_is_received_once() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let tv = api.service_of("tv-perus").await;
    let body = json!({
        "topic": "termination",
        "message": "  Haluan irtisanoa TV-paketin. 📺 \u{200f}שלום\u{200b}  ",
        "contact_me": true,
        "contact_email": "perhe@example.fi",
        "contact_phone": "040 123 4567",
        "service_id": tv["id"],
    });
    let r = api
        .post_idem("/api/v1/feedback", "f-1", body.clone())
        .await
        .expect(201);
    assert_eq!(r.body["topic"], "termination");
    assert!(r.body["id"].as_i64().unwrap() > 0);
    let again = api
        .post_idem("/api/v1/feedback", "f-1", body.clone())
        .await
        .expect(201);
    assert_eq!(r.body, again.body);
    assert_eq!(count(&server, "feedback").await, 1);
    api.post_idem(
        "/api/v1/feedback",
        "f-1",
        json!({"topic": "general", "message": "other"}),
    )
    .await
    .expect_err(409, "idempotency_key_reused");
    api.post("/api/v1/feedback", body)
        .await
        .expect_err(400, "idempotency_key_required");
    assert_eq!(count(&server, "feedback").await, 1);
    // The termination did not end the service: that is customer service's job.
    assert_eq!(api.service_of("tv-perus").await["status"], "active");
    server.shutdown().await;
}

#[tokio::test]
async fn feedback_validation() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let max = portal_api::FEEDBACK_MESSAGE_MAX_CHARS;
    for (i, message) in ["", "   \n\t ", &"ä".repeat(max + 1)].iter().enumerate() {
        let r = api
            .post_idem(
                "/api/v1/feedback",
                &format!("len-{i}"),
                json!({"topic": "general", "message": message}),
            )
            .await
            .expect_err(422, "message_length");
        assert_eq!(r.body["field"], "message");
    }
    // Exactly the maximum in characters (multi-byte) is fine.
    api.post_idem(
        "/api/v1/feedback",
        "max",
        json!({"topic": "general", "message": "ä".repeat(max)}),
    )
    .await
    .expect(201);
    let r = api
        .post_idem(
            "/api/v1/feedback",
            "e",
            json!({"topic": "general", "message": "hei", "contact_email": "not-an-email"}),
        )
        .await
        .expect_err(422, "invalid_email");
    assert_eq!(r.body["field"], "contact_email");
    for phone in [
        "123",
        "abc",
        "+1 202 555 0143",
        "040 123 4567 8901 2345",
        "'; DROP TABLE feedback;--",
    ] {
        let r = api
            .post_idem(
                "/api/v1/feedback",
                "p",
                json!({"topic": "general", "message": "hei", "contact_phone": phone}),
            )
            .await
            .expect_err(422, "invalid_phone");
        assert_eq!(r.body["field"], "contact_phone");
    }
    for (i, phone) in ["040 123 4567", "+358 40 1234567", "03 450 51", "0401234567"]
        .iter()
        .enumerate()
    {
        api.post_idem(
            "/api/v1/feedback",
            &format!("ok-{i}"),
            json!({"topic": "billing", "message": "hei", "contact_phone": phone}),
        )
        .await
        .expect(201);
    }
    api.post_idem(
        "/api/v1/feedback",
        "s",
        json!({"topic": "general", "message": "hei", "service_id": 999999}),
    )
    .await
    .expect_err(404, "not_found");
    api.post_idem(
        "/api/v1/feedback",
        "t",
        json!({"topic": "no-such-topic", "message": "hei"}),
    )
    .await
    .expect_err(400, "malformed_request");
    server.shutdown().await;
}
