#!/bin/sh
# logcompat merge, property tests on generated input: a capture (fixed
# seed) is cut at random points into shards, each shard is inferred, and
# the shard profiles are merged in different orders and groupings.  The
# merges must be byte for byte the same, must equal the profile inferred
# from the whole capture in every count and set (levels, emoji, streams,
# the layout, the shapes), must pass the whole capture and every shard,
# and must judge other captures (fresh, drifted, partial) exactly as it
# does: every finding, new-template included, and the exit status
# (logcompat(1), MERGE).  The generator's messages with several free-word
# slots are the ones whose templates differ; their shapes do not.
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/fleet.sh"

rounds=10
echo "1..$((rounds * 8 + 2))"
for round in $(seq 1 $rounds); do
	dir=$work/round$round
	mkdir "$dir"
	events $((round * 11)) 360 0 1 >"$dir/events"
	make_capture "$dir/events" "$dir/whole"
	logcompat infer --name fleet -o "$dir/whole.yaml" "$dir/whole"
	# 3 to 5 shards, cut at random points, each at least 25 events.
	awk -v seed=$((round * 17)) -v total=360 'BEGIN {
		srand(seed)
		shards = 3 + int(rand() * 3)
		from = 1
		for (s = 1; s < shards; s++) {
			# Events this shard may take, leaving 25 to each after it.
			left = total - from + 1 - 25 * (shards - s)
			to = from + 24 + int(rand() * (left - 24))
			print from, to
			from = to + 1
		}
		print from, total
	}' >"$dir/cuts"
	shards=
	i=0
	while read -r from to; do
		i=$((i + 1))
		make_capture "$dir/events" "$dir/s$i" "$from" "$to"
		logcompat infer --name fleet -o "$dir/s$i.yaml" "$dir/s$i"
		shards="$shards $dir/s$i.yaml"
	done <"$dir/cuts"
	# shellcheck disable=SC2086
	set -- $shards
	cuts=$(tr '\n' ' ' <"$dir/cuts")

	logcompat merge -o "$dir/all.yaml" "$@"
	# shellcheck disable=SC2046
	logcompat merge -o "$dir/reversed.yaml" $(printf '%s\n' "$@" | sort -r)
	r=0; cmp -s "$dir/all.yaml" "$dir/reversed.yaml" || r=1
	ok $r "round $round ($# shards, cuts $cuts): the order of the shards does not matter"

	logcompat merge -o "$dir/ab.yaml" "$1" "$2"
	logcompat merge -o "$dir/ba.yaml" "$2" "$1"
	r=0; cmp -s "$dir/ab.yaml" "$dir/ba.yaml" || r=1
	ok $r "round $round: merge(a,b) == merge(b,a)"

	logcompat merge -o "$dir/ab_c.yaml" "$dir/ab.yaml" "$3"
	logcompat merge -o "$dir/bc.yaml" "$2" "$3"
	logcompat merge -o "$dir/a_bc.yaml" "$1" "$dir/bc.yaml"
	logcompat merge -o "$dir/abc.yaml" "$1" "$2" "$3"
	r=0
	{ cmp -s "$dir/ab_c.yaml" "$dir/a_bc.yaml" &&
	    cmp -s "$dir/ab_c.yaml" "$dir/abc.yaml"; } || r=1
	ok $r "round $round: merge(merge(a,b),c) == merge(a,merge(b,c)) == merge(a,b,c)"

	# Grouped by pairs from the end, then all: the same as all at once.
	shift 3
	grouped=$dir/abc.yaml
	for rest in "$@"; do
		logcompat merge -o "$dir/g.yaml" "$rest" "$grouped"
		mv "$dir/g.yaml" "$dir/grouped.yaml"
		grouped=$dir/grouped.yaml
	done
	r=0; cmp -s "$dir/all.yaml" "$grouped" || r=1
	ok $r "round $round: merged in groups == merged at once"

	# Counts, sets and shapes are exact: all is the whole's but the
	# samples and the templates (a shard's miner may keep literal what the
	# whole's generalized: see logcompat(1), MERGE).
	sed '/^samples:/,/^$/d; /^  templates:/,$d' "$dir/whole.yaml" >"$dir/whole.exact"
	sed '/^samples:/,/^$/d; /^  templates:/,$d' "$dir/all.yaml" >"$dir/all.exact"
	r=0; cmp -s "$dir/whole.exact" "$dir/all.exact" || r=1
	ok $r "round $round: the merged profile has the whole's counts and sets"

	# Every line a shard knew stays known: the merged profile passes the
	# whole capture and each shard as the whole's profile does, with no
	# new-template finding.
	r=0
	for capture in whole $(cd "$dir" && ls -d s[0-9]*/); do
		capture=${capture%/}
		verdict "$dir/whole.yaml" "$dir/$capture" "$dir/$capture.by-whole"
		verdict "$dir/all.yaml" "$dir/$capture" "$dir/$capture.by-merged"
		{ cmp -s "$dir/$capture.by-whole" "$dir/$capture.by-merged" &&
		    ! grep -q new-template "$dir/$capture.by-merged"; } || r=1
	done
	ok $r "round $round: the whole capture and every shard get no new-template finding"

	# Other captures: every finding, new-template included, and the exit
	# status are the same (new-template is a warning here).
	events $((round * 11 + 100)) 300 0 1 >"$dir/fresh.events"
	make_capture "$dir/fresh.events" "$dir/fresh"
	events $((round * 11 + 200)) 300 1 1 >"$dir/drifted.events"
	make_capture "$dir/drifted.events" "$dir/drifted"
	make_capture "$dir/events" "$dir/piece" 100 180
	same=0
	for capture in fresh drifted piece; do
		verdict "$dir/whole.yaml" "$dir/$capture" "$dir/$capture.whole"
		verdict "$dir/all.yaml" "$dir/$capture" "$dir/$capture.merged"
		cmp -s "$dir/$capture.whole" "$dir/$capture.merged" || same=1
		echo "# round $round $capture: new-template findings, whole" \
		    "$(grep -c ': new-template:' "$dir/$capture.whole")," \
		    "merged $(grep -c ': new-template:' "$dir/$capture.merged")"
	done
	ok $same "round $round: fresh, drifted and partial captures get the same findings, new-template included, and the same exit status"

	# The drifted capture is caught (warnings: exit 0), the fresh passes.
	r=0
	{ grep -q 'new-template: new template .Cache warmed with <NUM> entries in <DUR>. at level INFO' \
	    "$dir/drifted.merged" &&
	    grep -q "new-emoji: new emoji '🔥' at level INFO" "$dir/drifted.merged" &&
	    grep -q "level: level 'DEBUG' is not one of INFO, WARN, ERROR" "$dir/drifted.merged" &&
	    grep -q 'level-share: level WARN is' "$dir/drifted.merged" &&
	    grep -q '^exit status 1$' "$dir/drifted.merged" &&
	    grep -q '^exit status 0$' "$dir/fresh.merged"; } || r=1
	ok $r "round $round: the drifted capture has each kind of finding"
