#!/bin/sh
# F-Secure SAFE (Turvapaketti) — demo installer of the Omahallinta reference portal.
#
# It installs nothing. It registers this computer as a protected device of
# the Turvapaketti whose subscription key it is given, with the portal it
# was downloaded from, and writes the device id to
# ${XDG_CONFIG_HOME:-$HOME/.config}/fsecure-safe-demo/device so that
# Omahallinta can mark "this computer". Nothing else on the system changes.
#
# Usage: sh fsecure-safe-linux.bin [SUBSCRIPTION-KEY]
#        (or FSECURE_SUBSCRIPTION_KEY=... ; asked for when neither is given)
#
# Anything after the last line of this script is padding and never read.
set -eu

PORTAL='@PORTAL@'
VERSION='@VERSION@'

main() {
    key="${1:-${FSECURE_SUBSCRIPTION_KEY:-}}"
    if [ -z "$key" ]; then
        if [ ! -t 0 ]; then
            echo "Tilausavain puuttuu / The subscription key is missing." >&2
            return 2
        fi
        printf 'Tilausavain / Subscription key: '
        read -r key
    fi
    key=$(printf '%s' "$key" | tr -d ' \t\r\n')
    case "$key" in
        '' | *[!A-Za-z0-9-]*)
            echo "Tilausavain ei kelpaa / The subscription key is not valid." >&2
            return 2 ;;
    esac
    name=$(hostname 2>/dev/null | tr -cd 'A-Za-z0-9._-' | cut -c1-60)
    [ -n "$name" ] || name=linux
    machine=''
    if [ -r /etc/machine-id ] && command -v sha256sum >/dev/null 2>&1; then
        machine=$(sha256sum /etc/machine-id | cut -c1-64)
    fi
    if [ -n "$machine" ]; then
        body=$(printf '{"subscription_key":"%s","name":"%s","os":"linux","app_version":"%s","machine_id":"%s"}' "$key" "$name" "$VERSION" "$machine")
    else
        body=$(printf '{"subscription_key":"%s","name":"%s","os":"linux","app_version":"%s"}' "$key" "$name" "$VERSION")
    fi
    answer=$(curl -sS --max-time 30 -X POST -H 'Content-Type: application/json' \
        --data "$body" -w '\n%{http_code}' "$PORTAL/api/v1/devices") || {
        echo "Palveluun ei saada yhteyttä / The portal cannot be reached." >&2
        return 3
    }
    status=$(printf '%s\n' "$answer" | tail -n 1)
    json=$(printf '%s\n' "$answer" | sed '$d')
    case "$status" in
        200 | 201) ;;
        *)
            echo "Rekisteröinti epäonnistui / Registration refused ($status): $json" >&2
            return 4 ;;
    esac
    id=$(printf '%s' "$json" | sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p')
    dir="${XDG_CONFIG_HOME:-$HOME/.config}/fsecure-safe-demo"
    mkdir -p "$dir"
    printf 'portal=%s\ndevice_id=%s\n' "$PORTAL" "$id" > "$dir/device.tmp"
    mv "$dir/device.tmp" "$dir/device"
    echo "Tämä tietokone on nyt suojattu / This computer is now protected ($name)."
}

main "$@"
exit $?
