#!/bin/sh
# check's and compare's outputs for CI: -f sarif valid against the SARIF 2.1.0 schema
# (python3-jsonschema) and agreeing with -f json, -f junit well-formed with
# the counts of -f json (python3's xml.etree), -f html a page that shows its
# verdict and fetches nothing, in headless Chromium when it is installed.
# Captures: the bundled examples, hostile bytes, recorded real programs
# (tests/real/) and the Loghub sample (../shared/data/loghub-dev).  The
# schema and Loghub live in the shared folder beside the source tree
# (LOGCOMPAT_SHARED names another); without it those cases are skipped.
# Each page's screenshot is kept in $LOGCOMPAT_SCREENSHOTS when set.
# action.yml and the examples of docs/ci.md must be valid YAML
# (python3-yaml): GitHub and GitLab cannot run here.
. "${srcdir:-.}/tests/lib.sh"
set +e

shared=${LOGCOMPAT_SHARED:-$srcdir/../shared}
schema=$shared/data/sarif/sarif-schema-2.1.0.json
helper="$srcdir/tests/ci-outputs.py"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

have_python=0
python3 -c 'import xml.etree.ElementTree' 2>/dev/null && have_python=1
have_jsonschema=0
python3 -c 'import jsonschema' 2>/dev/null && have_jsonschema=1
chromium=
for c in chromium chromium-browser; do
	command -v "$c" >/dev/null 2>&1 && { chromium=$c; break; }
done

# Run check on a capture in each format; the exit statuses must agree.
# $1 a name for the TAP lines, then check's arguments.
outputs() {
	name=$1
	shift
	status=0
	logcompat check -f json "$@" >"$work/report.json" 2>"$work/err" ||
	    status=$?
	for format in sarif junit html; do
		s=0
		logcompat check -f $format -o "$work/out.$format" "$@" \
		    2>"$work/err" || s=$?
		[ $s = $status ] && [ $s != 2 ] && [ -s "$work/out.$format" ]
		ok $? "$name: -f $format exits $s like -f json ($status)"
	done

	if [ $have_jsonschema = 0 ]; then
		skip "$name: SARIF: python3-jsonschema is not installed"
	elif [ ! -f "$schema" ]; then
		skip "$name: SARIF: no schema at $schema"
	else
		why=$(python3 "$helper" sarif "$work/out.sarif" "$schema" \
		    "$work/report.json")
		ok $? "$name: SARIF valid, one result per finding $why"
	fi

	if [ $have_python = 0 ]; then
		skip "$name: JUnit: python3 is not installed"
	else
		why=$(python3 "$helper" junit "$work/out.junit" \
		    "$work/report.json")
		ok $? "$name: JUnit XML parses, counts agree $why"
	fi

	if [ $have_python = 0 ]; then
		skip "$name: HTML: python3 is not installed"
	else
		why=$(python3 "$helper" html "$work/out.html")
		ok $? "$name: HTML has its verdict, no script, no URL $why"
	fi
	if [ $browse_pages = 0 ]; then
		:
	elif [ -z "$chromium" ] || [ $have_python = 0 ]; then
		skip "$name: HTML in Chromium: chromium is not installed"
	else
		browse "$name" "$work/out.html"
	fi
}

# compare's outputs for CI on two captures: -f sarif valid and agreeing
# with -f json, -f html a page with its verdict (in Chromium too), -f
# github one annotation per incompatible or different dimension and the
# Markdown report appended to $GITHUB_STEP_SUMMARY.
# $1 a name for the TAP lines, then compare's arguments.
compare_outputs() {
	name=$1
	shift
	status=0
	logcompat compare -f json "$@" >"$work/compare.json" 2>"$work/err" ||
	    status=$?
	s=0
	logcompat compare -f sarif -o "$work/compare.sarif" "$@" \
	    2>"$work/err" || s=$?
	[ $s = $status ] && [ $s != 2 ] && [ -s "$work/compare.sarif" ]
	ok $? "compare $name: -f sarif exits $s like -f json ($status)"
	if [ $have_jsonschema = 0 ]; then
		skip "compare $name: SARIF: python3-jsonschema is not installed"
	elif [ ! -f "$schema" ]; then
		skip "compare $name: SARIF: no schema at $schema"
	else
		why=$(python3 "$helper" compare-sarif "$work/compare.sarif" \
		    "$schema" "$work/compare.json")
		ok $? "compare $name: SARIF valid, a result per dimension \
and example $why"
	fi
	s=0
	logcompat compare -f html -o "$work/compare.html" "$@" \
	    2>"$work/err" || s=$?
	[ $s = $status ] && [ $s != 2 ] && [ -s "$work/compare.html" ]
	ok $? "compare $name: -f html exits $s like -f json ($status)"
	if [ $have_python = 0 ]; then
		skip "compare $name: HTML: python3 is not installed"
	else
		why=$(python3 "$helper" html "$work/compare.html")
		ok $? "compare $name: HTML has its verdict, no script, no \
URL $why"
	fi
	if [ $browse_pages = 0 ]; then
		:
	elif [ -z "$chromium" ] || [ $have_python = 0 ]; then
		skip "compare $name: HTML in Chromium: chromium is not \
installed"
	else
		browse "compare $name" "$work/compare.html"
	fi
	rm -f "$work/summary.md"
	s=0
	GITHUB_STEP_SUMMARY="$work/summary.md" logcompat compare -f github \
	    "$@" >"$work/compare.github" 2>"$work/err" || s=$?
	[ $s = $status ] && [ $s != 2 ]
	ok $? "compare $name: -f github exits $s like -f json ($status)"
	if [ $have_python = 0 ]; then
		skip "compare $name: github: python3 is not installed"
	else
		why=$(python3 "$helper" compare-github "$work/compare.github" \
		    "$work/compare.json" "$work/summary.md")
		ok $? "compare $name: an annotation per dimension, the job \
summary $why"
	fi
}

