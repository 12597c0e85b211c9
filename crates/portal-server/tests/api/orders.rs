use crate::common::*;
use chrono::{Months, NaiveDate};
use serde_json::json;

fn today() -> NaiveDate {
    fast_config().today.unwrap()
}

#[tokio::test]
async fn order_a_new_service() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let before_total = api.get("/api/v1/services").await.body["monthly_total_cents"]
        .as_i64()
        .unwrap();
    let r = api
        .post_idem(
            "/api/v1/orders",
            "o-1",
            json!({"product_id": "laajakaista-1000"}),
        )
        .await
        .expect(201);
    let receipt: portal_api::OrderReceipt = serde_json::from_value(r.body).unwrap();
    assert_eq!(receipt.service.product_id, "laajakaista-1000");
    assert_eq!(receipt.service.start_date, today());
    assert_eq!(receipt.service.end_date, None);
    assert_eq!(receipt.charged_from, today());
    assert_eq!(receipt.monthly_total_cents, before_total + 4990);
    let listed = api.get("/api/v1/services").await;
    assert_eq!(
        listed.body["monthly_total_cents"],
        receipt.monthly_total_cents
    );
    api.get(&format!("/api/v1/services/{}", receipt.service.id))
        .await
        .expect(200);
    server.shutdown().await;
}

#[tokio::test]
async fn fixed_term_gets_an_end_date() {
    let server = server().await;
    let api = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    let r = api
        .post_idem(
            "/api/v1/orders",
            "o-1",
            json!({"product_id": "turvapaketti-10"}),
        )
        .await
        .expect(201);
    assert_eq!(r.body["service"]["validity"], "fixed_term");
    assert_eq!(
        r.body["service"]["end_date"],
        json!((today() + Months::new(12)).to_string())
    );
    let sec = &r.body["service"]["security"];
    assert_eq!(sec["devices_allowed"], 10);
    assert_eq!(sec["devices_in_use"], 0);
    assert!(sec["subscription_key"].as_str().unwrap().len() > 10);
    server.shutdown().await;
}

#[tokio::test]
async fn no_billing_agreement_cannot_order() {
    let server = server().await;
    let api = Api::signed_in(&server, NO_BILLING).await;
    let before = count(&server, "services").await;
    api.post_idem("/api/v1/orders", "o-1", json!({"product_id": "tv-perus"}))
        .await
        .expect_err(403, "no_billing_agreement");
    assert_eq!(count(&server, "services").await, before);
    server.shutdown().await;
}

#[tokio::test]
async fn pay_channels_need_a_valid_card() {
    let server = server().await;
    let api = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    api.post_idem(
        "/api/v1/orders",
        "o-1",
        json!({"product_id": "maksu-urheilu"}),
    )
    .await
    .expect_err(403, "pay_tv_card_required");
    // The same customer can order a non-pay product.
    api.post_idem(
        "/api/v1/orders",
        "o-2",
        json!({"product_id": "tv-dokumentti"}),
    )
    .await
    .expect(201);
    // A family with a valid card can order pay channels.
    let family = Api::signed_in(&server, FAMILY).await;
    family
        .post_idem(
            "/api/v1/orders",
            "o-1",
            json!({"product_id": "maksu-urheilu"}),
        )
        .await
        .expect(201);
    server.shutdown().await;
}

#[tokio::test]
async fn expired_card_is_not_valid() {
    // A year and a day later the family's card (valid 365 days) has expired.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let first = server_with(portal_server::ServerConfig {
        db_path: Some(db.clone()),
        ..fast_config()
    })
    .await;
    first.shutdown().await;
    let later = server_with(portal_server::ServerConfig {
        db_path: Some(db),
        today: Some(today() + chrono::Days::new(366)),
        ..fast_config()
    })
    .await;
    let api = Api::signed_in(&later, FAMILY).await;
    assert_eq!(
        api.get("/api/v1/customer").await.body["pay_tv_card"]["valid"],
        false
    );
    api.post_idem(
        "/api/v1/orders",
        "o-1",
        json!({"product_id": "maksu-urheilu"}),
    )
    .await
    .expect_err(403, "pay_tv_card_required");
    later.shutdown().await;
}

