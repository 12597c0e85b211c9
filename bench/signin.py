#!/usr/bin/env python3
"""One sign-in with "remember me" in the real app through tauri-driver (WebDriver), so
that later starts restore the session and show the cached services view.

Usage: signin.py APP EMAIL PASSWORD WORKDIR   (the app's environment is inherited:
OMAHALLINTA_PORTAL_URL, OMAHALLINTA_PORTAL_KEY, OMAHALLINTA_DATA_DIR, D-Bus/keyring)
"""
import sys
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from driver import app_session


def main() -> None:
    app, email, password, work = sys.argv[1:5]
    with app_session(app, Path(work) / "tauri-driver.log") as d:
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


if __name__ == "__main__":
    main()
