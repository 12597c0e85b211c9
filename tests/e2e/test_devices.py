"""Turvapaketti devices in the real app against the real portal (issue 17):

- "Asenna" really runs the portal's Linux demo installer (a shell script the portal
  serves, verified by SHA-256 and the signed manifest first): the open command executes
  the downloaded file with the subscription key shown in the app, the script registers
  this computer with the portal it came from, and the count in the app goes 3/5 → 4/5
  with "This computer" marked and "already protected" said; releasing that device's
  licence (after a confirmation) brings it back to 3/5.
- With `OMAHALLINTA_FAKE_PROTECTION=conflict:NAME` (the detector's test input), the
  activation view names the conflicting antivirus product before the download.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from conftest import App, Portal, clean, start_tauri_driver
from test_flow import EMAIL, PASSWORD


@pytest.fixture(scope="module")
def dev_portal(workdir: Path):
    d = workdir / "devices"
    d.mkdir(exist_ok=True)
    p = Portal(d)
    p.start()
    yield p
    p.stop()
    p.log.close()


@pytest.fixture(scope="module")
def xdg_config(workdir: Path) -> Path:
    d = workdir / "devices-xdg-config"
    d.mkdir(exist_ok=True)
    return d


@pytest.fixture(scope="module")
def key_file(workdir: Path) -> Path:
    return workdir / "devices-subscription-key.txt"


@pytest.fixture(scope="module")
def dev_driver(workdir: Path, dev_portal: Portal, xdg_config: Path, key_file: Path, axe_source):
    log = workdir / "devices-opened.txt"
    runner = workdir / "devices-run-installer.sh"
    # The "user" runs the installer and pastes the key the app shows.
    runner.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$1" >> "{log}"\n'
        f'FSECURE_SUBSCRIPTION_KEY=$(cat "{key_file}") exec sh "$1" </dev/null >>"{log}.out" 2>&1\n'
    )
    runner.chmod(0o755)
    url, stop_all = start_tauri_driver(
        workdir, "devices",
        dict(
            OMAHALLINTA_PORTAL_URL=dev_portal.url,
            OMAHALLINTA_PORTAL_KEY=dev_portal.public_key,
            OMAHALLINTA_OPEN_COMMAND=str(runner),
            XDG_CONFIG_HOME=str(xdg_config),
        ),
    )
    yield url
    stop_all()


@pytest.fixture(scope="module")
def conflict_driver(workdir: Path, dev_portal: Portal, axe_source):
    url, stop_all = start_tauri_driver(
        workdir, "devices-conflict",
        dict(
            OMAHALLINTA_PORTAL_URL=dev_portal.url,
            OMAHALLINTA_PORTAL_KEY=dev_portal.public_key,
            OMAHALLINTA_OPEN_COMMAND="/bin/true",
            OMAHALLINTA_FAKE_PROTECTION="conflict:Norton 360",
        ),
    )
    yield url
    stop_all()


def registry(portal: Portal) -> tuple[int, list[dict]]:
    token = portal.sign_in(EMAIL, PASSWORD)
    turva = next(s for s in portal.get("/api/v1/services", token)["services"]
                 if s.get("security") and s["status"] != "ended")
    return turva["id"], portal.get(f"/api/v1/services/{turva['id']}/devices", token)["devices"]


def open_activation(app: App, service_id: int) -> None:
    app.tid("signin-email").send_keys(EMAIL)
    app.tid("signin-password").send_keys(PASSWORD)
    app.tid("signin-submit").click()
    app.tid("services-list")
    app.click(f"service-activate-{service_id}")
    app.tid("download-button")


def shown_devices(app: App) -> dict[int, str]:
    return {int(e.get_attribute("data-device-id")): clean(e.text) for e in app.tids("device")}


def test_install_registers_this_computer_and_releasing_frees_the_licence(
    dev_driver, dev_portal: Portal, xdg_config: Path, key_file: Path
):
    service_id, before = registry(dev_portal)
    assert len(before) == 3
    app = App(dev_driver)
    try:
        open_activation(app, service_id)
        app.wait_text("devices-protected", lambda t: t == "3 / 5 devices protected")
        app.wait.until(lambda d: len(app.tids("device")) == 3, "three devices listed")
        assert {d["id"] for d in before} == set(shown_devices(app))
        assert not app.has("this-computer")
        assert not app.has("already-protected")
        app.check_view("activation-devices-en")

        key_file.write_text(app.text("subscription-key"))
        app.click("download-button")
        assert app.wait_download(service_id) == "verified", app.text("download-state")
        app.click("install-button")
        app.tid("install-opened")

        # The installer registered this computer with the portal it came from.
        marker = (xdg_config / "fsecure-safe-demo" / "device").read_text()
        assert f"portal={dev_portal.url}" in marker
        new_id = int(marker.split("device_id=")[1].split()[0])
        _, after = registry(dev_portal)
        assert len(after) == 4 and any(d["id"] == new_id and d["os"] == "linux" for d in after)

        app.wait_text("devices-protected", lambda t: t == "4 / 5 devices protected")
        app.wait.until(lambda d: new_id in shown_devices(app), "the new device is listed")
        mine = next(e for e in app.tids("device") if e.get_attribute("data-device-id") == str(new_id))
        assert "This computer" in clean(mine.text)
        assert "Linux" in clean(mine.text) and "last seen" in clean(mine.text)
        assert "no need to install" in app.text("already-protected")
        app.check_view("activation-this-computer-en")

        # Release this computer's licence, after a confirmation.
        mine.find_element("css selector", '[data-testid="release-device"]').click()
        assert "This computer will no longer be protected" in app.text("release-question")
        app.check_view("activation-release-confirm-en")
        app.click("release-confirm")
        app.wait_text("devices-protected", lambda t: t == "3 / 5 devices protected")
        app.wait.until(lambda d: new_id not in shown_devices(app), "released device gone")
        assert not app.has("this-computer")
        _, final = registry(dev_portal)
        assert {d["id"] for d in final} == {d["id"] for d in before}
        # The services view's count follows the registry too.
        app.click("activation-back")
        app.tid("services-list")
    finally:
        try:
            app.invoke("sign_out", {"queuedFeedback": "discard"})
        finally:
            app.quit()


def test_a_conflicting_antivirus_is_named_before_the_download(conflict_driver, dev_portal: Portal):
    service_id, _ = registry(dev_portal)
    app = App(conflict_driver)
    try:
        open_activation(app, service_id)
        notice = app.text("protection-conflict")
        assert "Norton 360" in notice and "Remove it before installing" in notice
        assert not app.has("already-protected")
        # The download is still offered.
        assert app.tid("download-button").is_enabled()
        app.check_view("activation-conflict-en")
    finally:
        try:
            app.invoke("sign_out", {"queuedFeedback": "discard"})
        finally:
            app.quit()
