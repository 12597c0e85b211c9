"""The real app through tauri-driver (WebDriver), for bench/signin.py and bench/latency.py.

The app inherits this process's environment (tauri-driver starts it): OMAHALLINTA_* and
D-Bus/keyring variables are set by the caller.
"""
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


@contextlib.contextmanager
def app_session(app: str, log_path: Path):
    """A WebDriver session with the app started by tauri-driver; both end on exit."""
    driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    port, native = free_port(), free_port()
    log = open(log_path, "w")
    drv = subprocess.Popen([driver_bin, "--port", str(port), "--native-port", str(native)],
                           stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_port(port)
        wait_port(native)
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": app})
        d = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=opts)
        try:
            yield d
        finally:
            d.quit()
    finally:
        os.killpg(drv.pid, signal.SIGTERM)
        drv.wait(10)
        log.close()
