"""Schema-driven API testing: schemathesis against the running portal and
its own `/api/v1/openapi.json`, signed in as the demo household.

Every operation is tested with the checks not_a_server_error,
response_schema_conformance and status_code_conformance; zero failures.

Two runs, because one operation would spoil the rest:
  1. every operation except `DELETE /session` (sign-out revokes the bearer
     token that all other operations use);
  2. `DELETE /session` alone, with a token of its own.
Password change stays in run 1: the generator cannot guess the current
password, so it only ever sees wrong_current_password / 429 (documented),
and a *successful* change keeps the calling session anyway.
Sign-in failures from the generator trip the per-IP rate limit (429 is
documented), so this suite gets a server of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import httpx

from conftest import LONG, OUT, ROOT, FAMILY, Portal, openapi, record

ST = Path(os.environ.get("VIRTUAL_ENV", ROOT / "target" / "reliability-venv")) / "bin" / "st"
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance"
EXAMPLES = int(os.environ.get("ST_EXAMPLES", "200" if LONG else "25"))
SEED = os.environ.get("ST_SEED", "")


def write_config(portal: Portal, token: str, path: Path) -> None:
    """Real identifiers as dictionaries, so that generated requests reach the
    business logic (not only 404 / 422) part of the time."""
    h = {"Authorization": f"Bearer {token}"}
    services = httpx.get(f"{portal.api}/services", headers=h, timeout=10).json()["services"]
    catalogue = httpx.get(f"{portal.api}/catalogue", timeout=10).json()
    ids = [s["id"] for s in services]
    products = [p["id"] for p in catalogue["products"]]

    def vals(xs):
        return "[" + ", ".join(repr(x) if isinstance(x, int) else f'"{x}"' for x in xs) + "]"

    lines = [
        "[dictionaries]",
        f"service_ids = {{ values = {vals(ids)} }}",
        f"product_ids = {{ values = {vals(products)} }}",
        # The update feed's release (Portal.publish_update): offers and downloads, not only 204/404.
        'targets = { values = ["linux"] }',
        'arches = { values = ["x86_64"] }',
        'versions = { values = ["0.1.0", "1.2.3", "9.0.0"] }',
        'update_files = { values = ["Omahallinta_9.0.0_amd64.deb"] }',
    ]
    for op, params in [
        ("get_service", {"path.id": "service_ids"}),
        ("edit_mix", {"path.id": "service_ids"}),
        ("create_order", {"body.product_id": "product_ids", "body.replaces_service_id": "service_ids"}),
        ("send_feedback", {"body.service_id": "service_ids"}),
        ("check_update", {"path.target": "targets", "path.arch": "arches", "path.current_version": "versions"}),
        ("download_update", {"path.file_name": "update_files"}),
    ]:
        lines.append("")
        lines.append("[[operations]]")
        lines.append(f'include-operation-id = "{op}"')
        inner = ", ".join(f'"{k}" = {{ dictionary = "{v}", probability = 0.5 }}' for k, v in params.items())
        lines.append(f"parameters = {{ {inner} }}")
    path.write_text("\n".join(lines) + "\n")


def run_st(portal: Portal, token: str, config: Path, report: Path, *filters: str) -> tuple[int, str]:
    cmd = [
        str(ST),
        "--config-file", str(config),
        "run", f"{portal.api}/openapi.json",
        "--header", f"Authorization: Bearer {token}",
        "--checks", CHECKS,
        "--max-examples", str(EXAMPLES),
        # One worker: with several, hypothesis' lambda-source introspection
        # races in CPython 3.11's ast module ("AST constructor recursion depth
        # mismatch"), an error in the tool, not in the portal.
        "--workers", "1",
        "--request-timeout", "30",
        "--report", "junit",
        "--report-junit-path", str(report),
        "--no-color",
        *filters,
    ]
    if SEED:
        cmd += ["--seed", SEED]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    # cwd: schemathesis keeps a cache directory where it runs.
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600,
                       cwd=config.parent)
    return p.returncode, p.stdout + p.stderr


def operations_in_report(junit: Path) -> set[str]:
    names = re.findall(r'<testcase [^>]*name="([^"]+)"', junit.read_text())
    return {n for n in names if " /" in n}


def cases(output: str) -> tuple[int, int]:
    m = re.search(r"(\d+) generated, (\d+) passed", output)
    if not m:
        m2 = re.search(r"(\d+) generated", output)
        return (int(m2.group(1)) if m2 else 0, 0)
    return int(m.group(1)), int(m.group(2))


def test_schemathesis_every_operation_zero_failures(workdir):
    portal = Portal(workdir, access_ttl=4 * 3600, name="st").start()
    try:
        OUT.mkdir(parents=True, exist_ok=True)
        doc = openapi(portal)
        methods = {"get", "put", "post", "delete", "patch", "head", "options"}
        all_ops = {f"{m.upper()} {p}" for p, ops in doc["paths"].items() for m in ops if m in methods}
        token = portal.token(FAMILY)
        # Signed in before run 1: its generated sign-ins trip the rate limit.
        token2 = portal.token(FAMILY)
        config = workdir / "schemathesis.toml"
        write_config(portal, token, config)

        t0 = time.monotonic()
        rc1, out1 = run_st(portal, token, config, OUT / "schemathesis-main.xml",
                           "--exclude-operation-id", "sign_out")
        (OUT / "schemathesis-main.log").write_text(out1)
        rc2, out2 = run_st(portal, token2, config, OUT / "schemathesis-signout.xml",
                           "--include-operation-id", "sign_out")
        (OUT / "schemathesis-signout.log").write_text(out2)
        secs = time.monotonic() - t0

        g1, p1 = cases(out1)
        g2, p2 = cases(out2)
        tested = operations_in_report(OUT / "schemathesis-main.xml") | operations_in_report(
            OUT / "schemathesis-signout.xml")
        # schemathesis does not test the document's own URL; check it here.
        schema_op = "GET /api/v1/openapi.json"
        assert httpx.get(f"{portal.api}/openapi.json", timeout=10).json()["paths"]
        tested.add(schema_op)
        record("schemathesis", {
            "operations_in_document": len(all_ops),
            "operations_tested": len(tested & all_ops),
            "cases_generated": g1 + g2,
            "cases_passed": p1 + p2,
            "max_examples": EXAMPLES,
            "checks": CHECKS,
            "seconds": round(secs, 1),
        })
        assert rc1 == 0, out1[-6000:]
        assert rc2 == 0, out2[-6000:]
        assert all_ops <= tested, sorted(all_ops - tested)
        assert g1 + g2 > 0 and g1 + g2 == p1 + p2
        # The server logged no panic.
        assert "panicked" not in portal.log_path.read_text()
    finally:
        portal.stop()
