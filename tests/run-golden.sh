#!/bin/sh
# Golden end-to-end tests.  Each folder under tests/e2e/ that holds a file
# `args` is one case: logcompat runs in that folder with those arguments
# (and the file `stdin` on standard input, if there is one); its standard
# output, standard error and exit status must equal expected-stdout,
# expected-stderr and expected-status to the byte.  Prints TAP.
# With --update, rewrites the expected files from what the binary does.
. "${srcdir:-.}/tests/lib.sh"

update=0
[ "${1:-}" = --update ] && update=1
cases=$(cd "$srcdir/tests/e2e" && find . -name args | sed 's|^\./||; s|/args$||' | sort)
total=$(printf '%s\n' "$cases" | grep -c . || true)
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
	(cd "$dir" && logcompat "$@" <"$input" >"$work/stdout" 2>"$work/stderr") || status=$?
	echo "$status" >"$work/status"
	if [ $update = 1 ]; then
		cp "$work/stdout" "$dir/expected-stdout"
		cp "$work/stderr" "$dir/expected-stderr"
		cp "$work/status" "$dir/expected-status"
		echo "ok $n - $name # updated"
		continue
	fi
	problem=
	for part in stdout stderr status; do
		if ! cmp -s "$dir/expected-$part" "$work/$part"; then
			problem="$problem $part"
		fi
	done
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
