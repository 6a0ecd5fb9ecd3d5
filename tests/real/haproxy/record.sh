#!/bin/bash
# Records HAProxy 2.6 on 127.0.0.1, in master-worker mode in the
# foreground, logging the way containers usually run it: the traffic log
# with "log stdout format raw local0 info" and option httplog (stdout), and
# HAProxy's own startup, health-check and shutdown messages (stderr). A
# Python http.server on loopback is the one live backend server; a second
# server and a second backend point at a closed port, so health checks
# fail and requests to that backend get a 503.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
HPID=
WPID=
cleanup() {
	[ -n "$HPID" ] && kill -TERM "$HPID" 2>/dev/null || true
	[ -n "$WPID" ] && kill -TERM "$WPID" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
freeport() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(freeport)
WEB=$(freeport)
DEAD=$(freeport)
mkdir -p "$T/www"
printf 'hello\n' >"$T/www/index.html"
(cd "$T/www" && exec /usr/bin/python3 -m http.server --bind 127.0.0.1 "$WEB") >/dev/null 2>&1 &
WPID=$!
cat >"$T/haproxy.cfg" <<CONF
global
	log stdout format raw local0 info
	pidfile $T/haproxy.pid

defaults
	log global
	mode http
	option httplog
	timeout connect 1s
	timeout client 5s
	timeout server 5s

frontend fe_web
	bind 127.0.0.1:$PORT
	http-request capture req.hdr(User-Agent) len 40
	http-request deny deny_status 403 if { path_beg /admin }
	use_backend be_dead if { path_beg /legacy }
	default_backend be_app

backend be_app
	balance roundrobin
	server web1 127.0.0.1:$WEB check inter 500ms
	server web2 127.0.0.1:$DEAD check inter 500ms fall 2

backend be_dead
	server old1 127.0.0.1:$DEAD check inter 500ms fall 1
CONF
for i in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$WEB/" && break
	sleep 0.1
done
haproxy -W -db -f "$T/haproxy.cfg" >"$OUT/stdout.log" 2>"$OUT/stderr.log" &
HPID=$!
sleep 2
U=http://127.0.0.1:$PORT
curl -s -o /dev/null "$U/"
curl -s -o /dev/null "$U/index.html?q=caf%C3%A9"
curl -s -o /dev/null "$U/missing.png"
curl -s -o /dev/null -A 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' "$U/"
curl -s -o /dev/null "$U/admin/config"
curl -s -o /dev/null "$U/legacy/report"
curl -s -o /dev/null -X POST -d 'a=1' "$U/"
curl -s -o /dev/null -A 'Zoë-bot/1.0 🤖' "$U/robots.txt"
printf 'GARBAGE\r\n\r\n' | timeout 2 socat - TCP:127.0.0.1:$PORT >/dev/null || true
for p in /robots.txt /favicon.ico "/api/items?page=2&sort=-date" /static/app.css /healthz /.git/config "/search?q=%E2%9C%93" /index.html; do
	curl -s -o /dev/null "$U$p"
done
curl -s -o /dev/null -I "$U/"
curl -s -o /dev/null -0 "$U/"
sleep 0.5
kill -USR1 "$HPID"
wait "$HPID" 2>/dev/null || true
HPID=
