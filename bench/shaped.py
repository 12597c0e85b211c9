"""Download at a shaped line rate (issue 20, part 1).

Two network namespaces joined by a veth pair: the real `portal-server` (release) in one,
the client crate's download benchmark (`benches/download.rs` with `OMA_BENCH_PORTAL`) in
the other, so our verified download (SHA-256, signed manifest, fsync, rename), `curl -o`
and `curl -o` + `sha256sum` + `sync` cross the same link. Both veth ends egress through a
token bucket (`tbf`) at the line rate; `netem delay` (half the RTT on each side) when the
kernel has it. 1 % loss is an nftables rule in the client namespace (`numgen random`), the
cut is `ss -K` of every connection to the portal half-way through each download (curl's
baselines then retry with `-C -`, ours resumes by itself). The client reaches the portal
at a loopback address NATed across the veth (it allows plain http to loopback only).

Needs root and `ip netns`; returns {"skipped": why} otherwise.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

NS_SRV, NS_CLI = "omabench-srv", "omabench-cli"
VETH_SRV, VETH_CLI = "omab-s", "omab-c"
IP_SRV, IP_CLI = "10.203.77.1", "10.203.77.2"
PORT = 8787
# The client allows plain http to loopback only (portal-client's config), so in the client
# namespace this loopback address is NATed to the portal across the shaped veth.
IP_LOOP = "127.0.0.2"
MIB = 1024 * 1024
# TCP goodput over Ethernet framing: 1448 payload bytes (timestamps on) per 1500-byte IP
# packet, which the qdisc counts with its 14-byte Ethernet header.
GOODPUT_SHARE = 1448 / 1514


def sh(*cmd: str, ns: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
    full = (["ip", "netns", "exec", ns] if ns else []) + list(cmd)
    return subprocess.run(full, check=check, capture_output=True, text=True)


def available() -> str | None:
    """Why the shaped benchmark cannot run here, or None."""
    if os.geteuid() != 0:
        return "not root: network namespaces and qdiscs need root"
    for tool in ("ip", "tc", "ss", "curl", "sha256sum"):
        if not shutil.which(tool):
            return f"{tool} not installed (scripts/setup.sh installs iproute2)"
    try:
        sh("ip", "netns", "add", "omabench-probe")
        sh("ip", "netns", "del", "omabench-probe")
    except subprocess.CalledProcessError as e:
        return f"ip netns unavailable: {e.stderr.strip()}"
    return None


def teardown() -> None:
    for ns in (NS_SRV, NS_CLI):
        sh("ip", "netns", "del", ns, check=False)
    sh("ip", "link", "del", VETH_SRV, check=False)


def has_qdisc(kind: str) -> bool:
    """Whether the kernel knows a qdisc (tried on a throw-away veth)."""
    sh("ip", "link", "add", "omab-p0", "type", "veth", "peer", "name", "omab-p1", check=False)
    ok = sh("tc", "qdisc", "add", "dev", "omab-p0", "root", kind,
            *(["delay", "1ms"] if kind == "netem" else []), check=False).returncode == 0
    sh("ip", "link", "del", "omab-p0", check=False)
    return ok


def setup(rate_mbit: int, rtt_ms: float, netem: bool) -> None:
    teardown()
    sh("ip", "netns", "add", NS_SRV)
    sh("ip", "netns", "add", NS_CLI)
    sh("ip", "link", "add", VETH_SRV, "type", "veth", "peer", "name", VETH_CLI)
    for ns, dev, ip in ((NS_SRV, VETH_SRV, IP_SRV), (NS_CLI, VETH_CLI, IP_CLI)):
        sh("ip", "link", "set", dev, "netns", ns)
        sh("ip", "addr", "add", f"{ip}/24", "dev", dev, ns=ns)
        sh("ip", "link", "set", dev, "up", ns=ns)
        sh("ip", "link", "set", "lo", "up", ns=ns)
        # Burst: 2 ms of the line rate (at least 32 KiB); queue: up to 50 ms.
        burst = max(32 * 1024, rate_mbit * 1_000_000 // 8 // 500)
        tbf = ["tbf", "rate", f"{rate_mbit}mbit", "burst", str(burst), "latency", "50ms"]
        if netem:
            sh("tc", "qdisc", "add", "dev", dev, "root", "handle", "1:", "netem", "delay",
               f"{rtt_ms / 2}ms", "limit", "100000", ns=ns)
            sh("tc", "qdisc", "add", "dev", dev, "parent", "1:1", "handle", "10:", *tbf, ns=ns)
        else:
            sh("tc", "qdisc", "add", "dev", dev, "root", *tbf, ns=ns)
    for conf in ("all", VETH_CLI):
        sh("sysctl", "-qw", f"net.ipv4.conf.{conf}.route_localnet=1", ns=NS_CLI)
    sh("nft", "add table ip omabench-nat", ns=NS_CLI)
    sh("nft", "add chain ip omabench-nat output { type nat hook output priority -100; }", ns=NS_CLI)
    sh("nft", "add chain ip omabench-nat post { type nat hook postrouting priority 100; }", ns=NS_CLI)
    sh("nft", f"add rule ip omabench-nat output ip daddr {IP_LOOP} tcp dport {PORT} "
       f"dnat to {IP_SRV}:{PORT}", ns=NS_CLI)
    sh("nft", f"add rule ip omabench-nat post oifname {VETH_CLI} masquerade", ns=NS_CLI)


def set_loss(percent: float | None) -> None:
    sh("nft", "delete", "table", "inet", "omabench", ns=NS_CLI, check=False)
    if not percent:
        return
    sh("nft", "add table inet omabench", ns=NS_CLI)
    sh("nft", "add chain inet omabench input { type filter hook input priority 0; }", ns=NS_CLI)
    sh("nft", f"add rule inet omabench input iifname {VETH_CLI} tcp sport {PORT} "
       f"numgen random mod 1000 < {int(percent * 10)} drop", ns=NS_CLI)


def bench_binary(root: Path) -> Path | None:
    out = subprocess.run(["cargo", "bench", "-p", "portal-client", "--bench", "download", "--no-run"],
                         cwd=root, capture_output=True, text=True)
    m = re.search(r"\(([^)]*download-[0-9a-f]+)\)", out.stderr)
    return Path(m.group(1)) if m and out.returncode == 0 else None


class Portal:
    """The release portal-server inside the server namespace."""

    def __init__(self, server: Path, work: Path, size: int):
        self.logf = open(work / f"portal-shaped-{size // MIB}.log", "w")
        work_dir = work / f"shaped-{size // MIB}"
        work_dir.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", NS_SRV, str(server), "--demo", "--listen", f"{IP_SRV}:{PORT}",
             "--db", str(work_dir / "portal.db"), "--data-dir", str(work_dir),
             "--installer-size", str(size)],
            stdout=subprocess.PIPE, stderr=self.logf, text=True, start_new_session=True)
        self.key = None
        for line in self.proc.stdout:  # the banner names the signing key
            m = re.search(r"Signing key \(.*base64\): (\S+)", line)
            if m:
                self.key = m.group(1)
                break
        if not self.key:
            raise RuntimeError("portal-server printed no signing key")
        self.url = f"http://{IP_LOOP}:{PORT}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.logf.close()


def run_scenario(binary: Path, portal: Portal, work: Path, name: str, rounds: int,
                 fault: str | None, fault_after: float) -> dict:
    out = work / f"shaped-{name}.json"
    env = dict(os.environ, OMA_BENCH_PORTAL=portal.url, OMA_BENCH_PORTAL_KEY=portal.key,
               OMA_BENCH_SERVER_PID=str(portal.proc.pid), OMA_BENCH_JSON=str(out),
               OMA_BENCH_ROUNDS=str(rounds))
    if fault:
        env.update(OMA_BENCH_FAULT=fault, OMA_BENCH_FAULT_AFTER_S=f"{fault_after:.2f}")
    with open(work / f"shaped-{name}.log", "w") as logf:
        r = subprocess.run(["ip", "netns", "exec", NS_CLI, str(binary)], env=env,
                           stdout=subprocess.DEVNULL, stderr=logf, timeout=1800)
    if r.returncode != 0 or not out.exists():
        raise RuntimeError(f"download bench {name} failed ({r.returncode}); see {work / f'shaped-{name}.log'}")
    return json.loads(out.read_text())


def summarize(d: dict, rate_mbit: int) -> dict:
    size = d["installer_bytes"]
    line_s = size / (rate_mbit * 1e6 / 8 * GOODPUT_SHARE)
    ours, curl, summ = d["downloader_median_s"], d["curl_wall_median_s"], d["curl_sha256sum_median_s"]
    return {
        "installer_mib": size / MIB,
        "line_rate_goodput_s": round(line_s, 3),
        "ours_s": round(ours, 3), "curl_s": round(curl, 3), "curl_sha256sum_s": round(summ, 3),
        "ours_s_all": [round(x, 3) for x in d["downloader_s"]],
        "curl_s_all": [round(x, 3) for x in d["curl_s"]],
        # Speed ratios (higher is better): line time / our time, curl's time / ours.
        "vs_line_rate": round(line_s / ours, 3),
        "curl_vs_line_rate": round(line_s / curl, 3),
        "vs_curl": round(curl / ours, 3),
        # Time ratio for the fault scenarios (lower is better): ours / curl + retry.
        "time_vs_curl": round(ours / curl, 3),
        "cpu_s_per_gib": {"ours": round(d["downloader_cpu_s_per_gib"], 3),
                          "curl": round(d["curl_cpu_s_per_gib"], 3),
                          "curl_sha256sum": round(d["curl_sha256sum_cpu_s_per_gib"], 3)},
        "cpu_vs_curl_sha256sum": round(d["downloader_cpu_s_per_gib"] / d["curl_sha256sum_cpu_s_per_gib"], 3),
        "peak_extra_rss_mib": round(d["peak_extra_rss_kib_hwm"] / 1024, 1),
    }


def bench_shaped(root: Path, server: Path, work: Path, quick: bool, log) -> dict:
    why = available()
    if why:
        return {"skipped": why}
    binary = bench_binary(root)
    if not binary:
        return {"skipped": "the download benchmark did not build (cargo bench --no-run)"}
    netem = has_qdisc("netem")
    rtt = 20.0
    rounds = int(os.environ.get("BENCH_SHAPED_ROUNDS", "1" if quick else "3"))
    rates = [int(x) for x in os.environ.get("BENCH_SHAPED_RATES", "100,1000").split(",")]
    res: dict = {"netem": netem, "rtt_ms": rtt if netem else None, "rounds": rounds, "rates": {},
                 "bench_binary": str(binary)}
    if not netem:
        res["note"] = ("this kernel has no sch_netem (tbf and htb only): the line rate is shaped, "
                       "the 20 ms RTT is not emulated (veth RTT ≈ 0.05 ms)")
    try:
        for rate in rates:
            # ≈ 5 s a download at the line rate (quick: ≈ 1.3 s).
            size = (16 if rate <= 100 else 64) * MIB if quick else (64 if rate <= 100 else 256) * MIB
            setup(rate, rtt, netem)
            portal = Portal(server, work, size)
            try:
                line_s = size / (rate * 1e6 / 8 * GOODPUT_SHARE)
                out = {}
                for name, loss, fault in (("clean", None, None), ("loss1", 1.0, None),
                                          ("cut", None, f"ss -K dst {IP_LOOP} dport = :{PORT}")):
                    set_loss(loss)
                    log(f"shaped download {rate} Mbit/s, {size // MIB} MiB, {name}")
                    d = run_scenario(binary, portal, work, f"{rate}-{name}", rounds, fault, line_s / 2)
                    out[name] = summarize(d, rate)
                    s = out[name]
                    log(f"  ours {s['ours_s']} s, curl {s['curl_s']} s, curl+sha256sum "
                        f"{s['curl_sha256sum_s']} s, line {s['line_rate_goodput_s']} s; CPU/GiB "
                        f"{s['cpu_s_per_gib']}")
                set_loss(None)
                res["rates"][str(rate)] = out
            finally:
                portal.stop()
    finally:
        teardown()
    return res
