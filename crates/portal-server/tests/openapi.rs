//! The committed OpenAPI document is up to date and lists every route.

use std::path::PathBuf;

#[path = "api/common.rs"]
mod common;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json")
}

#[test]
fn committed_openapi_is_up_to_date() {
    let generated = portal_server::openapi::json();
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "crates/portal-server/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p portal-server --test openapi` and commit it"
    );
}

#[test]
fn document_lists_every_route_and_method() {
    let doc: serde_json::Value = serde_json::from_str(portal_server::openapi::json()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let table = portal_server::route_table();
    for route in &table {
        let item = paths
            .get(route.path)
            .unwrap_or_else(|| panic!("{} missing from the OpenAPI document", route.path));
        for m in route.methods {
            let op = &item[m.to_lowercase()];
            assert!(
                op.is_object(),
                "{m} {} missing from the document",
                route.path
            );
            let security = op["security"].as_array().cloned().unwrap_or_default();
            let anonymous = security
                .iter()
                .any(|s| s.as_object().is_some_and(|o| o.is_empty()));
            let bearer = security.iter().any(|s| s.get("bearer").is_some());
            let public = route.public.contains(m);
            if public {
                assert!(anonymous && !bearer, "{m} {} should be public", route.path);
            } else {
                assert!(bearer, "{m} {} should need a bearer token", route.path);
            }
        }
    }
    // And nothing documented that the router does not serve.
    for (path, item) in paths {
        let route = table
            .iter()
            .find(|r| r.path == path)
            .unwrap_or_else(|| panic!("{path} documented but not routed"));
        for m in item.as_object().unwrap().keys() {
            assert!(
                route.methods.iter().any(|rm| rm.eq_ignore_ascii_case(m)),
                "{m} {path} documented but not routed"
            );
        }
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn router_serves_every_route_in_the_table() {
    let server = common::server().await;
    let http = common::http();
    for route in portal_server::route_table() {
        let path = route
            .path
            .replace("{id}", "1")
            .replace("{file_name}", "fsecure-safe-linux.bin")
            .replace("{code}", "x");
        for m in route.methods {
            let method = reqwest::Method::from_bytes(m.as_bytes()).unwrap();
            let resp = http
                .request(method, format!("{}{}", server.base_url(), path))
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let body: serde_json::Value = resp.json().await.unwrap_or_default();
            assert_ne!(status, 405, "{m} {path}");
            assert!(
                body["message"] != "no such endpoint",
                "{m} {path} is not routed"
            );
        }
    }
    // The served document is the committed one.
    let served = http
        .get(format!("{}/api/v1/openapi.json", server.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(served, portal_server::openapi::json());
    server.shutdown().await;
}
