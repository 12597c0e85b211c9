//! Test support: the real portal server on an ephemeral loopback port, and
//! a fault-injecting HTTP proxy in front of it.
//!
//! The proxy serves one request per connection (keep-alive off), forwards
//! to the server, logs every request (method, path, Range, status, body
//! bytes sent to the client) and applies scripted faults: cut the body after
//! N bytes, delay the answer, answer 500/429/503 (with `Retry-After`),
//! answer a malformed body, flip a byte of the body; and it can go "down"
//! (every connection is closed at once, like an unreachable host).

#![allow(dead_code)]

use axum::body::Body;
use bytes::Bytes;
use futures_util::StreamExt;
use hyper::body::Incoming;
use hyper::{Request, Response};
use portal_client::{ClientConfig, MemoryStore, PortalClient, RetryPolicy, SessionStore, Timeouts};
use portal_server::{PasswordHashParams, RunningServer, ServerConfig};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

pub use portal_server::demo::FAMILY;

/// A portal server for tests: fast password hashing.
pub async fn server(installer_size: u64, access_ttl: Duration) -> RunningServer {
    portal_server::spawn(ServerConfig {
        installer_size,
        access_token_ttl: access_ttl,
        password_hash: PasswordHashParams::INSECURE_FAST,
        ..ServerConfig::default()
    })
    .await
    .expect("portal server starts")
}

#[derive(Debug, Clone)]
pub enum Fault {
    /// Forward, but end the body abruptly after this many bytes.
    CutAfter(u64),
    /// Forward, and answer only after this delay.
    Delay(Duration),
    /// Answer this status with the portal's envelope, without forwarding.
    Status {
        status: u16,
        retry_after: Option<String>,
    },
    /// Answer 200 with a body that is not the expected JSON.
    Malformed,
    /// Forward, flipping the byte at this body offset.
    FlipByte(u64),
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub method: Option<String>,
    pub path_prefix: String,
    pub fault: Fault,
    pub times: usize,
}

#[derive(Debug, Clone)]
pub struct Logged {
    pub method: String,
    pub path: String,
    pub range: Option<String>,
    pub status: u16,
    pub body_bytes: Arc<AtomicU64>,
    pub faulted: bool,
}

struct ProxyState {
    upstream: String,
    http: reqwest::Client,
    rules: Mutex<Vec<Rule>>,
    log: Mutex<Vec<Logged>>,
    down: AtomicBool,
}

