#!/bin/sh
# The table of commands: every command that logcompat --help lists runs,
# shows its own help (the same as `logcompat help COMMAND`), refuses an
# unknown option in the common words, and takes exactly the -f names its
# usage line shows.  Prints TAP.
. "${srcdir:-.}/tests/lib.sh"

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -s "$work/err" ] && sed 's/^/# /' "$work/err" | head -10
	return 0
}

# Run logcompat; its stdout, stderr and status land in $work.
run() {
	status=0
	logcompat "$@" >"$work/out" 2>"$work/err" </dev/null || status=$?
	if [ $status = 99 ]; then
		echo "Bail out! valgrind: logcompat $*"
		sed 's/^/# /' "$work/err"
		exit 1
	fi
}

# Did the last run fail with status 2 (capture: 125, as env(1) has it),
# nothing on stdout and this stderr?
refused() {
	want=2
	[ "${cmd:-}" = capture ] && want=125
	[ $status = $want ] && [ ! -s "$work/out" ] &&
	    [ "$(cat "$work/err")" = "logcompat: $1" ]
}

run --help
cp "$work/out" "$work/usage"
commands=$(sed -n '/^Commands:$/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' \
    "$work/usage")
count=$(echo $commands | wc -w)
# check, compare, templates, infer, merge, capture, help at least.
if [ "$count" -ge 7 ]; then
	ok "--help lists $count commands"
else
	not_ok "--help lists $count commands"
fi

run
if [ $status = 2 ] && [ ! -s "$work/out" ] &&
    cmp -s "$work/err" "$work/usage"; then
	ok "no command: the usage on stderr, status 2"
else
	not_ok "no command: the usage on stderr, status 2"
fi
run help
if [ $status = 0 ] && cmp -s "$work/out" "$work/usage"; then
	ok "help is --help"
else
	not_ok "help is --help"
fi

for cmd in $commands; do
	[ "$cmd" = help ] && continue
	run "$cmd" --help
	if [ $status = 0 ] && [ ! -s "$work/err" ] &&
	    head -1 "$work/out" | grep -q "^usage: logcompat $cmd "; then
		ok "$cmd --help names $cmd, status 0"
	else
		not_ok "$cmd --help names $cmd, status 0"
	fi
	cp "$work/out" "$work/help"
	run help "$cmd"
	if [ $status = 0 ] && cmp -s "$work/out" "$work/help"; then
		ok "help $cmd is $cmd --help"
	else
		not_ok "help $cmd is $cmd --help"
	fi
	run "$cmd" --no-such-option
	if refused "unknown option '--no-such-option' (see 'logcompat $cmd --help')"; then
		ok "$cmd refuses an unknown option, status $want"
	else
		not_ok "$cmd refuses an unknown option, status $want"
	fi

	# The -f names of the usage line: "[-f text|json|github]".
	formats=$(sed -n 's/.*\[-f \([a-z|]*\)\].*/\1/p' "$work/help" |
	    tr '|' ' ')
	[ -n "$formats" ] || continue
	accepted=yes
	for f in $formats; do
		run "$cmd" -f "$f" --help
		[ $status = 0 ] || accepted=no
	done
	# Names match whole and to the case: not "TEXT", "tex", "texts", "".
	for f in TEXT tex texts ''; do
		run "$cmd" -f "$f" --help
		[ $status = 2 ] || accepted=no
	done
	if [ $accepted = yes ]; then
		ok "$cmd takes -f $(echo $formats | tr ' ' '|') and no other"
	else
		not_ok "$cmd takes -f $(echo $formats | tr ' ' '|') and no other"
	fi
	# "text, markdown, json or junit"
	expected=$(echo $formats | awk '{ s = $1; for (i = 2; i < NF; i++)
	    s = s ", " $i; if (NF > 1) s = s " or " $NF; print s }')
	run "$cmd" -f no-such-format --help
	if refused "unknown format 'no-such-format' (expected $expected) (see 'logcompat $cmd --help')"; then
		ok "$cmd -f lists $expected"
	else
		not_ok "$cmd -f lists $expected"
	fi
done
cmd=

unknown="no command 'no-such-command' (see 'logcompat --help')"
run no-such-command
if refused "$unknown"; then
	ok "an unknown command, status 2"
else
	not_ok "an unknown command, status 2"
fi
run help no-such-command
if refused "$unknown"; then
	ok "help for an unknown command, status 2"
else
	not_ok "help for an unknown command, status 2"
fi

echo "1..$n"
[ $failed = 0 ]
