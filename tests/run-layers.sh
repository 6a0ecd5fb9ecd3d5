#!/bin/sh
# The include rules of src/ (docs: issue 10): the folders stand in the order
# util < input < mine < decode < judge < learn < report < cmd, and a file
# includes only headers of its own folder or of a lower one; modules (a .c
# and its .h) include each other without a cycle.  One TAP line per rule.
. "${srcdir:-.}/tests/lib.sh"

cd "$srcdir/src"
order="util input mine decode judge learn report cmd"

# Includes still going up: none.
allowed="
"
# Module edges left out of the cycle check, for the same reason: capture.c
# opens container logs, whose header takes capture's types.
allowed_cycle="
input/capture input/containerlog
"

rank() {
	i=0
	for f in $order; do
		[ "$f" = "$1" ] && { echo "$i"; return; }
		i=$((i + 1))
	done
	echo -1
}

# FILE INCLUDED pairs, for every quoted include of a folder under src/.
for file in */*.c */*.h; do
	[ -f "$file" ] || continue
	sed -n 's/^#[[:space:]]*include[[:space:]]*"\([a-z]*\/[^"]*\)".*/\1/p' \
	    "$file" | while read -r inc; do
		echo "$file $inc"
	done
done >"$work/edges"

echo "1..2"

: >"$work/up"
while read -r file inc; do
	from=$(rank "${file%%/*}")
	to=$(rank "${inc%%/*}")
	if [ "$from" -lt 0 ] || [ "$to" -lt 0 ]; then
		echo "$file includes $inc: a folder out of the order" >>"$work/up"
	elif [ "$to" -gt "$from" ] &&
	    ! printf '%s\n' "$allowed" | grep -qx "$file $inc"; then
		echo "$file includes $inc, a higher folder" >>"$work/up"
	fi
done <"$work/edges"
if [ -s "$work/up" ]; then
	sed 's/^/# /' "$work/up"
	echo "not ok 1 - no include goes to a higher folder"
else
	echo "ok 1 - no include goes to a higher folder"
fi

# Module graph: FROM-MODULE TO-MODULE, without self edges; tsort finds loops.
while read -r file inc; do
	from=${file%.*}
	to=${inc%.*}
	[ "$from" = "$to" ] || echo "$from $to"
done <"$work/edges" | sort -u | while read -r from to; do
	printf '%s\n' "$allowed_cycle" | grep -qx "$from $to" ||
	    echo "$from $to"
done >"$work/modules"
if tsort "$work/modules" >/dev/null 2>"$work/loops"; then
	echo "ok 2 - no include cycle between modules"
else
	sed 's/^/# /' "$work/loops"
	echo "not ok 2 - no include cycle between modules"
fi
