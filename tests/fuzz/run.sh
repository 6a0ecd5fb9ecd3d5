#!/bin/sh
# Build the libFuzzer targets with clang, ASan and UBSan, apart from the
# configured build, then run each for a bounded time.
#   sh tests/fuzz/run.sh build               build them only
#   sh tests/fuzz/run.sh [SECONDS [TARGET...]]  build, then run each target
#                                            SECONDS (default 20) on its corpus
# A target NAME is tests/fuzz/fuzz_NAME.c with its seeds in tests/fuzz/NAME/
# and, if there is one, a dictionary tests/fuzz/NAME.dict.  New inputs go to
# a scratch corpus in the build folder, never into the seeds.  Any finding
# (crash, sanitizer report, leak, timeout) fails the run and leaves the input
# in $FUZZ_BUILD/run/NAME/.  FUZZ_BUILD defaults to ./fuzz-build; FUZZ_NICE
# (default 0) is passed to nice.  Targets run two at a time.
set -eu

# Every target; a new one is one more word here.
targets="rules judge timefmt templates pair containerlog records json logfmt detect"

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$top/fuzz-build}
cc=${FUZZ_CC:-clang}
mode=run
if [ "${1:-}" = build ]; then
	mode=build
	shift
fi
seconds=${1:-20}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && targets=$*

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc not found (on Debian: apt-get install clang libclang-rt-dev)" >&2
	exit 2
fi

libs="libpcre2-8 yaml-0.1 jansson"
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
# Flags without paths of ours, split into words; the paths (which may hold
# spaces) are passed quoted, in the sh -c below and in fuzz_cc.
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer $sanitize
-D_POSIX_C_SOURCE=200809L $(pkg-config --cflags $libs)"
compile='exec "$CC" $CFLAGS "-I$BUILD" "-I$TOP/src" \
    "-DLC_RULES_DIR=\"$TOP/rules\"" "-DLC_SOURCE_RULES_DIR=\"$TOP/rules\"" \
    "-DFUZZ_RULES_DIR=\"$TOP/rules\"" "$@"'
export CC="$cc" CFLAGS="$cflags" BUILD="$build" TOP="$top"

# The library: every module but main.c, instrumented for coverage.
mkdir -p "$build/obj"
echo '#define PACKAGE_VERSION "fuzz"' >"$build/config.h"
# Objects are named by their path under src/, since names repeat across
# folders.
(cd "$top/src" && find . -name '*.c' ! -path ./main.c ! -path './cmd/*') |
    sed 's|^\./||' |
    xargs -P 2 -I{} sh -c "$compile"' -fsanitize=fuzzer-no-link \
    -c "$TOP/src/$0" -o "$BUILD/obj/$(echo "$0" | tr / _ | sed "s/\\.c\$//").o"' {}
rm -f "$build/liblogcompat-fuzz.a"
ar rcs "$build/liblogcompat-fuzz.a" "$build"/obj/*.o
for name in $targets; do
	# shellcheck disable=SC2086
	sh -c "$compile" sh -fsanitize=fuzzer "$top/tests/fuzz/fuzz_$name.c" \
	    "$build/liblogcompat-fuzz.a" $(pkg-config --libs $libs) -pthread \
	    -o "$build/fuzz_$name"
done
[ $mode = build ] && exit 0

# One target: run it, print its result; 1 on a finding.
fuzz_one() {
	name=$1
	failed=0
	run=$build/run/$name
	rm -rf "$run"
	mkdir -p "$run/corpus"
	dict=
	[ -f "$top/tests/fuzz/$name.dict" ] && dict=-dict=$top/tests/fuzz/$name.dict
	status=0
	# One slow input is a finding too (-timeout).
	(cd "$run" && nice -n "${FUZZ_NICE:-0}" "$build/fuzz_$name" \
	    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
	    -artifact_prefix="$run/" ${dict:+"$dict"} "$run/corpus" \
	    "$top/tests/fuzz/$name") >"$run/log" 2>&1 || status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run/log")
	if [ $status = 0 ]; then
		echo "fuzz $name: ${runs:-?} runs in ${seconds} s, no finding"
	else
		failed=1
		echo "fuzz $name: FINDING (exit status $status); the log and the input are in $run/"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written|==[0-9]+==' \
		    "$run/log" | head -20 | sed 's/^/    /'
		# CI may delete the build folder: put the input in the log.
		for input in "$run"/crash-* "$run"/leak-* "$run"/timeout-* \
		    "$run"/slow-unit-* "$run"/oom-*; do
			[ -f "$input" ] || continue
			echo "    $(basename "$input"): $(wc -c <"$input") bytes, base64:"
			base64 "$input" | sed 's/^/    /'
		done
	fi
	return $failed
}

# Two targets at a time, one a core, each in a subshell of its own; their
# reports in target order.
failed=0
set -- $targets
while [ $# -gt 0 ]; do
	(fuzz_one "$1") >"$build/report-$1" &
	first=$!
	second=
	if [ $# -gt 1 ]; then
		second=$2
		(fuzz_one "$second") >"$build/report-$second" || failed=1
	fi
	wait $first || failed=1
	cat "$build/report-$1"
	shift
	if [ -n "$second" ]; then
		cat "$build/report-$second"
		shift
	fi
done
exit $failed
