#!/bin/sh
# Grouping accuracy on the Loghub-2k sets (LogPAI's loghub: 2000 labelled
# lines per system), with the miner's defaults.  Each line's Content is fed
# as `logcompat templates --per-line` reads a line without rules: no level,
# no emoji.  The CSVs are converted to the bench's TSV on the fly; the data
# is not part of the tree.  Usage, from anywhere:
#   sh bench/templates/loghub.sh [DIR] [more templates_bench options, -v]
# Memory on a long capture of each system (its lines again and again,
# numbers varied), one million messages:
#   sh bench/templates/loghub.sh DIR -R -n 1000000
# DIR holds one folder per system with <System>_2k.log_structured.csv
# (default: shared/data/loghub-dev in the repository's parent folder, or
# in the one above for a worktree).
set -eu
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ]; then
	data=$1
	shift
elif [ -d "$top/../shared/data/loghub-dev" ]; then
	data=$top/../shared/data/loghub-dev
else
	data=$top/../../shared/data/loghub-dev
fi
[ -d "$data" ] || { echo "loghub.sh: no folder $data" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

${CC:-gcc} -std=c11 -O2 -Wall -Wextra -Werror -I"$top/src" \
	"$top/src/mine/templates.c" "$top/src/util/utf8.c" "$top/src/util/xalloc.c" \
	"$top/bench/templates/templates_bench.c" -o "$work/templates_bench"

# group<TAB>level<TAB>emoji<TAB>message, as tests/templates/README.md says.
python3 - "$data" "$work" <<'PY'
import csv, glob, os, sys
data, work = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob(os.path.join(data, "*", "*_2k.log_structured.csv"))):
    name = os.path.basename(path).split("_2k")[0]
    with open(path, newline="", encoding="utf-8", errors="replace") as f, \
         open(os.path.join(work, name + ".tsv"), "w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            content = row["Content"].replace("\n", " ").replace("\r", " ")
            out.write("%s\t\t\t%s\n" % (row["EventId"], content))
PY

cd "$work"
# One process a system, so that -R's peak resident size is that system's.
for set in *.tsv; do
	"$work/templates_bench" "$@" "$set"
done | tee "$work/out"
awk '/accuracy/ { for (i = 1; i <= NF; i++) if ($i == "accuracy") {
	s += $(i + 1); n++; if (min == "" || $(i + 1) < min) min = $(i + 1) } }
	END { if (n) printf("average over %d systems: %.4f, lowest %.4f\n",
	    n, s / n, min) }' "$work/out"
