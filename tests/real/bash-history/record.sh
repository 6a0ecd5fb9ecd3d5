#!/bin/bash
# Records the history file of an interactive bash with HISTTIMEFORMAT set,
# so that bash writes '#EPOCH' before each command, and with lithist on,
# so that a multi-line command keeps its newlines.  The commands are fed
# to bash -i on stdin; HISTFILE points into a temp dir.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
HISTFILE="$T/history" HISTTIMEFORMAT="%F %T " bash --norc -i >/dev/null 2>&1 <<'CMDS' || true
shopt -s cmdhist lithist
echo "start of session"
ls -l /etc/hostname
for f in a b c; do
  echo "item $f"
done
grep -c root /etc/passwd
echo "café ☕ done"
false || echo "failed as expected"
cat <<'TXT' > note.txt
line one
line two
TXT
sleep 1
date -u +%FT%TZ
CMDS
cp "$T/history" "$OUT/bash-history.log"
