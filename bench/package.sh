#!/usr/bin/env bash
# Linux packages of the app, built offline, checked and sized (issue 6):
#   .deb and .rpm through the Tauri CLI pinned in bench/package.json (never AppImage: its
#   tooling downloads from the internet), their metadata, icons and desktop entry listed,
#   then the .deb installed (apt-get, as root; else `dpkg -x` into a temp dir) and started
#   under Xvfb until its window "Omahallinta" appears (screenshot in artifacts/bench/).
# Figures: artifacts/bench/packages.json (bench/run.sh puts them in its table).
#
#   bench/package.sh                        # build the bundles + check them
#   PACKAGE_SKIP_BUILD=1 bench/package.sh   # only check the bundles already built
#   PACKAGE_KEEP_INSTALLED=1                # leave the .deb installed afterwards
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$ROOT/artifacts/bench
mkdir -p "$OUT"
export PATH="$HOME/.cargo/bin:$PATH"

if [[ -z ${PACKAGE_SKIP_BUILD:-} ]]; then
  [[ -x bench/node_modules/.bin/tauri ]] ||
    npm ci --prefix bench --no-audit --no-fund --loglevel=error
  npm run --prefix ui build >/dev/null
  # `tauri build` = `cargo build --release --features tauri/custom-protocol` + bundling;
  # bench/run.sh builds with the same features, so the crates are shared.
  (cd src-tauri && CI=true ../bench/node_modules/.bin/tauri build --bundles deb,rpm)
fi

bundle=$TARGET/release/bundle
deb=$(ls -t "$bundle"/deb/*.deb | head -1)
rpm=$(ls -t "$bundle"/rpm/*.rpm | head -1)
echo "== $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{print $6}' | grep -v '/$'
echo "== $rpm ($(du -h "$rpm" | cut -f1))"
if command -v rpm >/dev/null; then
  rpm -qpi "$rpm" 2>/dev/null | grep -E '^(Name|Version|Release|Architecture|License|Summary)'
  rpm -qpR "$rpm" 2>/dev/null | grep -v '^rpmlib' | tr '\n' ' '; echo
  rpm -qpl "$rpm" 2>/dev/null
fi
desktop=$(mktemp -d)
dpkg-deb -x "$deb" "$desktop"
echo "== desktop entry"
cat "$desktop"/usr/share/applications/*.desktop
icons=$(cd "$desktop" && find usr/share/icons -name '*.png' | sort | tr '\n' ' ')
version=$(dpkg-deb -f "$deb" Version)

# Install and start. apt-get resolves the webkit/gtk dependencies; without root, the
# extracted tree (already has every file) is started instead.
installed=""
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  if dpkg -s omahallinta >/dev/null 2>&1 && [[ -z ${PACKAGE_FORCE_INSTALL:-} ]] &&
     [[ $(dpkg-query -W -f '${Version}' omahallinta) != "$version" ]]; then
    echo "package: another omahallinta version is installed; using dpkg -x instead" >&2
    bin=$desktop/usr/bin/omahallinta
  else
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/dev/null
    installed=1
    bin=/usr/bin/omahallinta
  fi
else
  bin=$desktop/usr/bin/omahallinta
fi
tmp=$(mktemp -d)
mkdir -p "$tmp"/{config,data,cache,runtime}; chmod 700 "$tmp/runtime"
started=$(XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache \
  XDG_RUNTIME_DIR=$tmp/runtime NO_AT_BRIDGE=1 LIBGL_ALWAYS_SOFTWARE=1 RUST_LOG=warn \
  OMAHALLINTA_DATA_DIR=$tmp/app OUT=$OUT BIN=$bin \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
    setsid "$BIN" --demo >"$OUT/package-start.log" 2>&1 &
    pid=$!
    t0=$(date +%s.%N)
    win=$(timeout 30 xdotool search --sync --onlyvisible --name "^Omahallinta$" | head -1 || true)
    t1=$(date +%s.%N)
    sleep 4
    [[ -n $win ]] && import -window root "$OUT/package-started.png" || true
    kill -TERM -- -$pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    if [[ -n $win ]]; then echo "$t1 - $t0" | bc; else echo none; fi
  ' 2>/dev/null | tail -1)
rm -rf "$tmp"
if [[ -n $installed && -z ${PACKAGE_KEEP_INSTALLED:-} ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q omahallinta >/dev/null
fi
[[ $started != none ]] || { echo "package: the installed app did not show its window" >&2; }
echo "== started from $bin: window after ${started} s (screenshot artifacts/bench/package-started.png)"

python3 - "$deb" "$rpm" "$bin" "$started" "$version" "$icons" "$OUT/packages.json" <<'PY'
import json, os, sys
deb, rpm, binary, started, version, icons, out = sys.argv[1:]
res = {
    "deb": {"file": os.path.basename(deb), "bytes": os.path.getsize(deb)},
    "rpm": {"file": os.path.basename(rpm), "bytes": os.path.getsize(rpm)},
    "version": version,
    "icons": icons.split(),
    "started_binary": binary,
    "window_after_s": None if started == "none" else round(float(started), 2),
}
json.dump(res, open(out, "w"), indent=2)
print(json.dumps(res, indent=2))
PY
rm -rf "$desktop"
[[ $started != none ]]
