//! The resumable downloader end to end against a portal that answers
//! whatever the fuzzer says: statuses, Content-Range (right, shifted, raw),
//! ETags, Content-Length, truncated/corrupted/raw bodies — starting from an
//! arbitrary leftover `.part`, `.part.meta` and final file.
//! Properties: never a panic; a file under the final name exists only
//! after success and then holds exactly the signed bytes; a failure never
//! leaves a final file.
#![no_main]

use arbitrary::Arbitrary;
use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};
use libfuzzer_sys::fuzz_target;
use portal_api::{Os, SignedManifest};
use portal_client::{
    CancellationToken, ClientConfig, MemoryStore, PortalClient, RetryPolicy, Timeouts,
};
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

const SIZE: usize = 3000;
const NAME: &str = "fuzz-installer.bin";

fn content() -> &'static [u8] {
    static C: OnceLock<Vec<u8>> = OnceLock::new();
    C.get_or_init(|| (0..SIZE).map(|i| (i * 31 % 251) as u8).collect())
}

#[derive(Debug, Clone, Arbitrary)]
enum Range {
    None,
    Right,
    Shifted(i16),
    WrongTotal(u16),
    Star,
    Raw(String),
}

#[derive(Debug, Clone, Arbitrary)]
enum BodySel {
    FromOffset,
    Truncated(u16),
    Corrupt(u16, u8),
    Whole,
    Raw(Vec<u8>),
}

#[derive(Debug, Clone, Arbitrary)]
struct Answer {
    status: u8,
    range: Range,
    etag: Option<bool>,
    body: BodySel,
    /// Declare the real body length (else close-delimited).
    length: bool,
}

#[derive(Debug, Arbitrary)]
enum Meta {
    None,
    Matching(bool),
    Garbage(Vec<u8>),
}

#[derive(Debug, Arbitrary)]
struct Input {
    part: Option<(u16, Option<(u16, u8)>)>,
    meta: Meta,
    final_file: Option<bool>,
    answers: Vec<Answer>,
}

struct Env {
    rt: tokio::runtime::Runtime,
    client: PortalClient,
    manifest: SignedManifest,
    script: Arc<Mutex<VecDeque<Answer>>>,
    url: String,
}

fn etag(b: bool) -> &'static str {
    if b {
        "\"sha-a\""
    } else {
        "\"sha-b\""
    }
}

fn respond(stream: std::net::TcpStream, script: &Mutex<VecDeque<Answer>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut offset = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some(v) = l.to_ascii_lowercase().strip_prefix("range: bytes=") {
            offset = v.trim_end_matches('-').parse().unwrap_or(0);
        }
    }
    let ans = script.lock().unwrap().pop_front();
    let c = content();
    let (status, head, body): (u16, String, Vec<u8>) = match ans {
        None => (
            503,
            String::new(),
            b"{\"code\":\"unavailable\",\"message\":\"x\"}".to_vec(),
        ),
        Some(a) => {
            let statuses = [200u16, 206, 206, 416, 404, 500, 503, 401, 304, 302];
            let status = statuses[a.status as usize % statuses.len()];
            let from = offset.min(SIZE);
            let body = match &a.body {
                BodySel::FromOffset => c[from..].to_vec(),
                BodySel::Truncated(n) => c[from..].iter().take(*n as usize).copied().collect(),
                BodySel::Corrupt(at, x) => {
                    let mut b = c[from..].to_vec();
                    if !b.is_empty() {
                        let i = *at as usize % b.len();
                        b[i] ^= x | 1;
                    }
                    b
                }
                BodySel::Whole => c.to_vec(),
                BodySel::Raw(r) => r.clone(),
            };
            let mut head = String::new();
            let cr = match &a.range {
                Range::None => None,
                Range::Right => Some(format!("bytes {from}-{}/{SIZE}", SIZE.saturating_sub(1))),
                Range::Shifted(d) => Some(format!(
                    "bytes {}-{}/{SIZE}",
                    from as i64 + *d as i64,
                    SIZE - 1
                )),
                Range::WrongTotal(t) => Some(format!("bytes {from}-{}/{t}", SIZE - 1)),
                Range::Star => Some(format!("bytes {from}-{}/*", SIZE - 1)),
                Range::Raw(s) => Some(s.replace(['\r', '\n'], "")),
            };
            if let Some(cr) = cr {
                head.push_str(&format!("Content-Range: {cr}\r\n"));
            }
            if let Some(e) = a.etag {
                head.push_str(&format!("ETag: {}\r\n", etag(e)));
            }
            if a.length {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            (status, head, body)
        }
    };
    let mut s = stream;
    let _ = write!(s, "HTTP/1.1 {status} X\r\nConnection: close\r\n{head}\r\n");
    let _ = s.write_all(&body);
    let _ = s.flush();
}

