#!/bin/sh
# The one-machine recipe of logcompat(1), FLEETS, as written there: infer
# a profile per shard in parallel with xargs -P, merge them, then gate a
# deployment's capture on the merged profile.
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/fleet.sh"

echo "1..9"
cd "$work"
# Six workers' captures, one folder each, as a fleet would leave them.
for worker in 1 2 3 4 5 6; do
	events $((worker * 5)) 120 0 >events
	make_capture events "shards/worker-$worker"
done
LOGCOMPAT_BIN=$LOGCOMPAT
export LOGCOMPAT_BIN

# Two more shards: one that logged nothing, one with only pip's output.
mkdir -p shards/worker-7 shards/worker-8
: >shards/worker-7/stdout.log
: >shards/worker-7/stderr.log
printf 'Collecting torch==2.1.0\nInstalling collected packages: torch\n' \
    >shards/worker-8/stdout.log
: >shards/worker-8/stderr.log

# The recipe: the layout from one reference capture, one infer per shard
# under that layout, two at a time; then one merge.
recipe() {
	"$LOGCOMPAT_BIN" infer --name fleet -o layout.yaml shards/worker-1 ||
	    exit 1
	ls -d shards/*/ | sed 's|/$||' |
	    xargs -P 2 -I{} "$LOGCOMPAT_BIN" infer --format-from layout.yaml \
	    -o {}.yaml {} || exit 1
	"$LOGCOMPAT_BIN" merge -o fleet.yaml shards/*.yaml || exit 1
}
r=0
(recipe) 2>recipe.err || r=1
ok $r "infer per shard under xargs -P 2, then merge, with an empty and a pip-only shard"

r=0; [ "$(ls shards/*.yaml | wc -l)" -eq 8 ] && grep -q '^baseline:' fleet.yaml || r=1
ok $r "eight shard profiles, one merged profile with a baseline"

# The empty and the pip-only shard change nothing but the line counts.
r=0
"$LOGCOMPAT_BIN" merge -o six.yaml shards/worker-[1-6].yaml &&
    diff six.yaml fleet.yaml >six.diff || :
{ grep -q '^<   lines: ' six.diff && grep -q '^>   lines: ' six.diff &&
    ! grep '^[<>]' six.diff | grep -qv ' lines[:,.]'; } || r=1
[ $r = 0 ] || sed 's/^/# /' six.diff
ok $r "the empty and pip-only shards add lines, no levels, emoji or templates"

# A shard infer cannot read (no stdout.log, no stderr.log) fails the
# recipe: xargs reports it, and || exit 1 acts on it.
r=0
mkdir shards/worker-9
(recipe) 2>/dev/null && r=1
rmdir shards/worker-9
ok $r "a shard whose infer fails makes the recipe fail"

# The same merge, the shards given in another order: the same bytes.
r=0
"$LOGCOMPAT_BIN" merge -o again.yaml $(ls shards/*.yaml | sort -r) &&
    cmp -s fleet.yaml again.yaml || r=1
ok $r "the merged profile does not depend on the order xargs finished in"

# Gate: a new deployment logging as the fleet did passes...
events 99 200 0 >events
make_capture events deploy-good
status=0
logcompat check -r fleet.yaml deploy-good >out 2>&1 || status=$?
r=0; [ $status = 0 ] && grep -q '^verdict: pass' out || r=1
ok $r "a deployment that logs as the fleet did passes the gate"

# ...and one that drifted fails it (a level never seen is an error).
events 98 200 1 >events
make_capture events deploy-drifted
status=0
logcompat check -r fleet.yaml deploy-drifted >out 2>&1 || status=$?
r=0
{ [ $status = 1 ] && grep -q 'new-template' out && grep -q 'new-emoji' out; } || r=1
ok $r "a deployment that drifted fails the gate, naming what is new"

# The Hadoop Streaming recipe, with split and sort standing in for the
# framework: map tasks read their split on standard input and write one
# line each; one reducer merges.
mkdir task
ln -s "$LOGCOMPAT_BIN" task/logcompat
cat >task/mapper.sh <<'MAPPER'
p=$(mktemp) || exit 1
./logcompat infer --format-from layout.yaml - >"$p" ||
    { rm -f "$p"; exit 1; }
printf 'profile\t%s\n' "$(base64 -w0 "$p")"
rm -f "$p"
MAPPER
cat >task/reducer.sh <<'REDUCER'
i=0
while IFS="$(printf '\t')" read -r key data; do
    i=$((i + 1))
    printf '%s' "$data" | base64 -d >shard-$i.yaml
done
./logcompat merge shard-*.yaml
REDUCER
cat shards/*/stdout.log >all.log
"$LOGCOMPAT_BIN" infer --name fleet - <shards/worker-1/stdout.log \
    >task/layout.yaml 2>/dev/null
mkdir splits && split -l 150 all.log splits/
r=0
(cd task && for s in ../splits/*; do sh mapper.sh <"$s" || exit 1; done) >map.out || r=1
(cd task && sort ../map.out | sh reducer.sh) >hadoop.yaml || r=1
{ [ "$(wc -l <map.out)" -ge 4 ] && grep -q '^streams: any$' hadoop.yaml &&
    grep -q '^baseline:' hadoop.yaml; } || r=1
ok $r "the Hadoop Streaming mapper and reducer give a merged profile"

# Its counts are those of the lines it was given, all of them.
r=0
grep -q "^  lines: $(wc -l <all.log)\$" hadoop.yaml || r=1
ok $r "the merged profile counts every line of every split"
[ $failed = 0 ]
