#!/bin/bash
# Records uvicorn's default logging (uvicorn.error and uvicorn.access to
# stderr, "LEVEL:    message", no colours when not on a terminal) at
# --log-level debug, serving a small ASGI app on 127.0.0.1. One request
# raises (a traceback), one makes the app log a warning through the
# uvicorn.error logger.
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
cat >"$T/asgiapp.py" <<'PY'
import logging

log = logging.getLogger("uvicorn.error")

def price(item):
    return 100 / item["qty"]

async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    path = scope["path"]
    if path == "/boom":
        price({"qty": 0})
    if path == "/warn":
        log.warning("quota at %d%% for user «Åsa» ⚠️", 95)
    status = 404 if path == "/missing" else 200
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok\n"})
PY
cd "$T"
setsid /usr/bin/python3 -m uvicorn --host 127.0.0.1 --port "$PORT" \
    --log-level debug asgiapp:app \
    >"$OUT/stdout.log" 2>"$OUT/stderr.log" &
PID=$!
U=http://127.0.0.1:$PORT
for i in $(seq 50); do
	curl -s -o /dev/null "$U/" && break
	sleep 0.2
done
curl -s -o /dev/null "$U/items?id=3"
curl -s -o /dev/null "$U/missing"
curl -s -o /dev/null "$U/warn"
curl -s -o /dev/null "$U/boom"
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
