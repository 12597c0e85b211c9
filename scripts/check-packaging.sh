#!/usr/bin/env bash
# Packaging metadata, checked without building a bundle: the AppStream metainfo
# (appstreamcli validate), the .desktop template rendered as the bundler does
# (desktop-file-validate) with its deep-link scheme handler, and every icon size tauri.conf.json lists exists with that size.
set -euo pipefail
cd "$(dirname "$0")/.."
appstreamcli validate --no-net --pedantic src-tauri/linux/fi.omahallinta.desktop.metainfo.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/{{{name}}}/Omahallinta/; s/{{{exec}}}/omahallinta/; s/{{{icon}}}/omahallinta/' \
  src-tauri/linux/omahallinta.desktop >"$tmp/Omahallinta.desktop"
desktop-file-validate "$tmp/Omahallinta.desktop"
python3 - <<'PY'
import json, re, subprocess
conf = json.load(open("src-tauri/tauri.conf.json"))
for icon in conf["bundle"]["icon"]:
    path = "src-tauri/" + icon
    m = re.search(r"(\d+)x(\d+)(@2x)?\.png$", icon)
    if not m:
        continue
    want = int(m.group(1)) * (2 if m.group(3) else 1)
    got = subprocess.run(["identify", "-format", "%w %h", path], capture_output=True, text=True, check=True).stdout.split()
    assert got == [str(want), str(want)], f"{icon}: {got}"
# The .deb/.rpm desktop entry registers every deep-link scheme, and passes the URL on.
entry = open("src-tauri/linux/omahallinta.desktop").read()
for scheme in conf["plugins"]["deep-link"]["desktop"]["schemes"]:
    assert f"x-scheme-handler/{scheme};" in entry, f"MimeType lacks x-scheme-handler/{scheme}"
assert re.search(r"^Exec=.* %u$", entry, re.M), "Exec must pass the link (%u)"
print("packaging: metainfo, desktop entry and", len(conf["bundle"]["icon"]), "icons OK")
PY
