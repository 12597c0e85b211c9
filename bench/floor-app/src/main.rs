//! The benchmark floor: one Tauri 2 window showing a static page, nothing else.
//!
//! With `FLOOR_APP_READY_LOG=1` it prints `floor-ready <unix-ms>` on stdout when the
//! page has finished loading (a cross-check only; `bench/run.sh` times first paint of
//! both apps the same way, from screenshots).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// The app's own module, compiled in (not the app crate: the floor links nothing else).
#[path = "../../../src-tauri/src/webkit_env.rs"]
mod webkit_env;

fn main() {
    // The same WebKitGTK settings as the real app, before GTK starts: the floor differs
    // from the app only in what it shows.
    webkit_env::apply();
    let log_ready = std::env::var_os("FLOOR_APP_READY_LOG").is_some();
    tauri::Builder::default()
        .on_page_load(move |_webview, payload| {
            if log_ready && matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                let ms = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis())
                    .unwrap_or(0);
                println!(
                    "{}",
                    serde_json::json!({ "floor-ready": ms, "url": payload.url().as_str() })
                );
            }
        })
        .run(tauri::generate_context!())
        .expect("error while running the floor app");
}
