#!/bin/sh
# measure.sh: the share of lnav's sample lines that `logcompat parse -r
# auto` recognises.  Each line is parsed alone, one call a line, with
# the library of rules/ (LOGCOMPAT_LIBRARY=rules): a line counts when
# -r auto picks a file for it and that file reads it as a conforming
# record.  Prints one row a sample file (lines, conforming, the file that
# read each conforming line), with -v the lines missed and what -r auto
# made of them, and the total.
#
# Usage, from the top of the source tree after make:
#   sh tests/lnav-samples/measure.sh [-v] [LOGCOMPAT]

verbose=0
if [ "${1:-}" = -v ]; then
	verbose=1
	shift
fi
lc=${1:-src/logcompat}
dir=$(dirname "$0")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
LOGCOMPAT_LIBRARY=rules
export LOGCOMPAT_LIBRARY

total=0
hit=0
for sample in "$dir"/*.txt; do
	name=$(basename "$sample" .txt)
	lines=0
	ok=0
	formats=
	while IFS= read -r line || [ -n "$line" ]; do
		lines=$((lines + 1))
		printf '%s\n' "$line" > "$tmp/line"
		"$lc" parse -r auto -f json "$tmp/line" > "$tmp/out" \
		    2> /dev/null
		format=$(sed -n \
		    's/.*"verdict":"conforming","format":"\([^"]*\)".*/\1/p' \
		    "$tmp/out")
		if [ -n "$format" ]; then
			ok=$((ok + 1))
			formats="$formats $format"
		elif [ $verbose = 1 ]; then
			got=$(sed -n \
			    's/.*"verdict":"\([a-z]*\)","format":\("[^"]*"\|null\).*/\1 \2/p' \
			    "$tmp/out")
			printf 'miss %s:%d (%s): %.150s\n' "$name" "$lines" \
			    "${got:-nothing fits}" "$line"
		fi
	done < "$sample"
	printf '%-24s %3d lines %3d conforming%s\n' "$name" "$lines" "$ok" \
	    "$formats"
	total=$((total + lines))
	hit=$((hit + ok))
done
printf 'total: %d of %d sample lines conform (%d%%)\n' "$hit" "$total" \
    $((hit * 100 / total))
