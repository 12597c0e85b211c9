"""Secrets sweep (issue 7): after a remembered sign-in, a download and feedback in the real
app, no file under the app's data/config/cache dirs (OMAHALLINTA_DATA_DIR and the XDG dirs
of the run) and no log we capture (the app's output through tauri-driver, the portal's)
holds the password, an access token or a refresh token.

The app never shows its tokens, so they are found by shape: a portal token is 32 random
bytes in unpadded base64url (43 characters), stored by the portal only as its SHA-256 in
`access_tokens`/`refresh_tokens`. Every 43-character base64url run in every swept file
(read as bytes, and as UTF-16 for WebKit's storage) is hashed and looked up in those
tables. A control proves the scanner finds a real token.

Also: no command's response type (nor an event's payload, nor the error envelope) carries
a token or a password, checked on the generated TypeScript types.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from pathlib import Path

from conftest import ROOT, App, Portal
from test_flow import EMAIL, PASSWORD, nav, security_service

TOKEN_RUN = re.compile(rb"[A-Za-z0-9_-]{43,}")
# `portal-server --demo` prints its public demo accounts (email, password, description) at
# start; those rows of its log are the documented demo credentials, not a leak.
DEMO_BANNER_ROW = re.compile(rb"(?m)^ +\S+@example\.fi +\S+ +.*$")
BINDINGS = ROOT / "ui" / "src" / "lib" / "bindings"
COMMANDS = ROOT / "src-tauri" / "src" / "commands"
SECRET_FIELD = re.compile(r"token|password|passwd|secret", re.I)


def token_hashes(portal: Portal) -> set[bytes]:
    with sqlite3.connect(portal.db) as db:
        rows = db.execute("SELECT token_hash FROM access_tokens UNION ALL SELECT token_hash FROM refresh_tokens")
        return {bytes(r[0]) for r in rows}


def swept_roots(workdir: Path) -> list[Path]:
    roots = [workdir / "app-data"]
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        if os.environ.get(var):
            roots.append(Path(os.environ[var]))
    # Should anything ignore OMAHALLINTA_DATA_DIR / the XDG dirs: the app's default dirs.
    home = Path.home()
    for base in (".config", ".local/share", ".cache", ".local/state"):
        for name in ("fi.omahallinta.desktop", "omahallinta"):
            roots.append(home / base / name)
    return [r for r in roots if r.exists()]


def swept_files(workdir: Path) -> list[Path]:
    files: list[Path] = []
    for root in swept_roots(workdir):
        files += [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    files += sorted(workdir.rglob("*.log"))  # tauri-driver (with the apps' output), portal
    return files


def scan(files: list[Path], password: str, hashes: set[bytes]) -> list[str]:
    """Findings: `path: what` for every password or portal token in the files."""
    pw_forms = [password.encode(), password.encode("utf-16-le")]
    found = []
    for f in files:
        try:
            data = f.read_bytes()
        except OSError:
            continue
        if f.name == "portal-server.log":
            data = DEMO_BANNER_ROW.sub(b"", data)
        for form in pw_forms:
            if form in data:
                found.append(f"{f}: the password")
        texts = [data]
        if b"\x00" in data:  # UTF-16 strings (WebKit local storage, sqlite)
            for off in (0, 1):
                texts.append(data[off:].decode("utf-16-le", "ignore").encode("ascii", "ignore"))
        for t in texts:
            for m in TOKEN_RUN.finditer(t):
                run = m.group()
                # A token may touch other base64url characters (e.g. in a binary file):
                # every 43-character window of a run (long runs: base64 blobs, capped).
                for i in range(0, min(len(run), 4096) - 42):
                    w = run[i:i + 43]
                    if hashlib.sha256(w).digest() in hashes:
                        found.append(f"{f}: a portal token {w[:6].decode()}…")
    return sorted(set(found))


def test_scanner_finds_a_real_token(portal: Portal, tmp_path: Path):
    """Control: a token the portal issued, written into a file, is found (as UTF-8 and
    UTF-16), and so is the password."""
    token = portal.sign_in(EMAIL, PASSWORD)
    (tmp_path / "a.json").write_text(f'{{"t":"{token}"}}')
    (tmp_path / "b.bin").write_bytes(b"\x00\x01" + f"x{token}y".encode("utf-16-le"))
    (tmp_path / "c.txt").write_text(f"pw={PASSWORD}")
    found = scan(sorted(tmp_path.iterdir()), PASSWORD, token_hashes(portal))
    assert len(found) == 3, found


def test_no_secret_in_files_or_logs(start_app, portal: Portal, workdir: Path):
    apps = [start_app()]
    try:
        journey(apps, start_app, portal)
        files = swept_files(workdir)
        names = {p.name for p in files}
        assert any(n.endswith("-services.json") for n in names), "the sweep missed the app's cache"
        assert any(n.endswith("tauri-driver.log") for n in names) and "portal-server.log" in names
        # The keychain's store (gnome-keyring, encrypted) is swept too: the remembered
        # refresh token is in there, never in plain text.
        assert any(p.suffix == ".keyring" for p in files), sorted(names)
        print(f"swept {len(files)} files, {sum(p.stat().st_size for p in files)} bytes")
        findings = scan(files, PASSWORD, token_hashes(portal))
        assert not findings, "secrets at rest:\n" + "\n".join(findings)
    finally:
        try:
            apps[-1].invoke("sign_out", {"queuedFeedback": "discard"})
        except Exception:
            pass


def journey(apps: list[App], start_app, portal: Portal) -> None:
    """A remembered sign-in, a download, feedback; then a restart restores the session
    (so the refresh token was remembered — and has been rotated once)."""
    app = apps[0]
    app.tid("signin-email").send_keys(EMAIL)
    app.tid("signin-password").send_keys(PASSWORD)
    assert app.tid("signin-remember").is_selected()
    app.tid("signin-submit").click()
    app.tid("services-list")
    ok, info = app.invoke("session_info")
    assert ok and info["remembered"], info
    token = portal.sign_in(EMAIL, PASSWORD)
    svc = security_service(portal.get("/api/v1/services", token))
    app.tid(f"service-activate-{svc['id']}").click()
    app.tid("install-button")  # the activation view is there
    if app.tid("download-state").get_attribute("data-state") != "verified":
        app.tid("download-button").click()
    assert app.wait_download(svc["id"]) == "verified", app.text("download-state")
    app.tid("activation-back").click()
    nav(app, "feedback")
    app.tid("feedback-message").send_keys(f"Secrets sweep {time.time():.0f}")
    app.click("feedback-submit")
    assert app.tid("feedback-result").get_attribute("data-status") == "sent"
    nav(app, "details")
    # A new process restores the session from the keychain (the refresh token rotates).
    app.quit()
    time.sleep(0.5)
    app = start_app()
    apps.append(app)
    app.tid("services-list")
    nav(app, "details")
    with sqlite3.connect(portal.db) as db:
        live = db.execute(
            "SELECT count(*) FROM refresh_tokens r JOIN session_families f ON f.id = r.family_id "
            "WHERE r.used_at IS NULL AND f.revoked_at IS NULL"
        ).fetchone()[0]
    assert live >= 1, "no live refresh token: nothing remembered to sweep for"


# --- generated TypeScript types ----------------------------------------------------------


def ts_types() -> dict[str, tuple[list[str], list[str]]]:
    """name -> (field names, referenced type names) of every generated binding."""
    out = {}
    for f in BINDINGS.rglob("*.ts"):
        if f.name == "commands.ts":
            continue  # the command functions: their arguments are what the UI sends
        src = f.read_text()
        src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
        src = re.sub(r"//[^\n]*", "", src)
        refs = re.findall(r'import type \{ (\w+) \}', src)
        body = src.split("=", 1)[1] if "=" in src else ""
        fields = re.findall(r'"?(\w+)"?\??\s*:', body)
        out[f.stem] = (fields, refs)
    return out


def response_roots() -> set[str]:
    """The types commands return (`-> Result<...>`), event payloads and the error
    envelope every failing command rejects with."""
    roots = {"ErrorBody", "DownloadStatus", "Connectivity", "OutboxDelivered"}
    for f in COMMANDS.glob("*.rs"):
        for ret in re.findall(r"->\s*Result<(.*)>\s*\{", f.read_text()):
            roots.update(re.findall(r"[A-Z]\w+", ret))
    # Containers, not types of their own: their element types are roots above.
    roots -= {"Option", "Result", "String", "Vec"}
    return roots


def test_no_response_type_carries_a_token():
    types = ts_types()
    assert "SessionInfo" in types and "ServiceList" in types, "bindings not found"
    roots = response_roots()
    missing = roots - set(types)
    assert not missing, f"command return types without a generated binding: {missing}"
    seen, todo = set(), list(roots)
    while todo:
        t = todo.pop()
        if t in seen or t not in types:
            continue
        seen.add(t)
        todo += types[t][1]
    # Public demo credentials, shown on the sign-in page in demo mode only (PRODUCT.md).
    allowed = {("DemoAccountHint", "password")}
    bad = sorted(
        (t, fld) for t in seen for fld in types[t][0]
        if SECRET_FIELD.search(fld) and (t, fld) not in allowed
    )
    assert not bad, f"response types with a secret-looking field: {bad}"
    # Anywhere in the bindings, such fields are only in what the UI sends.
    senders = sorted(
        (t, fld) for t, (fields, _) in types.items() for fld in fields
        if SECRET_FIELD.search(fld) and (t, fld) not in allowed and not t.endswith("Request")
    )
    assert not senders, senders
    assert not any("token" in f.lower() for t in types for f in types[t][0]), "a token field in the bindings"
