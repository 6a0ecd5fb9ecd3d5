#!/bin/sh
# bench/run.sh: how fast `logcompat check` judges a large runpod capture,
# next to `grep -cP` with the same line pattern on the same files, and how
# fast `compare` and `infer` read captures of about 100 MB.
#
# usage: bench/run.sh [LOGCOMPAT [SIZE]]
#   LOGCOMPAT  the binary to time (default: src/logcompat of this tree)
#   SIZE       size of the generated stdout.log: bytes or N[KMG] (default
#              100M); stderr.log is about 3% smaller
# environment:
#   BENCH_OLD   another logcompat binary (an older build) to time in the
#              same run, each of its runs next to one of LOGCOMPAT's; the
#              report then gives old/new ratios
#   BENCH_RUNS  runs of each command, the best is kept (default 3)
#   BENCH_SEED  seed for bench/gen-runpod.py (default 1)
#   BENCH_COMPARE_SIZE  stdout.log size of each of the two captures that
#              `logcompat compare` is timed on, and of the first, which
#              `logcompat infer` is timed on (default 50M: two captures
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
old=${BENCH_OLD:-}
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
[ -z "$old" ] || [ -x "$old" ] || die "BENCH_OLD: no binary at $old"
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
# seconds), cpu_s (least user + system time of any run, seconds) and
# peak_kb (largest peak RSS of any run, from time -v).  CMD's stdout goes
# to $work/NAME.out, its stderr to $work/NAME.err.  An exit status other
# than 0 or 1 ends the benchmark.
measure() {
	name=$1
	shift
	best_ns=
	cpu_s=
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
		cpu_s=$(awk -v best="$cpu_s" '
		    /^[[:space:]]*(User|System) time \(seconds\):/ { t += $NF }
		    END { if (best == "" || t < best + 0) best = t
			printf "%.2f", best }' "$work/$name.time")
		i=$((i + 1))
	done
	best_s=$(awk -v ns="$best_ns" 'BEGIN { printf "%.3f", ns / 1e9 }')
}

# both NAME ARGS...: measure `logcompat ARGS` and, with BENCH_OLD, the old
# binary's, a run of each in turn; sets NAME_s, NAME_cpu, NAME_kb and, with
# BENCH_OLD, NAME_old_s, NAME_old_cpu, NAME_old_kb.
both() {
	bname=$1
	shift
	runs_asked=$runs
	runs=1
	j=0
	n_s= n_cpu= n_kb=0 o_s= o_cpu= o_kb=0
	while [ "$j" -lt "$runs_asked" ]; do
		if [ -n "$old" ]; then
			measure "$bname-old" "$old" "$@"
			o_s=$(least "$o_s" "$best_s")
			o_cpu=$(least "$o_cpu" "$cpu_s")
			[ "$peak_kb" -gt "$o_kb" ] && o_kb=$peak_kb
		fi
		measure "$bname" "$logcompat" "$@"
		n_s=$(least "$n_s" "$best_s")
		n_cpu=$(least "$n_cpu" "$cpu_s")
		[ "$peak_kb" -gt "$n_kb" ] && n_kb=$peak_kb
		j=$((j + 1))
	done
	runs=$runs_asked
	eval "${bname}_s=\$n_s ${bname}_cpu=\$n_cpu ${bname}_kb=\$n_kb"
	eval "${bname}_old_s=\$o_s ${bname}_old_cpu=\$o_cpu ${bname}_old_kb=\$o_kb"
}

# least A B: the smaller of two decimals, B when A is empty.
least() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'
}

# Warm the page cache so that every run reads from memory.
cat "$capture/stdout.log" "$capture/stderr.log" >/dev/null

# The pipe matters: GNU grep stops at the first match when its output is
# /dev/null, and a pipe keeps it reading every line.
measure grep sh -c 'grep -cP -- "$1" "$2" "$3" | cat' sh "$pattern" \
    "$capture/stdout.log" "$capture/stderr.log"
grep_s=$best_s
grep_cpu=$cpu_s
grep_kb=$peak_kb
grep_counts=$(sed 's|.*/||' "$work/grep.out" | tr '\n' ' ')

# Exit status 1 only means the capture has findings.  Rule names resolve to
# this tree's rules/ first.
LOGCOMPAT_RULES_PATH=$top/rules
export LOGCOMPAT_RULES_PATH
both check check -r runpod -f json "$capture"
lc_status=$status

