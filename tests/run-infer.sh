#!/bin/sh
# logcompat infer, round trip: a rule file inferred from a capture passes
# that capture, and a line whose timestamp changed format is caught.
. "${srcdir:-.}/tests/lib.sh"

echo "1..5"
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
