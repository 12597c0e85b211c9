//! Events pushed to the UI (docs/COMMANDS.md). Modules emit through the
//! [`Events`] trait so they run without a window in tests.

use serde::Serialize;
use std::sync::Mutex;

pub const DOWNLOAD_PROGRESS: &str = "download-progress";
pub const CONNECTIVITY: &str = "connectivity";
pub const SESSION_EXPIRED: &str = "session-expired";
pub const OUTBOX_DELIVERED: &str = "outbox-delivered";
pub const UPDATE_PROGRESS: &str = "update-progress";
/// An `omahallinta://` link arrived ([`crate::deeplink::DeepLinkView`]).
pub const DEEP_LINK: &str = "deep-link";

/// Where events go: the web view (Tauri) or a recorder (tests).
pub trait Events: Send + Sync + 'static {
    fn emit_value(&self, event: &str, payload: serde_json::Value);
}

/// Typed convenience over [`Events`].
pub fn emit<T: Serialize>(events: &dyn Events, event: &str, payload: &T) {
    match serde_json::to_value(payload) {
        Ok(v) => events.emit_value(event, v),
        Err(e) => tracing::warn!("event {event} not serializable: {e}"),
    }
}

/// Keeps every event (tests).
#[derive(Debug, Default)]
pub struct Recorder(pub Mutex<Vec<(String, serde_json::Value)>>);

impl Events for Recorder {
    fn emit_value(&self, event: &str, payload: serde_json::Value) {
        self.0.lock().unwrap().push((event.to_string(), payload));
    }
}

impl Recorder {
    pub fn named(&self, event: &str) -> Vec<serde_json::Value> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|(e, _)| e == event)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Forwards to every window of the app.
pub struct TauriEvents(pub tauri::AppHandle);

impl Events for TauriEvents {
    fn emit_value(&self, event: &str, payload: serde_json::Value) {
        use tauri::Emitter;
        if let Err(e) = self.0.emit(event, payload) {
            tracing::warn!("emit {event}: {e}");
        }
    }
}
