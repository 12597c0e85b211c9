"""Fixtures of the end-to-end tests: a real portal-server on a free loopback port with a
fresh database, tauri-driver (which starts the real debug app through WebKitWebDriver)
with the app's environment, and helpers for views, screenshots and axe-core.

Run through tests/e2e/run.sh, which provides Xvfb, a private D-Bus session with an
unlocked gnome-keyring, fresh XDG dirs and the Python venv.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import urllib3
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.common.proxy import Proxy, ProxyType
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
APP = Path(os.environ.get("OMAHALLINTA_E2E_APP", TARGET / "debug" / "omahallinta"))
SERVER = Path(os.environ.get("OMAHALLINTA_E2E_SERVER", TARGET / "debug" / "portal-server"))
SCREENSHOTS = Path(os.environ.get("OMAHALLINTA_E2E_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
AXE = Path(os.environ.get("OMAHALLINTA_E2E_AXE", ROOT / "ui" / "node_modules" / "axe-core" / "axe.min.js"))
TIMEOUT = float(os.environ.get("OMAHALLINTA_E2E_TIMEOUT", "20"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Portal:
    """A portal-server process with demo data; `stop()`/`start()` keep port and database."""

    def __init__(self, workdir: Path, extra_args: list[str] | None = None):
        assert SERVER.exists(), f"build it first: cargo build -p portal-server ({SERVER})"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = workdir / "portal.db"
        self.log = open(workdir / "portal-server.log", "a")
        self.proc: subprocess.Popen | None = None
        self.public_key = ""
        self.extra_args = list(extra_args or [])  # e.g. ["--access-token-ttl", "5"]

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [str(SERVER), "--demo", "--listen", f"127.0.0.1:{self.port}", "--db", str(self.db),
             *self.extra_args],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.proc, "portal-server")
        for _ in range(50):
            try:
                self.public_key = self.get("/api/v1/signing-key")["public_key"]
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("portal-server gave no signing key")

    def stop(self) -> None:
        if self.proc:
            stop(self.proc)
            self.proc = None

    def get(self, path: str, token: str | None = None):
        req = urllib.request.Request(self.url + path)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)

    def post(self, path: str, body: dict, token: str | None = None):
        req = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json"},
        )
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)

    def post_status(self, path: str, body: dict) -> int:
        """POST without reading an answer body (202/204); the status, errors included."""
        req = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    def sign_in(self, email: str, password: str) -> str:
        return self.post("/api/v1/session", {"email": email, "password": password})["access_token"]


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@contextlib.contextmanager
def running_portal(d: Path, extra_args: list[str] | None = None):
    """A portal of its own in `d` (fresh database, free port), stopped afterwards."""
    d.mkdir(exist_ok=True)
    p = Portal(d, extra_args)
    p.start()
    try:
        yield p
    finally:
        p.stop()
        p.log.close()


@pytest.fixture(scope="session")
def portal(workdir: Path):
    """The reference portal with demo data, on a free loopback port, fresh database."""
    with running_portal(workdir) as p:
        yield p


@pytest.fixture(scope="session")
def opened_log(workdir: Path) -> Path:
    return workdir / "opened.txt"


def start_tauri_driver(workdir: Path, name: str, env_overrides: dict):
    """Starts tauri-driver with the environment the app inherits; returns (url, stop)."""
    driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")
    assert Path(driver_bin).exists(), "cargo install tauri-driver --locked"
    assert APP.exists(), f"build it first: cargo build -p omahallinta ({APP})"
    env = dict(os.environ)
    for k in ("OMAHALLINTA_DEMO", "OMAHALLINTA_PORTAL_URL", "OMAHALLINTA_PORTAL_KEY"):
        env.pop(k, None)
    env.update(
        OMAHALLINTA_DATA_DIR=str(workdir / f"{name}-data"),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        NO_AT_BRIDGE="1",
        RUST_LOG=os.environ.get("RUST_LOG", "info"),
    )
    env.update(env_overrides)
    port, native = free_port(), free_port()
    log = open(workdir / f"{name}-tauri-driver.log", "w")
    proc = subprocess.Popen(
        [driver_bin, "--port", str(port), "--native-port", str(native)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )

    def stop_all() -> None:
        stop(proc)
        log.close()

    try:
        wait_for_port(port, proc, "tauri-driver")
        # tauri-driver proxies to WebKitWebDriver on the native port: wait for it too.
        wait_for_port(native, proc, "WebKitWebDriver")
    except Exception:
        stop_all()
        raise
    return f"http://127.0.0.1:{port}", stop_all


def start_portal_driver(workdir: Path, name: str, portal_url: str, public_key: str, opened_log: Path):
    """tauri-driver for an app against `portal_url` with its pinned key and an "open"
    command that only records what it was asked to open (in `opened_log`); returns
    (url, stop)."""
    recorder = workdir / f"{name}-record-open.sh"
    recorder.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened_log}"\n')
    recorder.chmod(0o755)
    return start_tauri_driver(
        workdir, name,
        dict(
            OMAHALLINTA_PORTAL_URL=portal_url,
            OMAHALLINTA_PORTAL_KEY=public_key,
            OMAHALLINTA_OPEN_COMMAND=str(recorder),
        ),
    )


@pytest.fixture(scope="session")
def tauri_driver(portal: Portal, workdir: Path, opened_log: Path):
    """tauri-driver for the app against the test portal, with an isolated data dir
    (`app-data`) and English as the OS language."""
    url, stop_all = start_portal_driver(workdir, "app", portal.url, portal.public_key, opened_log)
    yield url
    stop_all()


class App:
    """One running app (one WebDriver session) with helpers."""

    def __init__(self, driver_url: str, args: list[str] | None = None):
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        tauri_options: dict = {"application": str(APP)}
        if args:
            tauri_options["args"] = args  # e.g. an omahallinta:// link, as the desktop passes it
        opts.set_capability("tauri:options", tauri_options)
        # A bounded HTTP timeout: a hung WebDriver command fails the test, never the run.
        config = ClientConfig(
            remote_server_addr=driver_url, timeout=120, proxy=Proxy({"proxyType": ProxyType.DIRECT})
        )
        last = None
        for _ in range(3):
            try:
                self.d = webdriver.Remote(
                    command_executor=RemoteConnection(client_config=config), options=opts
                )
                break
            # The first start can be slow; right after a quit, the driver may still be
            # tearing the last session down and drop the connection.
            except (WebDriverException, urllib3.exceptions.HTTPError, ConnectionError) as e:
                last = e
                time.sleep(1)
        else:
            raise last  # type: ignore[misc]
        self.d.implicitly_wait(0)
        # A view that re-renders (cached data, then fresh) replaces its elements: a
        # lookup that meets a replaced one simply looks again.
        self.wait = WebDriverWait(self.d, TIMEOUT, ignored_exceptions=(StaleElementReferenceException,))

    def quit(self) -> None:
        try:
            self.d.quit()
        except WebDriverException:
            pass

    # --- finding ---
    def tid(self, testid: str):
        """Waits for the visible element with `data-testid`."""
        sel = f'[data-testid="{testid}"]'
        return self.wait.until(
            lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, sel) if e.is_displayed()), None),
            f"no visible {sel}",
        )

    def click(self, testid: str) -> None:
        """Clicks the visible element, first scrolled to the middle of the window: a button
        at the window's edge can lose a WebDriver click when the page moves under load."""
        el = self.tid(testid)
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
        el.click()

    def tids(self, testid: str):
        return self.d.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')

    def has(self, testid: str) -> bool:
        for _ in range(3):
            try:
                return any(e.is_displayed() for e in self.tids(testid))
            except StaleElementReferenceException:
                continue  # re-rendered while looking: look again
        return False

    def text(self, testid: str) -> str:
        """The visible element's text (read again if the element was re-rendered)."""
        return self.wait.until(lambda d: (clean(self.tid(testid).text),), f"no text of {testid}")[0]

    def wait_text(self, testid: str, predicate, msg: str = ""):
        return self.wait.until(lambda d: predicate(clean(self.tid(testid).text)), msg or testid)

    # --- the backend, called the way the UI calls it ---
    def invoke(self, cmd: str, args: dict | None = None) -> list:
        """Calls an app command through the web view's IPC; returns [ok, value-or-error]."""
        return self.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1] || {})"
            ".then(v => done([true, v]), e => done([false, e]));",
            cmd, args or {},
        )

    def wait_download(self, service_id: int, timeout: float = 120,
                      until: tuple[str, ...] = ("verified", "failed")) -> str:
        """Waits until the activation view shows one of `until`; returns the state. On a
        timeout the failure says what the view and the backend each report."""
        def state(_d) -> str | None:
            s = self.tid("download-state").get_attribute("data-state")
            return s if s in until else None
        try:
            return WebDriverWait(self.d, timeout).until(state)
        except TimeoutException:
            shown = self.tid("download-state").get_attribute("data-state")
            backend = self.invoke("download_status", {"serviceId": service_id})
            raise AssertionError(
                f"download not {'/'.join(until)} within {timeout} s: the view shows {shown!r}, "
                f"the backend reports {backend!r}"
            ) from None

    # --- evidence ---
    def screenshot(self, name: str) -> Path:
        """Screenshot of the app window. Taken from the X server (xdotool + ImageMagick
        `import`): WebKitWebDriver's own screenshot command hangs on idle pages of this
        WebKitGTK (see tests/e2e/README.md)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        # Let the last DOM change paint.
        self.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"
        )
        wid = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^Omahallinta$"],
            capture_output=True, text=True, timeout=10,
        ).stdout.split()
        assert wid, "no visible window titled Omahallinta"
        subprocess.run(["import", "-window", wid[-1], str(path)], check=True, timeout=30)
        return path

    def axe(self) -> list[dict]:
        """Runs axe-core in the web view; returns serious and critical violations."""
        if not self.d.execute_script("return typeof window.axe === 'object'"):
            self.d.execute_script(AXE.read_text())
        raw = self.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(JSON.stringify(r.violations)))"
            ".catch(e => done(JSON.stringify({error: String(e)})));"
        )
        result = json.loads(raw)
        if isinstance(result, dict):
            raise AssertionError(f"axe failed: {result['error']}")
        return [v for v in result if v.get("impact") in ("serious", "critical")]

    def clipped_text(self) -> list[str]:
        """Text that does not fit: an element holding text that clips or does not wrap
        (`overflow: hidden/clip`, `text-overflow: ellipsis`, `white-space: nowrap/pre`) and is
        wider than its box, or a page that scrolls sideways. Visually hidden (1 px) and
        inline elements are skipped."""
        return self.d.execute_script(
            "const out = [];"
            "for (const el of document.querySelectorAll('body *')) {"
            "  if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;"
            "  if (!el.getClientRects().length || el.clientWidth <= 1) continue;"
            "  const cs = getComputedStyle(el);"
            "  const clips = ['hidden', 'clip'].includes(cs.overflowX) || cs.textOverflow === 'ellipsis'"
            "    || ['nowrap', 'pre'].includes(cs.whiteSpace);"
            "  if (clips && el.scrollWidth > el.clientWidth + 1)"
            "    out.push(`${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') || el.className}]"
            " ${el.scrollWidth}>${el.clientWidth}: ${el.textContent.trim().slice(0, 60)}`);"
            "}"
            "const root = document.documentElement;"
            "if (root.scrollWidth > root.clientWidth + 1) out.push(`page ${root.scrollWidth}>${root.clientWidth}`);"
            "return out;"
        )

    def check_view(self, name: str) -> None:
        """Screenshot + accessibility check of the current view."""
        self.screenshot(name)
        bad = self.axe()
        assert not bad, f"{name}: " + json.dumps(
            [{"id": v["id"], "impact": v["impact"], "help": v["help"],
              "nodes": [n["target"] for n in v["nodes"]][:5]} for v in bad], indent=1)


def clean(s: str) -> str:
    """Drops Fluent's bidi isolation marks and normalizes spaces."""
    for ch in ("\u2068", "\u2069"):
        s = s.replace(ch, "")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="session")
def axe_source() -> Path:
    assert AXE.exists(), f"axe-core missing: {AXE}"
    return AXE


@pytest.fixture
def start_app(tauri_driver: str, axe_source: Path):
    apps: list[App] = []

    def start() -> App:
        app = App(tauri_driver)
        apps.append(app)
        return app

    yield start
    for a in apps:
        a.quit()
