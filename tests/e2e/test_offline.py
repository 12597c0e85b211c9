"""Offline: with the portal down the app shows the last known services and says so,
queues feedback instead of losing it, and delivers it once the portal is back."""

import sqlite3
import time

from conftest import Portal
from test_flow import EMAIL, PASSWORD, nav


def test_offline_cache_and_feedback_outbox(start_app, portal: Portal):
    app = start_app()
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
        app.tid("feedback-submit").click()
        assert app.tid("feedback-result").get_attribute("data-status") == "queued"
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
