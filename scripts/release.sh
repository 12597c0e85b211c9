#!/usr/bin/env bash
# A signed release for the update feed: the app's .deb and .rpm built offline with the Tauri
# CLI pinned in bench/package.json, each signed with minisign (`tauri signer sign
# --app-version`, so the signature binds the version), and release.json for
# `portal-server --updates-dir`.
#
#   scripts/release.sh --version 0.2.0 --out DIR [--profile FILE] [--key FILE --pubkey KEY]
#                      [--notes-fi TEXT] [--notes-en TEXT] [--publish]
#
# The operator profile (default: operator.toml) is compiled in with its [updates] pubkey set
# to the signing key's public key. Without --key, a key pair is generated for this run in
# DIR/keys (tests); a real operator keeps its key outside the repository and passes --key
# (password in TAURI_SIGNING_PRIVATE_KEY_PASSWORD). Never commit a private key.
# Output: DIR/bundle/{*.deb,*.rpm} and, with --publish, DIR/feed/ (artifacts, .sig files,
# release.json) ready for `portal-server --updates-dir DIR/feed`.
# Builds reuse target/ (CARGO_TARGET_DIR): a second version recompiles only the app crate.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export PATH="$HOME/.cargo/bin:$PATH"

version="" out="" profile="$ROOT/operator.toml" key="" pubkey="" publish=""
notes_fi="Uusi versio." notes_en="A new version."
while (($#)); do
  case $1 in
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --pubkey) pubkey=$2; shift 2 ;;
    --notes-fi) notes_fi=$2; shift 2 ;;
    --notes-en) notes_en=$2; shift 2 ;;
    --publish) publish=1; shift ;;
    *) echo "release.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n $version && -n $out ]] || { sed -n '2,17p' "$0"; exit 2; }
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "release.sh: --version must be X.Y.Z" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

tauri=$ROOT/bench/node_modules/.bin/tauri
[[ -x $tauri ]] || npm ci --prefix bench --no-audit --no-fund --loglevel=error

if [[ -z $key ]]; then
  key=$out/keys/update.key
  if [[ ! -f $key ]]; then
    mkdir -p "$out/keys"
    "$tauri" signer generate --ci -p "" -w "$key" >/dev/null
  fi
  pubkey=$(cat "$key.pub")
  export TAURI_SIGNING_PRIVATE_KEY_PASSWORD=""
fi
[[ -n $pubkey ]] || { echo "release.sh: --pubkey is needed with --key" >&2; exit 2; }

# The profile with this key as its update key (a copy; the original is untouched).
built_profile=$out/operator.toml
python3 - "$profile" "$built_profile" "$pubkey" <<'PY'
import re, sys
src, dst, pub = sys.argv[1:]
text = open(src).read()
if re.search(r'(?m)^pubkey\s*=', text):
    text = re.sub(r'(?m)^pubkey\s*=.*$', f'pubkey = "{pub}"', text)
else:
    raise SystemExit("release.sh: the profile has no [updates] pubkey line")
open(dst, "w").write(text)
PY

[[ -d ui/dist ]] || npm run --prefix ui build >/dev/null
start=$(date +%s)
(cd src-tauri && CI=true OMAHALLINTA_OPERATOR_PROFILE=$built_profile \
  "$tauri" build --bundles deb,rpm --config "{\"version\":\"$version\"}")
echo "release.sh: built $version in $(( $(date +%s) - start )) s"

mkdir -p "$out/bundle"
deb=$(ls "$TARGET"/release/bundle/deb/*_"${version}"_*.deb)
rpm=$(ls "$TARGET"/release/bundle/rpm/*-"${version}"-*.rpm)
cp "$deb" "$rpm" "$out/bundle/"
for f in "$out"/bundle/*"$version"*.{deb,rpm}; do
  "$tauri" signer sign -f "$key" -p "${TAURI_SIGNING_PRIVATE_KEY_PASSWORD:-}" --app-version "$version" "$f" >/dev/null
done

if [[ -n $publish ]]; then
  mkdir -p "$out/feed"
  cp "$out"/bundle/*"$version"*.{deb,rpm}{,.sig} "$out/feed/"
  python3 - "$out/feed" "$version" "$(basename "$deb")" "$(basename "$rpm")" "$notes_fi" "$notes_en" <<'PY'
import datetime, json, sys
feed, version, deb, rpm, fi, en = sys.argv[1:]
json.dump({
    "version": version,
    "pub_date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "notes": {"fi": fi, "en": en},
    "platforms": {"linux-x86_64-deb": deb, "linux-x86_64-rpm": rpm},
}, open(f"{feed}/release.json", "w"), indent=2)
PY
  echo "release.sh: published $version in $out/feed (portal-server --updates-dir $out/feed)"
fi
