#!/bin/bash
# Records Go's log/slog with its default handler (slog.Info and friends
# before any SetDefault): records go through the log package's default
# logger, "YYYY/MM/DD HH:MM:SS LEVEL message key=value ...", on stderr.
# Debug records are not written at the default level INFO.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
GO=/usr/lib/go-1.22/bin/go
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$T/cache" GOPATH="$T/gopath"
cat >"$T/main.go" <<'GO'
package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"time"
)

func main() {
	slog.Info("server starting", "version", "1.22.0", "pid", os.Getpid())
	slog.Debug("not written: the default level is INFO")
	slog.Info("listening", "addr", "127.0.0.1:8080", "tls", false)
	slog.Warn("slow request", "method", "GET", "path", "/api/items", "duration", 1500*time.Millisecond)
	slog.Error("request failed", "path", "/api/orders", "err", errors.New("dial tcp 127.0.0.1:5432: connect: connection refused"))
	slog.Info("user logged in", "user", "Zoë Müller", "emoji", "👋")
	slog.Info("message with spaces and \"quotes\"", "query", "name = 'x y'", "empty", "")
	slog.Info("grouped", slog.Group("req", "id", 42, "remote", "127.0.0.1:50312"))
	l := slog.Default().With("component", "scheduler")
	l.Warn("job overran", "job", "cleanup", "overrun", 2*time.Second)
	l.Log(context.Background(), slog.LevelError+4, "custom level above ERROR")
	l.Log(context.Background(), slog.LevelWarn+1, "custom level between WARN and ERROR")
	for i, r := range []struct {
		path   string
		status int
	}{{"/", 200}, {"/api/items", 200}, {"/api/items/7", 200}, {"/missing", 404},
		{"/api/orders", 500}, {"/healthz", 200}, {"/static/app.js", 304}, {"/api/users/zoë", 403}} {
		lvl := slog.LevelInfo
		if r.status >= 500 {
			lvl = slog.LevelError
		} else if r.status >= 400 {
			lvl = slog.LevelWarn
		}
		slog.Default().Log(context.Background(), lvl, "request", "id", i+1, "path", r.path, "status", r.status, "bytes", 512*i)
	}
	slog.Info("cache warmed", "entries", 1024, "ratio", 0.93)
	slog.Info("shutting down")
}
GO
cd "$T"
$GO build -o app main.go
./app 2>"$OUT/go-slog-default.log"