fn env() -> &'static Env {
    static E: OnceLock<Env> = OnceLock::new();
    E.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let script: Arc<Mutex<VecDeque<Answer>>> = Arc::default();
        let s2 = script.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                respond(stream, &s2);
            }
        });
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let url = format!("/api/v1/installers/{NAME}");
        let payload = serde_json::to_vec(&serde_json::json!({
            "product": "Turvapaketti",
            "issued_at": "2026-11-26T10:00:00Z",
            "installers": [{
                "os": "linux", "version": "1", "file_name": NAME, "url": url,
                "size": SIZE, "sha256": hex::encode(Sha256::digest(content())),
            }],
        }))
        .unwrap();
        let b64 = base64::engine::general_purpose::STANDARD;
        let manifest = SignedManifest {
            key_id: "k".into(),
            payload: b64.encode(&payload),
            signature: b64.encode(key.sign(&payload).to_bytes()),
        };
        let data = tempfile::tempdir().unwrap().keep();
        let mut config =
            ClientConfig::new(base.clone(), data).with_pinned_key(key.verifying_key().to_bytes());
        config.retry = RetryPolicy {
            max_retries: 1,
            min_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
            max_retry_after: Duration::ZERO,
            download_retries: 3,
        };
        config.timeouts = Timeouts {
            connect: Duration::from_millis(500),
            request: Duration::from_millis(500),
            download_idle: Duration::from_millis(500),
        };
        let client = PortalClient::new(config, Arc::new(MemoryStore::new())).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        Env {
            rt,
            client,
            manifest,
            script,
            url: format!("{base}{url}"),
        }
    })
}

fuzz_target!(|input: Input| {
    let e = env();
    let dir = tempfile::tempdir().unwrap();
    let final_path = dir.path().join(NAME);
    let part = dir.path().join(format!("{NAME}.part"));
    let meta = dir.path().join(format!("{NAME}.part.meta"));
    let c = content();
    if let Some((len, corrupt)) = input.part {
        let mut p = c[..(len as usize).min(SIZE + 50).min(SIZE)].to_vec();
        if (len as usize) > SIZE {
            p.extend(std::iter::repeat_n(0u8, (len as usize - SIZE).min(50)));
        }
        if let Some((at, x)) = corrupt {
            if !p.is_empty() {
                let i = at as usize % p.len();
                p[i] ^= x | 1;
            }
        }
        std::fs::write(&part, p).unwrap();
    }
    match &input.meta {
        Meta::None => {}
        Meta::Matching(b) => {
            let m = serde_json::json!({
                "v": 1, "url": e.url, "size": SIZE,
                "sha256": hex::encode(Sha256::digest(c)), "etag": etag(*b),
            });
            std::fs::write(&meta, serde_json::to_vec(&m).unwrap()).unwrap();
        }
        Meta::Garbage(g) => std::fs::write(&meta, g).unwrap(),
    }
    match input.final_file {
        None => {}
        Some(true) => std::fs::write(&final_path, c).unwrap(),
        Some(false) => std::fs::write(&final_path, &c[..SIZE - 1]).unwrap(),
    }
    {
        let mut s = e.script.lock().unwrap();
        s.clear();
        s.extend(input.answers.iter().take(8).cloned());
    }
    let result = e.rt.block_on(e.client.download_installer(
        &e.manifest,
        Os::Linux,
        dir.path(),
        |_| {},
        CancellationToken::new(),
    ));
    match result {
        Ok(p) => {
            assert_eq!(p, final_path);
            let got = std::fs::read(&p).unwrap();
            assert!(got == c, "a final file that is not the signed content");
        }
        Err(err) => {
            if final_path.exists() {
                let got = std::fs::read(&final_path).unwrap();
                panic!(
                    "error {err:?} but a final file exists ({} bytes, correct: {})",
                    got.len(),
                    got == c
                );
            }
        }
    }
});
