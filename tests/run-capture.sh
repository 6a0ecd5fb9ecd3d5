#!/bin/sh
# logcompat capture from the command line: streams kept byte for byte,
# the CRI record of each line, the command's exit status, and a capture
# that check then reads like any other.
. "${srcdir:-.}/tests/lib.sh"

echo "1..6"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# A worker that logs like the seed document: every line on both streams.
worker='for i in 1 2 3; do
	line="[10:00:0$i] INFO: 🚀 step $i"
	echo "$line"; echo "$line" >&2
done
echo "Collecting torch"'

status=0
logcompat capture -d "$work/cap" -- sh -c "$worker" || status=$?
ok $status "capture exits with the command's status (0)"

sh -c "$worker" >"$work/want-out" 2>"$work/want-err"
cmp -s "$work/cap/stdout.log" "$work/want-out" &&
    cmp -s "$work/cap/stderr.log" "$work/want-err"
ok $? "stdout.log and stderr.log hold the streams byte for byte"

records=$(grep -c '^[0-9-]*T[0-9:.]*Z std\(out\|err\) F ' \
    "$work/cap/capture.log" || true)
[ "$records" = 7 ]
ok $? "capture.log has one CRI record per line (7, got $records)"

status=0
logcompat check -r runpod "$work/cap" >"$work/check.out" || status=$?
ok $status "check passes the capture"

status=0
logcompat capture -d "$work/cap3" -- sh -c 'echo half-a-line; exit 3' ||
    status=$?
[ $status = 3 ]
ok $? "the command's exit status 3 comes back (got $status)"

status=0
logcompat capture -d "$work/cap4" -- "$work/no-such-command" \
    2>"$work/err" || status=$?
[ $status = 127 ] && grep -q 'cannot run' "$work/err"
ok $? "a missing command is 127 with a message (got $status)"
