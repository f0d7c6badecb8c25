#!/bin/sh
# Usage: ensure-debian-package.sh COMMAND "PACKAGES" "WHAT FOR" "WITHOUT THEM"
# Exits 0 when COMMAND is on the PATH. When it is not and we are root with apt-get (CI, a fresh
# container), installs Debian's PACKAGES. Otherwise prints one line: what to install, and what
# happens until then; exits 1.
set -eu
command=$1 packages=$2 purpose=$3 without=$4
if command -v "$command" >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's $packages for $purpose..."
    apt-get update -qq
    # shellcheck disable=SC2086 # the package list is split on purpose
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
    exit 0
fi
echo "$command not found: run 'sudo apt-get install $packages' ($without)" >&2
exit 1
