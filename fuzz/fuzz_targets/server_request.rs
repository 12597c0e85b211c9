//! The portal's request handling, in-process: the real axum application
//! (`RunningServer::router`) over a real SQLite database with the demo
//! data, fed arbitrary methods, paths, queries, headers, tokens and bodies
//! through `tower::ServiceExt::oneshot`. Never a 5xx other than 503 (a
//! deliberate "busy"), never a panic (the app's catch-panic layer would
//! turn one into a 500), and every API error is the JSON envelope.
#![no_main]

use arbitrary::Arbitrary;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request};
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use portal_server::{demo, PasswordHashParams, RunningServer, ServerConfig};
use std::net::SocketAddr;
use std::sync::OnceLock;
use tower::ServiceExt;

struct Env {
    rt: tokio::runtime::Runtime,
    router: axum::Router,
    token: String,
    other_token: String,
    service_ids: Vec<i64>,
    _server: RunningServer,
}

fn env() -> &'static Env {
    static E: OnceLock<Env> = OnceLock::new();
    E.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(async {
            portal_server::spawn(ServerConfig {
                password_hash: PasswordHashParams::INSECURE_FAST,
                installer_size: 4096,
                ..ServerConfig::default()
            })
            .await
            .expect("portal starts")
        });
        let router = server.router();
        let sign_in = |email: &str, password: &str| -> String {
            let body = serde_json::json!({"email": email, "password": password}).to_string();
            let (status, bytes) = rt.block_on(send(
                &router,
                Request::post("/api/v1/session")
                    .header("content-type", "application/json")
                    .body(Body::from(body))
                    .unwrap(),
            ));
            assert_eq!(status, 201, "{}", String::from_utf8_lossy(&bytes));
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            v["access_token"].as_str().unwrap().to_owned()
        };
        let token = sign_in(demo::FAMILY.email, demo::FAMILY.password);
        let other_token = sign_in(demo::NO_PAY_TV_CARD.email, demo::NO_PAY_TV_CARD.password);
        let (_, bytes) = rt.block_on(send(
            &router,
            Request::get("/api/v1/services")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        ));
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let service_ids = v["services"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["id"].as_i64())
            .collect();
        Env {
            rt,
            router,
            token,
            other_token,
            service_ids,
            _server: server,
        }
    })
}

