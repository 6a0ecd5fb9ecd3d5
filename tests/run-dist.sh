#!/bin/sh
# What a release tarball must carry: every rule file of rules/ is in
# Makefile.am's dist_rules_DATA (installed and distributed), and every
# tests/run-*.sh is named in Makefile.am (run by make check, shipped).
# A file added without its line passes in the tree and fails distcheck.
. "${srcdir:-.}/tests/lib.sh"

cd "$srcdir"
echo "1..2"
missing=
for f in rules/*.yaml; do
	grep -q "^	$f \\{0,1\\}\\\\\\{0,1\\}$" Makefile.am || missing="$missing $f"
done
if [ -z "$missing" ]; then
	echo "ok 1 - every rules/*.yaml is in dist_rules_DATA"
else
	echo "not ok 1 - every rules/*.yaml is in dist_rules_DATA (missing:$missing)"
fi
missing=
for f in tests/run-*.sh; do
	grep -q "$f" Makefile.am || missing="$missing $f"
done
if [ -z "$missing" ]; then
	echo "ok 2 - every tests/run-*.sh is named in Makefile.am"
else
	echo "not ok 2 - every tests/run-*.sh is named in Makefile.am (missing:$missing)"
fi
