"""Offline: with the portal down the app shows the last known services and says so,
queues feedback instead of losing it, and delivers it once the portal is back."""

import sqlite3
import time

from selenium.webdriver.support.ui import WebDriverWait

from conftest import App, Portal
from test_flow import EMAIL, PASSWORD, nav


def sign_out_quietly(app: App) -> None:
    """Leaves no remembered session behind for the next tests, whatever happened."""
    try:
        app.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.__TAURI_INTERNALS__.invoke('sign_out', {queuedFeedback: 'discard'}).then(() => done(1), () => done(0));"
        )
    except Exception:
        pass


def test_offline_cache_and_feedback_outbox(start_app, portal: Portal):
    app = start_app()
    try:
        journey(app, portal)
    finally:
        sign_out_quietly(app)


def journey(app: App, portal: Portal) -> None:
    app.tid("signin-email").send_keys(EMAIL)
    app.tid("signin-password").send_keys(PASSWORD)
    app.tid("signin-submit").click()
    app.tid("services-list")
    portal.stop()
    try:
        app.tid("services-refresh").click()
        app.tid("offline-banner")
        app.tid("services-list")  # the cached services stay
        app.check_view("services-offline-en")
        nav(app, "feedback")
        message = f"Offline feedback {time.time():.0f}"
        app.tid("feedback-message").send_keys(message)
        app.click("feedback-submit")
        try:
            result = WebDriverWait(app.d, 60).until(
                lambda d: next((e for e in app.tids("feedback-result") if e.is_displayed()), None),
                "no feedback result",
            )
        except Exception as e:
            app.screenshot("FAILED-offline-feedback")
            body = app.d.execute_script("return document.body.innerText")
            raise AssertionError(f"no feedback result; the page says:\n{body}") from e
        assert result.get_attribute("data-status") == "queued"
        app.check_view("feedback-queued-en")
    finally:
        portal.start()
    # Back online: the next successful call wakes the outbox, delivered exactly once.
    nav(app, "services")
    app.tid("services-refresh").click()
    app.tid("outbox-delivered")
    app.wait.until(lambda d: not app.has("offline-banner"), "still offline")
    with sqlite3.connect(portal.db) as db:
        rows = db.execute("SELECT count(*) FROM feedback WHERE message = ?", (message,)).fetchone()
    assert rows == (1,)
    app.check_view("outbox-delivered-en")
    nav(app, "settings")
    app.tid("sign-out").click()
    app.tid("signin-email")
