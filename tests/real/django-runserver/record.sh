#!/bin/bash
# Records Django's development server (manage.py runserver) with the
# default LOGGING and DEBUG=True: the banner on stdout, request lines
# (django.server) and django.request's 404 warnings and 500 tracebacks on
# stderr. A one-file project is written to a temp dir; requests go to
# 127.0.0.1 only.
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
cat >"$T/mysite.py" <<'PY'
import logging
import sys
from django.http import HttpResponse, JsonResponse
from django.urls import path

DEBUG = True
SECRET_KEY = "recording-only"
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "mysite"
INSTALLED_APPS = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
DATABASES = {}

log = logging.getLogger("django")

def index(request):
    return HttpResponse("hello\n")

def api(request, n):
    return JsonResponse({"n": n, "name": "Zoë 🎈"})

def boom(request):
    data = {"items": []}
    return HttpResponse(str(data["items"][0]))

def slow(request):
    log.warning("slow handler for %s: %d ms ⏱ (seuil dépassé)", request.path, 1500)
    return HttpResponse("slow\n")

urlpatterns = [
    path("", index),
    path("api/<int:n>/", api),
    path("boom/", boom),
    path("slow/", slow),
]
PY
cat >"$T/manage.py" <<'PY'
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite")
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
PY
cd "$T"
setsid /usr/bin/python3 -u manage.py runserver "127.0.0.1:$PORT" \
    >"$OUT/stdout.log" 2>"$OUT/stderr.log" &
PID=$!
for i in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
	sleep 0.2
done
U=http://127.0.0.1:$PORT
curl -s -o /dev/null "$U/api/7/"
curl -s -o /dev/null "$U/api"
curl -s -o /dev/null "$U/missing.html"
curl -s -o /dev/null "$U/boom/"
curl -s -o /dev/null "$U/slow/"
curl -s -o /dev/null -X POST -d 'a=1' "$U/api/8/"
curl -s -o /dev/null -A 'curl/7.88.1' "$U/caf%C3%A9/"
for p in /robots.txt /favicon.ico "/api/items?page=2&sort=-date" /static/app.css /healthz /.git/config "/search?q=%E2%9C%93" /index.html; do
	curl -s -o /dev/null "$U$p"
done
curl -s -o /dev/null -I "$U/"
curl -s -o /dev/null -0 "$U/"
sleep 0.5
kill -TERM -- -"$PID"
wait "$PID" 2>/dev/null || true
PID=