# compare and infer: two captures of about 100 MB each, made with two seeds.
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
infer_lines=$(cat "$compare_dir"/compare-a/*.log | wc -l)
infer_bytes=$(cat "$compare_dir"/compare-a/*.log | wc -c)
both compare compare -f json "$compare_dir/compare-a" "$compare_dir/compare-b"
both infer infer "$compare_dir/compare-a"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
    head -n 1)
[ -n "$cpu" ] || cpu=$(uname -m)
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
version=$("$logcompat" --version 2>/dev/null | head -n 1) || version=unknown

mkdir -p "$here/results"
result=$here/results/$(date -u +%Y%m%dT%H%M%SZ).txt
{
	printf 'logcompat benchmark, %s\n' "$stamp"
	printf 'machine:   %s, %d CPUs (nproc), %s\n' "$cpu" "$(nproc)" \
	    "$(uname -sr)"
	printf 'tools:     %s; %s; LC_ALL=%s\n' "$version" \
	    "$(grep --version | head -n 1)" "$LC_ALL"
	printf 'binaries:  new %s\n' "$logcompat"
	[ -z "$old" ] || printf '           old %s\n' "$old"
	printf 'runs:      best of %d' "$runs"
	[ -z "$old" ] || printf ', old and new in turn'
	printf '\n\n'
	awk -v bytes="$bytes" -v size="$size" -v seed="$seed" \
	    -v cbytes="$compare_bytes" -v clines="$compare_lines" \
	    -v ibytes="$infer_bytes" -v ilines="$infer_lines" '
	    BEGIN {
		printf "check:     runpod capture, %.1f MB in stdout.log + " \
		    "stderr.log (size %s, seed %d)\n", bytes / 1e6, size, seed
		printf "compare:   captures A and B, %.1f MB and %d lines in " \
		    "all (reference format from -r auto)\n", cbytes / 1e6, clines
		printf "infer:     capture A, %.1f MB and %d lines\n\n", \
		    ibytes / 1e6, ilines
	    }'
	row() {
		awk -v name="$1" -v s="$2" -v cpu="$3" -v kb="$4" \
		    -v mb="$5" 'BEGIN {
			printf "%-40s %8.3f %8.2f %8.1f %8.1f\n", name, s, cpu,
			    (s > 0 ? mb / s : 0), kb / 1024 }'
	}
	printf '%-40s %8s %8s %8s %8s\n' command "wall s" "CPU s" MB/s \
	    "RSS MB"
	mb=$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')
	cmb=$(awk -v b="$compare_bytes" 'BEGIN { print b / 1e6 }')
	imb=$(awk -v b="$infer_bytes" 'BEGIN { print b / 1e6 }')
	row "grep -cP LINE | cat" "$grep_s" "$grep_cpu" "$grep_kb" "$mb"
	for cmd in check compare infer; do
		case $cmd in
		check) label="check -r runpod -f json CAPTURE"; m=$mb ;;
		compare) label="compare -f json A B"; m=$cmb ;;
		infer) label="infer A"; m=$imb ;;
		esac
		if [ -n "$old" ]; then
			eval "row \"old \$label\" \$${cmd}_old_s \$${cmd}_old_cpu \$${cmd}_old_kb \$m"
		fi
		eval "row \"\$label\" \$${cmd}_s \$${cmd}_cpu \$${cmd}_kb \$m"
	done
	echo
	awk -v g="$grep_s" -v n="$check_s" 'BEGIN {
		printf "check beside grep: %.2f of grep'\''s throughput " \
		    "(%.2fx grep'\''s time)\n", g / n, n / g }'
	if [ -n "$old" ]; then
		awk -v g="$grep_s" -v o="$check_old_s" 'BEGIN {
			printf "old check beside grep: %.2f of grep'\''s " \
			    "throughput (%.2fx grep'\''s time)\n", g / o, o / g }'
		for cmd in check compare infer; do
			eval "os=\$${cmd}_old_s ns=\$${cmd}_s"
			eval "oc=\$${cmd}_old_cpu nc=\$${cmd}_cpu"
			awk -v c="$cmd" -v os="$os" -v ns="$ns" -v oc="$oc" \
			    -v nc="$nc" 'BEGIN {
				printf "%s, old over new: %.2f times the wall " \
				    "time, %.2f times the CPU time\n", c,
				    (ns > 0 ? os / ns : 0), (nc > 0 ? oc / nc : 0) }'
		done
	fi
	printf "grep counts (file:lines): %s\n" "$grep_counts"
	printf "logcompat check exit status: %d\n" "$lc_status"
} | tee "$result"
echo "saved to $result" >&2
