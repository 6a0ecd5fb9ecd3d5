#!/bin/bash
# Records klog v2 (the logging library of Kubernetes components) in its
# default text format on stderr, the glog header
# "Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg", with -v=4 so that V(2)
# and V(4) lines show, structured InfoS/ErrorS key="value" pairs, and an
# Error, a Warning, and a multi-line message. klog and logr come from
# Debian's golang-k8s-klog-dev and its dependencies, built in GOPATH mode.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
GO=/usr/lib/go-1.22/bin/go
export GOTOOLCHAIN=local GOPROXY=off GO111MODULE=off GOCACHE="$T/cache" \
    GOPATH="$T/gopath:/usr/share/gocode"
mkdir -p "$T/gopath/src/recorder" "$T/gopath/src/k8s.io/klog"
# Debian ships the v2 module at k8s.io/klog; GOPATH mode finds it by the
# import path k8s.io/klog/v2 through a link.
ln -s /usr/share/gocode/src/k8s.io/klog "$T/gopath/src/k8s.io/klog/v2"
cat >"$T/gopath/src/recorder/main.go" <<'GO'
package main

import (
	"errors"
	"flag"
	"time"

	"k8s.io/klog/v2"
)

type pod struct{ ns, name string }

func (p pod) String() string { return p.ns + "/" + p.name }

func main() {
	klog.InitFlags(nil)
	flag.Set("v", "4")
	flag.Set("logtostderr", "true")
	flag.Parse()
	defer klog.Flush()

	klog.Info("Starting kubelet-like controller v1.26.0")
	klog.Infof("Using node name %q and %d workers", "node-1", 4)
	klog.V(2).Info("Informer caches are synced")
	klog.V(4).Infof("Polling every %v", 10*time.Second)
	klog.V(5).Info("not written: -v=4")
	klog.InfoS("Pod status updated", "pod", klog.KRef("default", "web-7d4b9c-xk2lp"), "phase", "Running", "restarts", 0)
	klog.InfoS("Image pulled", "image", "registry.example.org/app:1.4", "size", "83MB", "duration", 3200*time.Millisecond)
	klog.Warning("Memory pressure on node node-1: 91% used")
	klog.Warningf("Eviction threshold %s reached", "memory.available<100Mi")
	klog.Error("Failed to sync pod default/web-7d4b9c-xk2lp: context deadline exceeded")
	klog.ErrorS(errors.New("dial tcp 127.0.0.1:6443: connect: connection refused"), "Unable to reach API server", "attempt", 3)
	klog.InfoS("Volume mounted", "pod", klog.KObj(podObj{}), "volume", "données-😀")
	klog.Info("Config dump:\n  cgroupDriver: systemd\n  maxPods: 110")
	klog.InfoS("Multi-line value", "config", "a: 1\nb: 2")
	for i := 0; i < 5; i++ {
		klog.V(2).InfoS("Reconciling", "controller", "deployment", "key", pod{"kube-system", "coredns"}.String(), "iteration", i)
	}
	klog.ErrorS(nil, "Probe failed", "probe", "readiness", "container", "web", "statusCode", 503)
	klog.Info("Shutting down")
}

type podObj struct{}

func (podObj) GetName() string      { return "db-0" }
func (podObj) GetNamespace() string { return "prod" }
GO
cd "$T/gopath/src/recorder"
$GO build -o "$T/app" .
"$T/app" 2>"$OUT/go-klog.log"
