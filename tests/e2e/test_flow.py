"""The whole journey through the real app against the real portal, in order:
wrong password then right (keyboard only), services compared with the portal's own
data, Turvapaketti download + verification + "install", feedback (keyboard only),
every view in English, Finnish and Swedish (screenshot + axe-core), restart with the
remembered session, sign-out. Each view is checked for serious/critical accessibility violations.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import App, Portal, clean

EMAIL = "perhe@example.fi"  # portal_server::demo::FAMILY
PASSWORD = "Demo-Salasana-1"
VIEWS = ["services", "order", "billing", "details", "feedback", "contact", "settings"]
VIEW_READY = {
    "services": "services-list",
    "order": None,
    "billing": "billing-total",
    "details": "details-email",
    "feedback": "feedback-message",
    "contact": "contact-phone",
    "settings": "language-select",
}



@pytest.fixture(scope="module")
def session(tauri_driver, axe_source):
    """One app for the module (tests run in order); `restart()` replaces it."""

    class Holder:
        app: App

        def restart(self) -> App:
            self.app.quit()
            time.sleep(0.5)
            self.app = App(tauri_driver)
            return self.app

    h = Holder()
    h.app = App(tauri_driver)
    yield h
    h.app.quit()


@pytest.fixture(scope="module")
def portal_services(portal: Portal):
    token = portal.sign_in(EMAIL, PASSWORD)
    return portal.get("/api/v1/services", token)


# --- helpers -------------------------------------------------------------------------


def keys(app: App, *ks: str) -> None:
    ActionChains(app.d).send_keys(*ks).perform()


def active_testid(app: App) -> str | None:
    return app.d.execute_script(
        "const a = document.activeElement; return a ? a.getAttribute('data-testid') : null;"
    )


def tab_to(app: App, testid: str, limit: int = 60) -> None:
    """Moves the focus with TAB only until the element with `testid` has it."""
    for _ in range(limit):
        if active_testid(app) == testid:
            return
        keys(app, Keys.TAB)
    raise AssertionError(f"TAB never reached {testid}")


def select_all_and_type(app: App, text: str) -> None:
    keys(app, Keys.END)
    keys(app, *([Keys.BACKSPACE] * 80))
    keys(app, text)


def nav(app: App, view: str) -> None:
    app.tid(f"nav-{view}").click()
    app.wait.until(
        lambda d: app.tid(f"nav-{view}").get_attribute("aria-current") == "page",
        f"nav-{view} not current",
    )
    ready = VIEW_READY[view]
    if ready:
        app.tid(ready)


def digits(s: str) -> int:
    return int(re.sub(r"\D", "", s) or "-1")


UNTIL_FURTHER_NOTICE = {"en": "until further notice", "fi": "toistaiseksi", "sv": "tills vidare"}


def shown_date(text: str, lang: str):
    """Parses the UI's numeric date (en-GB `26/11/2026`, fi and sv-FI `26.11.2026`)."""
    sep = "/" if lang == "en" else "."
    d, m, y = (int(x) for x in clean(text).strip(".").split(sep))
    return f"{y:04d}-{m:02d}-{d:02d}"


def check_services(app: App, listing: dict, lang: str) -> None:
    app.tid("services-list")
    for s in listing["services"]:
        row = app.tid(f"service-row-{s['id']}")
        get = lambda tid: clean(row.find_element("css selector", f'[data-testid="{tid}"]').text)  # noqa: E731
        assert shown_date(get("service-start"), lang) == s["start_date"], s["id"]
        if s["end_date"]:
            assert shown_date(get("service-end"), lang) == s["end_date"], s["id"]
        else:
            assert get("service-end") == UNTIL_FURTHER_NOTICE[lang], s["id"]
        if s["status"] != "ended":
            assert digits(get("service-price")) == s["monthly_price_cents"], (s["id"], get("service-price"))
        badge = row.find_element("css selector", '[data-testid="status-badge"]')
        assert badge.get_attribute("data-status") == s["status"]
        # The portal's own texts are fi/en; Swedish readers get the Finnish ones.
        assert get("service-group") == s["group_name"]["en" if lang == "en" else "fi"]
    assert digits(app.text("services-total-amount")) == listing["monthly_total_cents"]


