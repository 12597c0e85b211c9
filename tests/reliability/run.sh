#!/usr/bin/env bash
# Reliability suites against the real portal-server binary (issue 7):
# schemathesis (every operation, zero failures), the OpenAPI-derived
# authorization matrix, 200-client load, SIGKILL mid-write + restart.
# Quick run (~1 min once built). Longer: tests/reliability/run-long.sh.
# Figures: target/reliability/figures.json; schemathesis logs/JUnit beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build -q -p portal-server

venv=target/reliability-venv
want=$(sha256sum tests/reliability/requirements.txt | cut -d' ' -f1)
if [[ ! -x $venv/bin/python || ! -f $venv/.req.sha || $(cat "$venv/.req.sha") != "$want" ]]; then
  echo "reliability: python venv ($venv)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r tests/reliability/requirements.txt
  echo "$want" >"$venv/.req.sha"
fi

export VIRTUAL_ENV="$PWD/$venv"
cd tests/reliability
exec "$VIRTUAL_ENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
