#!/bin/sh
# Real recordings against the library and themselves.
# usage: bench/selfcompat/run.sh self|detect [LOGCOMPAT [LOGHUB]]
#
# self: every real recording compared with itself, as compare finds its
# reference format (the library then inference, -r auto, -r infer); a
# capture must be compatible with itself.  One line per capture and way:
# the exit status (0 compatible, 1 incompatible, 2 refused), the way, the
# capture and its incompatible dimensions; then the count of each status.
# The captures: each folder of tests/real/ holding stdout.log or
# stderr.log (its two streams), every other .log file there, and every
# Loghub development file.
#
# detect: the library file -r auto chooses for every .log under tests/
# and every Loghub development file, one line each (the capture, then
# what detection says of it); run it with two binaries and diff the
# outputs to see which choices a change moves.
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
what=${1:-}
lc=${2:-$top/src/logcompat}
loghub=${3:-${LOGHUB:-/work/shared/data/loghub-dev}}
LC_ALL=C
export LC_ALL
LOGCOMPAT_RULES_PATH=
export LOGCOMPAT_RULES_PATH
cd "$top" || exit 2

loghub_files() {
	[ -d "$loghub" ] && find "$loghub" -name '*.log' -type f | sort
}

recordings() {
	for d in tests/real/*/; do
		d=${d%/}
		if [ -f "$d/stdout.log" ] || [ -f "$d/stderr.log" ]; then
			echo "$d"
		fi
		for f in "$d"/*.log; do
			case ${f##*/} in
			stdout.log|stderr.log|capture.log) continue ;;
			esac
			[ -f "$f" ] && echo "$f"
		done
	done
	loghub_files
}

# The incompatible dimensions of a JSON compare report.
incompatible() {
	python3 -c '
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(0)
print(",".join(d["name"] for d in r.get("dimensions", [])
    if d.get("verdict") == "incompatible"))
' "$1"
}

self() {
	out=$(mktemp)
	trap 'rm -f "$out" "$out.all"' EXIT INT TERM
	recordings | while read -r c; do
		for way in default auto infer; do
			case $way in
			default) set -- ;;
			*) set -- -r "$way" ;;
			esac
			"$lc" compare "$@" -f json --color never "$c" "$c" \
			    >"$out" 2>/dev/null
			st=$?
			printf '%s %-7s %s %s\n' "$st" "$way" \
			    "${c#"$loghub"/}" "$(incompatible "$out")"
		done
	done | tee "$out.all"
	echo
	for way in default auto infer; do
		awk -v w="$way" '$2 == w { n[$1]++ } END {
		    printf "%-7s compatible %d, incompatible %d, refused %d\n",
		    w, n[0], n[1], n[2] }' "$out.all"
	done
}

detect() {
	{
		find tests -name '*.log' -type f | sort
		loghub_files
	} | while read -r f; do
		said=$("$lc" parse -r auto -f json "$f" 2>&1 >/dev/null |
		    head -1)
		printf '%s\t%s\n' "${f#"$loghub"/}" \
		    "${said#logcompat: -r auto: }"
	done
}

case $what in
self) self ;;
detect) detect ;;
*)
	echo "usage: bench/selfcompat/run.sh self|detect [LOGCOMPAT [LOGHUB]]" >&2
	exit 2
	;;
esac
