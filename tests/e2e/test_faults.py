"""Faults, end to end in the real app (issue 7), each leaving nothing lost or duplicated:

0. the fault proxy's own modes (pass-through, cut, refuse, delay), without the app;
1. keychain absent (no Secret Service on the D-Bus) → session-only sign-in with a clear
   message; a restart finds no remembered session;
1b. keychain locked (a private gnome-keyring whose login collection is locked; the user
   cancels the unlock prompt) → the same;
2. disk full while downloading (the downloads dir is a 512 KiB tmpfs) → a clear localized
   `disk_full` error, no final file;
3. the connection cut mid-download (twice, by a proxy in front of the portal) → the
   download resumes, fetches less than twice the size, ends verified, Install opens the
   file with the manifest's SHA-256;
4. the access token expires mid-session (portal with a 6 s access-token TTL) → silent
   refresh: data shows, no sign-in page, the portal issued a new access token;
5. a corrupt cache file (garbage written while the app is closed) → the app starts,
   ignores it, restores the session and shows (and re-caches) fresh data;
6. the connection cut while the app reads the portal's answer to feedback → stored once
   (the answer lost mid-body keeps the feedback queued with its idempotency key);
7. sign-out after the access token expired → the portal revokes the session (sign-out
   refreshes first).

All against a portal of their own (small installers, short token TTL) reached through
`faultproxy.FaultProxy`, with a data dir of their own (`faults-data`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SCREENSHOTS, App, Portal, clean, running_portal, start_portal_driver, start_tauri_driver, stop
from faultproxy import FaultProxy
from test_flow import EMAIL, PASSWORD, nav, security_service

INSTALLER_SIZE = 2 * 1024 * 1024
ACCESS_TTL = 6


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fault_portal(workdir: Path):
    args = ["--installer-size", str(INSTALLER_SIZE), "--access-token-ttl", str(ACCESS_TTL)]
    with running_portal(workdir / "faults", args) as p:
        yield p


@pytest.fixture(scope="module")
def proxy(fault_portal: Portal):
    fp = FaultProxy(fault_portal.port)
    yield fp
    fp.close()


@pytest.fixture(scope="module")
def fault_opened(workdir: Path) -> Path:
    return workdir / "faults-opened.txt"


@pytest.fixture(scope="module")
def fault_driver(workdir: Path, fault_portal: Portal, proxy: FaultProxy, fault_opened: Path, axe_source):
    """tauri-driver for an app that talks to the fault portal only through the proxy."""
    url, stop_all = start_portal_driver(workdir, "faults", proxy.url, fault_portal.public_key, fault_opened)
    yield url
    stop_all()


@pytest.fixture(scope="module")
def data_dir(workdir: Path) -> Path:
    return workdir / "faults-data" / "data"


@pytest.fixture(scope="module")
def fault_app(fault_driver):
    """One app for tests 2–5 (in order); test 5 replaces it."""

    class Holder:
        app: App
        driver: str

    h = Holder()
    h.driver = fault_driver
    h.app = App(fault_driver)
    yield h
    try:
        h.app.invoke("sign_out", {"queuedFeedback": "discard"})
    except Exception:
        pass
    h.app.quit()


@pytest.fixture(scope="module")
def fault_services(fault_portal: Portal):
    return fault_portal.get("/api/v1/services", fault_portal.sign_in(EMAIL, PASSWORD))


# --- helpers ----------------------------------------------------------------------------


def session_only_then_forgotten(app: App, url: str, view: str) -> App:
    """Signed in without a keychain: the notice says so and the session is not remembered;
    a new process finds no remembered session (the sign-in page). Returns the new App."""
    notice = app.text("keychain-notice")
    assert "could not be remembered" in notice and "keychain" in notice, notice
    app.check_view(view)
    ok, info = app.invoke("session_info")
    assert ok and info["signed_in"] and not info["remembered"], info
    app.quit()
    time.sleep(0.5)
    app = App(url)
    app.tid("signin-email")
    time.sleep(1)  # give a (wrong) restore the chance to show the services
    assert not app.has("services-list"), "restored a session that was not to be remembered"
    ok, info = app.invoke("session_info")
    assert ok and not info["signed_in"] and not info["remembered"], info
    return app


def sign_in(app: App) -> None:
    app.tid("signin-email").send_keys(EMAIL)
    app.tid("signin-password").send_keys(PASSWORD)
    assert app.tid("signin-remember").is_selected(), "remember me is checked by default"
    app.tid("signin-submit").click()
    app.tid("services-list")


def linux_installer(services: dict) -> dict:
    return next(i for i in security_service(services)["security"]["installers"] if i["os"] == "linux")


def wait_window(search: list[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(["xdotool", "search", "--onlyvisible", *search],
                             capture_output=True, text=True, timeout=10).stdout.split()
        if out:
            return out[-1]
        time.sleep(0.3)
    raise AssertionError(f"no window {search} within {timeout} s")


def page_text(app: App) -> str:
    return app.d.execute_script("return document.body.innerText")


# --- 0. the proxy itself ---------------------------------------------------------------


def test_0_fault_proxy_modes(proxy: FaultProxy, fault_services):
    """Pass-through, cut, refuse and delay, without the app."""
    import http.client
    import urllib.error
    import urllib.request

    inst = linux_installer(fault_services)
    url = proxy.url + inst["url"]
    proxy.reset_counters()
    assert len(urllib.request.urlopen(url, timeout=10).read()) == INSTALLER_SIZE
    proxy.cut_after(1000)
    with pytest.raises(http.client.IncompleteRead) as e:
        urllib.request.urlopen(url, timeout=10).read()
    assert len(e.value.partial) == 1000 and proxy.cuts == 1
    assert proxy.body_bytes("/installers/") == INSTALLER_SIZE + 1000
    proxy.refuse(True)
    with pytest.raises((urllib.error.URLError, ConnectionError, http.client.HTTPException)):
        urllib.request.urlopen(proxy.url + "/api/v1/health", timeout=10).read()
    proxy.refuse(False)
    proxy.delay(0.5)
    t = time.monotonic()
    urllib.request.urlopen(proxy.url + "/api/v1/health", timeout=10).read()
    assert time.monotonic() - t >= 0.5
    proxy.passthrough()
    proxy.reset_counters()


# --- 1. keychain absent -----------------------------------------------------------------


def test_1_keychain_absent_is_session_only(workdir: Path, fault_portal: Portal, axe_source):
    # No Secret Service: the session bus address points at nothing.
    url, stop_all = start_tauri_driver(
        workdir, "nokeychain",
        dict(
            OMAHALLINTA_PORTAL_URL=fault_portal.url,
            OMAHALLINTA_PORTAL_KEY=fault_portal.public_key,
            DBUS_SESSION_BUS_ADDRESS=f"unix:path={workdir}/no-such-bus",
        ),
    )
    app = App(url)
    try:
        sign_in(app)
        app = session_only_then_forgotten(app, url, "keychain-absent-en")
    finally:
        app.quit()
        stop_all()
    # Nothing remembered on disk either: no file under its data dir holds a refresh token
    # (test_secrets sweeps for tokens; here it is enough that the session was not kept).


# --- 1b. keychain locked -------------------------------------------------------------------


@pytest.fixture
def locked_keyring(workdir: Path):
    """A private D-Bus session whose gnome-keyring has a login collection that is locked
    (unlocked with a password, then `Service.Lock`ed): remembering would need the user to
    type the keyring password into a prompt. Yields the env for tauri-driver."""
    d = workdir / "locked-keyring"
    (d / "data").mkdir(parents=True, exist_ok=True)
    (d / "run").mkdir(exist_ok=True)
    (d / "run").chmod(0o700)
    env = dict(os.environ, XDG_DATA_HOME=str(d / "data"), XDG_RUNTIME_DIR=str(d / "run"))
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, text=True, env=env)
    procs = [bus]
    try:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        kr = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        procs.append(kr)
        kr.stdin.write(b"locked-e2e")
        kr.stdin.close()
        gdbus = ["gdbus", "call", "--session", "--dest", "org.freedesktop.secrets"]
        login = "/org/freedesktop/secrets/collection/login"
        deadline = time.monotonic() + 10
        while True:  # the collection exists once the daemon has read the password
            r = subprocess.run(gdbus + ["--object-path", login, "--method",
                               "org.freedesktop.DBus.Properties.Get", "org.freedesktop.Secret.Collection",
                               "Locked"], env=env, capture_output=True, text=True, timeout=10)
            if r.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        subprocess.run(gdbus + ["--object-path", "/org/freedesktop/secrets", "--method",
                       "org.freedesktop.Secret.Service.Lock", f"['{login}']"],
                       env=env, check=True, capture_output=True, timeout=10)
        r = subprocess.run(gdbus + ["--object-path", login, "--method",
                           "org.freedesktop.DBus.Properties.Get", "org.freedesktop.Secret.Collection",
                           "Locked"], env=env, capture_output=True, text=True, timeout=10)
        assert "true" in r.stdout, r.stdout + r.stderr
        yield {k: env[k] for k in ("DBUS_SESSION_BUS_ADDRESS", "XDG_DATA_HOME", "XDG_RUNTIME_DIR")}
    finally:
        for p in reversed(procs):
            stop(p)


def test_1b_keychain_locked_is_session_only(workdir: Path, fault_portal: Portal, locked_keyring, axe_source):
    url, stop_all = start_tauri_driver(
        workdir, "lockedkeychain",
        dict(
            OMAHALLINTA_PORTAL_URL=fault_portal.url,
            OMAHALLINTA_PORTAL_KEY=fault_portal.public_key,
            **locked_keyring,
        ),
    )
    app = App(url)
    try:
        app.tid("signin-email").send_keys(EMAIL)
        app.tid("signin-password").send_keys(PASSWORD)
        app.tid("signin-submit").click()
        # The keychain asks the user for its password (gcr-prompter on the X display);
        # the user cancels the prompt.
        prompt = wait_window(["--class", "gcr-prompter"], 20)
        print(f"prompt window {prompt}; the app says: {page_text(app)[:200]!r}")
        subprocess.run(["import", "-window", "root", str(SCREENSHOTS / "keychain-locked-prompt.png")],
                       timeout=30)
        # Cancel: the button at the prompt's bottom right (gcr-prompter has no test ids).
        geo = dict(line.split("=", 1) for line in subprocess.run(
            ["xdotool", "getwindowgeometry", "--shell", prompt],
            capture_output=True, text=True, timeout=10).stdout.split())
        w, h = int(geo["WIDTH"]), int(geo["HEIGHT"])
        subprocess.run(["xdotool", "mousemove", "--window", prompt, str(w - 136), str(h - 20),
                        "click", "1"], timeout=10)
        deadline = time.monotonic() + 10
        while subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "gcr-prompter"],
                             capture_output=True, timeout=10).stdout.strip():
            assert time.monotonic() < deadline, "the keyring prompt did not close on Cancel"
            time.sleep(0.3)
        try:
            WebDriverWait(app.d, 30).until(lambda d: app.has("services-list"), "no services")
        except Exception:
            app.screenshot("FAILED-keychain-locked")
            raise AssertionError(
                f"sign-in with a locked keychain, unlock prompt cancelled; the page says:\n{page_text(app)}")
        app = session_only_then_forgotten(app, url, "keychain-locked-en")
    finally:
        app.quit()
        stop_all()


# --- 2. disk full -----------------------------------------------------------------------


def test_2_disk_full_while_downloading(fault_app, fault_services, data_dir: Path):
    app = fault_app.app
    sign_in(app)
    svc = security_service(fault_services)
    inst = linux_installer(fault_services)
    downloads = data_dir.parent / "cache" / "downloads"  # installers live in the cache dir
    downloads.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(downloads)], check=True)
    try:
        app.tid(f"service-activate-{svc['id']}").click()
        app.tid("download-button").click()
        state = app.wait_download(svc["id"])
        assert state == "failed", page_text(app)
        err = app.text("download-error")
        assert "The disk is full" in err, err
        app.check_view("download-disk-full-en")
        assert not app.tid("install-button").is_enabled(), "Install enabled after a failed download"
        finals = [p for p in downloads.rglob(inst["file_name"])]
        assert finals == [], f"a final-named file after disk full: {finals}"
    finally:
        for _ in range(10):
            if subprocess.run(["umount", str(downloads)]).returncode == 0:
                break
            time.sleep(0.5)
        else:
            subprocess.run(["umount", "-l", str(downloads)], check=True)


# --- 3. connection cut mid-download -------------------------------------------------------


def test_3_connection_cut_mid_download_resumes(fault_app, fault_services, proxy: FaultProxy,
                                               fault_opened: Path):
    app = fault_app.app
    inst = linux_installer(fault_services)
    proxy.reset_counters()
    # Cut the installer's response body twice, a third of the way in each time.
    proxy.cut_after(INSTALLER_SIZE // 3, times=2)
    try:
        app.tid("download-retry").click()
        # The view still shows test 2's failure until the retry's first report lands.
        app.wait.until(lambda d: app.tid("download-state").get_attribute("data-state") != "failed",
                       "the retry did not start")
        state = app.wait_download(security_service(fault_services)["id"])
    finally:
        proxy.passthrough()
    assert state == "verified", page_text(app)
    assert proxy.cuts == 2, proxy.requests
    fetched = proxy.body_bytes("/installers/")
    gets = [r for r in proxy.requests if "/installers/" in r]
    assert len(gets) >= 3, gets  # the first attempt and at least two resumes
    assert INSTALLER_SIZE <= fetched < 2 * INSTALLER_SIZE, (fetched, gets)
    install = app.tid("install-button")
    assert install.is_enabled()
    app.check_view("download-resumed-verified-en")
    install.click()
    app.tid("install-opened")
    opened = Path(fault_opened.read_text().splitlines()[-1].strip())
    assert opened.name == inst["file_name"]
    assert opened.stat().st_size == INSTALLER_SIZE
    assert hashlib.sha256(opened.read_bytes()).hexdigest() == inst["sha256"]
    assert not list(opened.parent.glob("*.part*")), "a .part left beside the verified file"
    app.tid("activation-back").click()
    app.tid("services-list")


# --- 4. access token expiry --------------------------------------------------------------


def token_rows(portal: Portal) -> tuple[int, int]:
    with sqlite3.connect(portal.db) as db:
        access = db.execute("SELECT count(*) FROM access_tokens").fetchone()[0]
        used = db.execute("SELECT count(*) FROM refresh_tokens WHERE used_at IS NOT NULL").fetchone()[0]
    return access, used


def test_4_access_token_expiry_silent_refresh(fault_app, fault_portal: Portal, proxy: FaultProxy):
    app = fault_app.app
    nav(app, "billing")  # a network call with the current access token
    before = token_rows(fault_portal)
    time.sleep(ACCESS_TTL + 1.5)  # the access token is now expired
    proxy.reset_counters()
    nav(app, "details")
    assert "@" in app.text("details-email")
    nav(app, "services")
    app.tid("services-refresh").click()
    app.tid("services-list")
    nav(app, "billing")
    app.tid("billing-total")
    assert not app.has("signin-email"), "sent to the sign-in page"
    assert not app.has("services-error") and not app.has("offline-banner")
    after = token_rows(fault_portal)
    assert after[0] > before[0] and after[1] > before[1], (before, after, proxy.requests)
    ok, info = app.invoke("session_info")
    assert ok and info["signed_in"] and info["remembered"], info


# --- 5. corrupt cache ----------------------------------------------------------------------


def test_5_corrupt_cache_is_ignored(fault_app, fault_services, data_dir: Path):
    cache = data_dir / "portal" / "cache"
    app = fault_app.app
    nav(app, "details")  # customer details cached too
    app.quit()  # the app is closed while the files are spoiled
    time.sleep(0.5)
    files = sorted(cache.glob("*.json"))
    assert files, f"no cache files under {cache}"
    garbage = [b"\x00\xff garbage \xfe" * 50, b'{"version": 1, "data": {"services": [', b"", b"null"]
    for i, f in enumerate(files):
        f.write_bytes(garbage[i % len(garbage)])
    app = fault_app.app = App(fault_app.driver)
    try:
        app.tid("services-list")  # restored from the keychain, fresh data
    except Exception:
        app.screenshot("FAILED-corrupt-cache")
        raise AssertionError(f"after a corrupt cache the page says:\n{page_text(app)}")
    # Cards below the window's first screen come a frame after the first ones.
    app.wait.until(
        lambda d: len(d.find_elements("css selector", '[data-testid^="service-row-"]'))
        == len(fault_services["services"]),
        "not every service shown",
    )
    assert not app.has("offline-banner")
    app.check_view("corrupt-cache-ignored-en")
    # The garbage was replaced by a good copy.
    app.wait.until(
        lambda d: any(_is_json(f) for f in cache.glob("*services*.json")), "services not re-cached"
    )


def _is_json(f: Path) -> bool:
    try:
        json.loads(f.read_bytes())
        return True
    except ValueError:
        return False


# --- 6. the answer to feedback lost ----------------------------------------------------------


def test_6_feedback_answer_cut_is_delivered_once(fault_app, fault_portal: Portal, proxy: FaultProxy,
                                                  data_dir: Path):
    """The portal stores the feedback but the connection drops before its answer reaches
    the app: whether the app retries at once or queues it, the portal ends with one row."""
    app = fault_app.app
    nav(app, "feedback")
    message = f"Cut answer {time.time():.0f}"
    app.tid("feedback-message").send_keys(message)
    proxy.reset_counters()
    proxy.cut_after(0, times=1, path="/feedback")
    try:
        app.click("feedback-submit")
        shown = WebDriverWait(app.d, 60).until(
            lambda d: next((e for t in ("feedback-result", "feedback-error") for e in app.tids(t)
                            if e.is_displayed()), None),
            "neither a feedback result nor an error",
        )
        status = shown.get_attribute("data-status") or f"error: {clean(shown.text)}"
    finally:
        proxy.passthrough()
    assert proxy.cuts == 1, proxy.requests
    if status.startswith("error"):
        app.screenshot("FAILED-feedback-answer-cut")
        outbox = list((data_dir / "portal" / "outbox").glob("*.json"))
        count = lambda: sqlite3.connect(fault_portal.db).execute(  # noqa: E731
            "SELECT count(*) FROM feedback WHERE message = ?", (message,)).fetchone()[0]
        stored = count()
        # What the user then does: "Please try again" -> Send again.
        if app.tid("feedback-message").get_attribute("value") != message:
            app.tid("feedback-message").send_keys(message)
        app.click("feedback-submit")
        app.tid("feedback-result")
        raise AssertionError(
            f"the portal stored the feedback ({stored} row) but the app says {status!r} and kept "
            f"{len(outbox)} outbox item(s); sending again as told -> {count()} rows (duplicate)")
    assert status in ("sent", "queued"), status
    if status == "queued":  # the outbox delivers it on the next successful call
        nav(app, "services")
        app.tid("services-refresh").click()
        app.tid("outbox-delivered")
    posts = [r for r in proxy.requests if r.startswith("POST") and "/feedback" in r]
    with sqlite3.connect(fault_portal.db) as db:
        rows = db.execute("SELECT count(*) FROM feedback WHERE message = ?", (message,)).fetchone()[0]
    assert rows == 1, (rows, status, posts)
    assert len(posts) >= 2, posts  # it was sent again (same idempotency key), not given up


# --- 7. sign-out after the access token expired ----------------------------------------------


def test_7_sign_out_after_access_expiry_revokes_the_session(fault_app, fault_portal: Portal):
    app = fault_app.app
    nav(app, "billing")  # the app's session made the latest access token
    with sqlite3.connect(fault_portal.db) as db:
        family = db.execute("SELECT family_id FROM access_tokens ORDER BY id DESC LIMIT 1").fetchone()[0]
    time.sleep(ACCESS_TTL + 1.5)
    nav(app, "settings")
    app.tid("sign-out").click()
    app.tid("signin-email")
    with sqlite3.connect(fault_portal.db) as db:
        revoked = db.execute("SELECT revoked_at FROM session_families WHERE id = ?", (family,)).fetchone()[0]
        live = db.execute(
            "SELECT count(*) FROM refresh_tokens WHERE family_id = ? AND used_at IS NULL", (family,)
        ).fetchone()[0]
    assert revoked is not None, f"session family {family} not revoked; {live} unused refresh token(s) left"