def security_service(listing: dict) -> dict:
    return next(s for s in listing["services"] if s.get("security") and s["status"] != "ended")


# --- the journey ----------------------------------------------------------------------


def test_1_wrong_then_right_password_keyboard_only(session):
    app = session.app
    app.tid("signin-email")
    app.check_view("sign-in-en")
    tab_to(app, "signin-email")
    keys(app, EMAIL)
    tab_to(app, "signin-password")
    keys(app, "wrong-password-1", Keys.ENTER)
    err = app.tid("signin-error")
    assert err.get_attribute("data-code") == "invalid_credentials"
    app.check_view("sign-in-error-en")
    # The right password, still keyboard only.
    tab_to(app, "signin-password")
    select_all_and_type(app, PASSWORD)
    keys(app, Keys.ENTER)
    app.tid("services-list")


def test_2_services_match_the_portal(session, portal_services):
    app = session.app
    check_services(app, portal_services, "en")
    app.check_view("services-en")
    # The type scale's four size × weight pairs (app.css): WebKitGTK looks up a font for
    # each pair a page uses before its first paint.
    pairs = app.d.execute_script(
        "const s = new Set();"
        "for (const e of document.querySelectorAll('body *')) {"
        "  if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;"
        "  const c = getComputedStyle(e); s.add(c.fontSize + ' ' + c.fontWeight); }"
        "return [...s].sort();"
    )
    assert len(pairs) <= 4, f"font size × weight pairs in the services view: {pairs}"


def test_3_download_verify_and_install(session, portal_services, opened_log: Path):
    app = session.app
    svc = security_service(portal_services)
    app.tid(f"service-activate-{svc['id']}").click()
    app.tid("download-button")
    assert app.text("subscription-key") == svc["security"]["subscription_key"]
    install = app.tid("install-button")
    assert not install.is_enabled(), "Install must be disabled before verification"
    app.check_view("activation-en")
    app.tid("download-button").click()
    assert app.wait_download(svc["id"]) == "verified", app.text("download-state")
    app.check_view("activation-verified-en")
    app.tid("install-button").click()
    app.tid("install-opened")
    # "Install" ran the open command with the verified file (the path stays in Rust).
    opened = opened_log.read_text().splitlines()[0].strip()
    linux = next(i for i in svc["security"]["installers"] if i["os"] == "linux")
    assert Path(opened).name == linux["file_name"]
    assert hashlib.sha256(Path(opened).read_bytes()).hexdigest() == linux["sha256"]
    # The device link's QR code renders (inline SVG under the strict CSP).
    app.tid("qr-show").click()
    assert "<svg" in app.tid("qr-code").get_attribute("innerHTML")
    app.check_view("activation-qr-en")
    app.tid("activation-back").click()
    app.tid("services-list")


def test_4_feedback_keyboard_only(session, portal: Portal):
    app = session.app
    nav(app, "feedback")
    app.check_view("feedback-en")
    message = f"E2E feedback {time.time():.0f}: thanks for the service!"
    tab_to(app, "feedback-message")
    keys(app, message)
    tab_to(app, "feedback-submit")
    keys(app, Keys.ENTER)
    result = app.tid("feedback-result")
    assert result.get_attribute("data-status") == "sent"
    app.check_view("feedback-sent-en")
    with sqlite3.connect(portal.db) as db:
        rows = db.execute("SELECT topic, message FROM feedback WHERE message = ?", (message,)).fetchall()
    assert rows == [("general", message)], rows