done

# Shards whose layouts differ cannot be merged.
mkdir "$work/other"
sed 's/^\[\([0-9:]*\)\] /\1 | /' "$work/round1/whole/stdout.log" >"$work/other/stdout.log"
logcompat infer --name fleet -o "$work/other.yaml" "$work/other"
status=0
logcompat merge "$work/round1/whole.yaml" "$work/other.yaml" >/dev/null 2>"$work/err" || status=$?
r=0
{ [ $status = 2 ] && grep -q 'have different layouts' "$work/err"; } || r=1
ok $r "profiles of different layouts: exit status 2 and a message"
# Merge is linear in templates: two profiles of 40000 templates each
# (a scan per template took 1.8 s for 2 x 8000, quadratic from there).
for side in a b; do
	awk -v side=$side 'BEGIN {
		n = 40000
		print "format: q"
		print "line: '\''^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): (?<message>.*)$'\''"
		print "time: '\''%H:%M:%S'\''"
		print "levels: [INFO]"
		print "emoji: none"
		print "baseline:"
		print "  layout: '\''[TIME] LEVEL: MESSAGE'\''"
		print "  lines: " n
		print "  log-lines: " n
		print "  levels: { INFO: " n " }"
		print "  emoji: { INFO: { '\'''\'': " n " } }"
		print "  templates:"
		# Half the texts are shared by a and b, half their own.
		for (i = 0; i < n; i++)
			printf "    - { count: 1, level: INFO, text: '\''w%s%d x'\'' }\n",
			    i % 2 ? side : "", i
	}' >"$work/big-$side.yaml"
done
start=$(date +%s)
status=0
timeout 60 "$LOGCOMPAT" merge -o "$work/big.yaml" "$work/big-a.yaml" \
    "$work/big-b.yaml" || status=$?
took=$(($(date +%s) - start))
r=0
{ [ $status = 0 ] && [ $took -le 10 ] &&
    [ "$(grep -c "^    - { count: 2," "$work/big.yaml")" = 20000 ] &&
    [ "$(grep -c "^    - { count: 1," "$work/big.yaml")" = 40000 ]; } || r=1
ok $r "2 x 40000 templates merge in ${took}s (at most 10), shared ones counted twice"
[ $failed = 0 ]
