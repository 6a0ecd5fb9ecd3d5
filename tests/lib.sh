# Shared prelude for logcompat's test drivers: strict shell, C locale, a
# scratch folder that is removed on exit, and valgrind when asked
# (LOGCOMPAT_VALGRIND=1 runs the binary under memcheck).
set -eu
LC_ALL=C
export LC_ALL
unset NO_COLOR
srcdir=${srcdir:-.}
srcdir=$(cd "$srcdir" && pwd)
LOGCOMPAT=${LOGCOMPAT:-$srcdir/src/logcompat}
work=$(mktemp -d "${TMPDIR:-/tmp}/logcompat-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Run logcompat with the given arguments, under valgrind when asked.
logcompat() {
	if [ "${LOGCOMPAT_VALGRIND:-0}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite "$LOGCOMPAT" "$@"
	else
		"$LOGCOMPAT" "$@"
	fi
}