pub struct Proxy {
    pub addr: SocketAddr,
    state: Arc<ProxyState>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub async fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(ProxyState {
            upstream: upstream.trim_end_matches('/').to_string(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            rules: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            down: AtomicBool::new(false),
        });
        let st = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                if st.down.load(Ordering::SeqCst) {
                    drop(stream);
                    continue;
                }
                let st2 = st.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req| {
                        let st3 = st2.clone();
                        async move { Ok::<_, std::convert::Infallible>(handle(st3, req).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(false)
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        Proxy { addr, state, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Adds a fault for the next `times` matching requests.
    pub fn fault(&self, method: Option<&str>, path_prefix: &str, fault: Fault, times: usize) {
        self.state.rules.lock().unwrap().push(Rule {
            method: method.map(str::to_string),
            path_prefix: path_prefix.to_string(),
            fault,
            times,
        });
    }

    pub fn clear_faults(&self) {
        self.state.rules.lock().unwrap().clear();
    }

    pub fn set_down(&self, down: bool) {
        self.state.down.store(down, Ordering::SeqCst);
    }

    pub fn log(&self) -> Vec<Logged> {
        self.state.log.lock().unwrap().clone()
    }

    pub fn clear_log(&self) {
        self.state.log.lock().unwrap().clear();
    }

    /// Requests whose method and path match.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.log()
            .iter()
            .filter(|l| l.method == method && l.path == path)
            .count()
    }

    /// Body bytes sent to the client for paths starting with `prefix`.
    pub fn body_bytes(&self, prefix: &str) -> u64 {
        self.log()
            .iter()
            .filter(|l| l.path.starts_with(prefix))
            .map(|l| l.body_bytes.load(Ordering::SeqCst))
            .sum()
    }
}

fn envelope(status: u16) -> String {
    let code = match status {
        429 => "rate_limited",
        503 => "unavailable",
        _ => "internal",
    };
    format!(r#"{{"code":"{code}","message":"injected by the test proxy"}}"#)
}

async fn handle(st: Arc<ProxyState>, req: Request<Incoming>) -> Response<Body> {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let path_q = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    let range = req
        .headers()
        .get("range")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let fault = {
        let mut rules = st.rules.lock().unwrap();
        let pos = rules.iter().position(|r| {
            r.times > 0
                && path.starts_with(&r.path_prefix)
                && r.method.as_deref().is_none_or(|m| m == method)
        });
        pos.map(|i| {
            rules[i].times -= 1;
            let f = rules[i].fault.clone();
            if rules[i].times == 0 {
                rules.remove(i);
            }
            f
        })
    };
    let counter = Arc::new(AtomicU64::new(0));
    let mut entry = Logged {
        method: method.clone(),
        path: path.clone(),
        range,
        status: 0,
        body_bytes: counter.clone(),
        faulted: fault.is_some(),
    };

    // Answers made up by the proxy.
    match &fault {
        Some(Fault::Status {
            status,
            retry_after,
        }) => {
            entry.status = *status;
            st.log.lock().unwrap().push(entry);
            let mut b = Response::builder()
                .status(*status)
                .header("content-type", "application/json");
            if let Some(ra) = retry_after {
                b = b.header("retry-after", ra.as_str());
            }
            return b.body(Body::from(envelope(*status))).unwrap();
        }
        Some(Fault::Malformed) => {
            entry.status = 200;
            st.log.lock().unwrap().push(entry);
            return Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(Body::from("{\"services\": [1, 2, <<garbage"))
                .unwrap();
        }
        _ => {}
    }

    // Forward.
    let (parts, body) = req.into_parts();
    let body_bytes = axum::body::to_bytes(Body::new(body), 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let mut rb = st
        .http
        .request(parts.method.clone(), format!("{}{}", st.upstream, path_q));
    for (name, value) in parts.headers.iter() {
        if !matches!(name.as_str(), "host" | "connection" | "content-length") {
            rb = rb.header(name, value);
        }
    }
    let upstream = match rb.body(body_bytes).send().await {
        Ok(r) => r,
        Err(_) => {
            entry.status = 502;
            st.log.lock().unwrap().push(entry);
            return Response::builder().status(502).body(Body::empty()).unwrap();
        }
    };
    let status = upstream.status().as_u16();
    entry.status = status;
    st.log.lock().unwrap().push(entry);
    let mut resp = Response::builder().status(status);
    for (name, value) in upstream.headers().iter() {
        if !matches!(name.as_str(), "transfer-encoding" | "connection") {
            resp = resp.header(name, value);
        }
    }
    if let Some(Fault::Delay(d)) = &fault {
        let all = upstream.bytes().await.unwrap_or_default();
        tokio::time::sleep(*d).await;
        counter.fetch_add(all.len() as u64, Ordering::SeqCst);
        return resp.body(Body::from(all)).unwrap();
    }
    let cut = match &fault {
        Some(Fault::CutAfter(n)) => Some(*n),
        _ => None,
    };
    let flip = match &fault {
        Some(Fault::FlipByte(n)) => Some(*n),
        _ => None,
    };
    let mut sent: u64 = 0;
    let stream = upstream.bytes_stream().map(move |chunk| {
        let chunk = chunk.map_err(std::io::Error::other)?;
        let mut chunk = chunk.to_vec();
        if let Some(limit) = cut {
            if sent >= limit {
                return Err(std::io::Error::other("cut by the test proxy"));
            }
            let room = (limit - sent) as usize;
            if chunk.len() > room {
                chunk.truncate(room);
            }
        }
        if let Some(at) = flip {
            if at >= sent && at < sent + chunk.len() as u64 {
                chunk[(at - sent) as usize] ^= 0xff;
            }
        }
        sent += chunk.len() as u64;
        counter.fetch_add(chunk.len() as u64, Ordering::SeqCst);
        Ok::<Bytes, std::io::Error>(Bytes::from(chunk))
    });
    // After the cut, end with an error so the connection is aborted.
    let stream = stream.chain(futures_util::stream::once(async move {
        if cut.is_some() {
            Err(std::io::Error::other("cut by the test proxy"))
        } else {
            Ok(Bytes::new())
        }
    }));
    resp.body(Body::from_stream(stream)).unwrap()
}

/// A client for tests: short timeouts and fast retries.
pub fn config(base_url: &str, data_dir: &Path, pinned: Option<[u8; 32]>) -> ClientConfig {
    ClientConfig {
        base_url: base_url.to_string(),
        pinned_keys: pinned.into_iter().collect(),
        timeouts: Timeouts {
            connect: Duration::from_secs(2),
            request: Duration::from_secs(5),
            download_idle: Duration::from_secs(5),
        },
        retry: RetryPolicy {
            max_retries: 3,
            min_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(3),
            download_retries: 5,
        },
        data_dir: data_dir.to_path_buf(),
        portal_id: base_url.to_string(),
    }
}

pub fn client_with(config: ClientConfig, store: Arc<dyn SessionStore>) -> PortalClient {
    PortalClient::new(config, store).expect("client")
}

pub fn client(base_url: &str, data_dir: &Path, pinned: Option<[u8; 32]>) -> PortalClient {
    client_with(
        config(base_url, data_dir, pinned),
        Arc::new(MemoryStore::new()),
    )
}

pub async fn signed_in(client: &PortalClient) {
    client
        .sign_in(FAMILY.email, FAMILY.password.into(), false)
        .await
        .expect("demo sign-in");
}

/// A loopback address where nothing listens.
pub async fn dead_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

/// Every file below `dir` (recursively).
pub fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A portal, a fault proxy in front of it, a data dir, and a client signed in
/// through the proxy: the set-up of most client tests.
pub struct Harness {
    pub srv: RunningServer,
    pub proxy: Proxy,
    pub dir: tempfile::TempDir,
    pub c: PortalClient,
}

impl Harness {
    pub async fn signed_in() -> Harness {
        let srv = server(64 * 1024, Duration::from_secs(300)).await;
        let proxy = Proxy::start(&srv.base_url()).await;
        let dir = tempfile::tempdir().unwrap();
        let c = client(&proxy.url(), dir.path(), None);
        signed_in(&c).await;
        Harness { srv, proxy, dir, c }
    }
}
