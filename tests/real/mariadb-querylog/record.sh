#!/bin/bash
# Records a MariaDB 10.11 server's slow query log and general query log:
# mariadb-install-db in a temp dir, the server run by hand as the mysql
# user on a Unix socket in that dir (--skip-networking), with
# slow_query_log (long_query_time=0, so every statement is logged, and
# log_slow_verbosity=query_plan) and general_log, each to a file.  Clients
# then create a table, insert rows (one with non-ASCII text and an emoji),
# run a multi-line query, a failing one and a slow one; the server is
# shut down with mariadb-admin.
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
for f in error.log slow.log general.log; do
	: >"$T/$f"
	chown mysql: "$T/$f"
done
mariadbd --no-defaults --user=mysql --datadir="$T/data" --socket="$T/sock" \
    --skip-networking --pid-file="$T/mariadb.pid" --log-error="$T/error.log" \
    --innodb-buffer-pool-size=32M \
    --slow-query-log --slow-query-log-file="$T/slow.log" \
    --long-query-time=0 --log-slow-verbosity=query_plan \
    --general-log --general-log-file="$T/general.log" 2>/dev/null &
MPID=$!
for i in $(seq 100); do
	mariadb-admin --no-defaults --socket="$T/sock" -uroot ping >/dev/null 2>&1 && break
	sleep 0.2
done
M() { mariadb --no-defaults --socket="$T/sock" "$@" >/dev/null 2>&1 || true; }
M -uroot -e "CREATE DATABASE shop; CREATE USER 'app'@'localhost' IDENTIFIED BY 'secret'; GRANT ALL ON shop.* TO 'app'@'localhost';"
M -uapp -psecret shop -e "CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), note TEXT); INSERT INTO orders VALUES (1, 'Zoë', 'café ☕'), (2, 'Bob', 'rush 🚀');"
M -uapp -psecret shop -e "SELECT customer,
       COUNT(*) AS n
  FROM orders
 WHERE note LIKE '%é%'
 GROUP BY customer"
M -uapp -psecret shop -e "SELECT * FROM no_such_table"
M -uapp -pwrong -e "SELECT 1"
M -uapp -psecret shop -e "SELECT SLEEP(1.2)"
M -uroot -e "FLUSH LOGS"
mariadb-admin --no-defaults --socket="$T/sock" -uroot shutdown
wait "$MPID" || true
MPID=
cp "$T/slow.log" "$OUT/mariadb-slow.log"
cp "$T/general.log" "$OUT/mariadb-general.log"
