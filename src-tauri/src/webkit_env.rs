//! WebKitGTK settings that only exist as environment variables: set at start-up,
//! before GTK starts, unless the user set them (then theirs win).

/// `(variable, value)`, and why:
/// - `WEBKIT_DISABLE_DMABUF_RENDERER=1`: the DMA-BUF renderer paints a blank window on
///   many NVIDIA and some Wayland set-ups (tauri-apps/tauri #9394, #13885).
/// - `JSC_useJIT=0`: JavaScriptCore's JIT compilers off. The UI's script runs briefly
///   (render, then wait for the user), so compiling it only costs: on 2 cores the JIT
///   thread took ≈ 25 ms of CPU from the first paint and ≈ 10 MiB of memory, and without
///   it the page runs no generated machine code (a smaller attack surface, as in
///   Safari's Lockdown Mode).
pub const DEFAULTS: &[(&str, &str)] =
    &[("WEBKIT_DISABLE_DMABUF_RENDERER", "1"), ("JSC_useJIT", "0")];

/// The defaults the environment lacks (`is_set` tells whether a variable is set).
pub fn missing(is_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    DEFAULTS
        .iter()
        .copied()
        .filter(|(name, _)| !is_set(name))
        .collect()
}

/// Sets the missing defaults; call before anything starts threads or GTK.
pub fn apply() {
    if cfg!(target_os = "linux") {
        for (name, value) in missing(|name| std::env::var_os(name).is_some()) {
            std::env::set_var(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_only_what_the_user_did_not() {
        assert_eq!(
            missing(|_| false),
            vec![("WEBKIT_DISABLE_DMABUF_RENDERER", "1"), ("JSC_useJIT", "0")]
        );
        assert_eq!(
            missing(|name| name == "JSC_useJIT"),
            vec![("WEBKIT_DISABLE_DMABUF_RENDERER", "1")]
        );
        assert!(missing(|_| true).is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn apply_keeps_a_user_value() {
        // Its own process under nextest: the environment is not shared with other tests.
        std::env::set_var("JSC_useJIT", "1");
        std::env::remove_var("WEBKIT_DISABLE_DMABUF_RENDERER");
        apply();
        assert_eq!(std::env::var("JSC_useJIT").as_deref(), Ok("1"));
        assert_eq!(
            std::env::var("WEBKIT_DISABLE_DMABUF_RENDERER").as_deref(),
            Ok("1")
        );
    }
}
