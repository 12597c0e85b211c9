#!/usr/bin/env bash
# Set up and run every test: formatting and lints, the UI's type check and component
# tests, all Rust tests (server, client, l10n, app) against the real reference portal,
# the Windows and macOS stage (cross builds in target/cross, Windows tests under
# Wine), then the end-to-end tests of the built app through tauri-driver under Xvfb.
# Builds once; every stage reuses target/ and ui/dist.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
stage() { printf '\n\033[1m==== %s\033[0m\n' "$*"; }
start=$(date +%s)

stage "set-up"
scripts/setup.sh

if [[ -f ui/package.json ]]; then
  stage "UI: type check, component tests, build"
  npm run --prefix ui check
  npm run --prefix ui test
  npm run --prefix ui build # the app embeds ui/dist at compile time: before any cargo step
fi

if [[ ${SKIP_LINT:-0} != 1 ]]; then
  stage "format and lints"
  cargo fmt --all --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
fi

stage "Rust: build"
cargo build --workspace --bins --examples --locked # examples: the single-instance probe
cargo nextest run --workspace --locked --no-run

stage "Rust: tests (inside a D-Bus session with an unlocked keychain)"
scripts/with-keyring.sh cargo nextest run --workspace --locked --no-fail-fast

if [[ ${SKIP_PLATFORMS:-0} != 1 ]]; then
  stage "Windows and macOS: Windows build + tests and CLI smoke test under Wine, macOS type check"
  SKIP_SETUP=1 scripts/test-platforms.sh
fi

if [[ -x tests/e2e/run.sh ]]; then
  stage "End to end: the real app through tauri-driver + WebKitWebDriver under Xvfb"
  tests/e2e/run.sh
fi

stage "Packaging metadata: AppStream metainfo, desktop entry, icon sizes"
scripts/check-packaging.sh

if [[ $(id -u) == 0 && ${SKIP_UPDATE_E2E:-0} != 1 ]]; then
  # Two release builds (≈ 8–10 min cold for N, ≈ 6 min for N+1: only the app crate
  # recompiles and links), then the installed .deb updates itself (≈ 15 s).
  # SKIP_UPDATE_E2E=1 skips it.
  stage "Updates end to end: .deb N installed, the portal serves N+1, the app installs it and restarts"
  scripts/update-e2e.sh
fi

if [[ -x tests/reliability/run.sh ]]; then
  stage "Reliability: schemathesis, authorization matrix, load and SIGKILL against the real portal"
  tests/reliability/run.sh
fi

if [[ -f deny.toml ]]; then
  stage "Supply chain: cargo-deny (offline: licenses, bans, sources)"
  cargo fetch --locked # every platform's crates, which --offline needs
  cargo deny --offline check licenses bans sources
fi

if [[ -x fuzz/run.sh && ${SKIP_FUZZ:-0} != 1 ]]; then
  stage "Fuzzing: a short bounded run of every target"
  fuzz/run.sh "${FUZZ_SECONDS:-15}"
fi

stage "all stages passed in $(( $(date +%s) - start )) s"
