#!/usr/bin/env bash
# End to end on Linux (issue 16): install .deb N, a real portal serves N+1 from its update
# feed, the app offers it, installs it and restarts into N+1; a tampered artifact is refused;
# an unreachable feed changes nothing. Root only (dpkg); CI stage of scripts/test.sh.
#
# Two release builds from the same target/ with only the version changed (the second one
# recompiles just the app crate), signed with a key generated for this run
# (target/update-e2e/keys, never committed). Set UPDATE_E2E_SKIP_BUILD=1 to reuse them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
[[ $(id -u) == 0 ]] || { echo "update-e2e: needs root (dpkg -i)"; exit 1; }
OUT=$ROOT/target/update-e2e
N=0.1.1 NEXT=0.1.2
mkdir -p "$OUT"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
if [[ -z ${UPDATE_E2E_SKIP_BUILD:-} ]]; then
  rm -rf "$OUT/feed" "$OUT/bundle"
  # The operator profile of this run: the portal and its feed on this port.
  sed -e "s#^portal_url = .*#portal_url = \"http://127.0.0.1:$port\"#" \
      -e "s#^feed_url = .*#feed_url = \"http://127.0.0.1:$port/api/v1/updates/{{target}}/{{arch}}/{{current_version}}?bundle={{bundle_type}}\"#" \
      operator.toml >"$OUT/profile.toml"
  echo "$port" >"$OUT/port"
  start=$(date +%s)
  scripts/release.sh --version "$N" --out "$OUT" --profile "$OUT/profile.toml"
  scripts/release.sh --version "$NEXT" --out "$OUT" --profile "$OUT/profile.toml" --publish \
    --notes-fi "Korjauksia ja parannuksia." --notes-en "Fixes and improvements."
  echo "update-e2e: two release builds in $(( $(date +%s) - start )) s"
fi
[[ -x target/e2e-venv/bin/pytest ]] || scripts/setup.sh
export OMAHALLINTA_UPDATE_E2E_DIR=$OUT OMAHALLINTA_UPDATE_E2E_PORT=$(cat "$OUT/port")
export OMAHALLINTA_E2E_APP=/usr/bin/omahallinta
tests/e2e/run.sh -k test_update_deb "$@"
