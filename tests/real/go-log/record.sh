#!/bin/bash
# Records Go's standard log package with its default logger (stderr,
# LstdFlags: "YYYY/MM/DD HH:MM:SS message"), ending in log.Panicf, whose
# message is logged before the runtime writes the panic and the goroutine
# stack trace. Only the standard library is used.
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
	"errors"
	"fmt"
	"log"
	"os"
)

type config struct {
	workers int
}

func load(path string) (*config, error) {
	_, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	return &config{workers: 4}, nil
}

func divide(a, b int) int {
	if b == 0 {
		log.Panicf("divide: division by zero (a=%d)", a)
	}
	return a / b
}

func main() {
	log.Println("starting indexer v0.7.3")
	log.Printf("scanning %d directories under %s", 3, "/srv/data")
	if _, err := load("/etc/indexer/missing.toml"); err != nil {
		log.Printf("warning: %v; using defaults", err)
	}
	log.Print("indexed 1204 files in 2.31s")
	log.Printf("error: %v", errors.New("cannot stat /srv/data/ünïcødé: permission denied"))
	for i, shard := range []string{"a", "b", "c", "d", "e"} {
		log.Printf("shard %s: %d documents, %d errors", shard, 200+i*37, i%2)
	}
	l := log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds)
	l.Printf("timing: merge took %dms", 842)
	log.Println("ready ✅ 🚀")
	log.Print("message with\nan embedded newline")
	fmt.Println(divide(10, 0))
}
GO
cd "$T"
$GO build -o app main.go
./app 2>"$OUT/go-log.log" || true
