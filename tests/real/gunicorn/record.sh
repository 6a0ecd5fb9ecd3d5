#!/bin/bash
# Records gunicorn's own log (the error log, stderr) at --log-level debug
# and its access log with --access-logfile - (stdout, the default
# access_log_format), serving a small WSGI app on 127.0.0.1 with two sync
# workers. One request raises (a traceback), one outlives --timeout (a
# WORKER TIMEOUT and a new worker booting).
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill -- -"$PID" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$T/wsgiapp.py" <<'PY'
import time

def lookup(user):
    return {"alice": 1}[user]

def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/boom":
        lookup("bob")
    if path == "/sleep":
        time.sleep(5)
    if path == "/missing":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return ["héllo wörld 🌍\n".encode()]
PY
cd "$T"
setsid gunicorn --bind "127.0.0.1:$PORT" --workers 2 --timeout 2 \
    --log-level debug --access-logfile - wsgiapp:app \
    >"$OUT/stdout.log" 2>"$OUT/stderr.log" &
PID=$!
U=http://127.0.0.1:$PORT
for i in $(seq 50); do
	curl -s -o /dev/null "$U/" && break
	sleep 0.2
done
curl -s -o /dev/null "$U/index?q=caf%C3%A9"
curl -s -o /dev/null "$U/missing"
curl -s -o /dev/null -A 'Mozilla/5.0 (X11; Linux x86_64)' -e "$U/" "$U/page"
curl -s -o /dev/null "$U/boom"
curl -s -o /dev/null -m 8 "$U/sleep" || true
sleep 1
curl -s -o /dev/null -X POST -d 'x=1' "$U/form"
for p in /robots.txt /favicon.ico "/api/items?page=2&sort=-date" /static/app.css /healthz /.git/config "/search?q=%E2%9C%93" /index.html; do
	curl -s -o /dev/null "$U$p"
done
curl -s -o /dev/null -I "$U/"
curl -s -o /dev/null -0 "$U/"
sleep 0.3
kill -TERM "$PID"
wait "$PID" 2>/dev/null || true
PID=
