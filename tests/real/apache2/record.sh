#!/bin/bash
# Records Apache httpd's error log (its default ErrorLogFormat, LogLevel
# info) and access logs in the predefined common and combined formats,
# httpd run by hand in the foreground on 127.0.0.1 with a config in a temp
# dir; curl sends requests that give 200, 301, 400, 403, 404, 405, 500 and
# 503, and a CGI script writes to stderr.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && sleep 1 || true
	rm -rf "$T"
}
trap cleanup EXIT
freeport() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(freeport)
DEAD=$(freeport)
chmod 755 "$T"
mkdir -p "$T/logs" "$T/run" "$T/html/docs" "$T/html/private" "$T/cgi"
printf 'hello\n' >"$T/html/index.html"
printf 'secret\n' >"$T/html/private/x"
chmod 000 "$T/html/private/x"
cat >"$T/cgi/report.sh" <<'CGI'
#!/bin/sh
echo "report: 3 rows skipped, encoding problem in «Straße»" >&2
echo "Content-Type: text/plain"
echo
echo ok
CGI
cat >"$T/cgi/broken.sh" <<'CGI'
#!/bin/sh
echo "broken: cannot open /etc/app/secret.key" >&2
echo "no header here"
CGI
chmod 755 "$T/cgi/"*.sh
M=/usr/lib/apache2/modules
cat >"$T/httpd.conf" <<CONF
ServerRoot "$T"
ServerName localhost
Listen 127.0.0.1:$PORT
PidFile $T/run/httpd.pid
DefaultRuntimeDir $T/run
Mutex file:$T/run default
User nobody
Group nogroup
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule mime_module $M/mod_mime.so
LoadModule dir_module $M/mod_dir.so
LoadModule alias_module $M/mod_alias.so
LoadModule cgid_module $M/mod_cgid.so
LoadModule proxy_module $M/mod_proxy.so
LoadModule proxy_http_module $M/mod_proxy_http.so
TypesConfig /etc/mime.types
StartServers 1
LogLevel info
ErrorLog $T/logs/error.log
LogFormat "%h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"" combined
LogFormat "%h %l %u %t \"%r\" %>s %O" common
CustomLog $T/logs/access-common.log common
CustomLog $T/logs/access-combined.log combined
ScriptSock $T/run/cgisock
DocumentRoot $T/html
<Directory />
	Require all denied
</Directory>
<Directory $T/html>
	Require all granted
</Directory>
<Directory $T/html/private>
	Require all denied
</Directory>
ScriptAlias /cgi-bin/ $T/cgi/
<Directory $T/cgi>
	Require all granted
</Directory>
ProxyPass /api/ http://127.0.0.1:$DEAD/
CONF
/usr/sbin/apache2 -f "$T/httpd.conf" -DFOREGROUND &
PID=$!
U=http://127.0.0.1:$PORT
for i in $(seq 50); do
	curl -s -o /dev/null "$U/" && break
	sleep 0.2
done
curl -s -o /dev/null "$U/index.html?lang=de"
curl -s -o /dev/null "$U/missing.png"
curl -s -o /dev/null -A 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' -e "$U/" "$U/stra%C3%9Fe.html"
curl -s -o /dev/null "$U/docs"
curl -s -o /dev/null "$U/docs/"
curl -s -o /dev/null "$U/private/x"
curl -s -o /dev/null -X DELETE "$U/index.html"
curl -s -o /dev/null "$U/cgi-bin/report.sh"
curl -s -o /dev/null "$U/cgi-bin/broken.sh"
curl -s -o /dev/null "$U/api/v1/users"
curl -s -o /dev/null -u 'admin:x' -X POST -d 'a=1' "$U/index.html"
for p in /robots.txt /favicon.ico /wp-login.php /index.html /.env "/search?q=%E2%9C%93+ok"; do
	curl -s -o /dev/null "$U$p"
done
curl -s -o /dev/null -I "$U/index.html"
curl -s -o /dev/null -0 "$U/index.html"
curl -s -o /dev/null -z 'Sun, 06 Dec 2037 00:00:00 GMT' "$U/index.html"
curl -s -o /dev/null -r 0-2 "$U/index.html"
printf 'BAD REQUEST\r\n\r\n' | timeout 2 socat - TCP:127.0.0.1:$PORT >/dev/null || true
sleep 0.3
kill -TERM "$PID"
wait "$PID" 2>/dev/null || true
PID=
cp "$T/logs/error.log" "$OUT/apache-error.log"
cp "$T/logs/access-common.log" "$OUT/apache-access-common.log"
cp "$T/logs/access-combined.log" "$OUT/apache-access-combined.log"
