#!/bin/bash
# Records nginx's error log (level info) and access log (the predefined
# "combined" format), nginx run by hand on 127.0.0.1 with a config in a
# temp dir; curl sends requests that give 200, 301, 403, 404, 405, 502 and
# a refused-by-limit 503. The startup warnings nginx writes to stderr
# before its own logs are open are kept as stderr.log.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill -QUIT "$PID" 2>/dev/null && sleep 1 || true
	rm -rf "$T"
}
trap cleanup EXIT
freeport() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(freeport)
DEAD=$(freeport)
chmod 755 "$T"
mkdir -p "$T/logs" "$T/html/docs" "$T/html/private"
printf 'ok\n' >"$T/html/limited"
printf 'hello\n' >"$T/html/index.html"
printf 'caf\xc3\xa9\n' >"$T/html/caf\xc3\xa9.txt"
printf 'secret\n' >"$T/html/private/x"
chmod 000 "$T/html/private/x"
cat >"$T/nginx.conf" <<CONF
worker_processes 1;
pid $T/nginx.pid;
error_log $T/logs/error.log info;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log $T/logs/access.log combined;
	client_body_temp_path $T/body;
	proxy_temp_path $T/proxy;
	fastcgi_temp_path $T/fastcgi;
	uwsgi_temp_path $T/uwsgi;
	scgi_temp_path $T/scgi;
	limit_req_zone \$binary_remote_addr zone=one:1m rate=1r/m;
	server {
		listen 127.0.0.1:$PORT;
		server_name localhost;
		root $T/html;
		location /api/ { proxy_pass http://127.0.0.1:$DEAD; }
		location /limited { limit_req zone=one; }
	}
	server {
		listen 127.0.0.1:$PORT;
		server_name localhost;
	}
}
CONF
nginx -t -p "$T" -c "$T/nginx.conf" 2>/dev/null
nginx -p "$T" -c "$T/nginx.conf" -g 'daemon off;' 2>"$OUT/stderr.log" &
PID=$!
U=http://127.0.0.1:$PORT
for i in $(seq 50); do
	curl -s -o /dev/null "$U/" && break
	sleep 0.2
done
curl -s -o /dev/null "$U/index.html?lang=fr"
curl -s -o /dev/null "$U/missing.png"
curl -s -o /dev/null -A 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0' -e "$U/" "$U/caf%C3%A9.txt"
curl -s -o /dev/null "$U/docs"
curl -s -o /dev/null "$U/docs/"
curl -s -o /dev/null "$U/private/x"
curl -s -o /dev/null -X DELETE "$U/index.html"
curl -s -o /dev/null "$U/api/v1/users"
curl -s -o /dev/null "$U/limited"
curl -s -o /dev/null "$U/limited"
curl -s -o /dev/null -X POST -d '{"a":1}' -H 'Content-Type: application/json' "$U/api/v1/login"
curl -s -o /dev/null -u 'zoë:x' "$U/../../etc/passwd" --path-as-is
for p in /robots.txt /favicon.ico /wp-login.php /index.html /.env "/search?q=%E2%9C%93+ok"; do
	curl -s -o /dev/null "$U$p"
done
curl -s -o /dev/null -I "$U/index.html"
curl -s -o /dev/null -0 "$U/index.html"
curl -s -o /dev/null -z 'Sun, 06 Dec 2037 00:00:00 GMT' "$U/index.html"
curl -s -o /dev/null -r 0-2 "$U/index.html"
printf 'BAD REQUEST\r\n\r\n' | timeout 2 socat - TCP:127.0.0.1:$PORT >/dev/null || true
sleep 0.3
kill -QUIT "$PID"
wait "$PID" 2>/dev/null || true
PID=
cp "$T/logs/error.log" "$OUT/nginx-error.log"
cp "$T/logs/access.log" "$OUT/nginx-access.log"
