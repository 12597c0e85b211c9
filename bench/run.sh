#!/usr/bin/env bash
# The one command that runs every benchmark (issues 6 and 20) and prints a table of ratios
# against baselines measured in the same run; the same figures go to
# artifacts/bench/results.json. Not part of scripts/test.sh.
#
#   bench/run.sh                      # build (release) + all benchmarks, ~30 min when built
#                                     # (20 of them the idle app: 10 min open, 10 minimized)
#   bench/run.sh --quick              # the whole harness in ~6 min: fewer rounds, 60 s idle
#                                     # phases, smaller shaped downloads (figures are rougher)
#   nice -n -5 bench/run.sh           # on a shared machine (see docs/BENCHMARKS.md)
#   BENCH_SKIP_BUILD=1 bench/run.sh   # reuse the release binaries as they are
#   BENCH_ONLY=ui_bundle,server,startup_memory,cold_start,latency,idle,chromium,download,shaped_download,portal_scale
#   BENCH_ROUNDS=5 (start-up/memory rounds), OMA_BENCH_ROUNDS=5 (loopback download rounds),
#   BENCH_IDLE_SECONDS=600, BENCH_COLD_ROUNDS=3, BENCH_LATENCY_ROUNDS=10,
#   BENCH_SHAPED_ROUNDS=3, BENCH_SHAPED_RATES=100,1000 (Mbit/s), BENCH_LOAD_HOUSEHOLDS=1000,
#   BENCH_LOAD_SECONDS=20
# Root is needed for the shaped link (network namespaces, tc, nft) and the cold start
# (drop_caches); without it those two are skipped with a note.
#
# Builds: ui/dist, then target/release/{omahallinta,floor-app,portal-server} in ONE cargo
# invocation with `tauri/custom-protocol` (what `tauri build` passes, so the bundles in
# bench/package.sh reuse the same compiled crates). The download benchmark is the client
# crate's own (`cargo bench -p portal-client --bench download`).
# Needs (apt): xvfb dbus gnome-keyring wrk chromium imagemagick xdotool iproute2 nftables, webkit2gtk-driver;
# tauri-driver (cargo install tauri-driver --locked); python3-venv.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export PATH="$HOME/.cargo/bin:$PATH"
if [[ ${1:-} == --quick ]]; then
  export BENCH_QUICK=1
  export BENCH_ROUNDS=${BENCH_ROUNDS:-3} OMA_BENCH_ROUNDS=${OMA_BENCH_ROUNDS:-2}
  export OMA_BENCH_SIZE_MIB=${OMA_BENCH_SIZE_MIB:-64}
fi

if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
  npm run --prefix ui build >/dev/null
  cargo build --release -p omahallinta -p floor-app -p portal-server --features tauri/custom-protocol
  cargo bench -p portal-client --bench download --no-run
fi

missing=()
for t in xvfb-run dbus-run-session gnome-keyring-daemon wrk chromium tauri-driver WebKitWebDriver import xdotool ip tc nft; do
  command -v "$t" >/dev/null || missing+=("$t")
done
((${#missing[@]} == 0)) || echo "bench: missing ${missing[*]} (those benchmarks are skipped or fail)" >&2

# Python with selenium for the one-off WebDriver sign-in: the e2e venv, else our own.
venv=$TARGET/e2e-venv
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
  venv=$TARGET/bench-venv
  if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$(grep '^selenium==' tests/e2e/requirements.txt)"
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{config,data,cache,state,runtime}
chmod 700 "$tmp/runtime"
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache \
  XDG_STATE_HOME=$tmp/state XDG_RUNTIME_DIR=$tmp/runtime
export NO_AT_BRIDGE=1 PYTHONDONTWRITEBYTECODE=1 BENCH_SELENIUM_PYTHON=$venv/bin/python

# No window manager: windows map where they ask, the root window holds every pixel.
# stderr: progress lines on the terminal, everything (D-Bus chatter too) in run.log.
mkdir -p artifacts/bench
exec 2> >(tee artifacts/bench/run.log | grep --line-buffered -E '^(\[bench|bench:|Traceback|  File|[A-Za-z]+Error)' >&2)
exec xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- bash -c '
    eval "$(echo -n bench | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    exec "$0" bench/bench.py
  ' "$venv/bin/python"
