#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked gnome-keyring (the
# Secret Service), as on a desktop; used for tests of "remember me". Fresh XDG dirs
# keep the developer's own keyring untouched.
set -euo pipefail
export XDG_DATA_HOME=${KEYRING_XDG_DATA_HOME:-$(mktemp -d)}
export XDG_RUNTIME_DIR=${KEYRING_XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
export NO_AT_BRIDGE=1
# Keychain tests must not skip themselves here: the keychain is there.
export OMA_REQUIRE_KEYRING=1
exec dbus-run-session -- bash -c 'eval "$(echo -n test | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null; export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK; exec "$@"' _ "$@"
