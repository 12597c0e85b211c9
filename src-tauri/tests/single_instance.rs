//! Single instance on each platform's own mechanism (Windows: a named mutex
//! and a window message; Linux: a D-Bus name; macOS: a Unix socket), through
//! the plugin the app uses with the app's identifier
//! (`examples/single_instance_probe.rs`): a second start hands its arguments
//! (a deep link, say) to the running app and exits without starting another.
//!
//! The plugin needs a windowing system: on Linux without `DISPLAY` each probe
//! runs under `xvfb-run`; under Wine, `scripts/test-platforms.sh` runs this
//! test program under `xvfb-run` (Wine without an X display creates no windows).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The probe example, built by `cargo test` next to this test program.
fn probe() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap(); // …/debug/deps → …/debug
    dir.join("examples").join(format!(
        "single_instance_probe{}",
        std::env::consts::EXE_SUFFIX
    ))
}

fn command(out: &Path) -> Command {
    let needs_x = cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none();
    let mut c = if needs_x {
        let mut c = Command::new("xvfb-run");
        c.arg("-a").arg(probe());
        c
    } else {
        Command::new(probe())
    };
    c.env("PROBE_OUT", out).stdin(Stdio::null());
    c
}

fn wait_for(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn a_second_start_hands_its_arguments_to_the_first_and_exits() {
    assert!(
        probe().exists(),
        "{:?} not built: cargo build -p omahallinta --examples",
        probe()
    );
    let tmp = tempfile::tempdir().unwrap();
    let received = tmp.path().join("first-received.txt");
    let second_received = tmp.path().join("second-received.txt");
    let log = tmp.path().join("first.log");

    let mut first = command(&received)
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("ready")
    {
        if let Some(status) = first.try_wait().unwrap() {
            panic!("the first instance exited before it was ready: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "the first instance never got ready"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let link = "omahallinta://reset?token=abc";
    let mut second = command(&second_received)
        .args([link, "kaksi sanaa"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = wait_for(&mut second, Duration::from_secs(60));
    let first_status = wait_for(&mut first, Duration::from_secs(30));
    if first_status.is_none() {
        let _ = first.kill();
    }
    assert!(status.is_some_and(|s| s.success()), "second: {status:?}");
    assert!(
        !second_received.exists(),
        "the second start ran as an app of its own"
    );
    // The probe writes what it received, then exits.
    assert_eq!(
        std::fs::read_to_string(&received).ok().as_deref(),
        Some(format!("{link}\nkaksi sanaa").as_str()),
        "the running instance did not get the second start's arguments"
    );
    assert!(
        first_status.is_some_and(|s| s.success()),
        "first: {first_status:?}"
    );
}
