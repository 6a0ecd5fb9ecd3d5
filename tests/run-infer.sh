#!/bin/sh
# logcompat infer, round trip: a rule file inferred from a capture passes
# that capture, and a line whose timestamp changed format is caught.
. "${srcdir:-.}/tests/lib.sh"

echo "1..47"
n=0
check() {
	n=$((n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $n - $3"
	else
		echo "not ok $n - $3 (exit status $2, expected $1)"
	fi
}

capture=$srcdir/examples/backend/capture
status=0
logcompat infer --name backend -o "$work/backend.yaml" "$capture" || status=$?
check 0 $status "infer writes a rule file"

status=0
logcompat check -r "$work/backend.yaml" "$capture" >"$work/out" || status=$?
check 0 $status "the capture passes the rules inferred from it"
n=$((n + 1))
if grep -q '^baseline:' "$work/backend.yaml" &&
    ! grep -q 'new-template\|new-emoji\|level-share' "$work/out"; then
	echo "ok $n - the profile has a baseline and no drift on its own capture"
else
	echo "not ok $n - the profile has a baseline and no drift on its own capture"
fi

# The same capture with one timestamp written with a date.
mkdir "$work/drifted"
sed '3s/^\[\([0-9:]*\)\]/[2026-11-24 \1]/' "$capture/stdout.log" \
    >"$work/drifted/stdout.log"
sed '3s/^\[\([0-9:]*\)\]/[2026-11-24 \1]/' "$capture/stderr.log" \
    >"$work/drifted/stderr.log"
status=0
logcompat check -r "$work/backend.yaml" -f json "$work/drifted" \
    >"$work/out" || status=$?
check 1 $status "a changed timestamp format fails the check"
n=$((n + 1))
if grep -q '"rule": "time-format"' "$work/out" &&
    grep -q '"line": 3' "$work/out"; then
	echo "ok $n - the finding is time-format on line 3"
else
	echo "not ok $n - the finding is time-format on line 3"
fi

# infer warns, exit status 0, when its own capture will not pass.
status=0
logcompat infer -o "$work/drifted.yaml" "$work/drifted" 2>"$work/err" ||
    status=$?
check 0 $status "infer of a capture with a bad line still writes"
n=$((n + 1))
if grep -q '^logcompat: warning: the captures do not pass the profile written: 2 findings that fail (time-format); logcompat check -r .*/drifted.yaml lists them$' \
    "$work/err"; then
	echo "ok $n - and warns with the count and the finding ids"
else
	echo "not ok $n - and warns with the count and the finding ids"
fi

# Killed while it spools standard input, infer leaves no spool behind.
mkdir "$work/spool"
mkfifo "$work/fifo"
TMPDIR=$work/spool "$LOGCOMPAT" infer - <"$work/fifo" >/dev/null 2>&1 &
pid=$!
exec 3>"$work/fifo"
echo '[00:00:00] INFO: a line' >&3
tries=0
while [ -z "$(ls "$work/spool")" ] && [ $tries -lt 50 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
spooled=$(ls "$work/spool")
kill -TERM $pid
wait $pid || :
exec 3>&-
n=$((n + 1))
if [ -n "$spooled" ] && [ -z "$(ls "$work/spool")" ]; then
	echo "ok $n - SIGTERM while spooling standard input removes the spool"
else
	echo "not ok $n - SIGTERM while spooling standard input removes the spool ($spooled)"
fi

# Two nodes' logs joined into one file: time steps back once.  infer
# writes that as a warning, with a comment, and the file passes.
{
	printf '2026-12-06 20:41:%02d,100 INFO node a line %s\n' 1 1 2 2 3 3
	printf '2026-12-06 20:40:%02d,100 INFO node b line %s\n' 1 1 2 2 3 3
} >"$work/joined.log"
status=0
logcompat infer -o "$work/joined.yaml" "$work/joined.log" 2>"$work/err" ||
    status=$?
n=$((n + 1))
if [ $status = 0 ] && [ ! -s "$work/err" ] &&
    grep -q '^severities: { time-order: warning }$' "$work/joined.yaml" &&
    grep -q '^# .*time stepping back' "$work/joined.yaml"; then
	echo "ok $n - joined logs: time-order is a warning, and says why"
else
	echo "not ok $n - joined logs: time-order is a warning, and says why"
fi
status=0
logcompat check -r "$work/joined.yaml" "$work/joined.log" >"$work/out" ||
    status=$?
check 0 $status "joined logs pass their own profile"

# A profile bounds the share of foreign lines by its baseline's: a later
# capture whose every third line is another handler's format fails, where
# a rule file's default (50%) would let it pass.
for i in 1 2 3 4 5 6 7 8 9; do
	printf '2026-12-06 20:41:0%d,100 INFO worker step %d\n' "$i" "$i"
done >"$work/clean.log"
{
	cat "$work/clean.log"
	for i in 1 2 3 4 5; do
		printf 'DEBUG:urllib3:Starting new HTTPS connection (%d)\n' "$i"
	done
} >"$work/mixed.log"
logcompat infer -o "$work/clean.yaml" "$work/clean.log" 2>/dev/null
status=0
logcompat check -r "$work/clean.yaml" "$work/clean.log" >"$work/out" ||
    status=$?
check 0 $status "a clean capture passes its own profile's foreign share"
status=0
logcompat check -r "$work/clean.yaml" "$work/mixed.log" >"$work/out" ||
    status=$?
n=$((n + 1))
if [ $status = 1 ] && grep -q "foreign-share: 5 of 14 lines (35%) do not match the inferred format; at most 10% may (the baseline's share and 10 points)" "$work/out"; then
	echo "ok $n - a third of another format fails the profile (foreign-share)"
else
	echo "not ok $n - a third of another format fails the profile (foreign-share): status $status"
	sed 's/^/# /' "$work/out"
fi

# A worker whose every other line gained microseconds (Go's
# log.Lmicroseconds): under the profile inferred from the clean capture,
# those lines are time-format errors at their timestamps, not foreign
# lines.  The golden case check-inferred-time-drift reads the same
# profile from tests/e2e/inputs/time-drift; it must be what infer writes.
drift=$srcdir/tests/e2e/inputs/time-drift
status=0
logcompat infer --name worker -o "$work/worker.yaml" "$drift/worker.log" ||
    status=$?
check 0 $status "infer learns the worker's clean capture"
n=$((n + 1))
if cmp -s "$work/worker.yaml" "$drift/profile.yaml"; then
	echo "ok $n - and writes tests/e2e/inputs/time-drift/profile.yaml"
else
	echo "not ok $n - and writes tests/e2e/inputs/time-drift/profile.yaml"
	diff -u "$drift/profile.yaml" "$work/worker.yaml" | sed 's/^/# /'
fi
status=0
logcompat check -r "$work/worker.yaml" -f json "$drift/micro.log" \
    >"$work/out" || status=$?
n=$((n + 1))
if [ $status = 1 ] && ! grep -q '"rule": "foreign' "$work/out" &&
    [ "$(grep -c '"rule": "time-format"' "$work/out")" = 4 ] &&
    [ "$(grep -o '"line": [0-9]*' "$work/out" | tr '\n' ' ')" = \
    '"line": 2 "line": 4 "line": 6 "line": 8 ' ]; then
	echo "ok $n - microseconds gained are time-format errors on lines 2 4 6 8"
else
	echo "not ok $n - microseconds gained are time-format errors on lines 2 4 6 8: status $status"
	sed 's/^/# /' "$work/out"
fi

# uvicorn's recording: a Python traceback after an ERROR line.  infer
# writes a continuation for it, so the traceback is the record's body
# (never foreign, and its last line no level 'ZeroDivisionError'), and the
# profile passes the capture it was read from, without a warning.
status=0
logcompat infer -o "$work/uvicorn.yaml" "$srcdir/tests/real/uvicorn" \
    2>"$work/err" || status=$?
n=$((n + 1))
if [ $status = 0 ] && [ ! -s "$work/err" ] &&
    grep -q '^continuation: ' "$work/uvicorn.yaml"; then
	echo "ok $n - uvicorn: infer writes a continuation, and no warning"
else
	echo "not ok $n - uvicorn: infer writes a continuation, and no warning"
	sed 's/^/# /' "$work/err"
fi
status=0
logcompat check -r "$work/uvicorn.yaml" "$srcdir/tests/real/uvicorn" \
    >"$work/out" || status=$?
n=$((n + 1))
if [ $status = 0 ] &&
    grep -q '^total:  39 lines: 39 conforming, 0 violating, 0 foreign$' \
    "$work/out"; then
	echo "ok $n - uvicorn passes its own profile, the traceback in its record"
else
	echo "not ok $n - uvicorn passes its own profile, the traceback in its record: status $status"
	sed 's/^/# /' "$work/out"
fi

# Real programs' recordings pass the profile inferred from them: a
# traceback or stack trace is a record's body, and a program that writes
# its time with and without a fraction (go-log, django-runserver) has
# time-format as a warning.  The recordings not listed are not yet
# inferred or do not pass (logcompat(1), INFER).
for real in python-default/python-default.log \
    python-basicconfig/python-basicconfig.log django-runserver gunicorn \
    uvicorn celery jul-simple/jul-simple.log \
    log4j2-default/log4j2-default.log log4j2-iso8601/log4j2-iso8601.log \
    logback-default/logback-default.log nginx/nginx-access.log \
    nginx/nginx-error.log apache2/apache-access-combined.log \
    apache2/apache-access-common.log apache2/apache-error.log haproxy \
    syslog-rfc3164/syslog-rfc3164.log syslog-rfc5424/syslog-rfc5424.log \
    journalctl/journalctl-short-iso.log journalctl/journalctl-short.log \
    go-log/go-log.log postgresql/postgresql.log redis/redis.log \
    mariadb/mariadb-error.log zookeeper/zookeeper.log go-klog/go-klog.log \
    rust-env-logger/rust-env-logger.log rust-tracing/rust-tracing.log \
    ruby-logger/ruby-logger.log go-slog-default/go-slog-default.log; do
	status=0
	logcompat infer -o "$work/real.yaml" "$srcdir/tests/real/$real" \
	    2>/dev/null || status=$?
	[ $status = 0 ] && logcompat check -r "$work/real.yaml" \
	    "$srcdir/tests/real/$real" >"$work/out" 2>&1 || status=1
	check 0 $status "tests/real/$real passes its own profile"
done
