#!/bin/bash
# Records uWSGI 2.0 with the python3 plugin serving a small WSGI app on
# 127.0.0.1 (--http-socket, master and two workers), logging to stderr with
# its defaults: the startup report, one request line per request, a Python
# traceback from an app that raises, the app's own print() to stderr, and
# the shutdown on SIGINT.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill -INT "$PID" 2>/dev/null && sleep 1 || true
	rm -rf "$T"
}
trap cleanup EXIT
chmod 755 "$T"
PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$T/wsgiapp.py" <<'PY'
import sys

def lookup(user):
    return {"alice": 1}[user]

def application(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/boom":
        lookup("bob")
    if path == "/warn":
        print("warning: legacy endpoint used by «Zoë» 🐢", file=sys.stderr, flush=True)
    if path == "/missing":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return ["héllo 🌍\n".encode()]
PY
cd "$T"
uwsgi --plugin python3 --http-socket "127.0.0.1:$PORT" --wsgi-file wsgiapp.py \
    --master --processes 2 --uid nobody --gid nogroup \
    --die-on-term >"$T/stdout.log" 2>"$OUT/uwsgi.log" &
PID=$!
U=http://127.0.0.1:$PORT
for i in $(seq 50); do
	curl -s -o /dev/null "$U/" && break
	sleep 0.2
done
curl -s -o /dev/null "$U/index?q=caf%C3%A9"
curl -s -o /dev/null "$U/missing"
curl -s -o /dev/null "$U/warn"
curl -s -o /dev/null "$U/boom"
curl -s -o /dev/null -X POST -d 'x=1' "$U/form"
sleep 0.3
kill -INT "$PID"
wait "$PID" 2>/dev/null || true
PID=
[ -s "$T/stdout.log" ] && cp "$T/stdout.log" "$OUT/stdout.log" || true