def test_4b_contact_links_open_through_the_shell(session, portal: Portal, opened_log: Path):
    app = session.app
    contact = portal.get("/api/v1/contact")
    nav(app, "contact")
    app.tid("contact-portal").click()
    app.wait.until(lambda d: contact["web_portal_url"] in opened_log.read_text(), "portal link not opened")
    app.tid("contact-phone").click()
    app.wait.until(lambda d: f"tel:{contact['phone_e164']}" in opened_log.read_text(), "tel: link not opened")


def test_5_every_view_in_english_then_finnish(session, portal_services, workdir):
    app = session.app
    for view in VIEWS:
        nav(app, view)
        app.check_view(f"{view}-en")
    nav(app, "settings")
    Select(app.tid("language-select")).select_by_value("fi")
    app.wait.until(lambda d: app.text("nav-services") == "Tilatut palvelut", "UI not in Finnish")
    settings = (workdir / "app-data" / "config" / "settings.json").read_text()
    assert '"lang": "fi"' in settings, settings
    for view in VIEWS:
        nav(app, view)
        app.check_view(f"{view}-fi")
    nav(app, "services")
    check_services(app, portal_services, "fi")
    svc = security_service(portal_services)
    app.tid(f"service-activate-{svc['id']}").click()
    app.tid("install-button")
    app.check_view("activation-fi")
    app.tid("activation-back").click()


def test_5b_every_view_in_swedish(session, portal_services, workdir):
    """Swedish (sv-FI) in the same app session: every view screenshotted (`*-sv.png`) and
    axe-checked, dates and prices in Finland's format; then back to Finnish for test 6."""
    app = session.app
    nav(app, "settings")
    Select(app.tid("language-select")).select_by_value("sv")
    app.wait.until(lambda d: app.text("nav-services") == "Beställda tjänster", "UI not in Swedish")
    assert app.d.execute_script("return document.documentElement.lang") == "sv"
    settings = (workdir / "app-data" / "config" / "settings.json").read_text()
    assert '"lang": "sv"' in settings, settings
    for view in VIEWS:
        nav(app, view)
        app.check_view(f"{view}-sv")
        # Swedish runs longest of the three: nothing may be cut off or push the page sideways.
        assert app.clipped_text() == [], view
    assert app.text("nav-order") == "Beställ" and app.text("nav-details") == "Användaruppgifter"
    nav(app, "services")
    check_services(app, portal_services, "sv")  # dates 24.11.2026
    total = clean(app.text("services-total-amount"))
    assert re.fullmatch(r"\d{1,3}( \d{3})*,\d{2} €", total), total  # 24,80 €
    svc = security_service(portal_services)
    app.tid(f"service-activate-{svc['id']}").click()
    assert clean(app.text("install-button")) == "Installera"
    app.check_view("activation-sv")
    app.tid("activation-back").click()
    nav(app, "settings")
    Select(app.tid("language-select")).select_by_value("fi")
    app.wait.until(lambda d: app.text("nav-services") == "Tilatut palvelut", "UI not back in Finnish")


def test_6_restart_finds_the_remembered_session(session, portal_services):
    app = session.restart()
    try:
        app.tid("services-list")  # no sign-in page
    except Exception:
        app.screenshot("FAILED-restart")
        raise
    assert app.text("nav-services") == "Tilatut palvelut"  # language persisted
    check_services(app, portal_services, "fi")
    app.check_view("services-restored-fi")


def test_7_sign_out(session):
    app = session.app
    nav(app, "settings")
    app.tid("sign-out").click()
    app.tid("signin-email")
    app.check_view("sign-in-fi")
    # Signed out for good: a restart shows the sign-in page again.
    app = session.restart()
    app.tid("signin-email")
    assert not app.has("services-list")
    # Leave the app as later modules expect it: English (the OS language here).
    assert app.d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('set_language', {lang: 'en'}).then(() => done('ok'), e => done(String(e)));"
    ) == "ok"
