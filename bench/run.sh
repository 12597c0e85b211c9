#!/usr/bin/env bash
# The one command that runs every benchmark (issue 6) and prints a table of ratios against
# baselines measured in the same run; the same figures go to artifacts/bench/results.json.
#
#   bench/run.sh                      # build (release) + all benchmarks, ~8 min when built
#   BENCH_SKIP_BUILD=1 bench/run.sh   # reuse the release binaries as they are
#   BENCH_ONLY=startup_memory,chromium,server,download,ui_bundle  # a subset
#   BENCH_ROUNDS=5 (start-up/memory rounds), OMA_BENCH_ROUNDS=5 (download rounds)
#
# Builds: ui/dist, then target/release/{omahallinta,floor-app,portal-server} in ONE cargo
# invocation with `tauri/custom-protocol` (what `tauri build` passes, so the bundles in
# bench/package.sh reuse the same compiled crates). The download benchmark is the client
# crate's own (`cargo bench -p portal-client --bench download`).
# Needs (apt): xvfb dbus gnome-keyring wrk chromium imagemagick, webkit2gtk-driver;
# tauri-driver (cargo install tauri-driver --locked); python3-venv.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export PATH="$HOME/.cargo/bin:$PATH"

if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
  npm run --prefix ui build >/dev/null
  cargo build --release -p omahallinta -p floor-app -p portal-server --features tauri/custom-protocol
  cargo bench -p portal-client --bench download --no-run
fi

missing=()
for t in xvfb-run dbus-run-session gnome-keyring-daemon wrk chromium tauri-driver WebKitWebDriver import; do
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
