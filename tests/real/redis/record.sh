#!/bin/bash
# Records a Redis 7.0 server log: redis-server run by hand on 127.0.0.1 with
# a config in a temp dir (loglevel verbose, log file in that dir), then
# redis-cli sends writes, a BGSAVE (whose child process logs too), DEBUG LOG
# lines (text the client chooses, written at the WARNING level), switches
# to loglevel debug long enough for serverCron's periodic lines, back to
# notice, and SHUTDOWN. Every redis-cli call is a client connecting and
# leaving, which loglevel verbose logs.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
	redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
	rm -rf "$T"
}
trap cleanup EXIT
cat >"$T/redis.conf" <<CONF
bind 127.0.0.1
port $PORT
dir $T
daemonize no
loglevel verbose
logfile $T/redis.log
enable-debug-command local
save ""
CONF
redis-server "$T/redis.conf" &
RPID=$!
for i in $(seq 50); do
	redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
	sleep 0.1
done
C() { redis-cli -p "$PORT" "$@" >/dev/null 2>&1 || true; }
C set user:1 'Zoë'
C incr counter
C lpush queue a b c
C debug log 'cache rebuild started by «admin» 🔧'
C bgsave
sleep 1.5
C config set loglevel debug
C set session:42 x EX 1
C debug log 'debug level on'
sleep 5.5
C config set loglevel notice
C debug log 'back to notice'
C client kill 127.0.0.1:1
C shutdown
wait "$RPID" 2>/dev/null || true
cp "$T/redis.log" "$OUT/redis.log"
