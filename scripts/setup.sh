#!/usr/bin/env bash
# One-time (idempotent) set-up on a Debian/Ubuntu machine: system packages when run as
# root, tauri-driver, npm packages, the e2e test venv. Called by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config curl ca-certificates
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  # The tray icon loads libayatana-appindicator3 at run time (dlopen).
  libayatana-appindicator3-1
  libdbus-1-dev webkit2gtk-driver xvfb gnome-keyring dbus dbus-x11 libsecret-tools
  keyutils imagemagick xdotool x11-utils python3-venv
  # Packaging metadata checks (scripts/check-packaging.sh).
  appstream desktop-file-utils
  # Windows and macOS stage (scripts/test-platforms.sh): the mingw-w64 linker,
  # Wine 8 (64-bit only: /usr/lib/wine/wine64), llvm-ar for the macOS check.
  gcc-mingw-w64-x86-64 wine64 llvm
  # Benchmarks (bench/run.sh): network namespaces, rate shaping and loss rules.
  iproute2 nftables
)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    log "apt: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing system packages (run as root or install them): ${missing[*]}"
  fi
fi

command -v cargo >/dev/null || { log "cargo not found: install Rust with rustup first"; exit 1; }

# Cross targets of the Windows and macOS stage (rustup's own downloads).
CROSS_TARGETS=(x86_64-pc-windows-gnu aarch64-apple-darwin x86_64-apple-darwin)
installed_targets=$(rustup target list --installed)
for t in "${CROSS_TARGETS[@]}"; do
  if ! grep -qx "$t" <<<"$installed_targets"; then
    log "rustup target add $t"
    rustup target add "$t"
  fi
done

if ! command -v cargo-nextest >/dev/null; then
  log "installing cargo-nextest"
  cargo install cargo-nextest --locked --quiet
fi

# Supply-chain checks and fuzzing (issue 7); cargo-fuzz runs on the nightly toolchain.
if ! command -v cargo-deny >/dev/null; then
  log "installing cargo-deny"
  cargo install cargo-deny --locked --quiet
fi
if ! command -v cargo-fuzz >/dev/null; then
  log "installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  log "installing the nightly toolchain (for cargo-fuzz)"
  rustup toolchain install nightly --profile minimal
fi

if ! command -v tauri-driver >/dev/null; then
  log "installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

if [[ -f ui/package-lock.json ]]; then
  # Reinstall only when the lockfile changed since the last install.
  stamp=ui/node_modules/.package-lock.sha
  want=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    log "npm ci (ui)"
    npm ci --prefix ui --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
fi

if [[ -f tests/e2e/requirements.txt ]]; then
  venv=target/e2e-venv
  want=$(sha256sum tests/e2e/requirements.txt | cut -d' ' -f1)
  if [[ ! -f $venv/.req.sha || $(cat "$venv/.req.sha") != "$want" ]]; then
    log "python venv for end-to-end tests"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r tests/e2e/requirements.txt
    echo "$want" >"$venv/.req.sha"
  fi
fi
log "ready"
