//! Many concurrent clients: never a 5xx.

use crate::common::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_concurrent_clients_never_get_5xx() {
    let server = server().await;
    let base = Api::signed_in(&server, FAMILY).await;
    let token = base.token.clone();
    let refresh_base = server.base_url();
    let mut tasks = Vec::new();
    for i in 0..200 {
        let mut api = Api::new(&server);
        api.token = token.clone();
        let base_url = refresh_base.clone();
        tasks.push(tokio::spawn(async move {
            match i % 8 {
                0 => {
                    api.get("/api/v1/services").await.expect(200);
                }
                1 => {
                    api.post_idem(
                        "/api/v1/feedback",
                        &format!("load-{i}"),
                        json!({"topic": "general", "message": format!("load {i}")}),
                    )
                    .await
                    .expect(201);
                }
                2 => {
                    // New sign-ins (writes to the session tables).
                    let mut fresh = Api::new_with_base(base_url);
                    fresh
                        .sign_in(FAMILY.email, FAMILY.password)
                        .await
                        .expect(201);
                    fresh.get("/api/v1/customer").await.expect(200);
                }
                3 => {
                    api.post_idem(
                        "/api/v1/orders",
                        "load-order",
                        json!({"product_id": "tv-dokumentti"}),
                    )
                    .await
                    .expect(201);
                }
                4 => {
                    api.get("/api/v1/billing").await.expect(200);
                }
                5 => {
                    // Concurrent MIX edits (writes to the same row).
                    let mix = api.service_of("mix-6").await;
                    let allowed: Vec<String> = mix["mix"]["allowed_channels"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| c["id"].as_str().unwrap().to_string())
                        .collect();
                    let start = i % 9;
                    api.put(
                        &format!("/api/v1/services/{}/mix", mix["id"]),
                        json!({"channels": allowed[start..start + 6]}),
                    )
                    .await
                    .expect(200);
                }
                6 => {
                    // Refresh chains of their own sessions.
                    let mut fresh = Api::new_with_base(base_url);
                    fresh
                        .sign_in(FAMILY.email, FAMILY.password)
                        .await
                        .expect(201);
                    let r = fresh.refresh.clone().unwrap();
                    fresh
                        .post("/api/v1/session/refresh", json!({"refresh_token": r}))
                        .await
                        .expect(200);
                }
                _ => {
                    api.get("/api/v1/catalogue").await.expect(200);
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(count(&server, "feedback").await, 25);
    assert_eq!(count(&server, "session_families").await, 1 + 25 + 25);
    assert_eq!(count(&server, "orders").await, 1);
    server.shutdown().await;
}
