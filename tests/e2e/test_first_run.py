"""First run in the real app (issue 16): no account and nothing chosen, the welcome view
offers the operator's portal ("Kirjaudu Omahallintaan") or the demo ("Kokeile demoa").
The operator profile points at a real portal-server started with a signing key generated
for this run (`--signing-key`) and pinned in the profile (`OMAHALLINTA_TEST_PROFILE`,
honoured by debug builds only). Settings shows the portal in use and switches."""

import json

import pytest

from conftest import App, Portal, free_port, start_tauri_driver
from test_flow import security_service

FAMILY_EMAIL, FAMILY_PASSWORD = "perhe@example.fi", "Demo-Salasana-1"  # portal_server::demo::FAMILY


def write_profile(path, portal_url: str, public_key: str | None) -> None:
    keys = f'["{public_key}"]' if public_key else "[]"
    path.write_text(
        f'name = "IPP"\nportal_url = "{portal_url}"\nmanifest_keys = {keys}\nlanguages = ["fi", "en"]\n'
        '[customer_service]\nphone = "03 450 51"\nphone_e164 = "+358345051"\nweb = "https://oma.ipp.fi/"\n'
    )


@pytest.fixture(scope="module")
def keyed_portal(workdir):
    """A portal with a known signing key: a fresh 32-byte seed file for this run."""
    d = workdir / "first-run-portal"
    d.mkdir(exist_ok=True)
    key_file = d / "signing.key"
    p = Portal(d, ["--signing-key", str(key_file)])
    p.start()
    assert key_file.stat().st_size == 32
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    # The key is never printed or logged.
    log = (d / "portal-server.log").read_text()
    assert key_file.read_bytes().hex() not in log
    yield p
    p.stop()
    p.log.close()


@pytest.fixture(scope="module")
def first_run_driver(workdir, keyed_portal, axe_source):
    profile = workdir / "first-run-operator.toml"
    write_profile(profile, keyed_portal.url, keyed_portal.public_key)
    recorder = workdir / "first-run-record-open.sh"
    recorder.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{workdir / "first-run-opened.txt"}"\n')
    recorder.chmod(0o755)
    url, stop_all = start_tauri_driver(
        workdir, "first-run",
        {"OMAHALLINTA_TEST_PROFILE": str(profile), "OMAHALLINTA_OPEN_COMMAND": str(recorder)},
    )
    yield url
    stop_all()


@pytest.fixture(scope="module")
def unreachable_driver(workdir, axe_source):
    profile = workdir / "unreachable-operator.toml"
    write_profile(profile, f"http://127.0.0.1:{free_port()}", None)
    url, stop_all = start_tauri_driver(workdir, "unreachable", {"OMAHALLINTA_TEST_PROFILE": str(profile)})
    yield url
    stop_all()


def settings_of(workdir, name: str) -> dict:
    return json.loads((workdir / f"{name}-data" / "config" / "settings.json").read_text())


