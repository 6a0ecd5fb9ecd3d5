#!/bin/sh
# Hostile inputs.  Each folder under tests/hostile/ that holds a file `args`
# is one case (tests/hostile/README.md describes them): its script
# `generate`, if any, makes the inputs too big to commit in a scratch
# folder; logcompat runs there with the arguments in `args` (shell words;
# $top is the source tree, $case the case's folder); `expected` gives the
# exit status, numbers of the JSON report and a time bound.  Whatever the
# case, a report must add up: lines = conforming + violations + foreign, in
# all and on each stream.  Prints TAP.
. "${srcdir:-.}/tests/lib.sh"

top=$srcdir
cases=$(cd "$srcdir/tests/hostile" && find . -name args |
    sed 's|^\./||; s|/args$||' | sort)
total=$(printf '%s\n' "$cases" | grep -c . || true)
echo "1..$total"
n=0
failed=0
problems=

problem() {
	problems="$problems
$*"
}

# The number at BLOCK, or BLOCK INNER, KEY of the report (indented by two
# spaces per level): json_number summary "" lines, json_number streams
# stdout lines.
json_number() {
	sed -n "/^  \"$1\": {/,/^  }/p" "$run/report.json" |
	    if [ -n "$2" ]; then
		sed -n "/^    \"$2\": {/,/^    }/p"
	    else
		cat
	    fi | sed -n "s/^ *\"$3\": \([0-9][0-9]*\),\{0,1\}\$/\1/p"
}

# lines = conforming + violations + foreign, at BLOCK INNER.
adds_up() {
	lines=$(json_number "$1" "$2" lines)
	sum=$(($(json_number "$1" "$2" conforming) + \
	    $(json_number "$1" "$2" violations) + \
	    $(json_number "$1" "$2" foreign)))
	[ -n "$lines" ] && [ "$lines" = "$sum" ] ||
		problem "$1${2:+.$2}: lines '$lines', but conforming + violations + foreign = $sum"
}

for name in $cases; do
	n=$((n + 1))
	case=$srcdir/tests/hostile/$name
	run=$work/$name
	mkdir -p "$run"
	if [ -f "$case/generate" ]; then
		(cd "$run" && sh "$case/generate") || problem "generate failed"
	fi
	seconds=$(sed -n 's/^seconds //p' "$case/expected")
	seconds=${seconds:-60}
	# memcheck runs some 20 to 50 times slower (tests/hostile/README.md).
	[ "${LOGCOMPAT_VALGRIND:-0}" = 1 ] && seconds=$((seconds * 50))
	eval "set -- $(cat "$case/args")"
	status=0
	# Peak memory from /usr/bin/time, when it is there and no valgrind.
	measure=
	if [ -x /usr/bin/time ] && [ "${LOGCOMPAT_VALGRIND:-0}" != 1 ]; then
		measure="/usr/bin/time -f %M -o $run/kilobytes"
	fi
	(cd "$run" && timeout -k 5 "$seconds" $measure \
	    sh -c "$(logcompat_line) \"\$@\"" sh "$@" >report.json \
	    2>stderr) || status=$?
	if [ $status = 124 ] || [ $status = 137 ]; then
		problem "still running after $seconds s: killed"
	fi
	[ $status = 99 ] && problem "valgrind: $(head -c 2000 "$run/stderr")"

	while read -r key value; do
		case $key in
		'#'* | '' | seconds)
			;;
		status)
			[ "$status" = "$value" ] ||
				problem "exit status $status, expected $value"
			;;
		report-contains | stderr-contains)
			file=$run/report.json
			[ "$key" = stderr-contains ] && file=$run/stderr
			grep -qF -- "$value" "$file" ||
				problem "no '$value' in the ${key%-contains}"
			;;
		kilobytes)
			# The peak RSS in KB, where it could be measured.
			if [ -f "$run/kilobytes" ]; then
				got=$(tail -n 1 "$run/kilobytes")
				[ "$got" -le "$value" ] ||
					problem "peak RSS $got KB, over $value KB"
			fi
			;;
		report-lacks)
			! grep -qF -- "$value" "$run/report.json" ||
				problem "'$value' in the report"
			;;
		*.*)
			block=${key%%.*}
			rest=${key#*.}
			inner=
			case $rest in
			*.*)
				inner=${rest%.*}
				rest=${rest##*.}
				;;
			esac
			got=$(json_number "$block" "$inner" "$rest")
			[ "$got" = "$value" ] ||
				problem "$key is '$got', expected $value"
			;;
		*)
			problem "unknown expectation '$key'"
			;;
		esac
	done <"$case/expected"
	if [ "$status" != 2 ]; then
		[ -s "$run/stderr" ] &&
			problem "standard error: $(head -c 200 "$run/stderr")"
		adds_up summary ""
		for stream in stdout stderr unknown; do
			grep -q "^    \"$stream\": {" "$run/report.json" &&
				adds_up streams "$stream"
		done
	fi
	if [ -z "$problems" ]; then
		echo "ok $n - $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name"
		printf '%s\n' "$problems" | sed '/^$/d; s/^/# /'
	fi
	problems=
	rm -rf "$run"
done
[ $failed = 0 ]
