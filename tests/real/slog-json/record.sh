#!/bin/sh
# Records slog-json.log: builds main.go with Go 1.22 (Debian's golang-1.22-go
# from bookworm-backports; log/slog is in the standard library since
# 1.21) in a scratch folder, runs it and keeps its stdout.
set -eu
go=${GO:-/usr/lib/go-1.22/bin/go}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$work/"
cd "$work"
"$go" mod init example.com/orders >/dev/null 2>&1
"$go" build -o orders .
./orders >"$here/slog-json.log"
