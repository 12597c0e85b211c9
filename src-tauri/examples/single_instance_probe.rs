//! Probe for the single-instance test (tests/single_instance.rs): the app's
//! single-instance plugin with the app's identifier, and no window. The first
//! process prints `ready` and waits; a second one hands its arguments to the
//! first (which writes them to `PROBE_OUT` and exits) and exits itself.
use std::io::Write;

fn main() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .try_init();
    let out = std::env::var_os("PROBE_OUT").expect("PROBE_OUT");
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(
            move |app, args, _cwd| {
                std::fs::write(&out, args[1..].join("\n")).expect("write PROBE_OUT");
                app.exit(0);
            },
        ))
        .setup(|_| {
            println!("ready");
            let _ = std::io::stdout().flush();
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("build")
        .run(|_, _| {});
}
