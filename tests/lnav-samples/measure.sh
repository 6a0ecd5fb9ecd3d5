#!/bin/sh
# measure.sh: how many of lnav's sample lines conform to a rule file of
# rules/.  Each line is checked alone against each rule file with
# `logcompat check -r FILE`; a line counts when one file reads it as a
# conforming log line (matched, no finding).  Prints one row a sample
# file (lines, conforming, the first file that read each) and the total.
#
# Usage, from the top of the source tree after make:
#   sh tests/lnav-samples/measure.sh [LOGCOMPAT]

lc=${1:-src/logcompat}
dir=$(dirname "$0")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

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
		for rules in rules/*.yaml; do
			if "$lc" check -r "$rules" "$tmp/line" 2>/dev/null |
			    grep -q '^total: *1 lines: 1 conforming'; then
				ok=$((ok + 1))
				formats="$formats $(basename "$rules" .yaml)"
				break
			fi
		done
	done < "$sample"
	printf '%-24s %3d lines %3d conforming%s\n' "$name" "$lines" "$ok" \
	    "$formats"
	total=$((total + lines))
	hit=$((hit + ok))
done
printf 'total: %d of %d sample lines conform (%d%%)\n' "$hit" "$total" \
    $((hit * 100 / total))
