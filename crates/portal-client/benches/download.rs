//! Downloader benchmark: throughput against `curl` and peak extra memory.
//!
//! ```text
//! OMA_BENCH_JSON=target/bench-download.json cargo bench -p portal-client --bench download
//! ```
//!
//! The portal server runs in a child process (this binary re-executed with
//! `OMA_BENCH_ROLE=server`) serving a 256 MiB installer
//! (`OMA_BENCH_SIZE_MIB` to change), so its memory does not count. Then,
//! after an untimed warm-up, for `OMA_BENCH_ROUNDS` (default 5)
//! alternating rounds, the same URL is
//! downloaded with the verified downloader (SHA-256 + signed manifest +
//! fsync + rename included), with `curl -o`, and with `curl -o` + `openssl
//! dgst -sha256` + `sync FILE` (when openssl is there). Printed and written as
//! JSON (to `$OMA_BENCH_JSON` or the first non-flag argument): the median
//! throughputs, their ratio (target ≥ 0.9) and the downloader's peak extra
//! RSS (target < 32 MiB), measured by resetting the high-water mark
//! (`/proc/self/clear_refs` ← 5), reading `VmHWM`, and sampling `VmRSS`.
//! Also the CPU seconds of each download (client and portal, ours and
//! curl's) and SHA-256's own time on this CPU, with the best ratio to curl
//! those allow on the machine's cores.
//!
//! `bench/run.sh` also runs it against the real `portal-server` across a shaped
//! link (issue 20): `OMA_BENCH_PORTAL` (base URL), `OMA_BENCH_PORTAL_KEY`
//! (its signing key, base64) and `OMA_BENCH_SERVER_PID` (for its CPU) use
//! that portal instead of spawning one; `OMA_BENCH_FAULT` is a shell command
//! run once `OMA_BENCH_FAULT_AFTER_S` seconds into every timed download (a
//! cut), and then curl's baselines retry with `-C -` like a user would.

use portal_api::Os;
use portal_client::{ClientConfig, MemoryStore, PortalClient};
use std::io::{BufRead, Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MIB: u64 = 1024 * 1024;

fn status_kib(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU seconds a process has used so far: its threads' run time
/// (`/proc/PID/task/*/schedstat`, nanoseconds) and, for children it has
/// waited for, `cutime + cstime` from `/proc/PID/stat` (clock ticks).
#[derive(Clone, Copy)]
struct Cpu {
    threads: f64,
    children: f64,
}

fn cpu(pid: &str) -> Cpu {
    let threads: u64 = std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the `(comm)`: state is the 1st, cutime and cstime the 14th and 15th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // USER_HZ is 100 on every Linux ABI this runs on.
    Cpu {
        threads: threads as f64 / 1e9,
        children: (ticks(13) + ticks(14)) / 100.0,
    }
}

/// The CPU seconds used between two snapshots, own threads plus children.
fn cpu_since(before: Cpu, after: Cpu) -> f64 {
    (after.threads - before.threads) + (after.children - before.children)
}

/// Seconds SHA-256 takes over `size` bytes on this CPU at its best (a
/// cache-resident 1 MiB buffer, like `openssl speed`): the part of the
/// downloader's work that no download can avoid.
fn sha256_floor(size: u64) -> f64 {
    use sha2::Digest;
    let buf = vec![0x5au8; MIB as usize];
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let mut h = sha2::Sha256::new();
        for _ in 0..size / MIB {
            h.update(&buf);
        }
        std::hint::black_box(h.finalize());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn reset_hwm() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The baselines, as shell commands of `$1` (output file) and `$2` (URL).
const CURL: &str = r#"curl -sS --fail -o "$1" "$2""#;
/// curl plus the work the downloader does after it: SHA-256 and fsync.
const CURL_VERIFIED: &str =
    r#"curl -sS --fail -o "$1" "$2" && openssl dgst -sha256 "$1" >/dev/null && sync "$1""#;
/// The like-for-like floor of issue 20: curl, coreutils' `sha256sum`, fsync.
const CURL_SHA256SUM: &str =
    r#"curl -sS --fail -o "$1" "$2" && sha256sum "$1" >/dev/null && sync "$1""#;
/// curl as a user retries it after a cut: resume (`-C -`) until done.
const CURL_RETRY: &str = r#"i=0; until curl -sS --fail -C - -o "$1" "$2"; do i=$((i+1)); [ $i -lt 10 ] || exit 1; sleep 0.1; done"#;
const CURL_RETRY_SHA256SUM: &str = r#"i=0; until curl -sS --fail -C - -o "$1" "$2"; do i=$((i+1)); [ $i -lt 10 ] || exit 1; sleep 0.1; done; sha256sum "$1" >/dev/null && sync "$1""#;

/// Runs `OMA_BENCH_FAULT` once, `OMA_BENCH_FAULT_AFTER_S` into a timed
/// download, unless the download ends first (drop the returned guard).
struct Fault(Option<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)>);

impl Fault {
    fn arm() -> Self {
        let Ok(cmd) = std::env::var("OMA_BENCH_FAULT") else {
            return Fault(None);
        };
        let after: f64 = std::env::var("OMA_BENCH_FAULT_AFTER_S")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1.0);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let t = std::thread::spawn(move || {
            if rx.recv_timeout(Duration::from_secs_f64(after)).is_err() {
                let _ = Command::new("sh").args(["-c", &cmd]).status();
            }
        });
        Fault(Some((tx, t)))
    }
}

impl Drop for Fault {
    fn drop(&mut self) {
        if let Some((tx, t)) = self.0.take() {
            let _ = tx.send(());
            let _ = t.join();
        }
    }
}

/// Runs a baseline `script`, checks the file it wrote and removes it; its seconds.
fn timed_download(script: &str, out: &std::path::Path, url: &str, size: u64) -> f64 {
    let _fault = Fault::arm();
    let t = Instant::now();
    let status = Command::new("sh")
        .args(["-c", script, "sh"])
        .arg(out)
        .arg(url)
        .status()
        .expect("sh runs");
    let secs = t.elapsed().as_secs_f64();
    assert!(status.success(), "{script}");
    assert_eq!(std::fs::metadata(out).unwrap().len(), size);
    std::fs::remove_file(out).unwrap();
    secs
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn server_role() {
    let size_mib: u64 = std::env::var("OMA_BENCH_SIZE_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let srv = portal_server::spawn(portal_server::ServerConfig {
            installer_size: size_mib * MIB,
            password_hash: portal_server::PasswordHashParams::INSECURE_FAST,
            ..Default::default()
        })
        .await
        .expect("server");
        let key = base64_key(&srv.public_key_bytes());
        println!("{} {}", srv.base_url(), key);
        std::io::stdout().flush().unwrap();
        // Serve until the parent closes our stdin.
        tokio::task::spawn_blocking(|| {
            let mut sink = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut sink);
        })
        .await
        .unwrap();
        srv.shutdown().await;
    });
}

