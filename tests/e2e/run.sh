#!/usr/bin/env bash
# End-to-end tests of the real debug app (target/debug/omahallinta, which embeds ui/dist)
# through tauri-driver + WebKitWebDriver, under Xvfb, in a private D-Bus session with an
# unlocked gnome-keyring and fresh XDG dirs, against a real portal-server the fixtures
# start on a free loopback port with a fresh database.
#
# Assumes built: ui/dist, target/debug/omahallinta, target/debug/portal-server
#   npm run --prefix ui build && cargo build -p portal-server -p omahallinta
# Needs: tauri-driver (cargo install tauri-driver --locked), webkit2gtk-driver, xvfb,
#   dbus, gnome-keyring, python3-venv (see scripts/setup.sh).
# Extra arguments go to pytest (e.g. `tests/e2e/run.sh -k smoke -x`). No reruns: a
# failure is a failure.
# Screenshots: artifacts/screenshots/; logs: the pytest tmp dir (printed on failure).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

for f in "$TARGET/debug/omahallinta" "$TARGET/debug/portal-server" ui/dist/index.html; do
  [[ -e $f ]] || { echo "e2e: missing $f (build the UI, portal-server and the app first)" >&2; exit 1; }
done
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --quiet
command -v WebKitWebDriver >/dev/null || { echo "e2e: WebKitWebDriver missing (apt install webkit2gtk-driver)" >&2; exit 1; }

venv=$TARGET/e2e-venv
want=$(sha256sum tests/e2e/requirements.txt | cut -d' ' -f1)
if [[ ! -x $venv/bin/pytest || ! -f $venv/.req.sha || $(cat "$venv/.req.sha") != "$want" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r tests/e2e/requirements.txt
  echo "$want" >"$venv/.req.sha"
fi

# axe-core: the UI's pinned copy, else a pinned install under target/.
if [[ -z ${OMAHALLINTA_E2E_AXE:-} ]]; then
  if [[ -f ui/node_modules/axe-core/axe.min.js ]]; then
    export OMAHALLINTA_E2E_AXE=$ROOT/ui/node_modules/axe-core/axe.min.js
  else
    [[ -f $TARGET/e2e-axe/node_modules/axe-core/axe.min.js ]] ||
      npm install --prefix "$TARGET/e2e-axe" --no-audit --no-fund --loglevel=error axe-core@4.14.1
    export OMAHALLINTA_E2E_AXE=$TARGET/e2e-axe/node_modules/axe-core/axe.min.js
  fi
fi

rm -rf artifacts/screenshots
mkdir -p artifacts/screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{home,config,data,cache,state,runtime}
chmod 700 "$tmp/runtime"
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache \
  XDG_STATE_HOME=$tmp/state XDG_RUNTIME_DIR=$tmp/runtime
export NO_AT_BRIDGE=1
export PYTHONDONTWRITEBYTECODE=1

exec xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- bash -c '
    eval "$(echo -n e2e | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    exec "$0" -m pytest tests/e2e -p no:cacheprovider -v "$@"
  ' "$venv/bin/python" "$@"
