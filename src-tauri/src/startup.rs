//! Start-up: the snapshot of what the UI's first view needs, handed to the
//! web view with the page, and milestones in the log (`startup: <what> at
//! <ms>`, measured from `run()`, at `debug`: `RUST_LOG=omahallinta_lib=debug`)
//! that make up the start-up benchmark's "first paint" figure.

use crate::state::Core;
use crate::types::StartupSnapshot;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long window creation waits for the snapshot (a remembered session and
/// the cache are read in a few ms; the demo portal's first start takes
/// longer, and then the UI asks over IPC as usual).
pub const SNAPSHOT_WAIT: Duration = Duration::from_millis(150);

/// The main window is created hidden and shown when its page starts loading
/// ([`show_once`]), or after this long at the latest. Shown at once, WebKitGTK
/// may draw the web view while its web process is still starting up; that
/// first draw blocks the UI thread for up to 500 ms waiting for the web
/// process, which in turn waits for the UI thread (measured: every second or
/// third start on 2 cores was 0.5 s late). A window shown with its page also
/// never flashes an empty frame first.
pub const SHOW_FALLBACK: Duration = Duration::from_millis(1500);

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Runs `show` the first time it is called in this process (page load started
/// or the [`SHOW_FALLBACK`] timer, whichever comes first); true if it ran.
pub fn show_once(show: impl FnOnce()) -> bool {
    if SHOWN.swap(true, Ordering::AcqRel) {
        return false;
    }
    show();
    milestone("window shown");
    true
}

/// `--minimized` (autostart): [`show_once`] never shows the window; the
/// tray or a second start does.
pub fn stay_hidden() {
    SHOWN.store(true, Ordering::Release);
}

/// The `sessionStorage` key the UI sets once it has used the snapshot
/// (`ui/src/lib/state.svelte.ts`): a reload of the page reads the state afresh.
pub const SNAPSHOT_USED_KEY: &str = "oma-startup-used";

/// The first view's data, as `app_info`, `session_info` and `cached_services`
/// answer; `None` when the portal client can't be set up (the UI's IPC path
/// then reports the error).
pub async fn snapshot(core: &Core) -> Option<StartupSnapshot> {
    let (info, session, cached) =
        tokio::join!(core.app_info(), core.session_info(), core.cached_services());
    Some(StartupSnapshot {
        info: info.ok()?,
        session,
        cached: cached.ok().flatten(),
    })
}

/// The web view's initialization script: runs before the page's own scripts,
/// so the UI renders its first frame from `window.__OMA_STARTUP__` instead of
/// waiting for three IPC answers. Holds nothing secret: the same data the
/// commands give the UI.
pub fn init_script(snapshot: &StartupSnapshot) -> String {
    let json = serde_json::to_string(snapshot).unwrap_or_else(|_| "null".into());
    format!(
        "try{{if(!sessionStorage.getItem({key:?}))window.__OMA_STARTUP__={json};}}catch(_){{}}",
        key = SNAPSHOT_USED_KEY
    )
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_window_is_shown_once_whoever_comes_first() {
        let shown = Cell::new(0);
        // Page load started: shows.
        assert!(show_once(|| shown.set(shown.get() + 1)));
        // The fallback timer and later page loads (reloads) do not show again.
        assert!(!show_once(|| shown.set(shown.get() + 1)));
        assert!(!show_once(|| shown.set(shown.get() + 1)));
        assert_eq!(shown.get(), 1);
    }
}
