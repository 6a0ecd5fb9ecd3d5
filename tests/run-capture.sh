#!/bin/sh
# logcompat capture from the command line: streams kept byte for byte,
# the CRI record of each line, the command's exit status, and a capture
# that check then reads like any other.
. "${srcdir:-.}/tests/lib.sh"
# Each check ends in ok, which prints its TAP line and what it got: a
# failing condition must reach it rather than end the script (set -e).
set +e

echo "1..35"
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

# Real children, captured then checked: arrival times come from capture.log.
bin=${LOGCOMPAT_TEST_BIN:-$srcdir/tests/recorder}
printf '%s\n' 'format: numbered' "line: '^(?<message>(out|line) \\d+)\$'" \
    'streams: both' >"$work/numbered.yaml"

# Every line goes to both pipes at once: no twin is late.
logcompat capture -d "$work/fast" -- "$bin/fastwriter" twins 50
status=0
logcompat check -r "$work/numbered.yaml" "$work/fast" >"$work/fast.out" ||
    status=$?
[ $status = 0 ] &&
    grep -q 'flush timing checked, bound 100 ms: 0 of 50 twins late$' \
    "$work/fast.out" && ! grep -q flush-timing "$work/fast.out"
ok $? "the fast writer's twins all arrive within 100 ms (status $status)"

# stdout stays in stdio's buffer until exit, a second after stderr.
logcompat capture -d "$work/slow" -- "$bin/unflushed" 20 1000
status=0
logcompat check -r "$work/numbered.yaml" "$work/slow" >"$work/slow.out" ||
    status=$?
late=$(grep -c 'flush-timing: log line arrived on stdout [0-9]*\.[0-9]* s after its twin on stderr' \
    "$work/slow.out" || true)
[ $status = 1 ] && [ "$late" = 20 ]
ok $? "each unflushed stdout line is a second or more late (status $status, $late late)"

grep -q '/slow: flush timing checked, bound 100 ms: 20 of 20 twins late; stdout up to [0-9]*\.[0-9]* s late$' \
    "$work/slow.out"
ok $? "the summary counts the late twins and the longest delay"

# The bound is the rules': at 5s the same capture passes, at 900ms not.
sed 's/^streams: both$/&\nflush: 5s/' "$work/numbered.yaml" >"$work/lenient.yaml"
status=0
logcompat check -r "$work/lenient.yaml" "$work/slow" >"$work/lenient.out" ||
    status=$?
[ $status = 0 ] && grep -q 'bound 5.000 s: 0 of 20 twins late$' "$work/lenient.out"
ok $? "flush: 5s lets a second's delay pass (status $status)"

sed 's/^streams: both$/&\nflush: 900ms/' "$work/numbered.yaml" >"$work/strict.yaml"
status=0
logcompat check -r "$work/strict.yaml" "$work/slow" >"$work/strict.out" ||
    status=$?
[ $status = 1 ] && grep -q 'bound 900 ms: 20 of 20 twins late' "$work/strict.out"
ok $? "flush: 900ms still fails a second's delay (status $status)"

status=0
logcompat compare -r "$work/numbered.yaml" "$work/fast" "$work/slow" \
    >"$work/compare.out" || status=$?
[ $status = 1 ] &&
    grep -q '^  flush         incompatible the candidate: 20 of 20 twins late' \
    "$work/compare.out"
ok $? "compare: the unflushed candidate's flush is incompatible (status $status)"

logcompat compare -r "$work/numbered.yaml" "$work/slow" "$work/fast" \
    >"$work/compare2.out" || true
grep -q '^  flush         consistent ' "$work/compare2.out"
ok $? "compare: a prompt candidate against a late reference is consistent"

# Lines the child never ended are final P records: last lines without
# their newline, judged as the same bytes in stdout.log and stderr.log are.
logcompat capture -d "$work/mid" -- "$bin/midline" || true
status=0
logcompat check -r "$work/numbered.yaml" "$work/mid" >"$work/mid.out" ||
    status=$?
status2=0
logcompat check -r "$work/numbered.yaml" --stdout "$work/mid/stdout.log" \
    --stderr "$work/mid/stderr.log" >"$work/mid2.out" || status2=$?
[ $status = $status2 ] && ! grep -q container-record "$work/mid.out" &&
    grep -q '^total:  3 lines' "$work/mid.out" &&
    [ "$(grep '^total' "$work/mid.out")" = "$(grep '^total' "$work/mid2.out")" ]
ok $? "a mid-line exit: no container-record, the same lines as the stream files (status $status)"

