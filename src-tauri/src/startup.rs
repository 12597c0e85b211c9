//! Start-up milestones in the log (`startup: <what> at <ms>`), measured from
//! `run()`: what the start-up benchmark's single "first paint" figure is
//! made of. One line each, at `debug` (`RUST_LOG=omahallinta_lib=debug`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Marks the process start; call first thing.
pub fn begin() {
    START.get_or_init(Instant::now);
}

/// Milliseconds since [`begin`].
pub fn elapsed_ms() -> u128 {
    START.get().map_or(0, |s| s.elapsed().as_millis())
}

pub fn milestone(what: &str) {
    tracing::debug!("startup: {what} at {} ms", elapsed_ms());
}

/// Like [`milestone`], only the first time `flag` is passed.
pub fn first(flag: &AtomicBool, what: &str) {
    if !flag.swap(true, Ordering::Relaxed) {
        milestone(what);
    }
}
