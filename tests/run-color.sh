#!/bin/sh
# Colour: only on a terminal, never with NO_COLOR set, --color overrides
# both.  A terminal comes from script(1); the case is skipped without it.
. "${srcdir:-.}/tests/lib.sh"

capture=$srcdir/examples/drifted/capture
esc=$(printf '\033')
echo "1..5"

# Does the last output hold an escape sequence?
colored() {
	grep -q "$esc\[" "$work/out"
}

# Run logcompat (under valgrind when asked); a valgrind error stops all.
run() {
	status=0
	logcompat "$@" >"$work/out" 2>&1 || status=$?
	if [ $status = 99 ]; then
		echo "Bail out! valgrind: logcompat $*"
		sed 's/^/# /' "$work/out"
		exit 1
	fi
}

run check --color always "$capture"
if colored; then echo "ok 1 - --color always colours a pipe"; else echo "not ok 1 - --color always colours a pipe"; fi
run check "$capture"
if colored; then echo "not ok 2 - no colour into a pipe"; else echo "ok 2 - no colour into a pipe"; fi
NO_COLOR=1 run check --color always "$capture"
if colored; then echo "ok 3 - --color always wins over NO_COLOR"; else echo "not ok 3 - --color always wins over NO_COLOR"; fi

if ! command -v script >/dev/null 2>&1; then
	echo "ok 4 # SKIP script(1) is not installed"
	echo "ok 5 # SKIP script(1) is not installed"
	exit 0
fi
# script gives the command a terminal; its output lands in the typescript.
(unset NO_COLOR; script -qec "$(logcompat_line) check '$capture'" "$work/out" >/dev/null 2>&1) || true
if colored; then echo "ok 4 - colour on a terminal"; else echo "not ok 4 - colour on a terminal"; fi
NO_COLOR=1 script -qec "$(logcompat_line) check '$capture'" "$work/out" >/dev/null 2>&1 || true
if colored; then echo "not ok 5 - no colour on a terminal with NO_COLOR"; else echo "ok 5 - no colour on a terminal with NO_COLOR"; fi
