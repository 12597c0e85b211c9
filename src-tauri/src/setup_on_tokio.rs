//! A plugin whose set-up runs inside the app's tokio runtime.
//!
//! Why: the single-instance plugin opens a D-Bus connection with zbus, which runs its
//! blocking calls on tokio's pool inside a tokio runtime (with zbus's `tokio` feature) and
//! otherwise on the `blocking` crate's pool, whose idle threads never exit and wake every
//! 500 ms for the life of the app: 2 of an idle app's ≈ 3 wake-ups a second (issue 20,
//! `bench/run.sh` idle). Tokio's idle blocking threads exit after 10 s.

use tauri::ipc::Invoke;
use tauri::plugin::Plugin;
use tauri::webview::PageLoadPayload;
use tauri::{AppHandle, RunEvent, Runtime, Url, Webview, Window};

/// `P` with its `initialize` inside the tokio runtime; everything else delegated.
/// (`initialization_script_2` keeps its default, built from `initialization_script`.)
pub struct SetupOnTokio<P>(pub P);

impl<R: Runtime, P: Plugin<R>> Plugin<R> for SetupOnTokio<P> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn initialize(
        &mut self,
        app: &AppHandle<R>,
        config: serde_json::Value,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let runtime = tauri::async_runtime::handle();
        let _inside = runtime.inner().enter();
        self.0.initialize(app, config)
    }

    fn initialization_script(&self) -> Option<String> {
        self.0.initialization_script()
    }

    fn window_created(&mut self, window: Window<R>) {
        self.0.window_created(window)
    }

    fn webview_created(&mut self, webview: Webview<R>) {
        self.0.webview_created(webview)
    }

    fn on_navigation(&mut self, webview: &Webview<R>, url: &Url) -> bool {
        self.0.on_navigation(webview, url)
    }

    fn on_page_load(&mut self, webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
        self.0.on_page_load(webview, payload)
    }

    fn on_event(&mut self, app: &AppHandle<R>, event: &RunEvent) {
        self.0.on_event(app, event)
    }

    fn extend_api(&mut self, invoke: Invoke<R>) -> bool {
        self.0.extend_api(invoke)
    }
}
