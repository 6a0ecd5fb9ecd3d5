#!/bin/sh
# Build templates_bench from the source tree and run it: grouping accuracy
# on every labelled set in tests/templates/, throughput on one million
# generated seed-style messages, then on messages of 1k, 10k and 100k
# distinct generated events.  (Loghub-2k: loghub.sh.)  Usage, from anywhere:
#   sh bench/templates/run.sh [more templates_bench -t options, e.g. -r 10]
set -eu
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

${CC:-gcc} -std=c11 -O2 -Wall -Wextra -Werror -I"$top/src" \
	"$top/src/mine/templates.c" "$top/src/util/utf8.c" "$top/src/util/xalloc.c" \
	"$top/bench/templates/templates_bench.c" -o "$work/templates_bench"

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' \
	/proc/cpuinfo | head -n 1), compiler: $(${CC:-gcc} --version | head -n 1)"
echo
echo "grouping accuracy (defaults):"
(cd "$top" && "$work/templates_bench" tests/templates/*.tsv)
echo
echo "throughput (defaults, one thread):"
"$work/templates_bench" -t -n 1000000 "$@"
echo
echo "scaling with distinct events (one thread, max_templates 200000):"
for events in 1000 10000 100000; do
	printf '%s events: ' "$events"
	"$work/templates_bench" -e "$events" -m 200000 -n 300000 -r 3 |
	    sed -n 's/^throughput (CPU time): //p'
done