#[tokio::test]
async fn mix_orders_need_exactly_the_channel_count() {
    let server = server().await;
    let api = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    let cat = api.get("/api/v1/catalogue").await.body;
    let allowed: Vec<String> = cat["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "mix-10")
        .unwrap()["mix"]["allowed_channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let r = api
        .post_idem("/api/v1/orders", "o-1", json!({"product_id": "mix-10"}))
        .await
        .expect_err(422, "mix_wrong_count");
    assert_eq!(r.body["field"], "mix_channels");
    api.post_idem(
        "/api/v1/orders",
        "o-2",
        json!({"product_id": "mix-10", "mix_channels": allowed[..9]}),
    )
    .await
    .expect_err(422, "mix_wrong_count");
    let mut bad = allowed[..9].to_vec();
    bad.push("no-such-channel".into());
    api.post_idem(
        "/api/v1/orders",
        "o-3",
        json!({"product_id": "mix-10", "mix_channels": bad}),
    )
    .await
    .expect_err(422, "mix_channel_not_allowed");
    api.post_idem(
        "/api/v1/orders",
        "o-4",
        json!({"product_id": "tv-dokumentti", "mix_channels": allowed[..2]}),
    )
    .await
    .expect_err(400, "validation_failed");
    let r = api
        .post_idem(
            "/api/v1/orders",
            "o-5",
            json!({"product_id": "mix-10", "mix_channels": allowed[..10]}),
        )
        .await
        .expect(201);
    assert_eq!(r.body["service"]["mix"]["selected"], json!(allowed[..10]));
    server.shutdown().await;
}

#[tokio::test]
async fn update_replaces_a_valid_service() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let old = api.service_of("turvapaketti-5").await;
    let old_id = old["id"].as_i64().unwrap();
    assert!(old["updates_available"]
        .as_array()
        .unwrap()
        .contains(&json!("turvapaketti-10")));

    // Not an update of that product.
    api.post_idem(
        "/api/v1/orders",
        "o-1",
        json!({"product_id": "turvapaketti-3", "replaces_service_id": old_id}),
    )
    .await
    .expect_err(409, "update_not_allowed");
    let bb = api.service_of("laajakaista-200").await;
    api.post_idem(
        "/api/v1/orders",
        "o-2",
        json!({"product_id": "turvapaketti-10", "replaces_service_id": bb["id"]}),
    )
    .await
    .expect_err(409, "update_not_allowed");
    // An ended service cannot be updated.
    let list = api.get("/api/v1/services").await.body;
    let ended = list["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "ended")
        .unwrap()
        .clone();
    api.post_idem(
        "/api/v1/orders",
        "o-3",
        json!({"product_id": "laajakaista-1000", "replaces_service_id": ended["id"]}),
    )
    .await
    .expect_err(409, "update_not_allowed");
    api.post_idem(
        "/api/v1/orders",
        "o-4",
        json!({"product_id": "turvapaketti-10", "replaces_service_id": 999999}),
    )
    .await
    .expect_err(404, "not_found");

    let r = api
        .post_idem(
            "/api/v1/orders",
            "o-5",
            json!({"product_id": "turvapaketti-10", "replaces_service_id": old_id}),
        )
        .await
        .expect(201);
    let new = &r.body["service"];
    assert_eq!(new["security"]["devices_allowed"], 10);
    assert_eq!(new["security"]["devices_in_use"], 3);
    assert_eq!(
        new["security"]["subscription_key"],
        old["security"]["subscription_key"]
    );
    // The family's "protect another device" link keeps working.
    assert_eq!(
        new["security"]["device_link"],
        old["security"]["device_link"]
    );
    let page = api
        .http
        .get(new["security"]["device_link"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Turvapaketti 10"));
    let old_now = api
        .get(&format!("/api/v1/services/{old_id}"))
        .await
        .expect(200);
    assert_eq!(old_now.body["status"], "ended");
    // Only the new one is billed.
    let list = api.get("/api/v1/services").await.body;
    let billed_turva = list["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["group"] == "security" && s["status"] != "ended")
        .count();
    assert_eq!(billed_turva, 1);
    server.shutdown().await;
}

#[tokio::test]
async fn already_subscribed_and_unknown_products() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    api.post_idem("/api/v1/orders", "o-1", json!({"product_id": "tv-perus"}))
        .await
        .expect_err(409, "already_subscribed");
    api.post_idem(
        "/api/v1/orders",
        "o-2",
        json!({"product_id": "no-such-product"}),
    )
    .await
    .expect_err(409, "product_not_orderable");
    api.post_idem("/api/v1/orders", "o-3", json!({"product_id": ""}))
        .await
        .expect_err(409, "product_not_orderable");
    // The ended laajakaista-50 can be ordered again.
    api.post_idem(
        "/api/v1/orders",
        "o-4",
        json!({"product_id": "laajakaista-50"}),
    )
    .await
    .expect(201);
    api.post_idem(
        "/api/v1/orders",
        "o-5",
        json!({"product_id": "laajakaista-50"}),
    )
    .await
    .expect_err(409, "already_subscribed");
    server.shutdown().await;
}

#[tokio::test]
async fn idempotency_key_rules() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let body = json!({"product_id": "tv-dokumentti"});
    api.post("/api/v1/orders", body.clone())
        .await
        .expect_err(400, "idempotency_key_required");
    api.post_idem("/api/v1/orders", "", body.clone())
        .await
        .expect_err(400, "idempotency_key_required");
    api.post_idem("/api/v1/orders", &"k".repeat(129), body.clone())
        .await
        .expect_err(400, "validation_failed");

    let services = count(&server, "services").await;
    let orders = count(&server, "orders").await;
    let key = "k".repeat(128);
    let first = api
        .post_idem("/api/v1/orders", &key, body.clone())
        .await
        .expect(201);
    assert_eq!(count(&server, "services").await, services + 1);
    let again = api
        .post_idem("/api/v1/orders", &key, body.clone())
        .await
        .expect(201);
    assert_eq!(first.body, again.body, "a replay returns the first receipt");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(count(&server, "services").await, services + 1);
    assert_eq!(count(&server, "orders").await, orders + 1);

    api.post_idem(
        "/api/v1/orders",
        &key,
        json!({"product_id": "laajakaista-1000"}),
    )
    .await
    .expect_err(409, "idempotency_key_reused");
    assert_eq!(count(&server, "services").await, services + 1);

    // Keys are per customer.
    let other = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    other
        .post_idem("/api/v1/orders", &key, body)
        .await
        .expect(201);
    server.shutdown().await;
}

#[tokio::test]
async fn concurrent_identical_orders_create_one() {
    let server = server().await;
    let api = std::sync::Arc::new(Api::signed_in(&server, FAMILY).await);
    let services = count(&server, "services").await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            api.post_idem(
                "/api/v1/orders",
                "same-key",
                json!({"product_id": "tv-dokumentti"}),
            )
            .await
        }));
    }
    let mut ids = std::collections::HashSet::new();
    for t in tasks {
        let r = t.await.unwrap().expect(201);
        ids.insert(r.body["order_id"].as_i64().unwrap());
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(count(&server, "services").await, services + 1);
    assert_eq!(count(&server, "orders").await, 1);
    server.shutdown().await;
}
