//! The Turvapaketti device registry: registration with the subscription key,
//! the licence limit, heartbeats, listing and idempotent release; another
//! customer's devices are never visible or releasable.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn registration(key: &str, name: &str) -> Value {
    json!({"subscription_key": key, "name": name, "os": "linux", "app_version": "19.4.112"})
}

async fn turva(api: &Api) -> (i64, String) {
    let s = api.service_of("turvapaketti-5").await;
    (
        s["id"].as_i64().unwrap(),
        s["security"]["subscription_key"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

async fn in_use(api: &Api) -> u64 {
    api.service_of("turvapaketti-5").await["security"]["devices_in_use"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn demo_family_has_three_of_five_devices_from_the_registry() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let (id, _) = turva(&api).await;
    let list = api
        .get(&format!("/api/v1/services/{id}/devices"))
        .await
        .expect(200);
    assert_eq!(list.body["devices_allowed"], 5);
    let devices = list.body["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 3);
    assert_eq!(in_use(&api).await, 3);
    for d in devices {
        assert_eq!(d["service_id"], id);
        assert!(d["name"].as_str().unwrap().len() > 1);
        assert!(d["last_seen"].as_str().unwrap().ends_with('Z'));
    }
}

#[tokio::test]
async fn register_up_to_the_limit_then_a_clear_refusal_then_release_frees_a_slot() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let (id, key) = turva(&api).await;
    let public = Api::new(&server);
    // The key is accepted as typed (lower case, spaces around it).
    let first = public
        .post(
            "/api/v1/devices",
            registration(&format!("  {}  ", key.to_lowercase()), "työkone"),
        )
        .await
        .expect(201);
    assert_eq!(first.body["name"], "työkone");
    assert_eq!(first.body["os"], "linux");
    assert_eq!(first.body["service_id"], id);
    public
        .post("/api/v1/devices", registration(&key, "kakkoskone"))
        .await
        .expect(201);
    assert_eq!(in_use(&api).await, 5);
    let refused = public
        .post("/api/v1/devices", registration(&key, "kuudes"))
        .await
        .expect_err(409, "device_limit_reached");
    assert_eq!(refused.body["field"], "devices_allowed");
    assert!(refused.body["message"].as_str().unwrap().contains("all 5"));
    assert_eq!(in_use(&api).await, 5);

    let fid = first.body["id"].as_i64().unwrap();
    let path = format!("/api/v1/devices/{fid}");
    api.send(Method::DELETE, &path, None, &[]).await.expect(204);
    // Idempotent.
    api.send(Method::DELETE, &path, None, &[]).await.expect(204);
    assert_eq!(in_use(&api).await, 4);
    let list = api.get(&format!("/api/v1/services/{id}/devices")).await;
    assert!(!list.body["devices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == fid));
    // A released device's heartbeat is refused; the slot is free again.
    public
        .post(
            &format!("{path}/heartbeat"),
            json!({"subscription_key": key}),
        )
        .await
        .expect_err(404, "not_found");
    public
        .post("/api/v1/devices", registration(&key, "kuudes"))
        .await
        .expect(201);
}

#[tokio::test]
async fn the_same_machine_registers_once_and_heartbeats_update_last_seen() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let (_, key) = turva(&api).await;
    let public = Api::new(&server);
    let mut reg = registration(&key, "kone");
    reg["machine_id"] = json!("abc123");
    let a = public
        .post("/api/v1/devices", reg.clone())
        .await
        .expect(201);
    reg["name"] = json!("kone-uusi");
    let b = public.post("/api/v1/devices", reg).await.expect(200);
    assert_eq!(a.body["id"], b.body["id"]);
    assert_eq!(b.body["name"], "kone-uusi");
    assert_eq!(in_use(&api).await, 4);
    let id = a.body["id"].as_i64().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let hb = public
        .post(
            &format!("/api/v1/devices/{id}/heartbeat"),
            json!({"subscription_key": key}),
        )
        .await
        .expect(200);
    assert!(hb.body["last_seen"].as_str().unwrap() > a.body["last_seen"].as_str().unwrap());
    // Another subscription's key does not reach this device.
    let other = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    let other_key = other.service_of("turvapaketti-3").await["security"]["subscription_key"]
        .as_str()
        .unwrap()
        .to_string();
    public
        .post(
            &format!("/api/v1/devices/{id}/heartbeat"),
            json!({"subscription_key": other_key}),
        )
        .await
        .expect_err(404, "not_found");
}

#[tokio::test]
async fn bad_registrations_are_refused_with_the_field() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let (_, key) = turva(&api).await;
    let public = Api::new(&server);
    let r = public
        .post("/api/v1/devices", registration("NOPE-NOPE", "kone"))
        .await
        .expect_err(404, "not_found");
    assert_eq!(r.body["field"], "subscription_key");
    for (body, field) in [
        (registration(&key, ""), "name"),
        (registration(&key, &"x".repeat(65)), "name"),
        (registration("a b", "kone"), "subscription_key"),
        (
            json!({"subscription_key": key, "name": "k", "os": "linux", "app_version": "1\u{7}"}),
            "app_version",
        ),
    ] {
        let r = public
            .post("/api/v1/devices", body)
            .await
            .expect_err(400, "validation_failed");
        assert_eq!(r.body["field"], field);
    }
    public
        .post(
            "/api/v1/devices",
            json!({"subscription_key": key, "name": "k", "os": "amiga", "app_version": "1"}),
        )
        .await
        .expect_err(400, "malformed_request");
    assert_eq!(in_use(&api).await, 3);
}

#[tokio::test]
async fn another_customers_devices_are_never_visible_or_releasable() {
    let server = server().await;
    let family = Api::signed_in(&server, FAMILY).await;
    let stranger = Api::signed_in(&server, NO_PAY_TV_CARD).await;
    let (id, _) = turva(&family).await;
    let list = family.get(&format!("/api/v1/services/{id}/devices")).await;
    stranger
        .get(&format!("/api/v1/services/{id}/devices"))
        .await
        .expect_err(404, "not_found");
    for d in list.body["devices"].as_array().unwrap() {
        let did = d["id"].as_i64().unwrap();
        let r = stranger
            .send(Method::DELETE, &format!("/api/v1/devices/{did}"), None, &[])
            .await
            .expect_err(404, "not_found");
        assert!(!r.text.contains(d["name"].as_str().unwrap()));
    }
    assert_eq!(in_use(&family).await, 3);
    // Not signed in: refused.
    Api::new(&server)
        .send(Method::DELETE, "/api/v1/devices/1", None, &[])
        .await
        .expect_err(401, "unauthorized");
    // A non-security service has no devices.
    let tv = family.service_of("tv-perus").await["id"].as_i64().unwrap();
    family
        .get(&format!("/api/v1/services/{tv}/devices"))
        .await
        .expect_err(404, "not_found");
}

#[tokio::test]
async fn an_update_of_the_package_keeps_the_devices() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let (old, _) = turva(&api).await;
    let r = api
        .post_idem(
            "/api/v1/orders",
            "upgrade-devices",
            json!({"product_id": "turvapaketti-10", "replaces_service_id": old}),
        )
        .await;
    r.expect(201);
    let new = api.service_of("turvapaketti-10").await;
    assert_eq!(new["security"]["devices_in_use"], 3);
    let nid = new["id"].as_i64().unwrap();
    let list = api.get(&format!("/api/v1/services/{nid}/devices")).await;
    assert_eq!(list.body["devices"].as_array().unwrap().len(), 3);
}
