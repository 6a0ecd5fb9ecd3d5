#!/bin/sh
# Hostile inputs too big to commit as golden cases: a 10 MB line, 100,000
# tiny lines, and a stream pair with 50,000 lines on one side and nothing
# on the other.  The inputs are generated in $work; each case checks the
# exit status and the exact counts of the JSON report, read with sed (the
# report is indented by two spaces per level).  Prints TAP.
. "${srcdir:-.}/tests/lib.sh"

rules=$srcdir/rules/runpod.yaml
n=0
failed=0
problems=

echo "1..4"

# Run logcompat -f json on the arguments; the report goes to $work/report.json.
check_json() {
	status=0
	logcompat check -r "$rules" -f json "$@" >"$work/report.json" \
	    2>"$work/stderr" || status=$?
}

# The number that KEY has inside the top-level object BLOCK, or the inner
# object INNER of BLOCK ("summary" "" lines, "streams" stdout lines).
json_number() {
	sed -n "/^  \"$1\": {/,/^  }/p" "$work/report.json" |
	    if [ -n "$2" ]; then
		sed -n "/^    \"$2\": {/,/^    }/p"
	    else
		cat
	    fi | sed -n "s/^ *\"$3\": \([0-9][0-9]*\),\{0,1\}\$/\1/p"
}

# Record a problem unless the number at BLOCK INNER KEY is WANT.
expect_number() {
	got=$(json_number "$1" "$2" "$3")
	if [ "$got" != "$4" ]; then
		problems="$problems
$1${2:+.$2}.$3 is '$got', expected $4"
	fi
}

expect_status() {
	if [ "$status" != "$1" ]; then
		problems="$problems
exit status $status, expected $1"
	fi
	if [ "$1" != 2 ] && [ -s "$work/stderr" ]; then
		problems="$problems
unexpected standard error: $(head -c 200 "$work/stderr")"
	fi
}

report() {
	n=$((n + 1))
	if [ -z "$problems" ]; then
		echo "ok $n - $1"
	else
		failed=$((failed + 1))
		echo "not ok $n - $1"
		printf '%s\n' "$problems" | sed '/^$/d; s/^/# /'
	fi
	problems=
}

# A 10 MB line (over the default max-line of 1 MiB): one line, judged on
# its first 1048576 bytes, which match: a violating log line with a
# line-too-long finding just past the judged bytes.
{
	printf '[10:00:00] INFO: '
	head -c 10485760 /dev/zero | tr '\0' x
	echo
} >"$work/long.log"
check_json "$work/long.log"
expect_status 1
for key in lines:1 conforming:0 violations:1 foreign:0 errors:1 \
    warnings:0 findings:1 findings_listed:1; do
	expect_number summary "" "${key%:*}" "${key#*:}"
done
expect_number streams unknown lines 1
expect_number categories line-too-long count 1
grep -q '"column": 1048577,' "$work/report.json" ||
	problems="$problems
the line-too-long finding is not at column 1048577"
grep -q '"message": "line is 10485777 bytes long; only the first 1048576 were judged (max-line)"' \
    "$work/report.json" ||
	problems="$problems
the line-too-long message does not give 10485777 and 1048576 bytes"
report "a 10 MB line is one line with a line-too-long finding"

# 100,000 tiny lines: nine log lines, then an empty line, ten thousand
# times.  Empty lines are foreign lines (warnings), never dropped.
awk 'BEGIN {
	for (i = 1; i <= 100000; i++)
		if (i % 10 == 0)
			print ""
		else
			print "[10:00:00] INFO: " i % 10
}' >"$work/tiny.log"
check_json "$work/tiny.log"
expect_status 0
for key in lines:100000 conforming:90000 violations:0 foreign:10000 \
    errors:0 warnings:10000 findings:10000 findings_listed:1000; do
	expect_number summary "" "${key%:*}" "${key#*:}"
done
for key in lines:100000 conforming:90000 violations:0 foreign:10000; do
	expect_number streams unknown "${key%:*}" "${key#*:}"
done
expect_number levels "" INFO 90000
expect_number categories foreign count 10000
report "100,000 tiny lines are all counted"

# A stream pair: 50,000 log lines on one stream, the other captured but
# empty.  Each log line is a stream-pairing finding, the empty stream an
# empty-stream warning; both directions.
for full in stdout stderr; do
	case $full in
	stdout) empty=stderr ;;
	*) empty=stdout ;;
	esac
	rm -rf "$work/pair"
	mkdir "$work/pair"
	awk 'BEGIN {
		for (i = 1; i <= 50000; i++)
			print "[10:00:00] INFO: line " i
	}' >"$work/pair/$full.log"
	: >"$work/pair/$empty.log"
	check_json "$work/pair"
	expect_status 1
	for key in lines:50000 conforming:0 violations:50000 foreign:0 \
	    errors:50000 warnings:1 findings:50001 findings_listed:1000; do
		expect_number summary "" "${key%:*}" "${key#*:}"
	done
	for key in lines:50000 conforming:0 violations:50000 foreign:0; do
		expect_number streams "$full" "${key%:*}" "${key#*:}"
	done
	expect_number categories stream-pairing count 50000
	expect_number categories empty-stream count 1
	grep -q '"pairing": "checked",' "$work/report.json" ||
		problems="$problems
the pairing is not reported as checked"
	report "50,000 log lines on $full, an empty $empty"
done

[ $failed = 0 ]
