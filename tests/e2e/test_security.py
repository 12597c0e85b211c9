"""The web view's limits, checked in the running app: the CSP blocks inline scripts and
direct network access (the portal is reachable only through Rust), and the IPC refuses
plugin commands and anything not allow-listed."""

from conftest import Portal

RUN = "const done = arguments[arguments.length - 1];"


def invoke(app, cmd: str, args: dict | None = None) -> str:
    return app.d.execute_async_script(
        RUN + "window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1] || {})"
        ".then(() => done('allowed'), e => done('refused: ' + JSON.stringify(e)));",
        cmd, args,
    )


def test_csp_and_ipc_allow_list(start_app, portal: Portal):
    app = start_app()
    app.tid("signin-email")
    # Inline script: blocked by script-src 'self', reported as a violation.
    result = app.d.execute_async_script(
        RUN
        + "let v = null; document.addEventListener('securitypolicyviolation', e => { v = e.violatedDirective; });"
        "const s = document.createElement('script'); s.textContent = 'window.__inline_ran = true;';"
        "document.head.appendChild(s);"
        "setTimeout(() => done({ran: window.__inline_ran === true, violation: v}), 300);"
    )
    assert result["ran"] is False
    assert result["violation"] and result["violation"].startswith("script-src"), result
    # The portal itself is not reachable from the web view (connect-src).
    fetched = app.d.execute_async_script(
        RUN + "fetch(arguments[0]).then(() => done('fetched'), () => done('blocked'));",
        portal.url + "/api/v1/health",
    )
    assert fetched == "blocked"
    # IPC: the app's own command works; plugin and unknown commands are refused.
    assert invoke(app, "app_info") == "allowed"
    for cmd, args in [
        ("plugin:opener|open_url", {"url": "https://example.com"}),
        ("plugin:opener|open_path", {"path": "/etc/passwd"}),
        ("plugin:fs|read_text_file", {"path": "/etc/passwd"}),
        ("plugin:shell|execute", {"program": "sh"}),
        ("plugin:notification|notify", {"options": {"title": "x"}}),
        ("plugin:window-state|save_window_state", {"flags": 0}),
        # The updater is driven from Rust only (feed and key from the operator profile).
        ("plugin:updater|check", {}),
        ("plugin:updater|download_and_install", {"rid": 0}),
        # Autostart only through the app's own set_autostart (settings follow).
        ("plugin:autostart|enable", {}),
        ("no_such_command", {}),
    ]:
        assert invoke(app, cmd, args).startswith("refused"), cmd
    # open_link refuses what is not in the contact data.
    assert invoke(app, "open_link", {"url": "file:///etc/passwd"}).startswith("refused")
    assert invoke(app, "open_link", {"url": "https://evil.example/"}).startswith("refused")
