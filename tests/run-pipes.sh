#!/bin/sh
# Captures that cannot be read twice (a pipe, a FIFO, standard input):
# every command reads each once, through a spooled copy where it reads
# its captures more than once, names it as given, never hangs and leaves
# no copy behind.
. "${srcdir:-.}/tests/lib.sh"
# Each check ends in ok, which prints its TAP line and what it got: a
# failing condition must reach it rather than end the script (set -e).
set +e

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash is not installed (for <(command))"
	exit 0
fi
echo "1..26"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

py="$srcdir/tests/e2e/inputs/formats/real/python-basicconfig.log"
# The copies go here, where the last check looks for any left behind.
TMPDIR="$work/tmp"
export TMPDIR
mkdir "$TMPDIR"
# Each command gets 20 seconds: a hang is a failure, not a stuck run.
t="timeout 20"
# The name bash gives <(...) differs between systems: call it PIPE.
pipe_names() { sed 's|/dev/fd/[0-9]*|PIPE|g'; }
# A FIFO whose writer writes py and leaves, before the reader comes; a
# writer no reader came for gives up too, so that wait ends.
fifo="$work/ff"
mkfifo "$fifo"
feed() { $t sh -c 'cat "$1" >"$2"' sh "$py" "$fifo" & }

# What a regular file gives, to hold the others to.
"$LOGCOMPAT" check -r python-basicconfig "$py" >"$work/file.check" 2>&1
"$LOGCOMPAT" parse "$py" 2>/dev/null | sed "s|$py|NAME|" >"$work/file.parse"
"$LOGCOMPAT" infer "$py" >"$work/file.infer" 2>/dev/null
grep -q '^total:  35 lines: 35 conforming' "$work/file.check"
ok $? "the regular file has 35 conforming lines"

# <(cat f): a pipe named by a path.
status=0
$t bash -c '"$1" check -r auto <(cat "$2")' sh "$LOGCOMPAT" "$py" \
    >"$work/p.check" 2>"$work/p.err" || status=$?
[ $status = 0 ] && grep -q '^total:  35 lines: 35 conforming' \
    "$work/p.check" && grep -q '^capture /dev/fd/[0-9]*:' "$work/p.check" &&
    ! grep -q empty-stream "$work/p.check"
ok $? "check -r auto <(cat f): 35 conforming lines under /dev/fd/N (status $status)"
grep -q '^logcompat: -r auto: python-basicconfig .* reads 35 of the first 35 lines' \
    "$work/p.err"
ok $? "check -r auto <(cat f): the sniff chose python-basicconfig"

status=0
$t bash -c '"$1" parse <(cat "$2")' sh "$LOGCOMPAT" "$py" \
    >"$work/p.parse" 2>/dev/null || status=$?
[ $status = 0 ] && pipe_names <"$work/p.parse" | sed 's|^PIPE|NAME|' |
    cmp -s - "$work/file.parse"
ok $? "parse <(cat f) prints what parse f does, named /dev/fd/N (status $status)"

status=0
$t bash -c '"$1" templates -r auto <(cat "$2")' sh "$LOGCOMPAT" "$py" \
    >"$work/p.templates" 2>/dev/null || status=$?
[ $status = 0 ] && grep -q '^14 templates from 15 records (35 lines)' \
    "$work/p.templates"
ok $? "templates -r auto <(cat f): 14 templates from 35 lines (status $status)"

status=0
$t bash -c '"$1" infer <(cat "$2")' sh "$LOGCOMPAT" "$py" \
    >"$work/p.infer" 2>/dev/null || status=$?
[ $status = 0 ] && cmp -s "$work/p.infer" "$work/file.infer"
ok $? "infer <(cat f) writes the profile infer f does (status $status)"

status=0
$t bash -c '"$1" compare <(cat "$2") <(cat "$2")' sh "$LOGCOMPAT" "$py" \
    >"$work/p.compare" 2>/dev/null || status=$?
[ $status = 0 ] && grep -q '^verdict: compatible' "$work/p.compare" &&
    grep -q '^logcompat compare: /dev/fd/[0-9]* vs /dev/fd/[0-9]*$' \
    "$work/p.compare"
ok $? "compare <(cat f) <(cat f): compatible (status $status)"

# A named FIFO whose writer has finished: a second open would wait for ever.
feed
status=0
$t "$LOGCOMPAT" check -r auto "$fifo" >"$work/f.check" 2>"$work/f.err" ||
    status=$?
wait
[ $status = 0 ] && grep -q '^total:  35 lines: 35 conforming' "$work/f.check" &&
    grep -q "^capture $fifo:" "$work/f.check" &&
    ! grep -q 'waiting for a writer' "$work/f.err"
ok $? "check -r auto FIFO: 35 conforming lines, no wait (status $status)"

feed
status=0
$t "$LOGCOMPAT" compare "$fifo" "$py" >"$work/f.compare" 2>/dev/null ||
    status=$?
wait
[ $status = 0 ] && grep -q '^verdict: compatible' "$work/f.compare" &&
    grep -q "^logcompat compare: $fifo vs " "$work/f.compare"
ok $? "compare FIFO f: compatible, the FIFO named as given (status $status)"

feed
status=0
$t "$LOGCOMPAT" compare "$py" "$fifo" >"$work/f.compare2" 2>/dev/null ||
    status=$?
wait
[ $status = 0 ] && grep -q '^verdict: compatible' "$work/f.compare2"
ok $? "compare f FIFO: compatible (status $status)"

feed
status=0
$t "$LOGCOMPAT" infer "$fifo" >"$work/f.infer" 2>/dev/null || status=$?
wait
[ $status = 0 ] && cmp -s "$work/f.infer" "$work/file.infer"
ok $? "infer FIFO writes the profile infer f does (status $status)"

