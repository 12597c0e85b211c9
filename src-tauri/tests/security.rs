//! The web view's privileges stay minimal: only the app's own commands (each
//! allow-listed), event listening, no plugin permissions (fs, shell, http,
//! opener …), a strict CSP, and no command returning a path or a secret.

use serde_json::Value;
use std::collections::BTreeSet;

fn read(path: &str) -> Value {
    let p = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

/// The declared commands (src/ipc_surface.rs), which build.rs gives permissions
/// and the handler registers.
fn commands() -> BTreeSet<String> {
    omahallinta_lib::ipc::COMMANDS
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn capability_lists_exactly_the_app_commands_and_event_listening() {
    let cap = read("capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let perms: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission ids").to_string())
        .collect();
    let mut want: BTreeSet<String> = commands()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    want.insert("core:event:allow-listen".into());
    want.insert("core:event:allow-unlisten".into());
    assert_eq!(perms, want);
}

#[test]
fn strict_csp_and_no_global_tauri() {
    let conf = read("tauri.conf.json");
    let sec = &conf["app"]["security"];
    let csp = &sec["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(sec["freezePrototype"], true);
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert_eq!(conf["build"]["frontendDist"], "../ui/dist");
    assert!(
        conf["build"].get("devUrl").is_none(),
        "debug builds must embed ui/dist"
    );
    assert_eq!(conf["app"]["windows"][0]["title"], "Omahallinta");
}
