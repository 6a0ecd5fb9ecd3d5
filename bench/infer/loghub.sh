#!/bin/sh
# The Loghub-2k measurement of infer and -r auto; see loghub.py.
# usage: bench/infer/loghub.sh [LOGCOMPAT [DATADIR]]
here=$(dirname "$0")
lc=${1:-$here/../../src/logcompat}
data=${2:-${LOGHUB:-/work/shared/data/loghub-dev}}
exec python3 "$here/loghub.py" "$lc" "$data"
