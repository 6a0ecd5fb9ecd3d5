#!/bin/sh
# bench/run.sh: how fast `logcompat check` judges a large runpod capture,
# next to `grep -cP` with the same line pattern on the same files.
#
# usage: bench/run.sh [LOGCOMPAT [SIZE]]
#   LOGCOMPAT  the binary to time (default: src/logcompat of this tree)
#   SIZE       size of the generated stdout.log: bytes or N[KMG] (default
#              100M); stderr.log is about 3% smaller
# environment:
#   BENCH_RUNS  runs of each command, the best is kept (default 3)
#   BENCH_SEED  seed for bench/gen-runpod.py (default 1)
#   BENCH_COMPARE_SIZE  stdout.log size of each of the two captures that
#              `logcompat compare` is timed on (default 50M: two captures
#              of about 100 MB each, seeds 1 and 2)
#
# It builds nothing.  The capture is generated into a temporary directory,
# or kept in bench/data/ when that directory exists (it is gitignored); a
# capture there is reused when it was made with the same SIZE and seed.
# The report goes to stdout and to bench/results/.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
logcompat=${1:-$top/src/logcompat}
size=${2:-100M}
runs=${BENCH_RUNS:-3}
seed=${BENCH_SEED:-1}
rules=$top/rules/runpod.yaml

die() {
	echo "bench/run.sh: $*" >&2
	exit 2
}

case $runs in
''|*[!0-9]*|0) die "BENCH_RUNS must be a positive integer" ;;
esac
[ -x "$logcompat" ] || die "no logcompat binary at $logcompat (build it first)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
[ -r "$rules" ] || die "cannot read $rules"

# grep -P runs PCRE2 in UTF mode under a UTF-8 locale, as logcompat does.
if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
	LC_ALL=C.UTF-8
else
	LC_ALL=C
fi
export LC_ALL

# The `line` pattern of rules/runpod.yaml, a single-quoted YAML scalar.
pattern=$(sed -n "s/^line:[[:space:]]*'\(.*\)'[[:space:]]*\$/\1/p" "$rules" |
    sed "s/''/'/g")
[ -n "$pattern" ] || die "no single-quoted 'line:' in $rules"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

params="size=$size seed=$seed generator=$(cksum <"$here/gen-runpod.py")"
if [ -d "$here/data" ]; then
	capture=$here/data
	if [ -f "$capture/stdout.log" ] && [ -f "$capture/stderr.log" ] &&
	    [ "$(cat "$capture/params" 2>/dev/null)" = "$params" ]; then
		echo "reusing the capture in $capture" >&2
	else
		rm -f "$capture/params"
		python3 "$here/gen-runpod.py" --size "$size" --seed "$seed" \
		    "$capture"
		echo "$params" >"$capture/params"
	fi
else
	capture=$work/capture
	python3 "$here/gen-runpod.py" --size "$size" --seed "$seed" "$capture"
fi
bytes=$(($(wc -c <"$capture/stdout.log") + $(wc -c <"$capture/stderr.log")))

now_ns() {
	date +%s%N
}

# measure NAME CMD...: run CMD $runs times; sets best_s (fastest wall time,
# seconds) and peak_kb (largest peak RSS of any run, from time -v).  CMD's
# stdout goes to $work/NAME.out, its stderr to $work/NAME.err.  An exit
# status other than 0 or 1 ends the benchmark.
measure() {
	name=$1
	shift
	best_ns=
	peak_kb=0
	i=0
	while [ "$i" -lt "$runs" ]; do
		start=$(now_ns)
		set +e
		/usr/bin/time -v -o "$work/$name.time" "$@" \
		    >"$work/$name.out" 2>"$work/$name.err"
		status=$?
		set -e
		end=$(now_ns)
		if [ "$status" -gt 1 ]; then
			cat "$work/$name.err" >&2
			die "$name exited with status $status"
		fi
		elapsed=$((end - start))
		if [ -z "$best_ns" ] || [ "$elapsed" -lt "$best_ns" ]; then
			best_ns=$elapsed
		fi
		kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' \
		    "$work/$name.time")
		if [ -n "$kb" ] && [ "$kb" -gt "$peak_kb" ]; then
			peak_kb=$kb
		fi
		i=$((i + 1))
	done
	best_s=$(awk -v ns="$best_ns" 'BEGIN { printf "%.3f", ns / 1e9 }')
}

# Warm the page cache so that every run reads from memory.
cat "$capture/stdout.log" "$capture/stderr.log" >/dev/null

# The pipe matters: GNU grep stops at the first match when its output is
# /dev/null, and a pipe keeps it reading every line.
measure grep sh -c 'grep -cP -- "$1" "$2" "$3" | cat' sh "$pattern" \
    "$capture/stdout.log" "$capture/stderr.log"
