#!/usr/bin/env python3
"""Portal scale (issue 20, part 5): many simulated households against the real portal.

Usage: load.py URL EMAIL PASSWORD HOUSEHOLDS SECONDS OUT.json

Standard library only: asyncio, one keep-alive HTTP/1.1 connection per household, on
loopback. Three phases, each with every household at once:
  1. sign-in: every household signs in once (POST /api/v1/session; Argon2id at the portal);
  2. reads: GET /api/v1/services with a bearer token in a loop for SECONDS;
  3. mix: the same loop with 80 % GET /services, 15 % POST /feedback, 5 % POST /orders
     (SQLite's single writer; each write with its own Idempotency-Key).
Per phase and kind: requests, per-second rate, p50/p99/max latency, errors (5xx, time-outs
— 30 s, sign-ins 600 s — connection failures). 4xx answers that are the portal's verdict (e.g. 409
already_subscribed on a repeated order) are counted apart, not as errors.
"""
from __future__ import annotations

import asyncio
import json
import random
import sys
import time
import uuid
from urllib.parse import urlsplit

TIMEOUT_S = 30.0  # a household gives up on a read or a write after this
SIGN_IN_TIMEOUT_S = 600.0  # sign-ins queue for the Argon2 permits: wait to see the tail


class Conn:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.r = self.w = None

    async def request(self, method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, bytes]:
        if self.w is None:
            self.r, self.w = await asyncio.open_connection(self.host, self.port)
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                f"Content-Length: {len(body)}"] + [f"{k}: {v}" for k, v in headers.items()]
        self.w.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status_line = await self.r.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.r.readline()
            if line in (b"\r\n", b""):
                break
            k, _, v = line.decode("latin-1").partition(":")
            k = k.strip().lower()
            if k == "content-length":
                length = int(v)
            elif k == "connection" and v.strip().lower() == "close":
                close = True
        data = await self.r.readexactly(length) if length else b""
        if close:
            self.close()
        return status, data

    def close(self) -> None:
        if self.w is not None:
            self.w.close()
        self.r = self.w = None


def pct(v: list[float], p: float) -> float | None:
    v = sorted(v)
    return round(v[min(len(v) - 1, int(p * (len(v) - 1) + 0.5))], 2) if v else None


class Stats:
    def __init__(self):
        self.kinds: dict[str, dict] = {}

    def add(self, kind: str, ms: float | None, status: int | None):
        k = self.kinds.setdefault(kind, {"ms": [], "errors": 0, "verdicts_4xx": 0, "status": {}})
        if status is None:
            k["errors"] += 1
            return
        k["status"][str(status)] = k["status"].get(str(status), 0) + 1
        if status >= 500:
            k["errors"] += 1
        else:
            k["ms"].append(ms)
            if status >= 400:
                k["verdicts_4xx"] += 1

    def summary(self, seconds: float) -> dict:
        out = {}
        for kind, k in self.kinds.items():
            n = len(k["ms"])
            out[kind] = {"requests": n + k["errors"], "per_s": round(n / seconds, 1),
                         "p50_ms": pct(k["ms"], 0.5), "p99_ms": pct(k["ms"], 0.99),
                         "max_ms": round(max(k["ms"]), 1) if k["ms"] else None,
                         "errors": k["errors"], "verdicts_4xx": k["verdicts_4xx"], "status": k["status"]}
        return out


async def timed(conn: Conn, stats: Stats, kind: str, method: str, path: str, headers: dict,
                body: bytes = b"", timeout: float = TIMEOUT_S) -> bytes | None:
    t = time.perf_counter()
    try:
        status, data = await asyncio.wait_for(conn.request(method, path, headers, body), timeout)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
        conn.close()
        stats.add(kind, None, None)
        return None
    stats.add(kind, (time.perf_counter() - t) * 1000, status)
    return data if status < 300 else None


async def main() -> None:
    url, email, password, households, seconds, out = sys.argv[1:7]
    households, seconds = int(households), float(seconds)
    u = urlsplit(url)
    conns = [Conn(u.hostname, u.port) for _ in range(households)]
    json_h = {"Content-Type": "application/json"}
    res: dict = {"households": households, "seconds": seconds}

    # 1. Every household signs in at once.
    stats = Stats()
    body = json.dumps({"email": email, "password": password}).encode()
    t0 = time.perf_counter()
    tokens = await asyncio.gather(*(timed(c, stats, "sign_in", "POST", "/api/v1/session", json_h, body,
                                          SIGN_IN_TIMEOUT_S) for c in conns))
    wall = time.perf_counter() - t0
    res["sign_in"] = {**stats.summary(wall)["sign_in"], "wall_s": round(wall, 2)}
    tokens = [json.loads(t)["access_token"] for t in tokens if t]
    if not tokens:
        raise SystemExit("no household could sign in")
    catalogue = None
    c0 = Conn(u.hostname, u.port)
    _, data = await c0.request("GET", "/api/v1/catalogue", {})
    c0.close()
    try:
        catalogue = [p["id"] for p in json.loads(data).get("products", []) if p.get("id")]
    except (ValueError, AttributeError):
        catalogue = []

    async def household(i: int, conn: Conn, stats: Stats, mix: bool, until: float):
        auth = {"Authorization": f"Bearer {tokens[i % len(tokens)]}"}
        rnd = random.Random(i)
        await asyncio.sleep(rnd.random() * 0.5)  # households do not all start in the same ms
        while time.perf_counter() < until:
            x = rnd.random() if mix else 0.0
            if x < 0.80:
                await timed(conn, stats, "services", "GET", "/api/v1/services", auth)
            elif x < 0.95:
                b = json.dumps({"topic": "general", "message": f"Kuormitustesti {i}"}).encode()
                await timed(conn, stats, "feedback", "POST", "/api/v1/feedback",
                            {**auth, **json_h, "Idempotency-Key": uuid.uuid4().hex}, b)
            else:
                b = json.dumps({"product_id": rnd.choice(catalogue) if catalogue else "x"}).encode()
                await timed(conn, stats, "orders", "POST", "/api/v1/orders",
                            {**auth, **json_h, "Idempotency-Key": uuid.uuid4().hex}, b)

    for phase, mix in (("reads", False), ("mix", True)):
        stats = Stats()
        t0 = time.perf_counter()
        await asyncio.gather(*(household(i, c, stats, mix, t0 + seconds) for i, c in enumerate(conns)))
        res[phase] = stats.summary(time.perf_counter() - t0)
    for c in conns:
        c.close()
    with open(out, "w") as f:
        json.dump(res, f, indent=2)


if __name__ == "__main__":
    asyncio.run(main())
