#!/bin/sh
# The README's quick start, as one script so that the README and CI run
# the very same steps.
#   sh scripts/quickstart.sh demo   install what is missing, build, check and
#                                   compare the two example backends
#   sh scripts/quickstart.sh test   install what is missing, build, run every
#                                   test, then again under ASan and UBSan, the
#                                   end-to-end tests under valgrind, and each
#                                   fuzz target for 20 seconds
set -eu
cd "$(dirname "$0")/.."

packages="build-essential autoconf automake pkg-config libpcre2-dev
libyaml-dev libjansson-dev libcmocka-dev valgrind clang libclang-rt-dev time
python3 python3-jsonschema python3-yaml chromium man-db"

# Install only what is missing, so that a second run needs no network.
missing=
for package in $packages; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $package"
done
if [ -n "$missing" ]; then
	echo "quickstart: installing$missing"
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure --enable-werror
make -j2

case "${1:-demo}" in
demo)
	# Do both example backends conform, and are they compatible?
	set -x
	src/logcompat check -r runpod examples/fastbackend/capture examples/backend/capture
	src/logcompat compare -f markdown examples/fastbackend/capture examples/backend/capture
	;;
test)
	make -j2 check
	make -j2 distcheck
	# Once more with ASan and UBSan, in a copy of the tree.
	sanitized=$(mktemp -d)
	trap 'rm -rf "$sanitized"' EXIT
	git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$sanitized"
	(cd "$sanitized" && autoreconf -fi >/dev/null 2>&1 &&
	    ./configure -q --enable-sanitizers && make -j2 check)
	# The end-to-end tests under valgrind memcheck: any error fails a case.
	# Two runs at a time, one a core: half the golden cases beside the
	# other half and then the other scripts.
	valgrind_run() {
		tap=$1
		shift
		LOGCOMPAT_VALGRIND=1 srcdir=. sh "$@" >"$sanitized/$tap.tap" ||
		    { grep -v '^ok' "$sanitized/$tap.tap"; return 1; }
		echo "valgrind: $tap: $(grep -c '^ok' "$sanitized/$tap.tap") cases, no error"
	}
	golden=$(cd tests/e2e && find . -name args | sed 's|^\./||; s|/args$||' | sort)
	valgrind_run golden-a tests/run-golden.sh $(echo "$golden" | awk 'NR % 2') &
	first=$!
	status=0
	valgrind_run golden-b tests/run-golden.sh $(echo "$golden" | awk 'NR % 2 == 0') ||
	    status=1
	for e2e in run-infer run-capture run-hostile run-color run-output; do
		valgrind_run $e2e tests/$e2e.sh || status=1
	done
	wait $first || status=1
	[ $status = 0 ] || exit 1
	# Each fuzz target for a bounded time, built apart with clang.
	FUZZ_BUILD="$sanitized/fuzz" sh tests/fuzz/run.sh 20
	;;
*)
	echo "usage: sh scripts/quickstart.sh demo|test" >&2
	exit 2
	;;
esac
