#!/bin/sh
# record.sh: record the real logs of this folder that no other recording
# holds (see README).  Run as root on Debian 12 from this folder; each
# program runs in a temp dir on 127.0.0.1 or a Unix socket and is stopped
# again.  Re-running overwrites the logs with new times and pids.
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The servers run as their own users: they must reach the temp dir.
chmod 755 "$tmp"

# dpkg: the first lines of the machine's own /var/log/dpkg.log.
head -n 40 /var/log/dpkg.log > dpkg.log

# strace -tt -T: a command that opens what exists and what does not.
strace -tt -T -o "$tmp/strace" cat /etc/hostname /nonexistent >/dev/null 2>&1
head -n 40 "$tmp/strace" > strace.log

# MariaDB 10.11: a fresh data directory, a start, a bad login, a stop.
mkdir "$tmp/db"
chown mysql:mysql "$tmp/db"
mariadb-install-db --user=mysql --datadir="$tmp/db" >/dev/null 2>&1
mariadbd --user=mysql --datadir="$tmp/db" --socket="$tmp/db/db.sock" \
    --skip-networking --log-error="$tmp/db/mariadb.err" \
    --pid-file="$tmp/db/db.pid" &
i=0
while [ ! -S "$tmp/db/db.sock" ] && [ $i -lt 60 ]; do sleep 0.5; i=$((i + 1)); done
mariadb --socket="$tmp/db/db.sock" -u nobody -pwrong -e 'select 1' >/dev/null 2>&1
mariadb --socket="$tmp/db/db.sock" -u root -e 'select * from no_such_db.t' \
    >/dev/null 2>&1
mariadb-admin --socket="$tmp/db/db.sock" -u root shutdown >/dev/null 2>&1
wait
cp "$tmp/db/mariadb.err" mariadb.log