# Headless Chromium, offline, with a profile of its own.
chromium_run() {
	profile=$(mktemp -d "$work/profile.XXXXXX")
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$profile" "$@" 2>>"$work/chromium.err"
}

# The page as Chromium built it must show its verdict; a screenshot is
# taken too.
browse() {
	chromium_run --dump-dom "file://$2" >"$work/dom.html"
	why=$(python3 "$helper" html "$work/dom.html")
	ok $? "$1: Chromium shows the page and its verdict $why"
	if [ -n "${LOGCOMPAT_SCREENSHOTS:-}" ]; then
		mkdir -p "$LOGCOMPAT_SCREENSHOTS"
		shot=$(echo "$1" | tr -c 'A-Za-z0-9\n-' '_')
		chromium_run --window-size=1200,2400 \
		    --screenshot="$LOGCOMPAT_SCREENSHOTS/$shot.png" \
		    "file://$2" >/dev/null
	fi
}

# Chromium opens the pages of the examples and of hostile bytes; the
# other pages are only read (a browser takes seconds each).
browse_pages=1
cd "$srcdir"
outputs backend -r runpod examples/backend/capture
outputs fastbackend -r runpod examples/fastbackend/capture
outputs drifted -r runpod examples/drifted/capture
outputs unflushed -r runpod examples/unflushed/recorded
outputs backend-cri -r runpod examples/backend/recorded/capture.log
outputs two-captures -r runpod examples/drifted/capture \
    examples/backend/capture
outputs drifted-3-listed -r runpod --max-findings 3 examples/drifted/capture
# The one finding listed is a warning: the errors still fail the run.
outputs drifted-1-listed -r runpod --max-findings 1 examples/drifted/capture
outputs invalid-utf8 -r runpod tests/e2e/bad-input-invalid-utf8/input.log
outputs nul-byte -r runpod tests/e2e/bad-input-nul-byte/input.log
outputs ansi-colour -r runpod tests/e2e/bad-input-ansi-colour/input.log

compare_outputs backend-drifted -r runpod examples/backend/capture \
    examples/drifted/capture
compare_outputs backend-fastbackend examples/backend/capture \
    examples/fastbackend/capture
compare_outputs backend-unflushed -r runpod examples/fastbackend/recorded \
    examples/unflushed/recorded
compare_outputs syslog-secfrac -r rules/syslog-rfc5424.yaml \
    tests/e2e/compare-checks-syslog-secfrac/reference.log \
    tests/e2e/compare-checks-syslog-secfrac/candidate.log
compare_outputs no-log-lines -r rules/runpod.yaml examples/backend/recorded \
    tests/e2e/compare-no-log-lines/candidate
compare_outputs same examples/backend/capture examples/backend/capture
# JSON Lines and logfmt: the keys dimension in every format.
compare_outputs pino-labels tests/real/pino/pino.log \
    tests/real/pino-labels/pino-labels.log
compare_outputs pino-winston -r rules/pino.yaml tests/real/pino/pino.log \
    tests/real/winston/winston.log
compare_outputs slog-json-text tests/real/slog-json/slog-json.log \
    tests/real/slog-text/slog-text.log
# Twins with arrival times: the page draws a histogram of their delays,
# and the unflushed stdout's lateness lands in the 0.1 to 1 s bucket.
logcompat compare -r runpod -f html -o "$work/flush.html" \
    examples/fastbackend/recorded examples/unflushed/recorded 2>/dev/null ||
    :
grep -q 'Delays of the later twin' "$work/flush.html" &&
    grep -q '0.1 to 1 s' "$work/flush.html" &&
    grep -q '10 s or more' "$work/flush.html"
ok $? "compare html: a histogram of the twins' delays"

browse_pages=0
for real in tests/real/*/*.log; do
	[ -e "$real" ] || continue
	outputs "real ${real#tests/real/}" "$real"
done
if [ -d "$shared/data/loghub-dev" ]; then
	# Linux's syslog fits a shipped format; the others are foreign to it.
	for log in "$shared"/data/loghub-dev/*/*_2k.log; do
		rules=python-logging
		case $log in */Linux_2k.log) rules=syslog-rfc3164 ;; esac
		outputs "loghub $(basename "$log")" -r $rules "$log"
	done
else
	skip "Loghub: no $shared/data/loghub-dev"
fi
python3 -c 'import yaml' 2>/dev/null
if [ $? != 0 ]; then
	skip "action.yml: python3-yaml is not installed"
else
	why=$(python3 "$helper" action action.yml docs/ci.md)
	ok $? "action.yml is a composite action, docs/ci.md's YAML parses $why"
fi
echo "1..$n"
