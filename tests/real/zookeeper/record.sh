#!/bin/bash
# Records an Apache ZooKeeper 3.8 standalone server's log with Debian's
# log4j.properties and its console appender (the ZooKeeper pattern
# "%d{ISO8601} - %-5p [%t:%C{1}@%L] - %m%n") at INFO, on 127.0.0.1 with a
# data dir in a temp dir. zkCli.sh creates and reads znodes, asks for one
# that does not exist, and a raw client sends garbage to the port; the
# server is stopped with SIGTERM.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
ZPID=
cleanup() {
	[ -n "$ZPID" ] && kill "$ZPID" 2>/dev/null && sleep 1 || true
	rm -rf "$T"
}
trap cleanup EXIT
PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$T/conf" "$T/data"
cp /etc/zookeeper/conf/log4j.properties "$T/conf/"
cat >"$T/conf/zoo.cfg" <<CONF
tickTime=2000
dataDir=$T/data
clientPort=$PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=srvr,ruok
CONF
# As Debian's service does: SLF4J bound to log4j 1.2.
CP="$T/conf:/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
cd "$T"
LC_ALL=C.UTF-8 java -cp "$CP" -Dzookeeper.root.logger=INFO,CONSOLE \
    -Dzookeeper.log.dir="$T" -Dzookeeper.jmx.log4j.disable=true \
    org.apache.zookeeper.server.quorum.QuorumPeerMain "$T/conf/zoo.cfg" \
    >"$OUT/zookeeper.log" 2>"$OUT/stderr.log" &
ZPID=$!
for i in $(seq 100); do
	[ "$(printf ruok | timeout 1 socat - TCP:127.0.0.1:$PORT 2>/dev/null)" = imok ] && break
	sleep 0.2
done
ZK() {
	LC_ALL=C.UTF-8 java -cp "$CP" -Dzookeeper.root.logger=ERROR,CONSOLE \
	    org.apache.zookeeper.ZooKeeperMain -server "127.0.0.1:$PORT" "$@" \
	    >/dev/null 2>&1 || true
}
ZK create /app 'config v1'
ZK create /app/zoë 'données ✓'
ZK get /app/missing
ZK delete /app
printf srvr | timeout 2 socat - TCP:127.0.0.1:$PORT >/dev/null 2>&1 || true
printf 'stat' | timeout 2 socat - TCP:127.0.0.1:$PORT >/dev/null 2>&1 || true
printf '\x00\x00\x00\x05GARBAGE' | timeout 2 socat - TCP:127.0.0.1:$PORT >/dev/null 2>&1 || true
sleep 0.5
kill "$ZPID"
wait "$ZPID" 2>/dev/null || true
ZPID=
[ -s "$OUT/stderr.log" ] || rm -f "$OUT/stderr.log"
