#!/bin/sh
# Records ecs-winston.log: installs the pinned packages in a scratch folder, runs
# app.js there and keeps its stdout.  Needs node and npm; CI only replays.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/app.js" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund winston@3.19.0 @elastic/ecs-winston-format@1.5.3 >/dev/null
node app.js >"$here/ecs-winston.log"
