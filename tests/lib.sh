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

# valgrind's options when LOGCOMPAT_VALGRIND=1: any error or definite leak
# makes the exit status 99.
valgrind_options="-q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"

# Run logcompat with the given arguments, under valgrind when asked.
logcompat() {
	if [ "${LOGCOMPAT_VALGRIND:-0}" = 1 ]; then
		# shellcheck disable=SC2086
		valgrind $valgrind_options "$LOGCOMPAT" "$@"
	else
		"$LOGCOMPAT" "$@"
	fi
}

# The same as one command line, for sh -c, timeout(1) and script(1).
logcompat_line() {
	if [ "${LOGCOMPAT_VALGRIND:-0}" = 1 ]; then
		printf "valgrind %s '%s'" "$valgrind_options" "$LOGCOMPAT"
	else
		printf "'%s'" "$LOGCOMPAT"
	fi
}
