#!/bin/sh
# How the work of logcompat grows with the size of what it is given, for
# the inputs where a cost could grow faster than linearly: the levels of a
# rule file (one bad level in 1000 lines), the levels and templates merged
# from two profiles, and the number of small captures given to check,
# infer and templates.  Each size runs once; seconds and peak RSS come from
# /usr/bin/time.  A linear cost grows about tenfold from one size to the
# next; a quadratic one a hundredfold.
#   bench/scale/run.sh [LOGCOMPAT [SIZES]]
# SIZES defaults to "1000 10000 100000".
set -eu
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/../.." && pwd)
logcompat=$(cd "$(dirname "${1:-$top/src/logcompat}")" && pwd)/$(basename \
    "${1:-$top/src/logcompat}")
sizes=${2:-1000 10000 100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# time_it LABEL N COMMAND...: one line of the table; exit statuses 0 and 1
# are results, a run past BENCH_TIMEOUT seconds (default 300) is shown as
# such, anything else is a failure of the bench.
time_it() {
	label=$1
	n=$2
	shift 2
	status=0
	/usr/bin/time -f '%e %M' -o "$work/time" timeout "${BENCH_TIMEOUT:-300}" \
	    "$@" >/dev/null 2>"$work/err" || status=$?
	if [ $status = 124 ]; then
		printf '%-28s %8s %11s\n' "$label" "$n" \
		    "> ${BENCH_TIMEOUT:-300} s"
		return
	fi
	if [ $status -gt 1 ]; then
		echo "scale: $label $n: exit status $status" >&2
		cat "$work/err" >&2
		exit 1
	fi
	read -r seconds kb <<EOT
$(tail -n 1 "$work/time")
EOT
	printf '%-28s %8s %9s s %8s KB\n' "$label" "$n" "$seconds" "$kb"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' \
	/proc/cpuinfo | head -n 1)"
echo "logcompat: $logcompat"
printf '%-28s %8s %11s %11s\n' "what" "N" "time" "peak RSS"
for n in $sizes; do
	d=$work/levels-$n
	python3 "$top/bench/scale/gen.py" levels "$n" "$d"
	time_it "check, N levels" "$n" "$logcompat" check -r "$d/rules.yaml" \
	    "$d/capture.log"
done
for n in $sizes; do
	d=$work/merge-$n
	python3 "$top/bench/scale/gen.py" merge "$n" "$d"
	time_it "merge, N levels+templates" "$n" "$logcompat" merge \
	    "$d/a.yaml" "$d/b.yaml"
done
for n in $sizes; do
	d=$work/captures-$n
	python3 "$top/bench/scale/gen.py" captures "$n" "$d"
	# One command line for all of them: xargs must not split it.
	(cd "$d" && ls) >"$work/names"
	cd "$d"
	time_it "check, N captures" "$n" xargs -x -s 2000000 -a "$work/names" \
	    "$logcompat" check -r go-log
	time_it "infer, N captures" "$n" xargs -x -s 2000000 -a "$work/names" \
	    "$logcompat" infer
	time_it "templates, N captures" "$n" xargs -x -s 2000000 -a \
	    "$work/names" "$logcompat" templates
	cd "$top"
	rm -rf "$d"
done
