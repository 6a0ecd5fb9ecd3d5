# Helpers for the baseline tests (sourced after lib.sh): generated
# captures (tests/gen-fleet.awk) and TAP lines.

n=0
failed=0

# ok CONDITION-STATUS DESCRIPTION: one TAP line.
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}

# events SEED COUNT DRIFT [SLOTS]: the events of a generated capture, on
# stdout.
events() {
	awk -v seed="$1" -v events="$2" -v drift="$3" -v slots="${4:-0}" \
	    -f "$srcdir/tests/gen-fleet.awk"
}

# make_capture EVENTS DIR [FROM [TO]]: DIR/stdout.log and DIR/stderr.log of
# the events FROM to TO (1-based, inclusive).
make_capture() {
	mkdir -p "$2"
	: >"$2/stdout.log"
	: >"$2/stderr.log"
	awk -F '\t' -v from="${3:-1}" -v to="${4:-999999999}" -v out="$2" '
	NR >= from && NR <= to {
		print $2 >>(out "/stdout.log")
		if ($1 == "b")
			print $2 >>(out "/stderr.log")
	}' "$1"
}

# verdict PROFILE CAPTURE OUT: check's report and exit status in OUT, with
# the profile copied to one path so that reports can be compared.
verdict() {
	cp "$1" "$work/profile.yaml"
	status=0
	logcompat check -r "$work/profile.yaml" --max-findings 0 "$2" \
	    >"$3" 2>&1 || status=$?
	echo "exit status $status" >>"$3"
}