grep_s=$best_s
grep_kb=$peak_kb
grep_counts=$(sed 's|.*/||' "$work/grep.out" | tr '\n' ' ')

# Exit status 1 only means the capture has findings.  Rule names resolve to
# this tree's rules/ first.
LOGCOMPAT_RULES_PATH=$top/rules
export LOGCOMPAT_RULES_PATH
measure logcompat "$logcompat" check -r runpod -f json "$capture"
lc_s=$best_s
lc_kb=$peak_kb
lc_status=$status

# compare: two captures of about 100 MB each, made with two seeds.
compare_size=${BENCH_COMPARE_SIZE:-50M}
compare_dir=$work
[ -d "$here/data" ] && compare_dir=$here/data
for side in a b; do
	dir=$compare_dir/compare-$side
	cparams="size=$compare_size side=$side generator=$(cksum <"$here/gen-runpod.py")"
	if [ "$(cat "$dir/params" 2>/dev/null)" != "$cparams" ]; then
		python3 "$here/gen-runpod.py" --size "$compare_size" \
		    --seed "$([ $side = a ] && echo 1 || echo 2)" "$dir" >&2
		echo "$cparams" >"$dir/params"
	fi
	cat "$dir/stdout.log" "$dir/stderr.log" >/dev/null
done
compare_lines=$(cat "$compare_dir"/compare-a/*.log "$compare_dir"/compare-b/*.log | wc -l)
compare_bytes=$(cat "$compare_dir"/compare-a/*.log "$compare_dir"/compare-b/*.log | wc -c)
measure compare "$logcompat" compare -f json "$compare_dir/compare-a" \
    "$compare_dir/compare-b"
compare_s=$best_s
compare_kb=$peak_kb

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
    head -n 1)
[ -n "$cpu" ] || cpu=$(uname -m)
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
version=$("$logcompat" --version 2>/dev/null | head -n 1) || version=unknown

mkdir -p "$here/results"
result=$here/results/$(date -u +%Y%m%dT%H%M%SZ).txt
awk -v bytes="$bytes" -v grep_s="$grep_s" -v lc_s="$lc_s" \
    -v grep_kb="$grep_kb" -v lc_kb="$lc_kb" -v runs="$runs" \
    -v stamp="$stamp" -v cpu="$cpu" -v nproc="$(nproc)" \
    -v kernel="$(uname -sr)" -v version="$version" \
    -v grepv="$(grep --version | head -n 1)" -v counts="$grep_counts" \
    -v status="$lc_status" -v size="$size" -v seed="$seed" \
    -v locale="$LC_ALL" -v compare_s="$compare_s" \
    -v compare_kb="$compare_kb" -v compare_lines="$compare_lines" \
    -v compare_bytes="$compare_bytes" 'BEGIN {
	mb = bytes / 1e6
	printf "logcompat benchmark, %s\n", stamp
	printf "machine:   %s, %d CPUs (nproc), %s\n", cpu, nproc, kernel
	printf "tools:     %s; %s; LC_ALL=%s\n", version, grepv, locale
	printf "capture:   runpod, %.1f MB in stdout.log + stderr.log " \
	    "(size %s, seed %d)\n", mb, size, seed
	printf "runs:      best of %d\n\n", runs
	printf "%-34s %8s %10s %12s\n", "command", "seconds", "MB/s", \
	    "peak RSS MB"
	printf "%-34s %8.3f %10.1f %12.1f\n", "grep -cP LINE | cat", grep_s, \
	    (grep_s > 0 ? mb / grep_s : 0), grep_kb / 1024
	printf "%-34s %8.3f %10.1f %12.1f\n", "logcompat check -r runpod -f json", \
	    lc_s, (lc_s > 0 ? mb / lc_s : 0), lc_kb / 1024
	printf "\nratio logcompat/grep: %.2f of grep'\''s throughput " \
	    "(logcompat takes %.2fx grep'\''s time)\n", \
	    (lc_s > 0 ? grep_s / lc_s : 0), (grep_s > 0 ? lc_s / grep_s : 0)
	printf "grep counts (file:lines): %s\n", counts
	printf "logcompat exit status: %d\n", status
	printf "\ncompare: two captures, %.1f MB and %d lines in all " \
	    "(inferred reference format)\n", compare_bytes / 1e6, compare_lines
	printf "%-34s %8.3f %10.0f lines/s %6.1f MB peak RSS\n", \
	    "logcompat compare -f json A B", compare_s, \
	    (compare_s > 0 ? compare_lines / compare_s : 0), compare_kb / 1024
}' | tee "$result"
echo "saved to $result" >&2
