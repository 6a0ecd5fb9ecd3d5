#!/bin/sh
# Records pino-labels.log: installs the pinned packages in a scratch folder, runs
# app.js there and keeps its stdout.  Needs node and npm; CI only replays.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/app.js" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund pino@10.4.0 >/dev/null
node app.js >"$here/pino-labels.log"
