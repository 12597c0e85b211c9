#!/usr/bin/env bash
# The long reliability run: schemathesis at 200 examples per operation,
# 10 feedback submissions per load client, 5 SIGKILL cycles.
# Override: ST_EXAMPLES, ST_SEED, LOAD_CLIENTS, LOAD_FEEDBACK, CRASH_CYCLES.
set -euo pipefail
export RELIABILITY_LONG=1
exec "$(dirname "$0")/run.sh" "$@"
