"""Forgotten password and `omahallinta://` links in the real app: the portal sends the
email over real SMTP (an aiosmtpd server this module starts), the app opens its links.

The module runs its own portal (`--smtp-url` pointing at the SMTP server) and its own
tauri-driver with a fresh data dir, so changing a password here touches no other test.

A link is opened the way the desktop does it: with `xdg-open` when it is installed (the
app's desktop entry, `MimeType=x-scheme-handler/omahallinta;`, registered in the test's
XDG_DATA_HOME with `xdg-mime default`); without xdg-utils, by running the app binary with
the URL as its argument — exactly what the entry's `Exec=… %u` does.
"""

from __future__ import annotations

import email
import email.policy
import os
import queue
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from conftest import APP, ROOT, App, Portal, free_port, running_portal, start_portal_driver

ACCOUNT = ("ei-korttia@example.fi", "Demo-Salasana-3")  # portal_server::demo::NO_PAY_TV_CARD
NEW_PASSWORD = "Linkin-Kautta-2026"


class Sink:
    """aiosmtpd handler: every delivered message, parsed."""

    def __init__(self) -> None:
        self.messages: queue.Queue = queue.Queue()
        self.held: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.put((envelope.rcpt_tos, msg))
        return "250 OK"

    def next(self, subject: str, timeout: float = 20):
        """The first message (arrived or arriving) whose subject contains `subject`."""
        while True:
            for item in self.held:
                if subject in item[1]["Subject"]:
                    self.held.remove(item)
                    return item
            self.held.append(self.messages.get(timeout=timeout))


def link_in(msg, action: str) -> str:
    text = msg.get_body(preferencelist=("plain",)).get_content()
    m = re.search(rf"omahallinta://{action}\?[^\s<\"]+", text)
    assert m, text
    return m.group(0)


@pytest.fixture(scope="module")
def smtp():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, sink
    controller.stop()


@pytest.fixture(scope="module")
def mail_portal(workdir: Path, smtp):
    controller, _ = smtp
    with running_portal(workdir / "email-portal",
                        ["--smtp-url", f"smtp://127.0.0.1:{controller.port}",
                         "--send-activation", ACCOUNT[0]]) as p:
        yield p


@pytest.fixture(scope="module")
def driver(mail_portal: Portal, workdir: Path):
    url, stop_all = start_portal_driver(workdir, "email-app", mail_portal.url, mail_portal.public_key,
                                        workdir / "email-opened.txt")
    yield url
    stop_all()


@pytest.fixture(scope="module")
def open_link(workdir: Path):
    """Opens a link as the desktop does (see the module's docstring)."""
    xdg_open = shutil.which("xdg-open")
    if xdg_open:
        data = Path(os.environ.get("XDG_DATA_HOME", workdir / "xdg-data"))
        apps = data / "applications"
        apps.mkdir(parents=True, exist_ok=True)
        template = (ROOT / "src-tauri" / "linux" / "omahallinta.desktop").read_text()
        entry = (template.replace("{{{name}}}", "Omahallinta").replace("{{{exec}}}", str(APP))
                 .replace("{{{icon}}}", "omahallinta"))
        (apps / "omahallinta-e2e.desktop").write_text(entry)
        subprocess.run(["update-desktop-database", str(apps)], check=False)
        subprocess.run(["xdg-mime", "default", "omahallinta-e2e.desktop", "x-scheme-handler/omahallinta"],
                       check=True, env={**os.environ, "XDG_DATA_HOME": str(data)})

    def run(url: str) -> None:
        cmd = [xdg_open, url] if xdg_open else [str(APP), url]
        # A second instance hands the link to the running app and exits.
        subprocess.run(cmd, check=True, timeout=30, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return run


def start(driver: str, *args: str) -> App:
    return App(driver, args=list(args))


def sign_in(app: App, email_addr: str, password: str) -> None:
    app.tid("signin-email").clear()
    app.tid("signin-email").send_keys(email_addr)
    app.tid("signin-password").send_keys(password)
    app.click("signin-submit")


def test_a_forgotten_password_is_reset_through_the_emailed_link(driver, smtp, mail_portal, open_link):
    _, sink = smtp
    app = start(driver)
    try:
        app.click("signin-forgot")
        app.tid("forgot-email").send_keys(ACCOUNT[0])
        app.click("forgot-submit")
        assert ACCOUNT[0] in app.text("forgot-sent")
        rcpt, msg = sink.next("set a new password")
        assert rcpt == [ACCOUNT[0]]
        assert msg["Subject"] == "Omahallinta – set a new password"  # the app's language: English
        reset = link_in(msg, "reset")

        # The link, opened while the app runs, reaches the running app.
        open_link(reset)
        app.tid("reset-new").send_keys(NEW_PASSWORD)
        app.tid("reset-repeat").send_keys(NEW_PASSWORD)
        app.click("reset-submit")
        assert app.tid("signin-notice")

        # The old password fails, the new one works.
        sign_in(app, ACCOUNT[0], ACCOUNT[1])
        assert app.tid("signin-error").get_attribute("data-code") == "invalid_credentials"
        app.tid("signin-password").clear()
        sign_in(app, ACCOUNT[0], NEW_PASSWORD)
        app.tid("services-list")
        app.invoke("sign_out", {"queuedFeedback": "discard"})

        # The same link a second time is refused with its own message.
        open_link(reset)
        app.tid("reset-new").send_keys("Kolmas-Salasana-2026")
        app.tid("reset-repeat").send_keys("Kolmas-Salasana-2026")
        app.click("reset-submit")
        assert app.tid("reset-error").get_attribute("data-code") == "reset_token_used"

        # A link of the wrong shape is ignored with a notice.
        open_link("omahallinta://reset?token=short")
        assert app.tid("link-ignored")
    finally:
        app.quit()
        # Put the account's password back for any later test.
        mail_portal.post_status("/api/v1/password-reset", {"email": ACCOUNT[0], "language": "en"})
        _, msg = sink.next("set a new password")
        token = link_in(msg, "reset").split("token=", 1)[1]
        mail_portal.post_status("/api/v1/password-reset/confirm", {"token": token, "new_password": ACCOUNT[1]})


def test_the_activation_link_starts_the_app_on_sign_in_with_the_address(driver, smtp):
    _, sink = smtp
    # "Ota käyttöön!", sent by the portal at start (--send-activation), in Finnish.
    rcpt, msg = sink.next("Ota käyttöön!")
    assert rcpt == [ACCOUNT[0]]
    assert msg["Subject"] == "F-Secure Turvapaketti-palvelusi – Ota käyttöön!"
    assert msg.get_body(preferencelist=("html",)) is not None
    # The app is not running: the link is its start argument (what the handler's %u does).
    app = start(driver, link_in(msg, "activate"))
    try:
        app.wait.until(lambda _d: app.tid("signin-email").get_attribute("value") == ACCOUNT[0])
    finally:
        app.quit()
