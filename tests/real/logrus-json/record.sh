#!/bin/sh
# Records logrus-json.log: builds main.go with Go 1.22 (Debian's golang-1.22-go
# from bookworm-backports) in GOPATH mode against the library's Debian
# package golang-github-sirupsen-logrus-dev, whose source is under
# /usr/share/gocode/src, runs it in a scratch folder and keeps what it
# writes to stderr.
set -eu
go=${GO:-/usr/lib/go-1.22/bin/go}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$work/"
cd "$work"
GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= "$go" build -o orders main.go
# logrus.New() writes to stderr, stdout stays empty.
./orders >"$work/stdout" 2>"$here/logrus-json.log"
test ! -s "$work/stdout"
