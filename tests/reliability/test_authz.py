"""Authorization matrix derived from the portal's own OpenAPI document.

Every operation whose security requirement is the bearer scheme, and that
has no anonymous alternative, is called with:

  none      no Authorization header                 -> 401 unauthorized
  garbage   malformed / made-up / wrong-scheme tokens, the refresh token
            used as an access token                  -> 401 unauthorized
  expired   a token from a portal with a 1 s access TTL, after 2 s
                                                     -> 401 token_expired
  revoked   a token after DELETE /session            -> 401 unauthorized
  other     another customer's valid token with the first customer's ids
            (path ids and body service ids)          -> 404 not_found

Each denial must be the error envelope and nothing else (never data), and
no write may have happened: the first customer's orders, feedback and
idempotency rows are counted in the SQLite file before and after.
Requests are valid in every other respect (real ids, valid bodies), so the
only reason for a denial is the token.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid

import httpx
import pytest

from conftest import FAMILY, NO_CARD, Portal, openapi, record

ENVELOPE_KEYS = {"code", "message", "field", "retry_after"}
METHODS = {"get", "put", "post", "delete", "patch"}


def private_operations(doc: dict) -> list[dict]:
    ops = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            sec = op.get("security", doc.get("security", []))
            needs_bearer = any("bearer" in s for s in sec) and not any(s == {} for s in sec)
            if needs_bearer:
                ops.append({"method": method.upper(), "path": path, "op": op})
    return ops


def resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = doc["components"]["schemas"][name]
    return schema


class Fixture:
    """Valid values for the first customer (the household)."""

    def __init__(self, portal: Portal, token: str):
        h = {"Authorization": f"Bearer {token}"}
        services = httpx.get(f"{portal.api}/services", headers=h, timeout=10).json()["services"]
        self.services = services
        self.mix = next(s for s in services if s.get("mix"))
        self.service_ids = [s["id"] for s in services]
        self.turva = next(s for s in services if s.get("security") and s["status"] != "ended")
        devices = httpx.get(f"{portal.api}/services/{self.turva['id']}/devices", headers=h,
                            timeout=10).json()["devices"]
        self.device_names = [d["name"] for d in devices]
        self.device_id = devices[0]["id"]

    def path_value(self, name: str, path: str) -> str:
        if name == "id":
            if path.endswith("/mix"):
                return str(self.mix["id"])
            if path.startswith("/api/v1/devices/"):
                return str(self.device_id)
            if path.endswith("/devices"):
                return str(self.turva["id"])
            return str(self.service_ids[0])
        raise AssertionError(f"no value for path parameter {name} in {path}")

    def field_value(self, field: str):
        values = {
            "product_id": "tv-dokumentti",
            "replaces_service_id": None,
            "mix_channels": None,
            "channels": list(self.mix["mix"]["selected"]),
            "topic": "general",
            "message": "authorization matrix",
            "contact_me": False,
            "contact_email": None,
            "contact_phone": None,
            "service_id": self.service_ids[0],
            "email": "authz-changed@example.fi",
            "current_password": FAMILY[1],
            "new_password": "Authz-Uusi-Salasana-9",
        }
        if field not in values:
            raise AssertionError(f"no valid value for body field {field!r}: extend Fixture")
        return values[field]


def build_request(doc: dict, fx: Fixture, entry: dict) -> dict:
    op = entry["op"]
    path = entry["path"]
    headers = {}
    for p in op.get("parameters", []):
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", fx.path_value(p["name"], entry["path"]))
        elif p["in"] == "header" and p.get("required"):
            headers[p["name"]] = str(uuid.uuid4())
        elif p["in"] == "header" and p["name"].lower() == "idempotency-key":
            headers[p["name"]] = str(uuid.uuid4())
    body = None
    rb = op.get("requestBody")
    if rb:
        schema = resolve(doc, rb["content"]["application/json"]["schema"])
        body = {}
        for field in schema.get("properties", {}):
            v = fx.field_value(field)
            if v is not None or field in schema.get("required", []):
                body[field] = v
    uses_ids = "{" in entry["path"] or (body is not None and "service_id" in body)
    return {"method": entry["method"], "path": path, "headers": headers, "json": body,
            "uses_ids": uses_ids, "name": f"{entry['method']} {entry['path']}"}


def call(portal: Portal, req: dict, auth: str | bytes | None):
    headers = dict(req["headers"])
    # A fresh idempotency key per call, so no call replays another's answer.
    for k in headers:
        if k.lower() == "idempotency-key":
            headers[k] = str(uuid.uuid4())
    if auth is not None:
        headers["Authorization"] = auth
    return httpx.request(req["method"], portal.base + req["path"], headers=headers,
                         json=req["json"], timeout=30)


def assert_denied(resp: httpx.Response, status: int, codes: set[str], where: str):
    assert resp.status_code == status, f"{where}: {resp.status_code} {resp.text[:300]}"
    body = resp.json()
    assert isinstance(body, dict) and set(body) <= ENVELOPE_KEYS, f"{where}: not an envelope: {body}"
    assert body["code"] in codes, f"{where}: code {body['code']} not in {codes}"
    if status == 401:
        assert "bearer" in resp.headers.get("www-authenticate", "bearer").lower()


def counts(db) -> dict:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        fam = con.execute("SELECT id FROM customers WHERE email = ?", (FAMILY[0],)).fetchone()
        cid = fam[0] if fam else 1
        return {t: con.execute(f"SELECT COUNT(*) FROM {t} WHERE customer_id = ?", (cid,)).fetchone()[0]
                for t in ("orders", "feedback", "idempotency_keys", "services")} | {
            "devices": con.execute(
                "SELECT COUNT(*) FROM devices d JOIN services s ON s.id = d.service_id"
                " WHERE s.customer_id = ? AND d.released_at IS NULL", (cid,)).fetchone()[0]}
    finally:
        con.close()


GARBAGE = [
    "Bearer",
    "Bearer garbage",
    "Bearer " + "A" * 43,
    "Bearer " + "x" * 5000,
    "bearer",
    "Basic cGVyaGVAZXhhbXBsZS5maTpEZW1vLVNhbGFzYW5hLTE=",
    "Token abc",
    "Bearer a b",
    "Bearer \u00e4\u00e4kk\u00f6set".encode("utf-8"),  # non-ASCII bytes
]


def test_authorization_matrix(workdir):
    main = Portal(workdir, access_ttl=3600, name="authz").start()
    short = Portal(workdir, access_ttl=1, name="authz-ttl1").start()
    cells = 0
    try:
        doc = openapi(main)
        ops = private_operations(doc)
        assert len(ops) >= 10, [o["path"] for o in ops]
        fam = main.sign_in(FAMILY)
        fx = Fixture(main, fam["access_token"])
        reqs = [build_request(doc, fx, e) for e in ops]
        other = main.token(NO_CARD)
        revoked_pair = main.sign_in(FAMILY)
        expired = short.token(FAMILY)
        before = counts(main.db)

        r = httpx.delete(f"{main.api}/session",
                         headers={"Authorization": f"Bearer {revoked_pair['access_token']}"}, timeout=10)
        assert r.status_code == 204, r.text
        time.sleep(2.2)  # the short portal's 1 s access token is now expired

        for req in reqs:
            w = req["name"]
            assert_denied(call(main, req, None), 401, {"unauthorized"}, f"{w} none")
            cells += 1
            for g in GARBAGE + [f"Bearer {fam['refresh_token']}"]:
                assert_denied(call(main, req, g), 401, {"unauthorized"}, f"{w} garbage {g[:20]!r}")
                cells += 1
            assert_denied(call(short, req, f"Bearer {expired}"), 401, {"token_expired"}, f"{w} expired")
            cells += 1
            # A token from one portal is not valid on another (different database).
            assert_denied(call(short, req, f"Bearer {fam['access_token']}"), 401,
                          {"unauthorized"}, f"{w} foreign portal")
            cells += 1
            assert_denied(call(main, req, f"Bearer {revoked_pair['access_token']}"), 401,
                          {"unauthorized", "token_expired"}, f"{w} revoked")
            cells += 1
            if req["uses_ids"]:
                resp = call(main, req, f"Bearer {other}")
                assert_denied(resp, 404, {"not_found"}, f"{w} other customer's ids")
                for s in fx.services:
                    assert s["product_id"] not in resp.text
                for name in fx.device_names:
                    assert name not in resp.text
                cells += 1

        # The revoked session's refresh token is refused too.
        r = httpx.post(f"{main.api}/session/refresh",
                       json={"refresh_token": revoked_pair["refresh_token"]}, timeout=10)
        assert_denied(r, 401, {"invalid_grant"}, "refresh after sign-out")
        cells += 1

        after = counts(main.db)
        assert before == after, (before, after)

        # Positive control: the same requests with the right token are not
        # denied (so the denials above are about the token, not the request).
        ok = 0
        for req in reqs:
            if req["method"] == "DELETE" or req["path"].endswith("/password"):
                continue
            resp = call(main, req, f"Bearer {fam['access_token']}")
            assert resp.status_code not in (401, 404) and resp.status_code < 500, (
                req["name"], resp.status_code, resp.text[:300])
            ok += 1
        record("authz", {"private_operations": len(ops), "denial_cells": cells,
                         "positive_controls": ok,
                         "operations": sorted(r["name"] for r in reqs)})
    finally:
        main.stop()
        short.stop()
