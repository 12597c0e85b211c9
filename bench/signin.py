#!/usr/bin/env python3
"""One sign-in with "remember me" in the real app through tauri-driver (WebDriver), so
that later starts restore the session and show the cached services view.

Usage: signin.py APP EMAIL PASSWORD WORKDIR   (the app's environment is inherited:
OMAHALLINTA_PORTAL_URL, OMAHALLINTA_PORTAL_KEY, OMAHALLINTA_DATA_DIR, D-Bus/keyring)
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait


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


def main() -> None:
    app, email, password, work = sys.argv[1:5]
    driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    port, native = free_port(), free_port()
    log = open(Path(work) / "tauri-driver.log", "w")
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
            wait = WebDriverWait(d, 30)
            tid = lambda t: wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{t}"]'))
            tid("signin-email").send_keys(email)
            tid("signin-password").send_keys(password)
            remember = tid("signin-remember")
            if not remember.is_selected():
                remember.click()
            tid("signin-submit").click()
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid^="service-row-"]'))
            time.sleep(3)  # let the cache and the keychain entry be written
            if d.find_elements(By.CSS_SELECTOR, '[data-testid="keychain-notice"]'):
                raise SystemExit("the keychain refused the session: starts would show sign-in")
        finally:
            d.quit()
    finally:
        os.killpg(drv.pid, signal.SIGTERM)
        drv.wait(10)
        log.close()


if __name__ == "__main__":
    main()
