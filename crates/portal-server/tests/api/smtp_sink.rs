//! A real SMTP server for the email tests: speaks enough of RFC 5321 for a
//! client (lettre) to deliver, keeps what arrives, and can answer the next
//! deliveries with a transient failure (451).
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// One delivered email.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    /// The raw message (headers and MIME parts).
    pub data: String,
}

impl Mail {
    /// The message decoded from quoted-printable (soft breaks removed).
    pub fn decoded(&self) -> String {
        qp_decode(&self.data)
    }

    /// A header's value, unfolded, RFC 2047 words (`=?utf-8?b?…?=`) decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        use base64::Engine;
        let prefix = format!("{}: ", name.to_ascii_lowercase());
        let mut lines = self.data.lines().take_while(|l| !l.is_empty());
        let first = lines.find(|l| l.to_ascii_lowercase().starts_with(&prefix))?;
        let mut raw = first[prefix.len()..].to_string();
        for l in lines.take_while(|l| l.starts_with([' ', '\t'])) {
            raw.push_str(l);
        }
        // Space between two encoded words is dropped, any other kept.
        let mut out = String::new();
        let mut last_encoded = false;
        for word in raw.split_whitespace() {
            let lower = word.to_ascii_lowercase();
            match lower
                .strip_prefix("=?utf-8?b?")
                .and_then(|w| w.strip_suffix("?="))
            {
                Some(_) => {
                    if !out.is_empty() && !last_encoded {
                        out.push(' ');
                    }
                    last_encoded = true;
                    let b64 = &word[10..word.len() - 2];
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .expect("base64 word");
                    out.push_str(&String::from_utf8(bytes).expect("utf-8 word"));
                }
                None => {
                    last_encoded = false;
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
            }
        }
        Some(out)
    }

    /// The token of the first `omahallinta://reset?token=` link.
    pub fn reset_token(&self) -> String {
        portal_server::mail::reset_token_in_message(&self.data).expect("a reset link")
    }
}

pub struct SmtpSink {
    pub port: u16,
    rx: mpsc::UnboundedReceiver<Mail>,
    fail_next: Arc<AtomicU32>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = mpsc::unbounded_channel();
        let fail_next = Arc::new(AtomicU32::new(0));
        let fail = fail_next.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, tx.clone(), fail.clone()));
            }
        });
        Self {
            port,
            rx,
            fail_next,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Answers the next `n` deliveries with `451` (try again later).
    pub fn fail_next(&self, n: u32) {
        self.fail_next.store(n, Ordering::SeqCst);
    }

    /// The next email, waiting up to 10 s.
    pub async fn next(&mut self) -> Mail {
        tokio::time::timeout(Duration::from_secs(10), self.rx.recv())
            .await
            .expect("an email arrives within 10 s")
            .expect("the sink runs")
    }

    /// Whatever arrives within `wait`.
    pub async fn try_next(&mut self, wait: Duration) -> Option<Mail> {
        tokio::time::timeout(wait, self.rx.recv())
            .await
            .ok()
            .flatten()
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    tx: mpsc::UnboundedSender<Mail>,
    fail: Arc<AtomicU32>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 sink.test ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    while let Some(line) = lines.next_line().await? {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("HELO")
            || upper.starts_with("RSET")
            || upper.starts_with("NOOP")
        {
            b"250 OK\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = line[10..].trim().to_string();
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            to.push(line[8..].trim().to_string());
            b"250 OK\r\n"
        } else if upper == "DATA" {
            write.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            while let Some(l) = lines.next_line().await? {
                if l == "." {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
                data.push('\n');
            }
            let failing = fail
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if failing {
                b"451 try again later\r\n"
            } else {
                let _ = tx.send(Mail {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    data,
                });
                b"250 queued\r\n"
            }
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"502 not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
    Ok(())
}

fn qp_decode(s: &str) -> String {
    let joined = s.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
