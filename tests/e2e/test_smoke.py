"""The app starts against the test portal, its window is titled "Omahallinta" and the
sign-in page renders."""

import subprocess

from selenium.webdriver.common.by import By


def test_smoke_app_starts_with_title_and_sign_in(start_app):
    app = start_app()
    app.wait.until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "input[type=password]"),
        "no sign-in form",
    )
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^Omahallinta$"],
        capture_output=True, text=True, timeout=10,
    )
    assert found.stdout.strip(), "no visible X window titled Omahallinta"
    assert app.d.title == "Omahallinta"
    app.screenshot("smoke-sign-in")
