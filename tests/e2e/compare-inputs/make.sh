#!/bin/sh
# Writes the inputs (args and candidate captures) of the golden cases
# tests/e2e/compare-*/ from examples/backend/capture.  Not run by the tests:
# it is kept so that the inputs can be made again and read as a recipe.
# Each drifted candidate changes the backend's logging in one dimension only;
# the reference is the backend capture itself (or, for compare-examples-*,
# the fast backend, whose log() the backend copied).
#
#     sh tests/e2e/compare-inputs/make.sh [OUTDIR [PENDINGDIR]]
#
# OUTDIR defaults to tests/e2e.  The cases named in $pending, which
# logcompat does not judge as expected yet, go to PENDINGDIR instead (default
# /tmp/compare-pending/tests/e2e; link examples/ and rules/ two levels above
# it for their ../../../ paths to resolve), so that they do not enter the
# suite.  Each case folder is removed and written again, without expected-*
# files: write those by running logcompat in the folder as
# tests/run-golden.sh does, and read them before committing.
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/../../.." && pwd)
out=${1:-$top/tests/e2e}
pend=${2:-/tmp/compare-pending/tests/e2e}
src=$top/examples/backend/capture
ref=../../../examples/backend/capture
fast=../../../examples/fastbackend/capture
# Every case is judged as expected now; list a case here while it is not.
pending=''

# A log line of the backend: "[HH:MM:SS] LEVEL: message".
log='^\[[0-9:]*\] [A-Z]*: '

# new_case NAME ARGS: an empty case folder holding only its args; its path
# is left in $dir.
new_case() {
	dir=$out/$1
	for p in $pending; do
		[ "$p" = "$1" ] && dir=$pend/$1
	done
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '%s\n' "$2" >"$dir/args"
}

# drift NAME SED-SCRIPT [ARGS]: cand/ is the backend capture with SED-SCRIPT
# applied to both streams, compared with the backend capture itself.
drift() {
	new_case "$1" "${3:-compare $ref cand}"
	mkdir "$dir/cand"
	for s in stdout stderr; do
		sed -e "$2" "$src/$s.log" >"$dir/cand/$s.log"
	done
}

# The four formats of a compatible pair: the backend against the fast
# backend it took its log() from.
for f in text markdown json junit; do
	new_case "compare-examples-$f" "compare -f $f $fast $ref"
done

# line-format: the same fields in another layout, "14:25:50 | INFO | msg".
drift compare-drift-line-format \
    's/^\[\([0-9:]*\)\] \([A-Z]*\): /\1 | \2 | /'

# timestamp: a date added, milliseconds, a 12-hour clock.
drift compare-drift-timestamp-date 's/^\[\([0-9:]*\)\]/[2026-11-24 \1]/'
drift compare-drift-timestamp-millis 's/^\[\([0-9:]*\)\]/[\1.123]/'
drift compare-drift-timestamp-12h 's/^\[14:\([0-9:]*\)\]/[02:\1 PM]/'