# An unfinished last line that conforms passes, as it does in stdout.log.
logcompat capture -d "$work/mid3" -- sh -c 'echo "line 1"; printf "line 2"'
sed 's/^streams: both$/streams: stdout/' "$work/numbered.yaml" >"$work/stdout.yaml"
status=0
logcompat check -r "$work/stdout.yaml" "$work/mid3" >"$work/mid3.out" ||
    status=$?
[ $status = 0 ] && grep -q '^stdout: 2 lines: 2 conforming' "$work/mid3.out"
ok $? "an unfinished conforming last line passes (status $status)"

# A child killed by a signal: its capture still reads, line by line.
status=0
logcompat capture -d "$work/killed" -- "$bin/selfkill" kill 15 || status=$?
[ $status = 143 ] && [ -s "$work/killed/capture.log" ]
ok $? "a self-killed child gives 128+15 and a capture.log (got $status)"
logcompat check -r "$work/numbered.yaml" "$work/killed" >"$work/killed.out" || true
grep -q '^total:  [1-9]' "$work/killed.out"
ok $? "check reads the killed child's capture"

# A line longer than a record is written as P records, joined back whole.
logcompat capture -d "$work/huge" -- "$bin/fastwriter" huge 100000
pieces=$(grep -c ' stdout P ' "$work/huge/capture.log" || true)
logcompat check -f json -r "$work/numbered.yaml" "$work/huge" \
    >"$work/huge.json" || true
[ "$pieces" -ge 6 ] && grep -q '"lines": 1,' "$work/huge.json" &&
    ! grep -q container-record "$work/huge.json" &&
    ! grep -q line-too-long "$work/huge.json"
ok $? "a 100000-byte line in $pieces partial records is one whole line"

# A pipe or a FIFO is read once, as a plain stream: never sniffed first.
ex="$srcdir/examples/fastbackend/capture/stderr.log"
status=0
cat "$ex" | timeout 20 "$LOGCOMPAT" check -r runpod /dev/stdin \
    >"$work/pipe.out" || status=$?
[ $status = 0 ] && grep -q '^total:  34 lines: 34 conforming' "$work/pipe.out"
ok $? "a CAPTURE on a pipe reads all its 34 lines (status $status)"

mkfifo "$work/fifo"
cat "$ex" >"$work/fifo" &
status=0
timeout 20 "$LOGCOMPAT" check -r runpod "$work/fifo" >"$work/fifo.out" ||
    status=$?
wait
[ $status = 0 ] && grep -q '^total:  34 lines: 34 conforming' "$work/fifo.out"
ok $? "a CAPTURE on a FIFO reads all its 34 lines, no hang (status $status)"

# Even CRI records on a pipe are a plain stream: a pipe cannot be read twice.
printf '2024-01-02T03:04:05Z stdout F [10:00:01] INFO: x\n' | timeout 20 \
    "$LOGCOMPAT" check -r runpod /dev/stdin >"$work/pipecri.out" || true
grep -q '^unknown: 1 line:' "$work/pipecri.out"
ok $? "CRI records on a pipe are read once, as plain lines"

# A background process that keeps the pipes open does not keep capture.
ms() { date +%s%3N; }
start=$(ms)
status=0
timeout 20 "$LOGCOMPAT" capture -d "$work/bg" -- \
    sh -c 'sleep 4 & echo started; exit 4' || status=$?
took=$(($(ms) - start))
[ $status = 4 ] && [ $took -lt 2000 ] &&
    grep -q '^started$' "$work/bg/stdout.log"
ok $? "capture ends soon after the command exits, bg process or not (status $status, $took ms)"

# One that keeps writing is drained until a signal ends the capture.
"$LOGCOMPAT" capture -d "$work/chatty" -- \
    sh -c '(i=0; while [ $i -lt 100 ]; do echo tick; sleep 0.05; i=$((i+1)); done) & exit 0' &
pid=$!
sleep 1
start=$(ms)
kill -TERM $pid
status=0
wait $pid || status=$?
took=$(($(ms) - start))
[ $status = 0 ] && [ $took -lt 1000 ] && grep -q '^tick$' "$work/chatty/stdout.log"
ok $? "a signal after the command exited ends the capture (status $status, $took ms)"

# The command has its own process group: a SIGINT to logcompat's group
# reaches it once, forwarded; timeout(1) signals logcompat and its group.
wait_ready() {
	i=0
	while [ $i -lt 100 ] && ! grep -q ready "$1" 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
}
setsid "$LOGCOMPAT" capture -d "$work/sig" -- "$bin/sigcount" &
pid=$!
wait_ready "$work/sig/stdout.log"
kill -INT -$pid
wait $pid || true
grep -q '^sigint 1$' "$work/sig/stdout.log"
ok $? "a SIGINT to the process group reaches the command once ($(tail -n 1 "$work/sig/stdout.log"))"

