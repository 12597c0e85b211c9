use crate::common::*;
use base64::Engine;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use portal_api::{InstallerManifest, OrderedService, ServiceList, ServiceStatus};
use reqwest::Method;
use serde_json::json;

fn today() -> NaiveDate {
    fast_config().today.unwrap()
}

#[tokio::test]
async fn family_services_look_right() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let r = api.get("/api/v1/services").await.expect(200);
    let list: ServiceList = serde_json::from_value(r.body).unwrap();
    assert_eq!(list.as_of, today());
    let find = |id: &str| {
        list.services
            .iter()
            .find(|s| s.product_id == id && s.status != ServiceStatus::Ended)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let turva = find("turvapaketti-5");
    assert_eq!(turva.status, ServiceStatus::EndingSoon);
    assert_eq!(turva.end_date, Some(today() + chrono::Days::new(20)));
    assert_eq!(turva.validity, portal_api::Validity::FixedTerm);
    assert_eq!(turva.group, "security");
    let sec = turva.security.as_ref().unwrap();
    assert_eq!((sec.devices_allowed, sec.devices_in_use), (5, 3));
    assert!(!sec.subscription_key.is_empty());
    assert!(sec
        .device_link
        .starts_with(&format!("{}/d/", server.base_url())));
    assert!(!sec.device_link.contains(&sec.subscription_key));
    assert_eq!(sec.installers.len(), 3);
    assert!(turva
        .updates_available
        .contains(&"turvapaketti-10".to_string()));

    let bb = find("laajakaista-200");
    assert_eq!(bb.end_date, None);
    assert_eq!(bb.status, ServiceStatus::Active);
    assert!(find("tv-perus").status == ServiceStatus::Active);
    assert!(find("maksu-elokuvat").status == ServiceStatus::Active);
    let mix = find("mix-6").mix.as_ref().unwrap();
    assert_eq!(mix.selected.len(), 6);
    assert_eq!(mix.channel_count, 6);
    assert!(mix.allowed_channels.len() >= 12);
    assert!(list
        .services
        .iter()
        .any(|s| s.status == ServiceStatus::Ended));

    // The total is the sum of billed services only.
    let expected: i64 = list
        .services
        .iter()
        .filter(|s| s.status.is_billed())
        .map(|s| s.monthly_price_cents)
        .sum();
    assert_eq!(list.monthly_total_cents, expected);
    assert!(expected > 0);

    // One service by id.
    let one = api
        .get(&format!("/api/v1/services/{}", turva.id))
        .await
        .expect(200);
    let one: OrderedService = serde_json::from_value(one.body).unwrap();
    assert_eq!(&one, turva);
    api.get("/api/v1/services/999999")
        .await
        .expect_err(404, "not_found");
    api.get("/api/v1/services/abc")
        .await
        .expect_err(404, "not_found");
    api.get("/api/v1/services/-1")
        .await
        .expect_err(404, "not_found");
    server.shutdown().await;
}

#[tokio::test]
async fn manifest_is_signed_by_the_portal_key() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let turva = api.service_of("turvapaketti-5").await;
    let sec: portal_api::SecurityInfo = serde_json::from_value(turva["security"].clone()).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD;
    let payload = b64.decode(&sec.manifest.payload).unwrap();
    let sig: [u8; 64] = b64
        .decode(&sec.manifest.signature)
        .unwrap()
        .try_into()
        .unwrap();
    let key = VerifyingKey::from_bytes(&server.public_key_bytes()).unwrap();
    key.verify(&payload, &Signature::from_bytes(&sig)).unwrap();
    assert_eq!(sec.manifest.key_id, server.signing_key().key_id);
    let manifest: InstallerManifest = serde_json::from_slice(&payload).unwrap();
    assert_eq!(manifest.installers, sec.installers);
    let oses: Vec<_> = manifest.installers.iter().map(|i| i.os).collect();
    assert_eq!(
        oses,
        [
            portal_api::Os::Windows,
            portal_api::Os::Macos,
            portal_api::Os::Linux
        ]
    );
    for i in &manifest.installers {
        assert_eq!(i.url, format!("/api/v1/installers/{}", i.file_name));
        assert_eq!(i.size, 200_000);
        assert_eq!(i.sha256.len(), 64);
    }
    // A tampered payload does not verify.
    let mut bad = payload.clone();
    bad[10] ^= 1;
    assert!(key.verify(&bad, &Signature::from_bytes(&sig)).is_err());
    server.shutdown().await;
}

