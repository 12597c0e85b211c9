#!/usr/bin/env bash
# Set up, build and start the app in demo mode (embedded reference portal, demo data).
# Pass --portal URL to use a real portal instead (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ -d src-tauri ]]; then
  npm run --prefix ui build --silent
  exec cargo run -p omahallinta -- "$@"
else
  exec cargo run -p portal-server -- --demo "$@"
fi
