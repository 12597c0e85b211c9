"""Shared harness for the reliability suites: runs the real `portal-server`
binary on loopback with its own SQLite file, and signs in demo customers.

Environment:
  PORTAL_SERVER   path of the binary (default: target/debug/portal-server)
  RELIABILITY_LONG=1   longer runs (run-long.sh)
  RELIABILITY_OUT      directory for figures and reports (default target/reliability)
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("PORTAL_SERVER", ROOT / "target" / "debug" / "portal-server"))
OUT = Path(os.environ.get("RELIABILITY_OUT", ROOT / "target" / "reliability"))
LONG = os.environ.get("RELIABILITY_LONG") == "1"

FAMILY = ("perhe@example.fi", "Demo-Salasana-1")
NO_BILLING = ("ei-laskutusta@example.fi", "Demo-Salasana-2")
NO_CARD = ("ei-korttia@example.fi", "Demo-Salasana-3")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Portal:
    """One `portal-server` process; restartable on the same database."""

    def __init__(self, workdir: Path, access_ttl: int = 3600, name: str = "portal"):
        self.workdir = workdir
        self.db = workdir / f"{name}.sqlite3"
        self.data_dir = workdir / f"{name}-data"
        self.log_path = workdir / f"{name}.log"
        self.access_ttl = access_ttl
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        return f"{self.base}/api/v1"

    def publish_update(self) -> Path:
        """An update feed with one release (issue 16), so the update endpoints are
        exercised with a release to offer, not only with 204."""
        d = self.workdir / f"{self.db.stem}-updates"
        d.mkdir(parents=True, exist_ok=True)
        (d / "Omahallinta_9.0.0_amd64.deb").write_bytes(b"!<arch>\n" + bytes(range(256)) * 64)
        (d / "Omahallinta_9.0.0_amd64.deb.sig").write_text("c2lnbmF0dXJl\n")
        (d / "release.json").write_text(json.dumps({
            "version": "9.0.0", "pub_date": "2026-11-29T10:00:00Z",
            "notes": {"fi": "Korjauksia.", "en": "Fixes."},
            "platforms": {"linux-x86_64-deb": "Omahallinta_9.0.0_amd64.deb",
                          "linux-x86_64": "Omahallinta_9.0.0_amd64.deb"},
        }))
        return d

    def start(self, timeout: float = 60.0) -> "Portal":
        assert BINARY.exists(), f"{BINARY} missing: cargo build -p portal-server"
        updates = self.publish_update()
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [
                str(BINARY),
                "--demo",
                "--db", str(self.db),
                "--data-dir", str(self.data_dir),
                "--listen", f"127.0.0.1:{self.port}",
                "--installer-size", "65536",
                "--access-token-ttl", str(self.access_ttl),
                "--updates-dir", str(updates),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "RUST_LOG": os.environ.get("PORTAL_LOG", "warn")},
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"portal-server exited: {self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.api}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("portal-server did not come up")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, no WAL checkpoint."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def sign_in(self, account=FAMILY) -> dict:
        r = httpx.post(
            f"{self.api}/session",
            json={"email": account[0], "password": account[1]},
            timeout=30,
        )
        assert r.status_code == 201, r.text
        return r.json()

    def token(self, account=FAMILY) -> str:
        return self.sign_in(account)["access_token"]


@pytest.fixture
def workdir():
    with tempfile.TemporaryDirectory(prefix="reliability-") as d:
        yield Path(d)


@pytest.fixture
def portal(workdir):
    p = Portal(workdir).start()
    yield p
    p.stop()


def openapi(portal: Portal) -> dict:
    return httpx.get(f"{portal.api}/openapi.json", timeout=10).json()


def record(name: str, figures: dict) -> None:
    """Keeps the latest figures of a suite in target/reliability/figures.json."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "figures.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        data = {}
    data[name] = {**figures, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
