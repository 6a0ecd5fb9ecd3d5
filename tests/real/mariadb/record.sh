#!/bin/bash
# Records a MariaDB 10.11 server's error log (the MySQL-family format):
# mariadb-install-db in a temp dir, the server run by hand as the mysql
# user on a Unix socket in that dir (--skip-networking), log_warnings at
# its default 2 (4 for a while) and the error log in a file; what the
# server writes to stderr before the log is open is kept as stderr.log.
# Clients then fail to log in, one is killed mid-query, one asks for a
# database it may not use; the server is shut down with mariadb-admin.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
MPID=
cleanup() {
	[ -n "$MPID" ] && kill "$MPID" 2>/dev/null && sleep 2 || true
	rm -rf "$T"
}
trap cleanup EXIT
chown mysql: "$T"
chmod 755 "$T"
mariadb-install-db --no-defaults --user=mysql --datadir="$T/data" \
    --auth-root-authentication-method=socket >/dev/null 2>&1
: >"$T/error.log"
chown mysql: "$T/error.log"
mariadbd --no-defaults --user=mysql --datadir="$T/data" --socket="$T/sock" \
    --skip-networking --pid-file="$T/mariadb.pid" --log-error="$T/error.log" \
    --innodb-buffer-pool-size=32M 2>"$OUT/stderr.log" &
MPID=$!
for i in $(seq 100); do
	mariadb-admin --no-defaults --socket="$T/sock" -uroot ping >/dev/null 2>&1 && break
	sleep 0.2
done
M() { mariadb --no-defaults --socket="$T/sock" "$@" >/dev/null 2>&1 || true; }
M -uroot -e "CREATE DATABASE shop; CREATE USER 'app'@'localhost' IDENTIFIED BY 'secret'; GRANT ALL ON shop.* TO 'app'@'localhost';"
M -uapp -pwrong -e 'SELECT 1'
M -u'zoë' -pnone -e 'SELECT 1'
M -uapp -psecret shop -e "CREATE TABLE t (id INT PRIMARY KEY) ENGINE=Aria; INSERT INTO t VALUES (1),(2);"
M -uroot -e "SET GLOBAL log_warnings=4"
M -uapp -psecret shop -e "SELECT SLEEP(5)" &
SL=$!
sleep 1
ID=$(mariadb --no-defaults --socket="$T/sock" -uroot -N -e "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP%'" 2>/dev/null || true)
[ -n "$ID" ] && M -uroot -e "KILL $ID"
wait "$SL" || true
M -uapp -psecret nosuchdb -e 'SELECT 1'
M -uroot -e "SET GLOBAL log_warnings=2"
mariadb-admin --no-defaults --socket="$T/sock" -uroot shutdown
wait "$MPID" || true
MPID=
cp "$T/error.log" "$OUT/mariadb-error.log"
