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
  rm -rf "$OUT/feed" "$OUT/bundle" "$OUT/portal-seed" "$OUT/keyprobe"
  # The portal's manifest key of this run (a seed created by portal-server, never
  # committed); its public half is pinned in the run's profile, so the installed app
  # verifies installers with nothing but its profile.
  mkdir -p "$OUT/keyprobe"
  kport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  target/debug/portal-server --demo --signing-key "$OUT/portal-seed" --db "$OUT/keyprobe/portal.db" \
    --data-dir "$OUT/keyprobe" --listen "127.0.0.1:$kport" >"$OUT/keyprobe/log" 2>&1 &
  kpid=$!
  manifest_key=""
  for _ in $(seq 100); do
    manifest_key=$(curl -sf "http://127.0.0.1:$kport/api/v1/signing-key" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key"])' 2>/dev/null) && break
    sleep 0.2
  done
  kill "$kpid"; wait "$kpid" 2>/dev/null || true
  [[ -n $manifest_key ]] || { echo "update-e2e: no signing key from the portal"; exit 1; }
  # The operator profile of this run: the portal and its feed on this port.
  sed -e "s#^portal_url = .*#portal_url = \"http://127.0.0.1:$port\"#" \
      -e "s#^manifest_keys = .*#manifest_keys = [\"$manifest_key\"]#" \
      -e "s#^feed_url = .*#feed_url = \"http://127.0.0.1:$port/api/v1/updates/{{target}}/{{arch}}/{{current_version}}?bundle={{bundle_type}}\"#" \
      operator.toml >"$OUT/profile.toml"
  echo "$port" >"$OUT/port"
  start=$(date +%s)
  # The test needs release bundles, not their fastest code: no LTO and more
  # codegen units roughly halve the two builds on 2 cores (bench/ measures
  # the real release profile).
  export CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  scripts/release.sh --version "$N" --out "$OUT" --profile "$OUT/profile.toml"
  scripts/release.sh --version "$NEXT" --out "$OUT" --profile "$OUT/profile.toml" --publish \
    --notes-fi "Korjauksia ja parannuksia." --notes-en "Fixes and improvements."
  echo "update-e2e: two release builds in $(( $(date +%s) - start )) s"
fi
[[ -x target/e2e-venv/bin/pytest ]] || scripts/setup.sh
export OMAHALLINTA_UPDATE_E2E_DIR=$OUT OMAHALLINTA_UPDATE_E2E_PORT=$(cat "$OUT/port")
export OMAHALLINTA_UPDATE_E2E_SEED=$OUT/portal-seed
export OMAHALLINTA_E2E_APP=/usr/bin/omahallinta
tests/e2e/run.sh -k test_update_deb "$@"
