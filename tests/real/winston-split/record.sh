#!/bin/sh
# Records stdout.log and stderr.log: installs the pinned packages in a
# scratch folder, runs app.js there and keeps both streams.  Needs node
# and npm; CI only replays.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/app.js" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund winston@3.19.0 >/dev/null
node app.js >"$here/stdout.log" 2>"$here/stderr.log"
