"""The whole update path on Linux, from installed package to installed package (issue 16).
Run by scripts/update-e2e.sh (root), which builds .deb N and N+1 with scripts/release.sh
(a signing key generated per run) and sets the variables below; skipped otherwise.

.deb N installed → a real portal-server serves N+1 from `--updates-dir` → the app offers
it with its notes, "Update now" downloads, verifies, installs (dpkg) and restarts into N+1
(version shown in Settings) → a tampered N+2 is refused and nothing changes → with the
feed unreachable nothing is offered and nothing changes."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import App, Portal, start_tauri_driver
from test_flow import EMAIL, PASSWORD, security_service
from updates import publish, sign

DIR = os.environ.get("OMAHALLINTA_UPDATE_E2E_DIR")
pytestmark = pytest.mark.skipif(not DIR, reason="run through scripts/update-e2e.sh")

N, NEXT, TAMPERED = "0.1.1", "0.1.2", "0.1.3"
BIN = "/usr/bin/omahallinta"


def installed_version() -> str | None:
    r = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "omahallinta"], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def our_app_pids(data_dir: Path) -> list[int]:
    """Processes of the installed app started for this test (its data dir in their
    environment): the one the updater restarted is nobody's child we hold."""
    pids = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if os.readlink(p / "exe").startswith(BIN) and \
                    f"OMAHALLINTA_DATA_DIR={data_dir}".encode() in (p / "environ").read_bytes():
                pids.append(int(p.name))
        except OSError:
            continue
    return pids


def stop_pids(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, 15)
        except ProcessLookupError:
            pass
    time.sleep(1)


@pytest.fixture(scope="module")
def release():
    out = Path(DIR)
    before = installed_version()
    deb = next((out / "bundle").glob(f"*_{N}_*.deb"))
    subprocess.run(["dpkg", "-i", str(deb)], check=True, capture_output=True)
    yield out
    if before is None:
        subprocess.run(["dpkg", "-r", "omahallinta"], capture_output=True)


@pytest.fixture(scope="module")
def feed_portal(release, workdir):
    port = int(os.environ["OMAHALLINTA_UPDATE_E2E_PORT"])
    d = workdir / "deb-portal"
    d.mkdir(exist_ok=True)
    feed = d / "feed"
    shutil.copytree(release / "feed", feed)
    # The key the run's profile pins (scripts/update-e2e.sh).
    portal = Portal(d, ["--updates-dir", str(feed), "--signing-key", os.environ["OMAHALLINTA_UPDATE_E2E_SEED"]])
    portal.port, portal.url = port, f"http://127.0.0.1:{port}"
    portal.start()
    yield portal, feed
    portal.stop()
    portal.log.close()


def test_installed_package_carries_its_metadata(release):
    assert installed_version() == N
    assert subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout.strip() == f"omahallinta {N}"
    subprocess.run(["appstreamcli", "validate", "--no-net",
                    "/usr/share/metainfo/fi.omahallinta.desktop.metainfo.xml"], check=True)
    desktop = next(Path("/usr/share/applications").glob("Omahallinta.desktop"))
    subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    assert "Comment[fi]=" in desktop.read_text()
    for size in ("16x16", "32x32", "48x48", "128x128", "256x256"):
        assert Path(f"/usr/share/icons/hicolor/{size}/apps/omahallinta.png").exists(), size


def test_deb_n_updates_itself_to_n_plus_1_then_refuses_a_tampered_one(feed_portal, workdir):
    portal, feed = feed_portal
    url, stop_all = start_tauri_driver(workdir, "deb", {})
    data = workdir / "deb-data"
    try:
        app = App(url)
        try:
            assert app.text("update-title") == f"Update available: version {NEXT}"
            assert app.text("update-notes") == "Fixes and improvements."
            app.check_view("update-deb-offer-en")
            app.click("update-now")
            deadline = time.time() + 180
            while installed_version() != NEXT and time.time() < deadline:
                time.sleep(1)
            assert installed_version() == NEXT
        finally:
            app.quit()
        # The updater restarted the app: a process of the new binary is running.
        deadline = time.time() + 30
        while not our_app_pids(data) and time.time() < deadline:
            time.sleep(0.5)
        restarted = our_app_pids(data)
        assert restarted, "the app restarted after installing"
        stop_pids(restarted)
        assert subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout.strip() == \
            f"omahallinta {NEXT}"

        # N+1 runs, shows its version in Settings; a tampered N+2 is refused.
        next_deb = next(feed.glob(f"*_{NEXT}_*.deb"))
        tampered = feed / f"Omahallinta_{TAMPERED}_amd64.deb"
        shutil.copy(next_deb, tampered)
        sign(Path(DIR) / "keys" / "update.key", tampered, TAMPERED)
        with open(tampered, "r+b") as f:
            f.seek(4096)
            b = f.read(1)
            f.seek(4096)
            f.write(bytes([b[0] ^ 0xFF]))
        publish(feed, TAMPERED, {"linux-x86_64-deb": tampered.name})
        app = App(url)
        try:
            assert app.invoke("app_info")[1]["version"] == NEXT
            assert app.text("update-title") == f"Update available: version {TAMPERED}"
            app.click("update-now")
            assert app.tid("update-error").get_attribute("data-code") == "update_not_verified"
            assert installed_version() == NEXT
            app.click("update-later")
            app.click("welcome-demo")
            app.tid("signin-demo-fill")  # the demo portal starts (release: production password hashing)
            app.tids("signin-demo-fill")[0].click()
            app.click("signin-submit")
            app.click("nav-settings")
            assert app.text("settings-version") == f"Version {NEXT}"
            app.check_view("update-deb-settings-version-en")
        finally:
            app.quit()
        stop_pids(our_app_pids(data))

        # The feed unreachable: nothing offered, nothing changes.
        portal.stop()
        app = App(url)
        try:
            app.tid("services-list")
            time.sleep(2)
            assert app.invoke("check_update") == [True, None]
            assert not app.has("update-banner")
            assert installed_version() == NEXT
        finally:
            app.quit()
    finally:
        stop_all()
        stop_pids(our_app_pids(data))


def test_a_fresh_install_signs_in_to_the_profiles_portal_with_asenna_enabled(feed_portal, workdir):
    """The installed package on a fresh profile: the welcome view, then the operator's
    portal given only by the compiled-in profile, and "Asenna" enabled with the key it pins."""
    portal, _feed = feed_portal
    if portal.proc is None:
        portal.start()  # the update test ends with the feed (this portal) stopped
    url, stop_all = start_tauri_driver(workdir, "deb-operator", {})
    try:
        app = App(url)
        try:
            app.tid("welcome")
            app.click("welcome-operator")
            app.tid("signin-email").send_keys(EMAIL)
            app.tid("signin-password").send_keys(PASSWORD)
            app.click("signin-submit")
            app.tid("services-list")
            assert not app.has("demo-badge")
            svc = security_service(portal.get("/api/v1/services", portal.sign_in(EMAIL, PASSWORD)))
            app.click(f"service-activate-{svc['id']}")
            assert not app.tid("install-button").is_enabled()
            app.click("download-button")
            assert app.wait_download(svc["id"]) == "verified", app.text("download-state")
            assert app.tid("install-button").is_enabled()
            app.check_view("update-deb-operator-asenna-en")
        finally:
            app.quit()
    finally:
        stop_all()
