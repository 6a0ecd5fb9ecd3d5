#!/bin/sh
# Records structlog-console.log: runs app.py with Debian's python3 (the library from
# its Debian package) in a scratch folder and keeps its stdout.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/app.py" "$work/"
cd "$work"
/usr/bin/python3 app.py >"$here/structlog-console.log"
