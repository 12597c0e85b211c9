"""Reminders that reach people (issue 17), in the real app on the test's private D-Bus
session, with what a desktop session provides played by tests/e2e/sessionbus.py: a
notification daemon recording Notify calls and a StatusNotifierWatcher (a panel's tray
host) the app's tray icon (libayatana-appindicator) registers with.

- After sign-in the reminder notification is posted: the demo household's Turvapaketti
  ends in 20 days and its TV season pass in 5 (both inside the 45/14/7/1 policy).
- The tray item shows the count (its label) and a menu read through com.canonical.dbusmenu
  as a panel does; clicking "Ordered services (2)" there shows that view; the menu
  follows the language.
- The Settings toggle "Start with the computer, minimized" writes and removes
  `~/.config/autostart/Omahallinta.desktop` with `--minimized` (the app runs with a HOME
  of its own here, and XDG_CONFIG_HOME = `$HOME/.config`).
- Started with `--minimized` the app shows no window, its tray counts (the remembered
  session restored while hidden) and "Open Omahallinta" shows the window.
One portal, one D-Bus fixture, two app starts.
"""

import json
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

from conftest import App, running_portal, start_tauri_driver
from sessionbus import SessionBus
from test_flow import EMAIL, PASSWORD


@pytest.fixture(scope="module")
def bus():
    b = SessionBus()
    yield b
    b.close()


@pytest.fixture(scope="module")
def tray_portal(workdir: Path):
    with running_portal(workdir / "tray") as p:
        yield p


@pytest.fixture(scope="module")
def home(workdir: Path) -> Path:
    """The app's HOME: the autostart plugin (auto-launch 0.6) writes to
    `$HOME/.config/autostart`, whatever XDG_CONFIG_HOME says; never the real one."""
    d = workdir / "tray-home"
    (d / ".config").mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture(scope="module")
def tray_driver(workdir: Path, bus: SessionBus, tray_portal, home: Path, axe_source):
    # The watcher and the daemon are on the bus before the app starts, as in a session.
    url, stop_all = start_tauri_driver(
        workdir, "tray",
        dict(
            OMAHALLINTA_PORTAL_URL=tray_portal.url,
            OMAHALLINTA_PORTAL_KEY=tray_portal.public_key,
            OMAHALLINTA_OPEN_COMMAND="/bin/true",
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
        ),
    )
    yield url
    stop_all()


@pytest.fixture(scope="module")
def app(tray_driver: str):
    a = App(tray_driver)
    yield a
    a.quit()


def expected_attention(portal) -> int:
    """The portal's own answer, counted by the policy: fixed-term services ending within
    45 days of the portal's date or ended within the last 30."""
    from datetime import date
    services = portal.get("/api/v1/services", portal.sign_in(EMAIL, PASSWORD))
    today = date.fromisoformat(services["as_of"])
    n = 0
    for s in services["services"]:
        if s["validity"] == "fixed_term" and s.get("end_date"):
            left = (date.fromisoformat(s["end_date"]) - today).days
            n += -30 <= left <= 45
    return n


def window_visible() -> bool:
    out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Omahallinta$"],
                         capture_output=True, text=True, timeout=10).stdout
    return bool(out.split())


def wait_for(what: str, fn, timeout: float = 20):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(0.1)
    raise AssertionError(f"{what}: last seen {last!r}")


def menu_labels(bus: SessionBus, item) -> list[str]:
    return [e["label"] for e in bus.menu(item) if e["type"] != "separator"]


def click_menu(bus: SessionBus, item, label: str) -> None:
    entry = next(e for e in bus.menu(item) if e["label"] == label)
    bus.click(item, entry["id"])


def test_1_the_reminder_notification_is_posted_after_sign_in(app: App, bus: SessionBus, tray_portal):
    assert expected_attention(tray_portal) == 2
    app.tid("signin-email").send_keys(EMAIL)
    app.tid("signin-password").send_keys(PASSWORD)
    app.tid("signin-submit").click()
    app.tid("services-list")
    shown = wait_for("a notification", lambda: bus.notifications.shown)
    assert "omahallinta" in shown[0]["app_name"]
    assert shown[0]["summary"] == "A reminder about your services"
    assert shown[0]["body"] == "2 fixed-term services need your attention: see Ordered services."
    # Each reminder once: none more a moment later.
    time.sleep(1)
    assert len(bus.notifications.shown) == 1, bus.notifications.shown


def test_2_the_tray_counts_and_its_menu_opens_the_view(app: App, bus: SessionBus):
    item = bus.wait_item()
    wait_for("tray label 2", lambda: bus.prop(item, "XAyatanaLabel") == "2")
    menu = bus.menu(item)
    assert [e["label"] for e in menu if e["type"] != "separator"] == [
        "2 things need your attention", "Open Omahallinta", "Ordered services (2)", "Quit",
    ]
    assert not menu[0]["enabled"], "the status line is not clickable"

    # In Finnish: the menu follows the language.
    app.click("nav-settings")
    Select(app.tid("language-select")).select_by_value("fi")
    wait_for("Finnish tray menu", lambda: menu_labels(bus, item) == [
        "2 asiaa vaatii huomiotasi", "Avaa Omahallinta", "Tilatut palvelut (2)", "Lopeta",
    ])
    app.tid("language-select")
    assert not app.has("services-list")
    click_menu(bus, item, "Tilatut palvelut (2)")
    app.tid("services-list")
    assert app.tid("nav-services").get_attribute("aria-current") == "page"
    app.invoke("set_language", {"lang": "en"})


def test_3_autostart_writes_and_removes_the_desktop_entry(app: App, home: Path, workdir: Path):
    entry = home / ".config" / "autostart" / "Omahallinta.desktop"
    settings = workdir / "tray-data" / "config" / "settings.json"
    app.click("nav-settings")
    toggle = app.tid("autostart-toggle")
    assert not toggle.is_selected() and not entry.exists(), "off by default"
    app.check_view("settings-autostart-en")
    toggle.click()
    wait_for("autostart entry", entry.exists, timeout=10)
    text = entry.read_text()
    exec_line = next(l for l in text.splitlines() if l.startswith("Exec="))
    assert "--minimized" in exec_line and "omahallinta" in exec_line, text
    assert json.loads(settings.read_text())["autostart"] is True
    app.tid("autostart-toggle").click()
    wait_for("autostart entry removed", lambda: not entry.exists(), timeout=10)
    assert json.loads(settings.read_text())["autostart"] is False
    assert not app.tid("autostart-toggle").is_selected()


def test_4_minimized_start_shows_no_window_until_the_tray_opens_it(app: App, bus: SessionBus, tray_driver: str):
    app.quit()
    registered = len(bus.items)
    hidden = App(tray_driver, args=["--minimized"])
    try:
        wait_for("the new tray item", lambda: len(bus.items) > registered)
        item = bus.items[-1]
        # The page runs hidden: the remembered session is restored and counted.
        wait_for("tray label 2 while hidden", lambda: bus.prop(item, "XAyatanaLabel") == "2")
        assert not window_visible(), "--minimized showed the window"
        click_menu(bus, item, "Open Omahallinta")
        wait_for("the window shown", window_visible, timeout=10)
        hidden.tid("services-list")
    finally:
        try:
            hidden.invoke("sign_out", {"queuedFeedback": "discard"})
        finally:
            hidden.quit()
