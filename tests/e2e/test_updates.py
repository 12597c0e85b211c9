"""Signed automatic updates in the real (debug) app (issue 16): the operator profile's
feed is a real portal-server `--updates-dir`, the minisign key is generated for this run.
The debug build is no installed package, so installing is proven by
scripts/update-e2e.sh (.deb N → N+1); here: the offer with its notes, a tampered
artifact refused with nothing installed, "Later", and an unreachable feed changing
nothing."""

import time

import pytest

from conftest import App, Portal, free_port, start_tauri_driver
from updates import generate_key, profile_text, publish, sign

VERSION = "9.9.9"
ARTIFACT = f"omahallinta_{VERSION}_linux.bin"


@pytest.fixture(scope="module")
def feed(workdir):
    d = workdir / "updates"
    key, pubkey = generate_key(d / "keys")
    artifacts = d / "feed"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / ARTIFACT).write_bytes(b"\x7fELF" + bytes(range(256)) * 400)
    sign(key, artifacts / ARTIFACT, VERSION)
    publish(artifacts, VERSION, {"linux-x86_64": ARTIFACT})
    portal = Portal(d, ["--updates-dir", str(artifacts)])
    portal.start()
    yield portal, artifacts, pubkey
    portal.stop()
    portal.log.close()


def driver_with(workdir, name: str, profile: str):
    path = workdir / f"{name}-operator.toml"
    path.write_text(profile)
    return start_tauri_driver(workdir, name, {"OMAHALLINTA_TEST_PROFILE": str(path)})


def test_an_update_is_offered_a_tampered_one_refused_and_later_snoozes_it(feed, workdir, axe_source):
    portal, artifacts, pubkey = feed
    url, stop_all = driver_with(workdir, "updates", profile_text(portal.url, portal.public_key, portal.url, pubkey))
    try:
        app = App(url)
        try:
            assert app.text("update-title") == f"Update available: version {VERSION}"
            assert app.text("update-notes") == "New version: fixes."
            assert app.text("update-now") == "Update now"
            app.check_view("update-offer-en")
            version = app.invoke("app_info")[1]["version"]
            # Tamper with the artifact after it was signed: refused, nothing installed.
            (artifacts / ARTIFACT).write_bytes(b"\x7fELF" + b"tampered" * 1000)
            app.click("update-now")
            err = app.tid("update-error")
            assert err.get_attribute("data-code") == "update_not_verified"
            assert "not installed" in err.text
            assert app.invoke("app_info")[1]["version"] == version
            app.check_view("update-refused-en")
            app.click("update-later")
            assert not app.has("update-banner")
        finally:
            app.quit()
        # "Later" holds across a restart: not offered again today.
        app = App(url)
        try:
            app.tid("welcome")
            assert app.invoke("check_update") == [True, None]
            assert not app.has("update-banner")
        finally:
            app.quit()
    finally:
        stop_all()


def test_an_unreachable_feed_changes_nothing(feed, workdir, axe_source):
    portal, _artifacts, pubkey = feed
    dead = f"http://127.0.0.1:{free_port()}"
    url, stop_all = driver_with(workdir, "updates-dead", profile_text(portal.url, portal.public_key, dead, pubkey))
    try:
        app = App(url)
        try:
            app.tid("welcome")
            time.sleep(1)
            assert app.invoke("check_update") == [True, None]
            assert not app.has("update-banner")
            app.click("welcome-operator")
            app.tid("signin-submit")
        finally:
            app.quit()
    finally:
        stop_all()


def test_a_release_signed_by_another_key_is_not_installed(feed, workdir, axe_source):
    portal, artifacts, _pubkey = feed
    _other_key, other_pub = generate_key(workdir / "updates" / "other-keys")
    # Restore a correctly signed artifact; the app trusts a different key.
    (artifacts / ARTIFACT).write_bytes(b"\x7fELF" + bytes(range(256)) * 400)
    url, stop_all = driver_with(workdir, "updates-otherkey",
                                profile_text(portal.url, portal.public_key, portal.url, other_pub))
    try:
        app = App(url)
        try:
            app.tid("update-banner")
            app.click("update-now")
            assert app.tid("update-error").get_attribute("data-code") == "update_not_verified"
        finally:
            app.quit()
    finally:
        stop_all()
