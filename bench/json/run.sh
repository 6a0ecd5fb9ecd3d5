#!/bin/sh
# check -r ecs on JSON Lines beside jq on the same file, in the same run.
# A generated capture of ECS lines (BENCH_JSON_MB, default 200 MB: the
# keys of @elastic/ecs-pino-format's output in the spec's order, levels
# and messages varied, a nested object on every third line) is read by
#     logcompat check -r ecs FILE
#     jq -c 'select(has("@timestamp") and has("log.level"))' FILE
# each BENCH_JSON_RUNS times (default 3); the best wall time of each, its
# throughput, the ratio (the issue's goal: at least 5 times jq) and the
# peak RSS (goal: under 16 MiB) come from /usr/bin/time.  On a busy
# machine wall times vary: the best of several runs is the fairest.
#   bench/json/run.sh [LOGCOMPAT]
set -eu
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/../.." && pwd)
logcompat=${1:-$top/src/logcompat}
mb=${BENCH_JSON_MB:-200}
runs=${BENCH_JSON_RUNS:-3}
work=${BENCH_JSON_DIR:-$(mktemp -d)}
[ -n "${BENCH_JSON_DIR:-}" ] || trap 'rm -rf "$work"' EXIT INT TERM
data=$work/ecs.log

command -v jq >/dev/null || { echo "bench/json: jq not found" >&2; exit 2; }

if [ ! -s "$data" ]; then
	awk -v bytes=$((mb * 1000000)) 'BEGIN {
		split("info info info info debug warn error", level, " ")
		split("request handled|cache miss|slow request|payment " \
		    "failed|service starting|config loaded", message, "|")
		for (n = 0; total < bytes; n++) {
			ms = n % 1000; s = int(n / 1000) % 60
			line = sprintf("{\"@timestamp\":\"2026-12-06T22:%02d:" \
			    "%02d.%03dZ\",\"log.level\":\"%s\",\"message\":" \
			    "\"%s %d\",\"ecs.version\":\"8.10.0\"," \
			    "\"process.pid\":9729,\"host.hostname\":\"vm\"",
			    int(n / 60000) % 60, s, ms, level[n % 7 + 1],
			    message[n % 6 + 1], n)
			if (n % 3 == 0)
				line = line sprintf(",\"req\":{\"id\":\"r-%d\"," \
				    "\"method\":\"GET\",\"path\":\"/orders/%d\"," \
				    "\"level\":\"DEBUG\"},\"status\":200", n, n)
			line = line "}"
			print line
			total += length(line) + 1
		}
	}' >"$data"
fi
size=$(wc -c <"$data")
lines=$(wc -l <"$data")

# best LABEL COMMAND...: the best of $runs wall times, and the peak RSS.
best() {
	label=$1
	shift
	best_s= best_kb=0
	for _ in $(seq "$runs"); do
		status=0
		/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null \
		    2>"$work/err" || status=$?
		if [ $status -gt 1 ]; then
			echo "bench/json: $label: exit status $status" >&2
			cat "$work/err" >&2
			exit 1
		fi
		read -r s kb <"$work/time"
		if [ -z "$best_s" ] || awk "BEGIN { exit !($s < $best_s) }"; then
			best_s=$s
		fi
		[ "$kb" -gt "$best_kb" ] && best_kb=$kb
	done
	awk -v l="$label" -v s="$best_s" -v kb="$best_kb" -v size="$size" \
	    'BEGIN { printf "%-10s %8.2f s %9.1f MB/s %8.1f MiB peak RSS\n",
	    l, s, size / 1e6 / (s > 0 ? s : 0.01), kb / 1024 }'
	eval "${label}_s=$best_s"
}

echo "bench/json: $size bytes, $lines ECS lines, best of $runs runs"
best check "$logcompat" check -r ecs "$data"
best jq jq -c 'select(has("@timestamp") and has("log.level"))' "$data"
awk -v c="$check_s" -v j="$jq_s" 'BEGIN { printf "ratio: check is %.1f times as fast as jq (goal: 5)\n", j / (c > 0 ? c : 0.01) }'
