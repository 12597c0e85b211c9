//! What differs between the operating systems before any window exists.
//!
//! Windows: the app's window is drawn by the Microsoft Edge WebView2 Runtime.
//! Without it Tauri panics ("Could not find the webview runtime"); instead
//! [`webview_available`] shows a native message box, in the OS locale's
//! language, saying what is missing and where to get it. (The installers
//! bootstrap the runtime — `webviewInstallMode` in tauri.conf.json — so this
//! is for a runtime removed later or a copied `.exe`.)

use l10n::{Lang, Localizer};

/// Title and text of the message shown when the WebView2 Runtime is missing.
pub fn missing_webview_message(lang: Lang) -> (String, String) {
    let l = Localizer::new(lang);
    (
        l.format("platform-webview2-missing-title", None),
        l.format("platform-webview2-missing-body", None),
    )
}

/// Whether the web view runtime is there; when it is not, says so on
/// standard error and in a native message box (which waits for OK).
#[cfg(windows)]
pub fn webview_available() -> bool {
    match tauri::webview_version() {
        Ok(version) => {
            tracing::debug!(%version, "WebView2 Runtime");
            true
        }
        Err(e) => {
            let (title, body) = missing_webview_message(Lang::from_system());
            eprintln!("{title}\n{body}\n({e})");
            message_box(&title, &body);
            false
        }
    }
}

/// Other systems bring their web view with the OS (WebKit) or the package
/// dependencies (WebKitGTK): there is nothing to check before start.
#[cfg(not(windows))]
pub fn webview_available() -> bool {
    true
}

/// A modal error message box (MessageBoxW) with an OK button.
#[cfg(windows)]
fn message_box(title: &str, body: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        MessageBoxW, MB_ICONERROR, MB_OK, MB_SETFOREGROUND,
    };
    let wide = |s: &str| s.encode_utf16().chain(Some(0)).collect::<Vec<u16>>();
    let (title, body) = (wide(title), wide(body));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call;
    // no owner window.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            body.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONERROR | MB_SETFOREGROUND,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_missing_webview_message_exists_in_every_language() {
        let (fi_title, fi_body) = missing_webview_message(Lang::Fi);
        let (en_title, en_body) = missing_webview_message(Lang::En);
        for text in [&fi_title, &fi_body, &en_title, &en_body] {
            assert!(!text.starts_with("platform-"), "missing message: {text}");
        }
        assert_ne!(fi_title, en_title);
        assert!(fi_body.contains("WebView2") && en_body.contains("WebView2"));
        let url = "https://developer.microsoft.com/microsoft-edge/webview2/";
        assert!(fi_body.contains(url) && en_body.contains(url));
        assert!(fi_body.contains("uudelleen"), "{fi_body}");
        assert!(en_body.contains("start Omahallinta again"), "{en_body}");
        let (sv_title, sv_body) = missing_webview_message(Lang::Sv);
        assert_eq!(sv_title, "Omahallinta kan inte starta");
        assert!(sv_body.contains(url) && sv_body.contains("starta sedan Omahallinta igen"));
    }
}
