#!/bin/bash
# Records a PostgreSQL 15 server log: initdb in a temp dir, the server run
# by hand as the postgres user on a Unix socket in that dir (no TCP), with
# initdb's default postgresql.conf (log_line_prefix '%m [%p] ', stderr, no
# logging collector). psql then runs statements that fail (syntax error,
# division by zero, a unique violation, an unknown database), a DO block
# that raises a WARNING, and a checkpoint; the server is stopped with
# pg_ctl stop (fast).
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
BIN=/usr/lib/postgresql/15/bin
PG() { runuser -u postgres -- "$@"; }
cleanup() {
	[ -f "$T/data/postmaster.pid" ] && PG $BIN/pg_ctl -D "$T/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$T"
}
trap cleanup EXIT
chown postgres: "$T"
PG $BIN/initdb -D "$T/data" -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1
: >"$OUT/postgresql.log"
chown postgres: "$OUT/postgresql.log"
PG $BIN/pg_ctl -D "$T/data" -l "$OUT/postgresql.log" -w \
    -o "-k $T -c listen_addresses=''" start >/dev/null
Q() { PG $BIN/psql -h "$T" -X -q -v ON_ERROR_STOP=0 "$@" >/dev/null 2>&1 || true; }
Q -d postgres <<'SQL'
CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO users VALUES (1, 'Zoë'), (2, 'Jürgen');
INSERT INTO users VALUES (1, 'duplicate');
INSERT INTO users VALUES (2, 'Jürgen 🍺');
SELEC * FROM users;
SELECT 1 / 0;
SELECT name,
       missing_col
  FROM users
 WHERE id = 1;
SELECT * FROM no_such_table;
INSERT INTO users VALUES (3, NULL);
DO $$ BEGIN RAISE WARNING 'stock for % is low: % left ⚠️', 'SKU-77', 3; END $$;
DO $$ BEGIN RAISE NOTICE 'a notice is below log_min_messages'; END $$;
DO $$ BEGIN RAISE EXCEPTION 'custom failure: %', 'order 8812' USING HINT = 'check the order table'; END $$;
CHECKPOINT;
SQL
Q -d nope -c 'SELECT 1'
Q -U nobody_here -d postgres -c 'SELECT 1'
PG $BIN/pg_ctl -D "$T/data" -m fast -w stop >/dev/null
