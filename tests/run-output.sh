#!/bin/sh
# -o: an output naming one of the inputs (by any spelling or link) is
# refused with exit status 2 before anything is written, and the input is
# byte for byte what it was; a run that fails leaves an older -o file as
# it was and no temporary file behind; standard input is read once.
. "${srcdir:-.}/tests/lib.sh"

n=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# Run logcompat in the scratch folder; its status in $status.
run() {
	status=0
	(cd "$work" && logcompat "$@") >"$work/out" 2>"$work/err" || status=$?
	if [ $status = 99 ]; then
		echo "Bail out! valgrind: logcompat $*"
		sed 's/^/# /' "$work/err"
		exit 1
	fi
}

# logcompat ARGS must refuse: exit 2, the message, FILE unchanged.
refused() {
	file=$1
	shift
	cp "$work/$file" "$work/before"
	run "$@"
	ok=0
	[ $status = 2 ] || ok=1
	grep -q "would overwrite the input" "$work/err" || ok=1
	cmp -s "$work/before" "$work/$file" || ok=1
	[ -s "$work/out" ] && ok=1
	check $ok "refused: logcompat $* (status $status)"
}

echo "1..17"
cp "$srcdir/examples/backend/capture/stdout.log" "$work/a.log"
mkdir "$work/cap"
cp "$srcdir/examples/backend/capture/"*.log "$work/cap/"
cp "$srcdir/rules/runpod.yaml" "$work/r.yaml"
ln -s a.log "$work/link.log"
cp "$srcdir/examples/backend/recorded/capture.log" "$work/cri.log"

refused a.log templates -o a.log a.log
refused a.log check -r runpod -o ./a.log a.log
refused a.log check -r runpod -o link.log a.log
refused a.log check -r runpod -o "$work/a.log" --stdout a.log
refused cap/stderr.log check -r runpod -o cap/stderr.log cap
refused r.yaml check -r ./r.yaml -o r.yaml a.log
refused r.yaml compare -r ./r.yaml -o r.yaml a.log cap
refused a.log compare -o a.log cap a.log
refused cri.log check -r runpod -o cri.log cri.log
refused a.log infer -o a.log a.log
run infer -o p.yaml a.log
refused p.yaml merge -o p.yaml p.yaml
refused p.yaml infer --format-from ./p.yaml -o p.yaml cap

# A run that fails keeps the old output and leaves no temporary file.
echo "an older report" >"$work/report.txt"
run check -r runpod -o report.txt a.log no-such-capture
ok=0
[ $status = 2 ] || ok=1
[ "$(cat "$work/report.txt")" = "an older report" ] || ok=1
check $ok "a failed check leaves the older -o file (status $status)"
run infer -o report.txt /dev/null
ok=0
[ $status = 2 ] || ok=1
[ "$(cat "$work/report.txt")" = "an older report" ] || ok=1
[ "$(ls -A "$work" | grep -c '\.tmp$')" = 0 ] || ok=1
check $ok "a failed infer leaves the older -o file (status $status)"

# Standard input is read once, whatever the command.
for command in "check -r runpod - -" "templates - -"; do
	# shellcheck disable=SC2086
	run $command </dev/null
	ok=0
	[ $status = 2 ] || ok=1
	grep -q "standard input) given more than once" "$work/err" || ok=1
	check $ok "$command: standard input refused twice"
done

# A full disk while infer spools standard input: the reason is said (a
# short write left errno untouched: "Success").  A small tmpfs needs a
# mount namespace of our own.
if command -v unshare >/dev/null 2>&1 &&
    unshare -m true 2>/dev/null; then
	status=0
	for i in 1 2 3 4 5 6 7 8; do cat "$work/a.log"; done >"$work/big.log"
	unshare -m sh -c 'mount -t tmpfs -o size=8k tmpfs "$1" &&
	    TMPDIR=$1 "$2" infer - <"$3"' sh "$work/cap" "$LOGCOMPAT" \
	    "$work/big.log" >"$work/out" 2>"$work/err" || status=$?
	ok=0
	[ $status = 2 ] || ok=1
	grep -q "No space left on device" "$work/err" || ok=1
	check $ok "infer - on a full disk says why (status $status: $(cat "$work/err"))"
else
	echo "ok 17 # SKIP no mount namespace here (unshare -m)"
fi
