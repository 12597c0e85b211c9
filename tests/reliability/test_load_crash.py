"""The portal under load and crash (the real binary, its own SQLite file).

load:  200 concurrent clients (one connection each, asyncio + httpx) order
       and send feedback with idempotency keys, each submission sent twice
       on purpose (racing) and once more afterwards -> no 5xx, no duplicate,
       no lost write; checked through the API (GET /services) and by
       counting rows in the SQLite file (read-only).
crash: bursts of feedback and orders, the server SIGKILLed mid-burst,
       restarted on the same --db -> PRAGMA integrity_check is ok, no
       foreign-key violations, every acknowledged (2xx) write is there, and
       retrying the unacknowledged ones with their keys after the restart
       writes each exactly once.

Accounts: the household (perhe@) and ei-korttia@ can order; ordering a
product twice gives already_subscribed, so orders use distinct products
and feedback carries the volume.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import sqlite3
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import httpx

from conftest import FAMILY, LONG, NO_CARD, Portal, record

CLIENTS = int(os.environ.get("LOAD_CLIENTS", "200"))
FEEDBACK_PER_CLIENT = int(os.environ.get("LOAD_FEEDBACK", "10" if LONG else "3"))
CRASH_CYCLES = int(os.environ.get("CRASH_CYCLES", "5" if LONG else "2"))
DEADLINE = 600 if LONG else 240

# Distinct orderable products per account (no pay-TV card: no pay channels).
ORDERS = {
    FAMILY: ["tv-dokumentti", "maksu-urheilu", "maksu-lapset"],
    NO_CARD: ["tv-dokumentti", "laajakaista-50", "tv-viihde"],
}


def ro(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)


def customer_ids(db: Path) -> dict[str, int]:
    con = ro(db)
    try:
        return {e: i for i, e in con.execute("SELECT id, email FROM customers")}
    finally:
        con.close()


def snapshot_check(db: Path, into: Path) -> dict:
    """Copies the database as the crash left it (with -wal/-shm) and checks
    the copy: what the restarted server will open."""
    into.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(db) + suffix)
        if src.exists():
            shutil.copy2(src, into / (db.name + suffix))
    con = sqlite3.connect(into / db.name)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchall()
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        return {"integrity": [r[0] for r in integrity], "fk": fk,
                "feedback": con.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]}
    finally:
        con.close()


async def post(client: httpx.AsyncClient, path: str, token: str, key: str, body: dict):
    return await client.post(path, json=body, headers={
        "Authorization": f"Bearer {token}", "Idempotency-Key": key}, timeout=60)


def test_load_200_clients_idempotent_orders_and_feedback(workdir):
    portal = Portal(workdir, name="load").start()
    try:
        tokens = {acct: [portal.token(acct) for _ in range(3)] for acct in ORDERS}
        ids = customer_ids(portal.db)
        con = ro(portal.db)
        base_fb = {i: con.execute("SELECT COUNT(*) FROM feedback WHERE customer_id=?", (i,)).fetchone()[0]
                   for i in ids.values()}
        base_orders = con.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        con.close()

        statuses = Counter()
        fb_acks: dict[tuple, set] = defaultdict(set)    # (acct, key) -> receipt ids
        order_acks: dict[tuple, set] = defaultdict(set)  # (acct, product) -> order ids
        order_codes: Counter = Counter()
        errors: list[str] = []
        # Per product: 5 clients share one key (racing duplicates), 3 more
        # use keys of their own (-> already_subscribed).
        order_plan = []
        for acct, products in ORDERS.items():
            for product in products:
                shared = str(uuid.uuid4())
                order_plan += [(acct, product, shared)] * 5
                order_plan += [(acct, product, str(uuid.uuid4())) for _ in range(3)]
        random.shuffle(order_plan)
        accounts = list(ORDERS)

        async def client(n: int):
            acct = accounts[n % len(accounts)]
            token = tokens[acct][n % 3]
            async with httpx.AsyncClient(base_url=portal.api, limits=httpx.Limits(max_connections=1)) as c:
                my_orders = order_plan[n::CLIENTS]
                for acct_o, product, key in my_orders:
                    tok = tokens[acct_o][n % 3]
                    r = await post(c, "/orders", tok, key, {"product_id": product})
                    statuses[r.status_code] += 1
                    if r.status_code == 201:
                        order_acks[(acct_o, product)].add(r.json()["order_id"])
                    elif r.status_code < 500:
                        order_codes[r.json()["code"]] += 1
                    else:
                        errors.append(f"order {r.status_code} {r.text[:200]}")
                for i in range(FEEDBACK_PER_CLIENT):
                    key = f"load-{n}-{i}-{uuid.uuid4()}"
                    body = {"topic": "general", "message": key}
                    # The same submission twice at once: a double click, or a
                    # retry racing the first attempt.
                    rs = await asyncio.gather(post(c, "/feedback", token, key, body),
                                              post(c, "/feedback", token, key, body))
                    for r in rs:
                        statuses[r.status_code] += 1
                        if r.status_code == 201:
                            fb_acks[(acct, key)].add(r.json()["id"])
                        else:
                            errors.append(f"feedback {r.status_code} {r.text[:200]}")
                    # And the same key with a different body: refused.
                    if i == 0:
                        r = await post(c, "/feedback", token, key, {**body, "message": key + "!"})
                        statuses[r.status_code] += 1
                        if not (r.status_code == 409 and r.json()["code"] == "idempotency_key_reused"):
                            errors.append(f"reuse {r.status_code} {r.text[:200]}")

        async def main():
            t0 = time.monotonic()
            await asyncio.wait_for(asyncio.gather(*(client(n) for n in range(CLIENTS))), DEADLINE)
            return time.monotonic() - t0

        secs = asyncio.run(main())
        total = sum(statuses.values())
        assert not [s for s in statuses if s >= 500], (statuses, errors[:5])
        assert not errors, errors[:10]

        # Duplicates: each key acknowledged with exactly one receipt id.
        for k, v in fb_acks.items():
            assert len(v) == 1, (k, v)
        assert len(fb_acks) == CLIENTS * FEEDBACK_PER_CLIENT
        # Each product ordered exactly once per account; replays of the
        # shared key return the same order.
        for acct, products in ORDERS.items():
            for p in products:
                assert len(order_acks[(acct, p)]) == 1, (acct, p, order_acks[(acct, p)])
        assert set(order_codes) <= {"already_subscribed"}, order_codes

        # The database: no lost write, no duplicate.
        con = ro(portal.db)
        for acct in accounts:
            cid = ids[acct[0]]
            rows = con.execute(
                "SELECT id, message FROM feedback WHERE customer_id=? AND message LIKE 'load-%'", (cid,)).fetchall()
            keys = [m for _, m in rows]
            assert len(keys) == len(set(keys)), "duplicate feedback rows"
            want = {k: next(iter(v)) for (a, k), v in fb_acks.items() if a == acct}
            assert dict((m, i) for i, m in rows) == want
            assert con.execute("SELECT COUNT(*) FROM feedback WHERE customer_id=?", (cid,)).fetchone()[0] \
                == base_fb[cid] + len(want)
        n_orders = con.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        assert n_orders == base_orders + sum(len(p) for p in ORDERS.values())
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        # ... and through the API.
        for acct, products in ORDERS.items():
            svc = httpx.get(f"{portal.api}/services", timeout=30,
                            headers={"Authorization": f"Bearer {tokens[acct][0]}"}).json()["services"]
            got = Counter(s["product_id"] for s in svc)
            for p in products:
                assert got[p] == 1, (acct, p, got)

        record("load", {"clients": CLIENTS, "requests": total, "seconds": round(secs, 1),
                        "requests_per_second": round(total / secs, 1),
                        "statuses": {str(k): v for k, v in sorted(statuses.items())},
                        "feedback_written": len(fb_acks), "orders_written": n_orders - base_orders})
        assert "panicked" not in portal.log_path.read_text()
    finally:
        portal.stop()


def test_sigkill_mid_burst_loses_no_acknowledged_write(workdir):
    portal = Portal(workdir, name="crash").start()
    acked: dict[str, int] = {}        # key -> receipt id (2xx seen)
    unacked: dict[str, dict] = {}     # key -> body (no answer: cut by the kill)
    order_acked: dict[str, int] = {}
    stats = Counter()
    checks = []
    try:
        token = portal.token(FAMILY)
        other = portal.token(NO_CARD)
        products = {FAMILY: list(ORDERS[FAMILY]), NO_CARD: list(ORDERS[NO_CARD])}
        for cycle in range(CRASH_CYCLES):

            async def writer(c: httpx.AsyncClient, n: int, halt: asyncio.Event):
                if True:
                    i = 0
                    while not halt.is_set():
                        key = f"crash-{cycle}-{n}-{i}-{uuid.uuid4()}"
                        body = {"topic": "termination" if i % 2 else "general", "message": key}
                        i += 1
                        try:
                            r = await post(c, "/feedback", token, key, body)
                        except httpx.HTTPError:
                            unacked[key] = body
                            stats["cut"] += 1
                            return
                        stats[r.status_code] += 1
                        if r.status_code == 201:
                            acked[key] = r.json()["id"]
                        else:
                            unacked[key] = body

            async def orderer(c: httpx.AsyncClient, halt: asyncio.Event):
                acct = [FAMILY, NO_CARD][cycle % 2]
                if not products[acct]:
                    return
                product = products[acct].pop()
                tok = token if acct == FAMILY else other
                if True:
                    await asyncio.sleep(random.uniform(0.05, 0.4))
                    key = f"order-{product}-{uuid.uuid4()}"
                    try:
                        r = await post(c, "/orders", tok, key, {"product_id": product})
                        stats[r.status_code] += 1
                        if r.status_code == 201:
                            order_acked[f"{acct[0]}:{product}"] = r.json()["order_id"]
                    except httpx.HTTPError:
                        stats["cut"] += 1

            async def burst():
                halt = asyncio.Event()
                start = len(acked)
                async with httpx.AsyncClient(base_url=portal.api,
                                             limits=httpx.Limits(max_connections=40)) as c:
                    tasks = [asyncio.create_task(writer(c, n, halt)) for n in range(40)]
                    tasks.append(asyncio.create_task(orderer(c, halt)))
                    # Kill once writes are flowing, at a random moment.
                    t0 = time.monotonic()
                    while len(acked) - start < 30 and time.monotonic() - t0 < 30:
                        await asyncio.sleep(0.01)
                    await asyncio.sleep(random.uniform(0.0, 0.5))
                    portal.kill()  # mid-write: requests are in flight
                    halt.set()
                    await asyncio.wait_for(asyncio.gather(*tasks), 60)

            asyncio.run(burst())
            snap = snapshot_check(portal.db, workdir / f"snap-{cycle}")
            checks.append(snap)
            assert snap["integrity"] == ["ok"], snap
            assert snap["fk"] == [], snap
            portal.start()
            # Tokens survive the restart (they are in the database).
            r = httpx.get(f"{portal.api}/customer", headers={"Authorization": f"Bearer {token}"}, timeout=30)
            assert r.status_code == 200, r.text

        # Every acknowledged write is there, with the acknowledged id.
        con = ro(portal.db)
        rows = dict(con.execute("SELECT message, id FROM feedback WHERE message LIKE 'crash-%'").fetchall())
        missing = {k: v for k, v in acked.items() if rows.get(k) != v}
        assert not missing, f"{len(missing)} acknowledged writes lost: {list(missing.items())[:5]}"
        for name, oid in order_acked.items():
            assert con.execute("SELECT COUNT(*) FROM orders WHERE id=?", (oid,)).fetchone()[0] == 1, name
        con.close()

        # Retrying every unacknowledged submission with its key writes it once.
        async def retry_all():
            async with httpx.AsyncClient(base_url=portal.api) as c:
                sem = asyncio.Semaphore(20)

                async def one(k, b):
                    async with sem:
                        r = await post(c, "/feedback", token, k, b)
                        assert r.status_code == 201, r.text
                        return r.headers.get("idempotent-replayed") == "true"
                return await asyncio.gather(*(one(k, b) for k, b in unacked.items()))

        replayed = asyncio.run(retry_all())
        con = ro(portal.db)
        msgs = [m for (m,) in con.execute("SELECT message FROM feedback WHERE message LIKE 'crash-%'")]
        dup = [m for m, c in Counter(msgs).items() if c > 1]
        assert not dup, dup[:5]
        assert set(msgs) == set(acked) | set(unacked)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        record("crash", {"sigkill_cycles": CRASH_CYCLES, "acknowledged_writes": len(acked),
                         "acknowledged_orders": len(order_acked),
                         "cut_requests": len(unacked),
                         "cut_but_committed_then_replayed": sum(replayed),
                         "statuses": {str(k): v for k, v in stats.items()},
                         "integrity": "ok"})
    finally:
        portal.stop()
