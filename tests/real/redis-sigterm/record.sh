#!/bin/bash
# Records how a Redis 7.0 server logs being stopped by a signal:
# redis-server run by hand on 127.0.0.1 with a config in a temp dir (log
# file in that dir, loglevel notice), a few writes and a DEBUG LOG line
# (non-ASCII text and an emoji) from redis-cli, then SIGTERM.  The
# signal handler writes its own line ('PID:signal-handler (EPOCH)
# Received SIGTERM scheduling shutdown...'), with no role or level; the
# shutdown that follows is logged as usual.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RPID=
cleanup() {
	[ -n "$RPID" ] && kill "$RPID" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
cat >"$T/redis.conf" <<CONF
bind 127.0.0.1
port $PORT
dir $T
daemonize no
loglevel notice
logfile $T/redis.log
save ""
enable-debug-command local
CONF
redis-server "$T/redis.conf" &
RPID=$!
for i in $(seq 50); do
	redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
	sleep 0.1
done
redis-cli -p "$PORT" set user:1 'Zoë' >/dev/null
redis-cli -p "$PORT" incr counter >/dev/null
redis-cli -p "$PORT" debug log 'draining «queue» before stop 🛑' >/dev/null
kill -TERM "$RPID"
wait "$RPID" || true
RPID=
cp "$T/redis.log" "$OUT/redis.log"
