#!/bin/sh
# -r auto and `logcompat formats` over a library of one's own
# ($LOGCOMPAT_LIBRARY): the test rule files of tests/e2e/inputs/real, so
# that what is chosen does not depend on the rule files shipped in rules/.
# Prints TAP.
. "${srcdir:-.}/tests/lib.sh"
# Each case is a condition whose status check() reads.
set +e

real=$srcdir/tests/e2e/inputs/real
LOGCOMPAT_LIBRARY=$real
export LOGCOMPAT_LIBRARY
n=0
failed=0

check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		sed 's/^/# /' "$work/err" | head -5
	fi
}

# Run logcompat; its stdout, stderr and status land in $work.
run() {
	status=0
	logcompat "$@" >"$work/out" 2>"$work/err" </dev/null || status=$?
}

run formats
grep -q '^java-pattern (.*java-pattern.yaml)$' "$work/out" &&
    grep -q '^jul-simple (.*jul-simple.yaml)$' "$work/out" &&
    [ "$(grep -c '^[a-z]' "$work/out")" = 2 ] && [ $status = 0 ]
check $? "formats lists the library's two files"

run formats -f json
grep -q '"name": "jul-simple"' "$work/out" &&
    grep -q '"format": "jul-simple-test"' "$work/out" && [ $status = 0 ]
check $? "formats -f json names each file and its format"

run check -r auto "$real/jul-simple.log"
[ $status = 0 ] && grep -q '^logcompat: -r auto: jul-simple (' "$work/err" &&
    grep -q 'reads 39 of the first 39 lines (100%' "$work/err" &&
    grep -q '^logcompat check: rules jul-simple-test' "$work/out"
check $? "check -r auto chooses jul-simple for java.util.logging"

run check -r auto "$real/log4j2-default.log"
[ $status = 0 ] && grep -q '^logcompat: -r auto: java-pattern (' "$work/err"
check $? "check -r auto chooses java-pattern for log4j2"

run parse -f json "$real/logback-default.log"
[ $status = 0 ] && head -1 "$work/out" |
    grep -q '"verdict":"conforming","format":"java-pattern-test"'
check $? "parse without -r chooses from the library"

# Mixed formats: java's 27 lines then Python's 43, nothing reads half.
cat "$real/log4j2-default.log" "$real/python-default.log" >"$work/mixed.log"
run check -r auto "$work/mixed.log"
[ $status = 2 ] && [ ! -s "$work/out" ] && grep -q 'no rule file of the library reads at least 50% of the first 70 lines; best: java-pattern 38% (27 of 70 lines)' "$work/err"
check $? "nothing fits: the best candidates with their shares, status 2"

# The sniff is the first 1000 lines: Java lines after them do not count.
i=0
: >"$work/late.log"
while [ $i -lt 25 ]; do
	cat "$real/python-default.log" >>"$work/late.log"
	i=$((i + 1))
done
cat "$real/log4j2-default.log" >>"$work/late.log"
run check -r auto "$work/late.log"
[ $status = 2 ] && grep -q 'reads any of the first 1000 lines' "$work/err"
check $? "the sniff stops at 1000 lines"

# A rule file of the library that does not load is passed over.
mkdir "$work/lib"
cp "$real/jul-simple.yaml" "$work/lib/"
printf 'format: broken\n' >"$work/lib/broken.yaml"
LOGCOMPAT_LIBRARY=$work/lib run formats
grep -q '^  does not load: ' "$work/out"
check $? "formats shows a file that does not load"
LOGCOMPAT_LIBRARY=$work/lib run check -r auto "$real/jul-simple.log"
[ $status = 0 ] && grep -q '^logcompat: -r auto: jul-simple (' "$work/err"
check $? "-r auto passes over a file that does not load"

# Rules that read almost nothing: the library's fitting file is named,
# first thing in the report.
run check -r "$real/java-pattern.yaml" "$real/jul-simple.log"
[ $status = 1 ] && head -n 1 "$work/out" | grep -q '^note: java-pattern-test reads only 0 of 39 lines; jul-simple (.*) reads 100% of the first 39: try -r jul-simple or -r auto$'
check $? "check names the library file that would fit"

# A name not in the library: the closest names there are, or the first.
run check -r go-logg "$real/jul-simple.log"
[ $status = 2 ] && grep -q "^logcompat: no rule file named 'go-logg' (searched .*); closest: go-log" "$work/err"
check $? "an unknown -r name lists the closest known names"
run check -r qqqqqqqqqqqq "$real/jul-simple.log"
[ $status = 2 ] && grep -q "^logcompat: no rule file named 'qqqqqqqqqqqq' (searched .*); known: .* in all: logcompat formats lists them)$" "$work/err"
check $? "an unknown -r name far from all lists the first names"

run templates -r auto "$real/jul-simple.log"
[ $status = 0 ] && grep -q '^13 templates from 13 records (39 lines)' "$work/out"
check $? "templates -r auto mines records"

run compare "$real/jul-simple.log" "$real/jul-simple.log"
[ $status = 0 ] && grep -q '^reference format: jul-simple-test' "$work/out"
check $? "compare without -r tries the library first"

run compare -r infer "$real/log4j2-default.log" "$real/log4j2-default.log"
! grep -q 'java-pattern' "$work/out"
check $? "compare -r infer does not"

echo "1..$n"
[ $failed = 0 ]