"$LOGCOMPAT" capture -d "$work/sig2" -- "$bin/sigcount" &
pid=$!
wait_ready "$work/sig2/stdout.log"
kill -INT $pid
wait $pid || true
grep -q '^sigint 1$' "$work/sig2/stdout.log"
ok $? "a SIGINT to logcompat is forwarded once ($(tail -n 1 "$work/sig2/stdout.log"))"

status=0
timeout -s INT 1 "$LOGCOMPAT" capture -d "$work/sig3" -- "$bin/sigcount" ||
    status=$?
grep -q '^sigint 1$' "$work/sig3/stdout.log"
ok $? "timeout -s INT: the command gets one SIGINT ($(tail -n 1 "$work/sig3/stdout.log"))"

# A command that cannot run leaves the previous capture as it was.
logcompat capture -d "$work/keep" -- echo kept >/dev/null
logcompat capture -d "$work/keep" -- "$work/no-such-command" 2>/dev/null || true
grep -q '^kept$' "$work/keep/stdout.log" && [ -s "$work/keep/capture.log" ]
ok $? "a failed exec does not empty the previous capture files"

# A small max-line: 16 KiB P records still join into one line, cut there.
sed 's/^streams: both$/&\nmax-line: 1000/' "$work/numbered.yaml" >"$work/small.yaml"
logcompat check -f json -r "$work/small.yaml" "$work/huge" \
    >"$work/small.json" || true
grep -q '"lines": 1,' "$work/small.json" &&
    ! grep -q container-record "$work/small.json" &&
    grep -q line-too-long "$work/small.json"
ok $? "max-line 1000: the 100000-byte line is one line, too long, no container-record"

# infer learns no flush bound: the unflushed capture fails its own profile.
unflushed="$srcdir/examples/unflushed/recorded"
logcompat infer -o "$work/slow-profile.yaml" "$unflushed"
status=0
logcompat check -r "$work/slow-profile.yaml" "$unflushed" \
    >"$work/slow-profile.out" || status=$?
[ $status = 1 ] && grep -q 'flush-timing' "$work/slow-profile.out" &&
    ! grep -q '^flush:' "$work/slow-profile.yaml"
ok $? "a capture with late lines fails its own profile's flush check (status $status)"

# Statuses as env(1), nice(1) and timeout(1) have them: the command's own,
# 125 when capture itself fails, 126 when the command cannot be run, 127
# when it is not found.
status=0
logcompat capture -d "$work/st2" -- sh -c 'echo panic >&2; exit 2' \
    2>"$work/err" || status=$?
[ $status = 2 ] && [ ! -s "$work/err" ]
ok $? "a command's status 2 is passed on as 2, capture silent (got $status)"

status=0
logcompat capture -d "$work/st127" -- no-such-command-anywhere \
    2>"$work/err" || status=$?
[ $status = 127 ] && grep -q 'cannot run no-such-command-anywhere' "$work/err"
ok $? "a command not found on PATH is 127 (got $status)"

printf 'echo never\n' >"$work/not-executable"
chmod 644 "$work/not-executable"
status=0
logcompat capture -d "$work/st126" -- "$work/not-executable" \
    2>"$work/err" || status=$?
[ $status = 126 ] && grep -q 'Permission denied' "$work/err"
ok $? "a file that is not executable is 126 (got $status)"

# Root writes anywhere: a DIR below a regular file cannot be made by anyone.
: >"$work/plain-file"
status=0
logcompat capture -d "$work/plain-file/cap" -- sh -c 'exit 2' \
    2>"$work/err" || status=$?
[ $status = 125 ] && grep -q 'cannot create' "$work/err"
ok $? "a capture DIR that cannot be written is 125, not the command's 2 (got $status)"

status=0
logcompat capture -d "$work/st-usage" --no-such-option -- true \
    2>"$work/err" || status=$?
[ $status = 125 ] && [ ! -e "$work/st-usage" ]
ok $? "a usage error is 125 and runs nothing (got $status)"

status=0
logcompat capture --help >"$work/help" || status=$?
[ $status = 0 ] && grep -q '125 when' "$work/help" &&
    grep -q '126 when' "$work/help" && grep -q '127 when' "$work/help"
ok $? "capture --help documents 125, 126 and 127 (status $status)"
