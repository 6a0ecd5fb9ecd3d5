#!/bin/sh
# Golden end-to-end tests.  Each folder under tests/e2e/ that holds a file
# `args` is one case: logcompat runs in that folder with those arguments
# (and the file `stdin` on standard input, if there is one); its standard
# output, standard error and exit status must equal expected-stdout,
# expected-stderr and expected-status to the byte.  Prints TAP.
# Inputs that several cases read live in tests/e2e/inputs/ (no args, so
# not a case); a case names them as ../inputs/..., never another case's
# folder.
#
# Run from the top of the source tree (make check sets srcdir and
# LOGCOMPAT; by hand LOGCOMPAT defaults to ./src/logcompat):
#
#     tests/run-golden.sh                    every case
#     tests/run-golden.sh CASE...            only these cases
#     tests/run-golden.sh --update CASE...   re-bless these cases: show how
#                                            each output differs, then
#                                            rewrite its expected-* files
#     tests/run-golden.sh --update-all       re-bless every case at once
#
# CASE is a folder name under tests/e2e/ (a path to it works too).  Read
# the diff of a re-blessed case before committing it.
. "${srcdir:-.}/tests/lib.sh"

usage() {
	echo "usage: tests/run-golden.sh [CASE...]" >&2
	echo "       tests/run-golden.sh --update CASE..." >&2
	echo "       tests/run-golden.sh --update-all" >&2
	exit 2
}

update=0
case ${1:-} in
--update)
	update=1
	shift
	# Blessing every case must be asked for by name.
	[ $# -gt 0 ] || usage
	;;
--update-all)
	update=1
	shift
	[ $# = 0 ] || usage
	;;
-*)
	usage
	;;
esac

if [ $# = 0 ]; then
	cases=$(cd "$srcdir/tests/e2e" && find . -name args |
	    sed 's|^\./||; s|/args$||' | sort)
else
	cases=
	for name in "$@"; do
		name=${name%/}
		name=${name##*/}
		if [ ! -f "$srcdir/tests/e2e/$name/args" ]; then
			echo "run-golden.sh: no case '$name' in tests/e2e" >&2
			exit 2
		fi
		cases="$cases $name"
	done
fi
total=$(printf '%s\n' $cases | grep -c . || true)
echo "1..$total"
n=0
failed=0
for name in $cases; do
	n=$((n + 1))
	dir=$srcdir/tests/e2e/$name
	input=/dev/null
	[ -f "$dir/stdin" ] && input=$dir/stdin
	# The args file is shell words, so paths and quotes read naturally.
	eval "set -- $(cat "$dir/args")"
	status=0
	# The library of -r auto as a path from the case's folder, so that
	# the paths a report shows do not depend on where the tree is.
	(cd "$dir" && LOGCOMPAT_LIBRARY=../../../rules &&
	    export LOGCOMPAT_LIBRARY &&
	    logcompat "$@" <"$input" >"$work/stdout" 2>"$work/stderr") ||
	    status=$?
	echo "$status" >"$work/status"
	problem=
	for part in stdout stderr status; do
		if ! cmp -s "$dir/expected-$part" "$work/$part"; then
			problem="$problem $part"
		fi
	done
	if [ $update = 1 ]; then
		for part in $problem; do
			old=$dir/expected-$part
			[ -f "$old" ] || old=/dev/null
			diff -u "$old" "$work/$part" | sed 's/^/# /'
			cp "$work/$part" "$dir/expected-$part"
		done
		if [ -z "$problem" ]; then
			echo "ok $n - $name # unchanged"
		else
			echo "ok $n - $name # updated:$problem"
		fi
		continue
	fi
	if [ -z "$problem" ]; then
		echo "ok $n - $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name (differs:$problem)"
		for part in $problem; do
			diff -u "$dir/expected-$part" "$work/$part" | sed 's/^/# /' | head -40
		done
	fi
done
[ $failed = 0 ]