def test_welcome_then_the_operators_portal_then_settings_switches_to_the_demo_and_back(
        first_run_driver, keyed_portal, workdir):
    key_id = keyed_portal.get("/api/v1/signing-key")["key_id"]
    app = App(first_run_driver)
    try:
        app.tid("welcome")
        assert app.text("welcome-operator") == "Sign in to Omahallinta"
        assert app.text("welcome-demo") == "Try the demo"
        assert not app.has("demo-badge")
        assert app.tids("nav-settings") == []
        app.check_view("welcome-en")

        app.click("welcome-operator")
        app.tid("signin-email").send_keys(FAMILY_EMAIL)
        app.tid("signin-password").send_keys(FAMILY_PASSWORD)
        app.click("signin-submit")
        app.tid("services-list")
        assert not app.has("demo-badge")
        assert settings_of(workdir, "first-run")["portal_choice"] == "operator"

        # "Asenna" with only the profile's pinned key (no OMAHALLINTA_PORTAL_KEY): the
        # installer verifies against it and Install is enabled.
        token = keyed_portal.sign_in(FAMILY_EMAIL, FAMILY_PASSWORD)
        svc = security_service(keyed_portal.get("/api/v1/services", token))
        app.click(f"service-activate-{svc['id']}")
        assert not app.tid("install-button").is_enabled()
        app.click("download-button")
        assert app.wait_download(svc["id"]) == "verified", app.text("download-state")
        assert app.tid("install-button").is_enabled()
        app.click("activation-back")
        app.tid("services-list")

        app.click("nav-settings")
        app.wait_text("settings-portal-name", lambda t: t == "IPP – Omahallinta")
        assert app.tid("settings-portal-name").get_attribute("data-kind") == "operator"
        assert app.text("settings-portal-url") == keyed_portal.url
        assert app.text("settings-portal-keys") == key_id
        app.check_view("settings-portal-operator-en")

        # To the demo: marked as the demo, its own sign-in.
        app.click("settings-switch-demo")
        app.tid("demo-badge")
        app.tid("signin-demo")
        assert settings_of(workdir, "first-run")["portal_choice"] == "demo"
        app.tids("signin-demo-fill")[0].click()
        app.click("signin-submit")
        app.tid("services-list")
        app.click("nav-settings")
        app.wait_text("settings-portal-name", lambda t: t == "Demo (sample data)")
        app.check_view("settings-portal-demo-en")

        # And back: the remembered operator sign-in is still there.
        app.click("settings-switch-operator")
        app.tid("services-list")
        assert not app.has("demo-badge")
    finally:
        app.quit()

    # The next start remembers the choice: no welcome view.
    app = App(first_run_driver)
    try:
        app.tid("services-list")
        assert not app.has("welcome")
        assert not app.has("demo-badge")
    finally:
        app.quit()


def test_an_unreachable_portal_on_first_run_gives_the_phone_and_offers_the_demo(unreachable_driver, workdir):
    app = App(unreachable_driver)
    try:
        app.tid("welcome")
        app.click("welcome-operator")
        notice = app.tid("welcome-unreachable")
        assert "Omahallinta can't be reached" in notice.text
        assert "03 450 51" in app.text("welcome-phone")
        assert app.text("welcome-operator") == "Try again"
        app.check_view("welcome-unreachable-en")
        # Nothing was remembered: the next start asks again.
        assert not (workdir / "unreachable-data" / "config" / "settings.json").exists() or \
            settings_of(workdir, "unreachable").get("portal_choice") is None
        app.click("welcome-demo")
        app.tid("demo-badge")
        app.tid("signin-demo")
    finally:
        app.quit()


@pytest.fixture(scope="module")
def swedish_driver(workdir, axe_source):
    """A Swedish-speaking Finnish desktop (`sv_FI`), first run, portal unreachable."""
    profile = workdir / "swedish-operator.toml"
    write_profile(profile, f"http://127.0.0.1:{free_port()}", None)
    url, stop_all = start_tauri_driver(
        workdir, "swedish",
        {"OMAHALLINTA_TEST_PROFILE": str(profile), "LANG": "sv_FI.UTF-8", "LC_ALL": "sv_FI.UTF-8"},
    )
    yield url
    stop_all()


def test_a_swedish_desktop_starts_in_swedish(swedish_driver):
    """The OS default (one rule with the CLI): `sv_FI.UTF-8` → Swedish, first view included."""
    app = App(swedish_driver)
    try:
        app.tid("welcome")
        assert app.d.execute_script("return document.documentElement.lang") == "sv"
        assert app.text("welcome-operator") == "Logga in i Omahallinta"
        assert app.text("welcome-demo") == "Prova demon"
        app.check_view("welcome-sv")
        app.click("welcome-operator")
        assert "Omahallinta kan inte nås" in app.tid("welcome-unreachable").text
        assert app.text("welcome-operator") == "Försök igen"
        app.check_view("welcome-unreachable-sv")
    finally:
        app.quit()