feed
status=0
$t "$LOGCOMPAT" parse "$fifo" >"$work/f.parse" 2>/dev/null || status=$?
wait
[ $status = 0 ] && sed "s|$fifo|NAME|" "$work/f.parse" |
    cmp -s - "$work/file.parse"
ok $? "parse FIFO prints what parse f does, named as given (status $status)"

# A rule file that reads few lines: the suggestion after the check cannot
# read the FIFO again, and must not wait for a writer to try.
feed
status=0
$t "$LOGCOMPAT" check -r logrus-text "$fifo" >"$work/f.poor" \
    2>"$work/f.poor.err" || status=$?
wait
[ $status = 1 ] && grep -q '^total:  35 lines: 0 conforming' \
    "$work/f.poor" && ! grep -q 'waiting for a writer' "$work/f.poor.err"
ok $? "check -r logrus-text FIFO: findings, no wait (status $status)"

# A capture directory whose stderr.log is a FIFO (Python logs to stderr).
mkdir "$work/cap"
mkfifo "$work/cap/stderr.log"
$t sh -c 'cat "$1" >"$2"' sh "$py" "$work/cap/stderr.log" &
status=0
$t "$LOGCOMPAT" check -r auto "$work/cap" >"$work/d.check" 2>/dev/null ||
    status=$?
wait
[ $status = 0 ] && grep -q '^stderr: 35 lines: 35 conforming' "$work/d.check"
ok $? "check -r auto DIR with a FIFO stderr.log: 35 lines (status $status)"

# Standard input.
status=0
cat "$py" | $t "$LOGCOMPAT" parse - >"$work/s.parse" 2>/dev/null || status=$?
[ $status = 0 ] && sed 's|^-:|NAME:|' "$work/s.parse" |
    cmp -s - "$work/file.parse"
ok $? "cat f | parse -: what parse f prints, named - (status $status)"

status=0
cat "$py" | $t "$LOGCOMPAT" templates -r auto - >"$work/s.templates" \
    2>/dev/null || status=$?
[ $status = 0 ] && grep -q '^14 templates from 15 records (35 lines)' \
    "$work/s.templates"
ok $? "cat f | templates -r auto -: 14 templates (status $status)"

status=0
cat "$py" | $t "$LOGCOMPAT" check -r auto - >"$work/s.check" 2>/dev/null ||
    status=$?
[ $status = 0 ] && grep -q '^capture -:' "$work/s.check" &&
    grep -q '^total:  35 lines: 35 conforming' "$work/s.check"
ok $? "cat f | check -r auto -: 35 conforming lines, named - (status $status)"

status=0
cat "$py" | $t "$LOGCOMPAT" compare - "$py" >"$work/s.compare" 2>"$work/s.err" ||
    status=$?
[ $status = 0 ] && grep -q '^verdict: compatible' "$work/s.compare" &&
    grep -q '^logcompat compare: - vs ' "$work/s.compare" &&
    grep -q '^reference format: python-basicconfig' "$work/s.compare"
ok $? "cat f | compare - f: compatible, the library's format found (status $status)"

status=0
cat "$py" | $t "$LOGCOMPAT" compare "$py" - >"$work/s.compare2" 2>/dev/null ||
    status=$?
[ $status = 0 ] && grep -q '^verdict: compatible' "$work/s.compare2" &&
    grep -q '^logcompat compare: .* vs -$' "$work/s.compare2"
ok $? "cat f | compare f -: compatible (status $status)"

status=0
cat "$py" | $t "$LOGCOMPAT" infer - >"$work/s.infer" 2>/dev/null || status=$?
[ $status = 0 ] && cmp -s "$work/s.infer" "$work/file.infer"
ok $? "cat f | infer - writes the profile infer f does (status $status)"

status=0
cat "$py" | $t "$LOGCOMPAT" check -r auto - - >/dev/null 2>"$work/s.twice" ||
    status=$?
[ $status = 2 ]
ok $? "- given twice is still refused (status $status)"

# An empty pipe is an empty capture, read once.
status=0
$t "$LOGCOMPAT" check -r auto - </dev/null >/dev/null 2>"$work/s.empty" ||
    status=$?
[ $status = 2 ] && grep -q 'holds no line' "$work/s.empty"
ok $? "check -r auto on empty standard input: no line to choose by (status $status)"

# The copies are removed: at exit, at SIGPIPE, at SIGTERM.
seq 1 20000 | sed 's/^/2026-01-01 00:00:00,000 INFO app: line /' \
    >"$work/big.log"
cat "$work/big.log" | $t "$LOGCOMPAT" parse - 2>/dev/null | head -1 \
    >"$work/head.out"
grep -q '^-:1: ' "$work/head.out"
ok $? "parse - | head -1: the first record"

# A writer that keeps the FIFO open: logcompat is still copying at SIGTERM.
$t sh -c '{ cat "$1"; sleep 3; } >"$2"' sh "$py" "$fifo" &
writer=$!
status=0
timeout -s TERM 1 "$LOGCOMPAT" check -r auto "$fifo" >/dev/null 2>&1 ||
    status=$?
[ $status = 124 ]
ok $? "SIGTERM while copying a FIFO ends logcompat (status $status)"
wait $writer

left=$(ls "$TMPDIR" | grep -c '^logcompat-spool' || true)
[ "$left" = 0 ]
ok $? "no copy is left behind, at exit, SIGPIPE or SIGTERM ($left left)"

# A regular file is never copied: an unwritable TMPDIR does not matter.
status=0
TMPDIR=/nonexistent-logcompat-dir $t "$LOGCOMPAT" check -r auto "$py" \
    >/dev/null 2>&1 || status=$?
[ $status = 0 ]
ok $? "a regular file needs no TMPDIR (status $status)"
