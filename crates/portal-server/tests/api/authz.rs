//! No customer can read or change another customer's data.

use crate::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn another_customers_ids_are_not_found() {
    let server = server().await;
    let family = Api::signed_in(&server, FAMILY).await;
    let stranger = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    let services = family.get("/api/v1/services").await.body["services"]
        .as_array()
        .unwrap()
        .clone();
    let mix_before = family.service_of("mix-6").await;
    let before = count(&server, "services").await;
    for s in &services {
        let id = s["id"].as_i64().unwrap();
        let r = stranger
            .get(&format!("/api/v1/services/{id}"))
            .await
            .expect_err(404, "not_found");
        assert!(!r.text.contains(s["product_id"].as_str().unwrap()));
        stranger
            .put(
                &format!("/api/v1/services/{id}/mix"),
                json!({"channels": ["mtv-sub"]}),
            )
            .await
            .expect_err(404, "not_found");
        stranger
            .send(Method::DELETE, &format!("/api/v1/services/{id}"), None, &[])
            .await;
        stranger
            .post_idem(
                "/api/v1/orders",
                &format!("steal-{id}"),
                json!({"product_id": "turvapaketti-10", "replaces_service_id": id}),
            )
            .await
            .expect_err(404, "not_found");
        stranger
            .post_idem(
                "/api/v1/feedback",
                &format!("fb-{id}"),
                json!({"topic": "termination", "message": "end it", "service_id": id}),
            )
            .await
            .expect_err(404, "not_found");
    }
    assert_eq!(count(&server, "services").await, before);
    assert_eq!(family.service_of("mix-6").await, mix_before);
    // Lists only show one's own.
    let mine = stranger.get("/api/v1/services").await.body;
    for s in mine["services"].as_array().unwrap() {
        assert!(!services.iter().any(|f| f["id"] == s["id"]));
    }
    assert_eq!(
        stranger.get("/api/v1/customer").await.body["email"],
        NO_PAY_TV_CARD.email
    );
    server.shutdown().await;
}

#[tokio::test]
async fn idempotency_keys_do_not_leak_between_customers() {
    let server = server().await;
    let family = Api::signed_in(&server, FAMILY).await;
    let stranger = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    let mine = family
        .post_idem(
            "/api/v1/feedback",
            "shared",
            json!({"topic": "general", "message": "family secret"}),
        )
        .await
        .expect(201);
    let theirs = stranger
        .post_idem(
            "/api/v1/feedback",
            "shared",
            json!({"topic": "general", "message": "family secret"}),
        )
        .await
        .expect(201);
    assert_ne!(mine.body["id"], theirs.body["id"]);
    server.shutdown().await;
}

#[tokio::test]
async fn every_private_endpoint_needs_a_token() {
    let server = server().await;
    let anon = Api::new(&server);
    for route in portal_server::route_table() {
        for m in route.methods {
            if route.public.contains(m) {
                continue;
            }
            let path = route.path.replace("{id}", "1");
            let method = Method::from_bytes(m.as_bytes()).unwrap();
            let body = (*m != "GET" && *m != "DELETE").then(|| json!({}));
            anon.send(method, &path, body, &[("Idempotency-Key", "k")])
                .await
                .expect_err(401, "unauthorized");
        }
    }
    server.shutdown().await;
}