# levels: Python logging's WARNING, lowercase levels, DEBUG lines added.
drift compare-drift-levels-warning 's/^\(\[[0-9:]*\]\) WARN: /\1 WARNING: /'
drift compare-drift-levels-lowercase '
s/^\(\[[0-9:]*\]\) INFO: /\1 info: /
s/^\(\[[0-9:]*\]\) WARN: /\1 warn: /
s/^\(\[[0-9:]*\]\) ERROR: /\1 error: /'
# Three DEBUG lines, on both streams.
drift compare-drift-levels-debug '
/Redis connected (server/a\
[14:25:50] DEBUG: Redis pool size=10 timeout=5s
/Uploading s3:\/\/ai-studio-outputs\/user_1842/a\
[14:25:50] DEBUG: multipart upload disabled for 1.8 MB
/Log stats:/i\
[14:25:50] DEBUG: flushing request logger'

# streams: log() without its stderr write (stderr.log empty); three log
# lines lost on stderr.
drift compare-drift-streams-stdout-only ''
: >"$dir/cand/stderr.log"
drift compare-drift-streams-missing-lines ''
sed -e '/Cache miss for img/d; /Rate limit close/d; /Redis reconnected after/d' \
    "$src/stderr.log" >"$dir/cand/stderr.log"

# emoji: dropped; replaced by text markers ([OK] for ✅, [WARN] for ⚠️, [ERR]
# for ❌ and any emoji on an ERROR line, [INFO] for the others); ❌ at INFO.
drift compare-drift-emoji-dropped "s/\\($log\\)[^ -~][^ ]* /\\1/"
drift compare-drift-emoji-text-markers "
s/\\($log\\)✅ /\\1[OK] /
s/\\($log\\)⚠️ /\\1[WARN] /
s/\\($log\\)❌ /\\1[ERR] /
s/^\\(\\[[0-9:]*\\] ERROR: \\)[^ -~][^ ]* /\\1[ERR] /
s/\\($log\\)[^ -~][^ ]* /\\1[INFO] /"
drift compare-drift-emoji-error-on-info 's/^\(\[[0-9:]*\]\) ERROR: ❌/\1 INFO: ❌/'

# Compatible: more pip output on stdout; no ERROR line; a run across
# midnight; other messages in the same format.
drift compare-ok-foreign-lines ''
sed -e '/Handler shutting down/i\
WARNING: Running pip as the '"'"'root'"'"' user can result in broken permissions\
[notice] A new release of pip is available: 23.3.1 -> 24.0\
[notice] To update, run: pip install --upgrade pip' \
    "$src/stdout.log" >"$dir/cand/stdout.log"
drift compare-ok-level-subset '/^\[[0-9:]*\] ERROR: /d'
# The n-th log line of each stream (from 0) gets 23:59:58 + n/6 seconds, so
# the run goes from 23:59:58 to 00:00:03 and twin lines keep the same time.
new_case compare-ok-midnight "compare $ref cand"
mkdir "$dir/cand"
for s in stdout stderr; do
	awk '/^\[[0-9:]*\] [A-Z]*: / {
		t = (86398 + int(n / 6)) % 86400
		n++
		sub(/^\[[0-9:]*\]/, sprintf("[%02d:%02d:%02d]", t / 3600,
		    t % 3600 / 60, t % 60))
	}
	{ print }' "$src/$s.log" >"$dir/cand/$s.log"
done
new_case compare-ok-different-content "compare $ref cand"
mkdir "$dir/cand"
cat >"$dir/cand/stderr.log" <<'LOG'
[09:12:04] INFO: 🎯 Starting RunPod handler (audio)
[09:12:04] INFO: 🚀 Setting up environment at runtime...
[09:12:04] INFO: 📦 Installing ffmpeg and whisper...
[09:12:05] INFO: ✅ ffmpeg and whisper installed successfully
[09:12:05] INFO: 📥 Downloading clip-0042.wav (3.4 MB)
[09:12:06] INFO: ✅ Transcribed clip-0042.wav in 1.9s (212 words)
[09:12:06] INFO: 📥 Downloading clip-0043.wav (0.2 MB)
[09:12:06] WARN: ⚠️ Clip clip-0043.wav is shorter than 1 second
[09:12:07] ERROR: ❌ Transcription of clip-0043.wav failed: no speech found
[09:12:07] INFO: Environment already ready
[09:12:07] INFO: 📊 Transcribed 1 of 2 clips
[09:12:07] INFO: 👋 Handler shutting down
LOG
{
	sed -n 1,3p "$dir/cand/stderr.log"
	echo 'Collecting openai-whisper==20231117'
	echo 'Successfully installed openai-whisper-20231117'
	sed -n '4,$p' "$dir/cand/stderr.log"
} >"$dir/cand/stdout.log"

# The rule file as the reference format: on the 12-hour clock, and on ❌
# at INFO, which only the rules' check error-marker-level can catch (the
# backend has a single ❌ message, too few to infer the pairing from).
drift compare-with-rules 's/^\[14:\([0-9:]*\)\]/[02:\1 PM]/' \
    "compare -r ../../../rules/runpod.yaml $ref cand"
drift compare-with-rules-error-on-info \
    's/^\(\[[0-9:]*\]\) ERROR: ❌/\1 INFO: ❌/' \
    "compare -r ../../../rules/runpod.yaml $ref cand"

# Usage errors: one capture only; a format compare does not write.
new_case compare-usage-one-capture "compare $ref"
new_case compare-usage-unknown-format "compare -f github $ref $ref"