#[tokio::test]
async fn mix_edit_rules() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let mix = api.service_of("mix-6").await;
    let id = mix["id"].as_i64().unwrap();
    let path = format!("/api/v1/services/{id}/mix");
    let allowed: Vec<String> = mix["mix"]["allowed_channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();

    let r = api
        .put(&path, json!({"channels": allowed[..5]}))
        .await
        .expect_err(422, "mix_wrong_count");
    assert_eq!(r.body["field"], "channels");
    api.put(&path, json!({"channels": allowed[..7]}))
        .await
        .expect_err(422, "mix_wrong_count");
    let mut dup = allowed[..5].to_vec();
    dup.push(allowed[0].clone());
    api.put(&path, json!({ "channels": dup }))
        .await
        .expect_err(422, "mix_wrong_count");
    let mut foreign = allowed[..5].to_vec();
    foreign.push("eurosport".into()); // a channel, but not in the MIX set
    api.put(&path, json!({ "channels": foreign }))
        .await
        .expect_err(422, "mix_channel_not_allowed");
    // Unchanged after the refusals.
    assert_eq!(
        api.service_of("mix-6").await["mix"]["selected"],
        mix["mix"]["selected"]
    );

    let new: Vec<String> = allowed[allowed.len() - 6..].to_vec();
    let r = api.put(&path, json!({ "channels": new })).await.expect(200);
    assert_eq!(r.body["mix"]["selected"], json!(new));
    assert_eq!(api.service_of("mix-6").await["mix"]["selected"], json!(new));

    // Not a MIX package.
    let tv = api.service_of("tv-perus").await;
    api.put(
        &format!("/api/v1/services/{}/mix", tv["id"]),
        json!({ "channels": new }),
    )
    .await
    .expect_err(409, "update_not_allowed");
    api.put("/api/v1/services/999999/mix", json!({ "channels": new }))
        .await
        .expect_err(404, "not_found");
    server.shutdown().await;
}

#[tokio::test]
async fn there_is_no_cancellation_endpoint() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let before = count(&server, "services").await;
    let tv = api.service_of("tv-perus").await;
    let path = format!("/api/v1/services/{}", tv["id"]);
    let r = api.send(Method::DELETE, &path, None, &[]).await;
    assert!(matches!(r.status.as_u16(), 404 | 405), "{}", r.text);
    let r = api
        .send(Method::POST, &format!("{path}/cancel"), None, &[])
        .await;
    assert!(matches!(r.status.as_u16(), 404 | 405), "{}", r.text);
    assert_eq!(api.service_of("tv-perus").await, tv);
    assert_eq!(count(&server, "services").await, before);
    server.shutdown().await;
}

#[tokio::test]
async fn billing_summary_groups_the_invoice() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let services: ServiceList =
        serde_json::from_value(api.get("/api/v1/services").await.expect(200).body).unwrap();
    let b = api.get("/api/v1/billing").await.expect(200);
    let summary: portal_api::BillingSummary = serde_json::from_value(b.body).unwrap();
    assert_eq!(summary.monthly_total_cents, services.monthly_total_cents);
    assert_eq!(
        summary.groups.iter().map(|g| g.total_cents).sum::<i64>(),
        summary.monthly_total_cents
    );
    let tv = summary.groups.iter().find(|g| g.group == "tv").unwrap();
    assert_eq!(tv.name.fi, "TV-kanavat");
    assert_eq!(tv.service_count, 4); // basic, MIX, pay channel, sports season
    assert_eq!(
        summary.next_invoice_date,
        "2026-12-01".parse::<NaiveDate>().unwrap()
    );
    server.shutdown().await;
}

#[tokio::test]
async fn next_invoice_date_rolls_over_the_year() {
    let server = server_with(portal_server::ServerConfig {
        today: Some("2026-12-31".parse().unwrap()),
        ..fast_config()
    })
    .await;
    let api = Api::signed_in(&server, FAMILY).await;
    let b = api.get("/api/v1/billing").await.expect(200);
    assert_eq!(b.body["next_invoice_date"], "2027-01-01");
    server.shutdown().await;
}

#[tokio::test]
async fn device_link_page_lists_installers() {
    let server = server().await;
    let api = Api::signed_in(&server, FAMILY).await;
    let turva = api.service_of("turvapaketti-5").await;
    let link = turva["security"]["device_link"].as_str().unwrap();
    let page = api.http.get(link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    assert!(page.headers().get("content-security-policy").is_some());
    let html = page.text().await.unwrap();
    assert!(html.contains(turva["security"]["subscription_key"].as_str().unwrap()));
    for i in turva["security"]["installers"].as_array().unwrap() {
        assert!(html.contains(i["url"].as_str().unwrap()));
    }
    let r = api
        .http
        .get(format!("{}/d/unknown-code", server.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    server.shutdown().await;
}
