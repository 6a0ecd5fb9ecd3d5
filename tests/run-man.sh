#!/bin/sh
# The manual pages: groff has no warning about either (man --warnings),
# no @variable@ of configure is left in them, and the tagged paragraphs
# the pages had lost are there.  Skipped without man(1).  Read in UTF-8,
# as a terminal shows them: in ASCII, groff warns about every emoji.
. "${srcdir:-.}/tests/lib.sh"
set +e

n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

pages="man/logcompat.1 man/logcompat-rules.5"
if ! command -v man >/dev/null 2>&1; then
	echo "1..0 # SKIP man is not installed"
	exit 0
fi
echo "1..8"
for page in $pages; do
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$srcdir/$page" \
	    >"$work/page.txt" 2>"$work/warnings"
	status=$?
	[ $status = 0 ] && [ ! -s "$work/warnings" ] && [ -s "$work/page.txt" ]
	ok $? "$page: man --warnings: no warning (status $status) $(head -3 "$work/warnings" | tr '\n' ' ')"
	! grep -n '@[a-z_]*@' "$srcdir/$page" >"$work/left"
	ok $? "$page: no @variable@ left $(head -1 "$work/left")"
	cp "$work/page.txt" "$work/$(basename "$page").txt"
done

rules="$work/logcompat-rules.5.txt"
grep -q '^       limits: { match: N, depth: N, jit-stack: SIZE }' "$rules"
ok $? "logcompat-rules(5): limits: is a tagged paragraph of its own"
tr -s ' \n' '  ' <"$rules" | grep -q "then in the rules/ directory of the source tree"
ok $? "logcompat-rules(5): names lookup ends in the source tree's rules/"
grep -q '^       /usr/local/share/logcompat/rules/' "$work/logcompat.1.txt"
ok $? "logcompat(1): FILES names the installed rules directory"
tr -s ' \n' '  ' <"$work/logcompat.1.txt" | grep -q '125 when capture itself failed'
ok $? "logcompat(1): capture's statuses documented"
