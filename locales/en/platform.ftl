# Texts that only some operating systems show, before the app's window exists.

# Windows: native message box when the Microsoft Edge WebView2 Runtime, which
# draws the app's window, is not installed. Shown instead of the app.
platform-webview2-missing-title = Omahallinta cannot start
platform-webview2-missing-body =
    Omahallinta needs the Microsoft Edge WebView2 Runtime, which is not installed on this computer.
    
    Download and install the "Evergreen Bootstrapper" from https://developer.microsoft.com/microsoft-edge/webview2/ (or Windows Update), then start Omahallinta again.