fn base64_key(k: &[u8; 32]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(k)
}

fn main() {
    if std::env::var("OMA_BENCH_ROLE").as_deref() == Ok("server") {
        server_role();
        return;
    }
    let out_path = std::env::var("OMA_BENCH_JSON")
        .ok()
        .or_else(|| std::env::args().skip(1).find(|a| !a.starts_with('-')));
    let rounds: usize = std::env::var("OMA_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);

    let external = std::env::var("OMA_BENCH_PORTAL").ok();
    let faulty = std::env::var_os("OMA_BENCH_FAULT").is_some();
    let (mut child, server, base_url, key) = if let Some(url) = external.clone() {
        let key = std::env::var("OMA_BENCH_PORTAL_KEY").expect("OMA_BENCH_PORTAL_KEY");
        let pid = std::env::var("OMA_BENCH_SERVER_PID").expect("OMA_BENCH_SERVER_PID");
        (
            None,
            pid,
            url,
            portal_client::decode_public_key(&key).unwrap(),
        )
    } else {
        eprintln!("starting the portal server (generating the installer)…");
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env("OMA_BENCH_ROLE", "server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("server process");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let mut parts = line.split_whitespace();
        let base_url = parts.next().expect("base url").to_string();
        let key = portal_client::decode_public_key(parts.next().expect("key")).unwrap();
        let pid = child.id().to_string();
        (Some(child), pid, base_url, key)
    };
    let (curl, curl_sha256sum) = if faulty {
        (CURL_RETRY, CURL_RETRY_SHA256SUM)
    } else {
        (CURL, CURL_SHA256SUM)
    };

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let client = PortalClient::new(
        ClientConfig::new(&base_url, work.path().join("data")).with_pinned_key(key),
        Arc::new(MemoryStore::new()),
    )
    .unwrap();
    let (manifest, installer) = rt.block_on(async {
        let demo = portal_server::demo::FAMILY;
        client
            .sign_in(demo.email, demo.password.into(), false)
            .await
            .unwrap();
        let manifest = client
            .services()
            .await
            .unwrap()
            .services
            .into_iter()
            .find_map(|s| s.security)
            .unwrap()
            .manifest;
        let inst = portal_client::verified_installer(&manifest, &[key], Os::Linux).unwrap();
        (manifest, inst)
    });
    let size = installer.size;
    let url = format!("{}{}", base_url.trim_end_matches('/'), installer.url);
    eprintln!("installer: {} MiB at {url}", size / MIB);

    // Warm-up (not counted): the server's file into the page cache, connections.
    timed_download(curl, &work.path().join("warm-up.bin"), &url, size);

    let mut ours = Vec::new();
    let mut curls = Vec::new();
    // The like-for-like baseline: curl, then the SHA-256 check (openssl,
    // which uses the CPU's SHA instructions like sha2 does) and an fsync.
    let verified_curl = Command::new("openssl")
        .arg("version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut curls_verified = Vec::new();
    // CPU seconds per download (client side; the server's separately).
    let (mut ours_cpu, mut ours_server_cpu) = (Vec::new(), Vec::new());
    let (mut curl_cpu, mut curl_server_cpu) = (Vec::new(), Vec::new());
    let (mut ours_s, mut curl_s) = (Vec::new(), Vec::new());
    let (mut sha256sum_s, mut sha256sum_cpu) = (Vec::new(), Vec::new());
    let mut peak_extra_kib = 0u64;
    let mut peak_sampled_kib = 0u64;
    for round in 0..rounds {
        // The downloader.
        let dest = work.path().join(format!("ours-{round}"));
        let baseline = status_kib("VmRSS:");
        reset_hwm();
        let stop = Arc::new(AtomicBool::new(false));
        let max_rss = Arc::new(AtomicU64::new(0));
        // Over a shaped link the sampler's wake-ups would count in the CPU
        // seconds per GiB; the high-water mark alone is exact.
        let sampling = external.is_none();
        let sampler = {
            let (stop, max_rss) = (stop.clone(), max_rss.clone());
            std::thread::spawn(move || {
                while sampling && !stop.load(Ordering::Relaxed) {
                    max_rss.fetch_max(status_kib("VmRSS:"), Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(2));
                }
            })
        };
        let (me0, srv0) = (cpu("self"), cpu(&server));
        let fault = Fault::arm();
        let t = Instant::now();
        let path = rt
            .block_on(client.download_installer(
                &manifest,
                Os::Linux,
                &dest,
                |_| {},
                Default::default(),
            ))
            .expect("download");
        let secs = t.elapsed().as_secs_f64();
        drop(fault);
        ours_s.push(secs);
        ours_cpu.push(cpu_since(me0, cpu("self")));
        ours_server_cpu.push(cpu_since(srv0, cpu(&server)));
        stop.store(true, Ordering::Relaxed);
        sampler.join().unwrap();
        let hwm = status_kib("VmHWM:");
        peak_extra_kib = peak_extra_kib.max(hwm.saturating_sub(baseline));
        peak_sampled_kib =
            peak_sampled_kib.max(max_rss.load(Ordering::Relaxed).saturating_sub(baseline));
        assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
        std::fs::remove_dir_all(&dest).unwrap();
        ours.push(size as f64 / secs / MIB as f64);

        // curl, same URL.
        let out = work.path().join(format!("curl-{round}.bin"));
        let (me0, srv0) = (cpu("self"), cpu(&server));
        let secs_curl = timed_download(curl, &out, &url, size);
        curl_s.push(secs_curl);
        curl_cpu.push(cpu_since(me0, cpu("self")));
        curl_server_cpu.push(cpu_since(srv0, cpu(&server)));
        curls.push(size as f64 / secs_curl / MIB as f64);
        eprintln!(
            "round {round}: downloader {:.0} MiB/s ({secs:.2} s, CPU {:.2} s + server {:.2} s), \
             curl {:.0} MiB/s ({secs_curl:.2} s, CPU {:.2} s + server {:.2} s)",
            ours.last().unwrap(),
            ours_cpu.last().unwrap(),
            ours_server_cpu.last().unwrap(),
            curls.last().unwrap(),
            curl_cpu.last().unwrap(),
            curl_server_cpu.last().unwrap(),
        );
        let me0 = cpu("self");
        let secs_sum = timed_download(curl_sha256sum, &out, &url, size);
        sha256sum_cpu.push(cpu_since(me0, cpu("self")));
        sha256sum_s.push(secs_sum);
        eprintln!(
            "round {round}: curl + sha256sum + sync {secs_sum:.2} s (CPU {:.2} s)",
            sha256sum_cpu.last().unwrap()
        );
        if verified_curl && external.is_none() {
            let secs_v = timed_download(CURL_VERIFIED, &out, &url, size);
            curls_verified.push(size as f64 / secs_v / MIB as f64);
            eprintln!(
                "round {round}: curl + openssl sha256 + sync {:.0} MiB/s ({secs_v:.2} s)",
                curls_verified.last().unwrap()
            );
        }
    }
    if let Some(child) = child.as_mut() {
        drop(child.stdin.take());
        let _ = child.wait();
    }

    let sha_floor = sha256_floor(size);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let ours_med = median(ours.clone());
    let curl_med = median(curls.clone());
    let ratio = ours_med / curl_med;
    let curl_secs = size as f64 / MIB as f64 / curl_med;
    let (ours_cpu, ours_server_cpu) = (median(ours_cpu), median(ours_server_cpu));
    // Even with every core busy all the time, a download can't take less
    // than its CPU seconds over the cores: the best ratio this machine allows.
    let cpu_bound_ratio = curl_secs / ((ours_cpu + ours_server_cpu) / cores as f64);
    // The same bound for an ideal verifying client: curl's own work, the
    // server's for curl, and SHA-256 at its fastest.
    let curl_cpu = median(curl_cpu);
    let curl_server_cpu = median(curl_server_cpu);
    let verifying_bound_ratio =
        curl_secs / ((curl_cpu + curl_server_cpu + sha_floor) / cores as f64);
    let gib = size as f64 / (1024.0 * MIB as f64);
    let (sha256sum_med_s, sha256sum_cpu) = (median(sha256sum_s.clone()), median(sha256sum_cpu));
    let report = serde_json::json!({
        "installer_bytes": size,
        "portal": if external.is_some() { "external" } else { "spawned" },
        "fault": std::env::var("OMA_BENCH_FAULT").ok(),
        "downloader_s": ours_s,
        "curl_s": curl_s,
        "curl_sha256sum_s": sha256sum_s,
        "downloader_median_s": median(ours_s.clone()),
        "curl_wall_median_s": median(curl_s.clone()),
        "curl_sha256sum_median_s": sha256sum_med_s,
        "curl_sha256sum_cpu_s": sha256sum_cpu,
        "downloader_cpu_s_per_gib": ours_cpu / gib,
        "curl_cpu_s_per_gib": curl_cpu / gib,
        "curl_sha256sum_cpu_s_per_gib": sha256sum_cpu / gib,
        "rounds": rounds,
        "downloader_mib_per_s": ours,
        "curl_mib_per_s": curls,
        "downloader_median_mib_per_s": ours_med,
        "curl_median_mib_per_s": curl_med,
        "curl_verified_mib_per_s": curls_verified,
        "curl_verified_median_mib_per_s": (!curls_verified.is_empty()).then(|| median(curls_verified.clone())),
        "throughput_ratio_vs_curl_verified": (!curls_verified.is_empty()).then(|| ours_med / median(curls_verified.clone())),
        "throughput_ratio": ratio,
        "throughput_target": 0.9,
        "peak_extra_rss_kib_hwm": peak_extra_kib,
        "peak_extra_rss_kib_sampled": peak_sampled_kib,
        "peak_extra_rss_target_kib": 32 * 1024,
        "verification_included": true,
        // Where the time goes: CPU seconds per download (medians), and the
        // SHA-256 floor. When client + server CPU over the cores exceeds
        // curl's wall time, no arrangement of threads can reach curl.
        "cores": cores,
        "downloader_cpu_s": ours_cpu,
        "downloader_server_cpu_s": ours_server_cpu,
        "curl_cpu_s": curl_cpu,
        "curl_server_cpu_s": curl_server_cpu,
        "sha256_floor_s": sha_floor,
        "curl_median_s": curl_secs,
        "cpu_bound_ratio": cpu_bound_ratio,
        "verifying_bound_ratio": verifying_bound_ratio,
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    println!(
        "SHA-256 alone: {sha_floor:.3} s per {} MiB on this CPU (curl's whole download: \
         {curl_secs:.3} s); downloader + server CPU {:.2} s on {cores} cores: \
         ratio {cpu_bound_ratio:.2} at best (an ideal verifying client: \
         {verifying_bound_ratio:.2})",
        size / MIB,
        ours_cpu + ours_server_cpu
    );
    println!(
        "throughput ratio {ratio:.2} (target >= 0.9); peak extra RSS {:.1} MiB (target < 32 MiB)",
        peak_extra_kib as f64 / 1024.0
    );
    if let Some(p) = out_path {
        std::fs::write(&p, serde_json::to_vec_pretty(&report).unwrap()).unwrap();
        eprintln!("wrote {p}");
    }
}
