# A generated worker capture for the baseline tests: EVENTS events from a
# fixed seed, each a log line written to stdout and to stderr (as the
# RunPod workers' log() does) or a foreign line on stdout.  One event per
# line of OUT/events, "S\tLINE" (S: b both, o stdout), so that a capture
# can be cut between events.  With DRIFT=1 the capture also holds a new
# template, a new emoji, a level never seen and many more warnings.  With
# SLOTS=1 some messages have several free-word slots, words that are not
# variable-looking, which the miner generalizes only when it sees them
# vary (what makes a shard's templates differ from the whole's).
#
#   awk -v seed=7 -v events=400 -v drift=0 -v slots=0 -f gen-fleet.awk
function pick(n) { return int(rand() * n) }
function stamp(i,  s) {
	s = 8 * 3600 + i * 7
	return sprintf("[%02d:%02d:%02d]", int(s / 3600) % 24,
	    int(s / 60) % 60, s % 60)
}
function word() { return pick(5) ? words[1 + pick(10)] : tagged[1 + pick(4)] }
function log_line(i, level, message) {
	printf "b\t%s %s: %s\n", stamp(i), level, message
}
BEGIN {
	srand(seed)
	split("torch numpy redis boto3 pillow", pkg, " ")
	split("sdxl llama mistral phi", model, " ")
	split("eu-west-1 us-east-2 ap-south-1", region, " ")
	split("alpha beta gamma delta omega torch numpy redis boto pillow",
	    words, " ")
	split("a1 x9z k8s h2o", tagged, " ")
	for (i = 0; i < events; i++) {
		r = pick(100)
		if (drift && r < 4) {
			log_line(i, "INFO", "🔥 Cache warmed with " pick(900) \
			    " entries in " pick(90) "ms")
			continue
		}
		if (drift && r < 8) {
			log_line(i, "DEBUG", "tick " pick(1000))
			continue
		}
		if (drift && r < 30) {
			log_line(i, "WARN", "⚠️ Retrying upload of /data/out" \
			    pick(50) ".bin (attempt " (1 + pick(3)) "/3)")
			continue
		}
		if (slots && r >= 30 && r < 40) {
			log_line(i, "WARN", "⚠️ retry " word() " " word() \
			    " after " pick(900) " ms on " word() " shard " \
			    word() " ok")
			continue
		}
		if (slots && r >= 40 && r < 65) {
			log_line(i, "ERROR", "❌ fail " word() " " word() " " \
			    word() " " word() " " word() " " word() " " word() \
			    " " word() " " word() " end")
			continue
		}
		if (slots && r >= 65 && r < 80) {
			log_line(i, "INFO", "✅ job " word() " " word() " " \
			    word() " done for user " word() " in region " \
			    word() " now")
			continue
		}
		if (r < 8)
			printf "o\tCollecting %s==%d.%d.%d\n", pkg[1 + pick(5)],
			    pick(3), pick(20), pick(9)
		else if (r < 12)
			log_line(i, "INFO", "🚀 Setting up environment at runtime...")
		else if (r < 30)
			log_line(i, "INFO", "📦 Installing " pkg[1 + pick(5)] \
			    " version " pick(3) "." pick(20) "." pick(9))
		else if (r < 48)
			log_line(i, "INFO", "✅ Loaded model " model[1 + pick(4)] \
			    " in " pick(900) " ms")
		else if (r < 70)
			log_line(i, "INFO", "Request req-" (10000 + i) " done in " \
			    pick(500) " ms status=200")
		else if (r < 78)
			log_line(i, "INFO", "☁️ Checking bucket outputs in " \
			    region[1 + pick(3)])
		else if (r < 90)
			log_line(i, "WARN", "⚠️ Retrying upload of /data/out" \
			    pick(50) ".bin (attempt " (1 + pick(3)) "/3)")
		else
			log_line(i, "ERROR", "❌ Failed to fetch " \
			    "https://cdn.example.com/w" pick(99) \
			    ": timeout after " (1 + pick(30)) "s")
	}
}
