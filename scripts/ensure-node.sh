#!/bin/sh
# npm installs what package-lock.json pins: Pagefind 1.6 (the search index) and Mermaid (diagrams).
# Installs Debian's nodejs and npm when npm is missing and we are root (CI); otherwise says what
# to do, and the build goes on without them: Pagefind from the Python wheel, diagrams as code.
set -eu
if command -v npm >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm for the search index and diagrams..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    exit 0
fi
echo "npm not found: run 'sudo apt-get install nodejs npm' (until then: Pagefind 1.5 from the Python wheel, diagrams shown as code)" >&2
exit 1
