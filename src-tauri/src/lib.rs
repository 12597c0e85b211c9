//! Omahallinta Desktop: the Tauri 2 shell. Thin commands (`commands/`) over
//! plain modules that run without a window (`state`, `settings`, `launch`,
//! `demo`, `downloads`, `notify`, `links`), so they are tested against the real
//! reference portal. Tokens, passwords and file paths never reach the web view.

pub mod app_dirs;
pub mod autostart;
pub mod commands;
pub mod deeplink;
pub mod demo;
pub mod downloads;
pub mod error;
pub mod events;
pub mod ipc;
pub mod launch;
pub mod links;
pub mod notify;
pub mod opener;
pub mod platform;
pub mod profile;
pub mod protection;
pub mod qr;
pub mod settings;
pub mod setup_on_tokio;
pub mod startup;
pub mod state;
pub mod tray;
pub mod types;
pub mod updates;
pub mod webkit_env;

use launch::LaunchOptions;
use state::{Core, Dirs};
use std::sync::Arc;
use std::time::Duration;
use tauri::Manager;
use tauri_plugin_window_state::StateFlags;

/// How often the background task checks connectivity and flushes the outbox.
pub const BACKGROUND_INTERVAL: Duration = Duration::from_secs(30);

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn dirs(app: &tauri::App, launch: &LaunchOptions) -> tauri::Result<Dirs> {
    match &launch.data_dir {
        Some(root) => Ok(Dirs::under(root)),
        None => Dirs::for_app(&app.config().identifier).ok_or(tauri::Error::UnknownPath),
    }
}

/// Creates the main window (`create: false` in tauri.conf.json) with the start-up
/// snapshot as its initialization script when it is ready within
/// [`startup::SNAPSHOT_WAIT`]; the snapshot task runs on if not, so a slow
/// first portal start is not cancelled.
fn main_window(app: &tauri::App, core: &Arc<Core>) -> tauri::Result<()> {
    let task = {
        let core = core.clone();
        tauri::async_runtime::spawn(async move { startup::snapshot(&core).await })
    };
    let snapshot = tauri::async_runtime::block_on(async {
        tokio::time::timeout(startup::SNAPSHOT_WAIT, task)
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
    });
    startup::milestone(if snapshot.is_some() {
        "snapshot ready"
    } else {
        "no snapshot"
    });
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .unwrap_or_default();
    // Hidden until its page starts loading (startup::SHOW_FALLBACK says why).
    let mut window =
        tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.visible(false);
    if let Some(s) = &snapshot {
        window = window.initialization_script(startup::init_script(s));
    }
    let window = window.build()?;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(startup::SHOW_FALLBACK).await;
        startup::show_once(|| show(&window.as_ref().window()));
    });
    Ok(())
}

/// Issue 17: the tray with what needs attention, and the OS autostart entry
/// following the setting. `--minimized` (autostart) keeps the window hidden,
/// unless there is no tray to open it from.
fn tray_and_autostart(app: &tauri::App, core: &Arc<Core>, minimized: bool) {
    match tray::install(app, core.clone()) {
        Ok(()) if minimized => startup::stay_hidden(),
        Ok(()) => {}
        Err(e) => tracing::warn!("no tray icon: {e}"),
    }
    let launcher = autostart::PluginLauncher(app.handle());
    if let Err(e) = autostart::reconcile(core.settings().autostart, &launcher) {
        tracing::warn!("{e}");
    }
}

fn show(window: &tauri::Window) {
    if let Err(e) = window.show() {
        tracing::warn!("showing the main window failed: {e}");
    }
}

pub fn run() {
    // `--version` / `--help`: print and exit before any window or portal.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(text) = launch::cli_text(&args, types::Lang::from_os()) {
        use std::io::Write;
        // A closed pipe (`| head`) is not an error worth a panic.
        let _ = writeln!(std::io::stdout(), "{text}");
        return;
    }
    startup::begin();
    webkit_env::apply();
    init_logging();
    let launch = LaunchOptions::from_process();
    // Windows without the WebView2 Runtime: a message box, not a panic.
    if !platform::webview_available() {
        std::process::exit(1);
    }

    tauri::Builder::default()
        // First plugin: a second start focuses the running window instead.
        // A link it was given (`omahallinta://…`) goes to the running app.
        // (Set up inside tokio: no `blocking` thread waking an idle app, setup_on_tokio.rs.)
        .plugin(setup_on_tokio::SetupOnTokio(
            tauri_plugin_single_instance::init(|app, argv, _cwd| {
                let second = deeplink::second_instance(&argv);
                if let (Some(link), Some(core)) = (second.link, app.try_state::<Arc<Core>>()) {
                    core.open_deep_link(link);
                }
                if let Some(w) = app.get_webview_window("main").filter(|_| second.focus) {
                    let _ = w.unminimize();
                    let _ = w.show();
                    let _ = w.set_focus();
                }
            }),
        ))
        .plugin(tauri_plugin_deep_link::init())
        // Size, position and maximized state are restored; visibility is not: the
        // window is shown when its page starts loading (`main_window`).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(autostart::plugin())
        // Signed updates; the feed and its key come from the operator profile
        // (commands::updates), never from the web view.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(commands::updates::PendingUpdate::default())
        .on_page_load(|webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => {
                startup::show_once(|| show(&webview.window()));
            }
            tauri::webview::PageLoadEvent::Finished => startup::milestone("page loaded"),
        })
        .setup(move |app| {
            startup::milestone("setup");
            let dirs = dirs(app, &launch)?;
            let events = Arc::new(events::TauriEvents(app.handle().clone()));
            let core = Arc::new(
                Core::new(launch.clone(), dirs, events)?
                    .with_version(app.package_info().version.to_string()),
            );
            app.manage(core.clone());
            tray_and_autostart(app, &core, launch.minimized);
            if let Some(link) = deeplink::from_args(&args) {
                core.open_deep_link(link);
            }
            // macOS delivers links as events, not arguments.
            #[cfg(target_os = "macos")]
            {
                use tauri_plugin_deep_link::DeepLinkExt;
                let core = core.clone();
                app.deep_link().on_open_url(move |e| {
                    if let Some(url) = e.urls().last() {
                        core.open_deep_link(deeplink::parse(url.as_str()));
                    }
                });
            }
            main_window(app, &core)?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(state::background(
                core,
                BACKGROUND_INTERVAL,
                move |title: String, body: String| {
                    use tauri_plugin_notification::NotificationExt;
                    if let Err(e) = handle
                        .notification()
                        .builder()
                        .title(title)
                        .body(body)
                        .show()
                    {
                        tracing::warn!("notification: {e}");
                    }
                },
            ));
            startup::milestone("setup done");
            Ok(())
        })
        .invoke_handler(ipc::handler())
        .run(tauri::generate_context!())
        .expect("error while running Omahallinta");
}