async fn send(router: &axum::Router, mut req: Request<Body>) -> (u16, Vec<u8>) {
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    let resp = router.clone().oneshot(req).await.expect("infallible");
    let status = resp.status().as_u16();
    let bytes = resp
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    (status, bytes)
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
const TEMPLATES: &[&str] = &[
    "/api/v1/health",
    "/api/v1/openapi.json",
    "/api/v1/signing-key",
    "/api/v1/contact",
    "/api/v1/catalogue",
    "/api/v1/installers/{}",
    "/api/v1/session",
    "/api/v1/session/refresh",
    "/api/v1/customer",
    "/api/v1/customer/email",
    "/api/v1/customer/password",
    "/api/v1/services",
    "/api/v1/services/{}",
    "/api/v1/services/{}/mix",
    "/api/v1/orders",
    "/api/v1/billing",
    "/api/v1/feedback",
    "/d/{}",
];
const FIELDS: &[&str] = &[
    "product_id",
    "replaces_service_id",
    "mix_channels",
    "channels",
    "topic",
    "message",
    "contact_me",
    "contact_email",
    "contact_phone",
    "service_id",
    "email",
    "password",
    "current_password",
    "new_password",
    "refresh_token",
];
const WORDS: &[&str] = &[
    "tv-perus",
    "tv-viihde",
    "tv-dokumentti",
    "maksu-elokuvat",
    "maksu-urheilu",
    "mix-6",
    "mix-10",
    "turvapaketti-3",
    "turvapaketti-5",
    "turvapaketti-10",
    "laajakaista-50",
    "laajakaista-1000",
    "general",
    "termination",
    "billing",
    "mtv-sub",
    "liv",
    "jim",
    "hero",
    "frii",
    "tv5",
    "perhe@example.fi",
    "+358401234567",
    "040 123 4567",
    "a@b.fi",
    "",
];

#[derive(Debug, Arbitrary)]
enum Seg {
    Id(u8),
    Num(i64),
    Word(u8),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum PathSel {
    Template(u8, Seg),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Auth {
    None,
    Valid,
    Other,
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum J {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Word(u8),
    Id(u8),
    Words(Vec<u8>),
    Obj(Vec<(u8, u8)>),
}

#[derive(Debug, Arbitrary)]
enum BodySel {
    Empty,
    Raw(Vec<u8>),
    Json(Vec<(u8, J)>),
}

const HEADER_NAMES: &[&str] = &[
    "range",
    "if-range",
    "if-none-match",
    "accept",
    "accept-language",
    "content-length",
    "transfer-encoding",
    "content-encoding",
    "x-forwarded-for",
    "cookie",
    "origin",
    "idempotency-key",
    "authorization",
    "content-type",
    "user-agent",
];

#[derive(Debug, Arbitrary)]
enum HeaderSel {
    Known(u8, String),
    Raw(String, String),
}

#[derive(Debug, Arbitrary)]
struct Input {
    method: u8,
    path: PathSel,
    query: Option<String>,
    auth: Auth,
    json_content_type: bool,
    content_type: Option<String>,
    idempotency_key: Option<String>,
    headers: Vec<HeaderSel>,
    body: BodySel,
}

fn word(i: u8) -> &'static str {
    WORDS[i as usize % WORDS.len()]
}

fn json(e: &Env, j: &J) -> serde_json::Value {
    use serde_json::Value as V;
    match j {
        J::Null => V::Null,
        J::Bool(b) => V::Bool(*b),
        J::Int(i) => (*i).into(),
        J::Float(f) => serde_json::Number::from_f64(*f).map_or(V::Null, V::Number),
        J::Str(s) => V::String(s.clone()),
        J::Word(w) => V::String(word(*w).into()),
        J::Id(i) => e.service_ids[*i as usize % e.service_ids.len()].into(),
        J::Words(ws) => V::Array(ws.iter().map(|w| V::String(word(*w).into())).collect()),
        J::Obj(kv) => V::Object(
            kv.iter()
                .map(|(k, v)| {
                    (
                        FIELDS[*k as usize % FIELDS.len()].to_owned(),
                        V::String(word(*v).into()),
                    )
                })
                .collect(),
        ),
    }
}

fuzz_target!(|input: Input| {
    let e = env();
    let method = METHODS[input.method as usize % METHODS.len()];
    let mut path = match &input.path {
        PathSel::Template(t, seg) => {
            let seg = match seg {
                Seg::Id(i) => e.service_ids[*i as usize % e.service_ids.len()].to_string(),
                Seg::Num(n) => n.to_string(),
                Seg::Word(w) => word(*w).to_owned(),
                Seg::Raw(s) => s.clone(),
            };
            TEMPLATES[*t as usize % TEMPLATES.len()].replace("{}", &seg)
        }
        PathSel::Raw(s) => s.clone(),
    };
    // Signing out the shared session would spoil every later input.
    if method == "DELETE"
        && matches!(input.auth, Auth::Valid)
        && path.trim_end_matches('/').ends_with("/session")
    {
        return;
    }
    if let Some(q) = &input.query {
        path = format!("{path}?{q}");
    }
    let Ok(method) = Method::from_bytes(method.as_bytes()) else {
        return;
    };
    let mut b = Request::builder().method(method).uri(path.as_str());
    match &input.auth {
        Auth::None => {}
        Auth::Valid => b = b.header("authorization", format!("Bearer {}", e.token)),
        Auth::Other => b = b.header("authorization", format!("Bearer {}", e.other_token)),
        Auth::Raw(s) => b = b.header("authorization", s.as_str()),
    }
    if input.json_content_type {
        b = b.header("content-type", "application/json");
    } else if let Some(ct) = &input.content_type {
        b = b.header("content-type", ct.as_str());
    }
    if let Some(k) = &input.idempotency_key {
        b = b.header("idempotency-key", k.as_str());
    }
    for h in &input.headers {
        b = match h {
            HeaderSel::Known(i, v) => {
                b.header(HEADER_NAMES[*i as usize % HEADER_NAMES.len()], v.as_str())
            }
            HeaderSel::Raw(k, v) => b.header(k.as_str(), v.as_str()),
        };
    }
    let body = match &input.body {
        BodySel::Empty => Body::empty(),
        BodySel::Raw(bytes) => Body::from(bytes.clone()),
        BodySel::Json(fields) => {
            let obj: serde_json::Map<_, _> = fields
                .iter()
                .map(|(k, v)| (FIELDS[*k as usize % FIELDS.len()].to_owned(), json(e, v)))
                .collect();
            Body::from(serde_json::Value::Object(obj).to_string())
        }
    };
    let Ok(req) = b.body(body) else { return };
    let (status, bytes) = e.rt.block_on(send(&e.router, req));
    assert!(
        status < 500 || status == 503,
        "{status} for {input:?}: {}",
        String::from_utf8_lossy(&bytes)
    );
    if status >= 400 && path.starts_with("/api/") && !bytes.is_empty() {
        let parsed = serde_json::from_slice::<portal_api::ErrorBody>(&bytes);
        assert!(
            parsed.is_ok(),
            "{status} without the error envelope for {input:?}: {}",
            String::from_utf8_lossy(&bytes)
        );
    }
});
