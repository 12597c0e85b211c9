//! Shared helpers: a fast portal over loopback and a small JSON client.
#![allow(dead_code, unused_imports)]

use std::time::Duration;

use portal_server::{demo, PasswordHashParams, RunningServer, ServerConfig};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub use portal_server::demo::{FAMILY, FORMER, NO_BILLING, NO_PAY_TV_CARD};

pub fn fast_config() -> ServerConfig {
    ServerConfig {
        password_hash: PasswordHashParams::INSECURE_FAST,
        installer_size: 200_000,
        today: Some("2026-11-26".parse().unwrap()),
        ..ServerConfig::default()
    }
}

pub async fn server() -> RunningServer {
    server_with(fast_config()).await
}

pub async fn server_with(config: ServerConfig) -> RunningServer {
    portal_server::spawn(config).await.expect("portal starts")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
    pub refresh: Option<String>,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Resp {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        self
    }

    #[track_caller]
    pub fn expect_err(self, status: u16, code: &str) -> Self {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        assert_eq!(self.code(), code, "body: {}", self.text);
        assert!(self.body["message"].is_string(), "envelope: {}", self.text);
        self
    }
}

impl Api {
    pub fn new(server: &RunningServer) -> Self {
        Self {
            base: server.base_url(),
            http: http(),
            token: None,
            refresh: None,
        }
    }

    pub fn new_with_base(base: String) -> Self {
        Self {
            base,
            http: http(),
            token: None,
            refresh: None,
        }
    }

    pub async fn signed_in(server: &RunningServer, account: demo::DemoAccount) -> Self {
        let mut api = Self::new(server);
        api.sign_in(account.email, account.password)
            .await
            .expect(201);
        api
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Resp {
        let r = self
            .send(
                Method::POST,
                "/api/v1/session",
                Some(serde_json::json!({"email": email, "password": password})),
                &[],
            )
            .await;
        if r.status == StatusCode::CREATED {
            self.token = r.body["access_token"].as_str().map(str::to_owned);
            self.refresh = r.body["refresh_token"].as_str().map(str::to_owned);
        }
        r
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut req = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(status.as_u16() < 500, "5xx for {path}: {status} {text}");
        if status.as_u16() >= 400 {
            assert!(
                body["code"].is_string() && body["message"].is_string(),
                "error without envelope for {path}: {status} {text}"
            );
        }
        Resp {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Resp {
        self.send(Method::PUT, path, Some(body), &[]).await
    }

    pub async fn post_idem(&self, path: &str, key: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(body), &[("Idempotency-Key", key)])
            .await
    }

    /// Raw body with an explicit content type.
    pub async fn raw(&self, method: Method, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        let mut req = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .header("content-type", content_type)
            .header("Idempotency-Key", "raw-key")
            .body(body);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(status.as_u16() < 500, "5xx for {path}: {status} {text}");
        Resp {
            status,
            headers,
            body,
            text,
        }
    }

    /// The customer's service with this product id.
    pub async fn service_of(&self, product_id: &str) -> Value {
        let list = self.get("/api/v1/services").await.expect(200);
        list.body["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["product_id"] == product_id && s["status"] != "ended")
            .cloned()
            .unwrap_or_else(|| panic!("no {product_id} service"))
    }
}

/// Counts rows of a table straight from the SQLite file.
pub async fn count(server: &RunningServer, table: &str) -> i64 {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(server.db_path())
        .connect()
        .await
        .unwrap();
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&mut conn)
        .await
        .unwrap()
}
