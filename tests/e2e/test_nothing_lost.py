"""Nothing lost, nothing left behind — the two promises, end to end in the real app:

1. a termination notice written with the portal stopped: a phone the portal would refuse
   is refused at once, on the field, and nothing is queued; a queued notice the portal
   then refuses (here: one an older app version queued with phone "123") is never
   deleted: the navigation counts it, the feedback view shows it with the portal's
   reason, the user edits and resends it, and the portal records it exactly once; another
   is discarded only after the user confirms;
2. a portal that answers 500 is up: the app shows an error, not the offline banner;
3. sign-out on a shared computer: with feedback queued it asks first (keep or discard);
   afterwards no file of the app's data, config or cache dirs holds the account's email,
   name or service names.

Own portal (stopped and started on the same database), fault proxy and data dir
(`nothing-lost-data`), so the module does not depend on the order of other modules.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from pathlib import Path

import pytest

from conftest import App, Portal, running_portal, start_portal_driver
from faultproxy import FaultProxy
from test_flow import EMAIL, PASSWORD, nav

MESSAGE = "Irtisanon laajakaistan 31.12."


@pytest.fixture(scope="module")
def nl_portal(workdir: Path):
    with running_portal(workdir / "nothing-lost") as p:
        yield p


@pytest.fixture(scope="module")
def nl_proxy(nl_portal: Portal):
    fp = FaultProxy(nl_portal.port)
    yield fp
    fp.close()


@pytest.fixture(scope="module")
def nl_driver(workdir: Path, nl_portal: Portal, nl_proxy: FaultProxy, axe_source):
    url, stop_all = start_portal_driver(
        workdir, "nothing-lost", nl_proxy.url, nl_portal.public_key, workdir / "nothing-lost-opened.txt"
    )
    yield url
    stop_all()


@pytest.fixture(scope="module")
def app_root(workdir: Path) -> Path:
    return workdir / "nothing-lost-data"


@pytest.fixture
def app(nl_driver):
    a = App(nl_driver)
    yield a
    try:
        a.invoke("sign_out", {"queuedFeedback": "discard"})
    except Exception:
        pass
    a.quit()


def sign_in(app: App) -> None:
    app.tid("signin-email").send_keys(EMAIL)
    app.tid("signin-password").send_keys(PASSWORD)
    app.tid("signin-submit").click()
    app.tid("services-list")


def rows(portal: Portal, message: str) -> int:
    with sqlite3.connect(portal.db) as db:
        return db.execute("SELECT count(*) FROM feedback WHERE message = ?", (message,)).fetchone()[0]


def outbox(app_root: Path) -> Path:
    return app_root / "data" / "portal" / "outbox"


def queue_legacy_item(app_root: Path, message: str, phone: str) -> str:
    """An outbox item as a version without the shared rules wrote it."""
    local_id = str(uuid.uuid4())
    d = outbox(app_root)
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{local_id}.json").write_text(json.dumps({
        "version": 1, "local_id": local_id, "idempotency_key": str(uuid.uuid4()),
        "account": EMAIL, "created_at": "2026-11-20T10:00:00Z",
        "request": {"topic": "termination", "message": message, "contact_me": True,
                    "contact_email": EMAIL, "contact_phone": phone, "service_id": None},
    }))
    return local_id


def back_online(app: App) -> None:
    """The next successful call wakes the outbox (as after any return of the portal)."""
    nav(app, "services")
    app.click("services-refresh")
    app.wait.until(lambda d: not app.has("offline-banner"), "still offline")


def write_termination(app: App, message: str, phone: str) -> None:
    nav(app, "feedback")
    app.tid("feedback-topic").send_keys("Termination")
    box = app.tid("feedback-message")
    box.clear()
    box.send_keys(message)
    field = app.tid("feedback-phone")
    field.clear()
    field.send_keys(phone)
    app.click("feedback-submit")


def test_a_refused_termination_notice_is_kept_edited_and_delivered_once(
    app: App, nl_portal: Portal, app_root: Path
):
    sign_in(app)
    nl_portal.stop()
    try:
        # Offline, a phone the portal would refuse: refused at once, on the field.
        write_termination(app, MESSAGE, "123")
        error = app.text("feedback-phone-error")
        assert "phone number" in error, error
        assert not app.has("feedback-result")
        assert not list(outbox(app_root).glob("*.json")), "nothing may be queued"
        app.check_view("feedback-invalid-phone-offline-en")

        # Queued by an older version with phone "123", and one more to discard.
        kept = queue_legacy_item(app_root, MESSAGE, "123")
        dropped = queue_legacy_item(app_root, "Poistettava viesti", "12")
    finally:
        nl_portal.start()
    back_online(app)

    # The portal refuses both: kept, counted in the navigation, shown with the reason.
    app.wait.until(lambda d: app.has("nav-feedback-attention"), "no attention count")
    assert app.text("nav-feedback-attention") == "2"
    nav(app, "feedback")
    app.tid("feedback-attention")
    items = {e.get_attribute("data-local-id"): e for e in app.tids("feedback-attention-item")}
    assert set(items) == {kept, dropped}, items.keys()
    assert "phone number" in app.text("feedback-attention-reason")
    assert len(list(outbox(app_root).glob("*.json"))) == 2, "never deleted"
    app.check_view("feedback-needs-attention-en")

    # Edit and resend the termination notice.
    sel = f'[data-local-id="{kept}"] [data-testid="feedback-attention-edit"]'
    app.d.execute_script("document.querySelector(arguments[0]).click()", sel)
    app.tid("feedback-editing")
    assert app.tid("feedback-message").get_attribute("value") == MESSAGE
    phone = app.tid("feedback-phone")
    assert phone.get_attribute("value") == "123"
    phone.clear()
    phone.send_keys("040 123 4567")
    app.click("feedback-submit")
    result = app.tid("feedback-result")
    assert result.get_attribute("data-status") == "sent"
    assert rows(nl_portal, MESSAGE) == 1
    assert not (outbox(app_root) / f"{kept}.json").exists()

    # The other: discarded only after the user confirms; never sent.
    app.click("feedback-new")
    sel = f'[data-local-id="{dropped}"] [data-testid="feedback-attention-discard"]'
    app.d.execute_script("document.querySelector(arguments[0]).click()", sel)
    app.click("feedback-discard-confirm")
    app.wait.until(lambda d: not app.has("feedback-attention"), "attention notice stays")
    app.wait.until(lambda d: not app.has("nav-feedback-attention"), "attention count stays")
    assert not list(outbox(app_root).glob("*.json"))
    assert rows(nl_portal, "Poistettava viesti") == 0
    # Exactly once, even after more flushes.
    back_online(app)
    time.sleep(1)
    assert rows(nl_portal, MESSAGE) == 1


def test_a_portal_answering_500_is_an_error_not_offline(app: App, nl_proxy: FaultProxy):
    sign_in(app)
    nl_proxy.fail_status(500, times=20, path="/api/v1/services")
    try:
        app.click("services-refresh")
        app.tid("services-error")
        assert nl_proxy.rewritten >= 1
        assert not app.has("offline-banner"), "a 500 is not offline"
        app.check_view("services-error-500-en")
    finally:
        nl_proxy.passthrough()
    app.click("services-refresh")
    app.wait.until(lambda d: not app.has("services-error"), "error stays after recovery")


def personal_data(portal: Portal) -> list[str]:
    token = portal.sign_in(EMAIL, PASSWORD)
    me = portal.get("/api/v1/customer", token)
    services = portal.get("/api/v1/services", token)["services"]
    return [me["email"], me["name"], *(s["name"]["fi"] for s in services), *(s["name"]["en"] for s in services)]


def swept_roots(app_root: Path) -> list[Path]:
    roots = [app_root]
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        if os.environ.get(var):
            roots.append(Path(os.environ[var]))
    return [r for r in roots if r.exists()]


def holding(roots: list[Path], needles: list[str]) -> list[str]:
    """`path: needle` for every file holding one (as UTF-8 or UTF-16, WebKit's storage).
    The keychain's own store is encrypted and may hold the email only in other tests'
    entries; it is not the app's file."""
    forms = [(n, f) for n in needles for f in (n.encode(), n.encode("utf-16-le"))]
    found = []
    for root in roots:
        for p in root.rglob("*"):
            if not p.is_file() or p.is_symlink() or p.suffix == ".keyring":
                continue
            try:
                data = p.read_bytes()
            except OSError:
                continue
            found += [f"{p}: {n}" for n, f in forms if f in data]
    return sorted(set(found))


def test_sign_out_asks_about_queued_feedback_and_leaves_no_personal_data(
    app: App, nl_portal: Portal, app_root: Path
):
    needles = personal_data(nl_portal)
    sign_in(app)
    for view in ("services", "order", "billing", "details", "feedback", "contact", "settings"):
        nav(app, view)
    assert holding([app_root], needles), "the sweep finds the account's data while signed in"

    # Feedback queued with the portal stopped.
    nl_portal.stop()
    try:
        write_termination(app, "Jonossa oleva viesti", "040 123 4567")
        assert app.tid("feedback-result").get_attribute("data-status") == "queued"
        nav(app, "settings")
        app.click("sign-out")
        app.tid("sign-out-pending")
        app.check_view("sign-out-pending-en")
        app.click("sign-out-discard")
        app.tid("signin-email")
    finally:
        nl_portal.start()
    time.sleep(1)  # let the last writes (settings, WebKit's storage) land
    left = holding(swept_roots(app_root), needles)
    assert not left, "personal data left after sign-out:\n" + "\n".join(left)
    assert not list(outbox(app_root).glob("*.json")), "discarded"
