#!/bin/bash
# Records Go's log/slog with slog.NewTextHandler(os.Stderr) at level DEBUG
# and AddSource: logfmt-style key=value records, "time=... level=...
# source=file:line msg=...", quoting values that need it.
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
	h := slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug, AddSource: true})
	log := slog.New(h)
	log.Info("server starting", "version", "1.22.0", "pid", os.Getpid())
	log.Debug("config loaded", "file", "/etc/app/config.yaml", "workers", 8)
	log.Info("listening", "addr", "127.0.0.1:8080", "tls", false)
	log.Warn("slow request", "method", "GET", "path", "/api/items", "duration", 1500*time.Millisecond)
	log.Error("request failed", "path", "/api/orders", "err", errors.New("dial tcp 127.0.0.1:5432: connect: connection refused"))
	log.Info("user logged in", "user", "Zoë Müller", "emoji", "👋")
	log.Info("message with spaces and \"quotes\"", "query", "name = 'x y'", "empty", "", "multi", "line1\nline2")
	log.Info("grouped", slog.Group("req", "id", 42, "remote", "127.0.0.1:50312"))
	sub := log.With("component", "scheduler").WithGroup("job")
	sub.Warn("job overran", "name", "cleanup", "overrun", 2*time.Second)
	log.Log(context.Background(), slog.LevelError+4, "custom level above ERROR")
	log.Log(context.Background(), slog.LevelDebug-4, "custom level below DEBUG: not written")
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
		log.Log(context.Background(), lvl, "request", "id", i+1, "path", r.path, "status", r.status, "bytes", 512*i)
	}
	log.Debug("shutdown requested", "signal", "SIGTERM")
	log.Info("shutting down", "uptime", 3*time.Hour+25*time.Minute)
}
GO
cd "$T"
$GO build -o app main.go
./app 2>"$OUT/go-slog-text.log"
