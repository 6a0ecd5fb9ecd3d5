#!/bin/bash
# Records logrus's TextFormatter as it writes when not on a terminal
# (time="..." level=... msg="..." key=value), the format of the Docker
# daemon's log and of many Go services, at TraceLevel, with fields,
# an error field, a WithError entry, and a Panic entry recovered.
# logrus comes from Debian's golang-github-sirupsen-logrus-dev, built in
# GOPATH mode (GO111MODULE=off) against /usr/share/gocode.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
GO=/usr/lib/go-1.22/bin/go
export GOTOOLCHAIN=local GOPROXY=off GO111MODULE=off GOCACHE="$T/cache" \
    GOPATH="$T/gopath:/usr/share/gocode"
mkdir -p "$T/gopath/src/recorder"
cat >"$T/gopath/src/recorder/main.go" <<'GO'
package main

import (
	"errors"
	"os"

	"github.com/sirupsen/logrus"
)

func main() {
	logrus.SetOutput(os.Stderr)
	logrus.SetLevel(logrus.TraceLevel)
	logrus.Info("starting up")
	logrus.WithFields(logrus.Fields{"version": "24.0.7", "storage-driver": "overlay2"}).Info("Docker daemon")
	logrus.Debug("Listener created for HTTP on unix (/var/run/docker.sock)")
	logrus.Trace("trace level line")
	logrus.WithField("container", "3f2a9c1b7e4d").Warn("health check took longer than expected")
	logrus.WithError(errors.New("dial unix /run/containerd/containerd.sock: connect: no such file or directory")).Error("failed to connect to containerd")
	logrus.WithFields(logrus.Fields{"module": "grpc", "attempt": 3, "backoff": "1.6s"}).Warn("retrying connection")
	logrus.WithField("name", "Zoë's app 🐳").Info("container started")
	logrus.Infof("message with \"quotes\" and a tab\there")
	logrus.Info("multi-line\nmessage")
	logrus.WithFields(logrus.Fields{"empty": "", "spaces": "a b", "num": 1.5, "ok": true}).Info("value quoting")
	for i, st := range []string{"created", "running", "paused", "running", "exited"} {
		e := logrus.WithFields(logrus.Fields{"container": "db-1", "seq": i})
		if st == "exited" {
			e.WithField("exitCode", 137).Error("container " + st)
		} else {
			e.Info("container " + st)
		}
	}
	func() {
		defer func() { recover() }()
		logrus.WithField("goroutine", 42).Panic("invariant violated: negative refcount")
	}()
	log := logrus.New()
	log.SetOutput(os.Stderr)
	log.SetFormatter(&logrus.TextFormatter{FullTimestamp: true, DisableColors: true})
	log.WithField("component", "builder").Info("second logger with FullTimestamp (the default when not on a terminal)")
	logrus.Warn("the overlay storage driver is deprecated, use overlay2")
	logrus.Error("shutting down after fatal error count 1")
}
GO
cd "$T/gopath/src/recorder"
$GO build -o "$T/app" .
"$T/app" 2>"$OUT/go-logrus.log"
