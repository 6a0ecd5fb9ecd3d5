/*
 * templates_bench: accuracy and throughput of the template miner
 * (src/mine/templates.c).  See run.sh for how it is built and run.
 *
 *   templates_bench [-iv] [-p prefix_tokens] [-s similarity] FILE.tsv...
 *	Grouping accuracy on labelled sets (tests/templates/README.md), the
 *	LogPAI definition: a line counts as right when the set of lines in
 *	its mined template is exactly the set in its true group.  -v lists
 *	the true groups that were not matched and the mined templates; -i
 *	writes each line's template id and true group first.
 *   templates_bench -t [-n messages] [-r runs]
 *	Throughput: messages per second of templates_add on generated
 *	seed-style messages, one core, over several runs each with a new
 *	miner.
 *   templates_bench -e events [-m max_templates] [-n messages] [-r runs]
 *	The same with messages of that many distinct generated events, to
 *	see how the miner scales with the number of templates.
 *   templates_bench -R [-n messages] FILE.tsv
 *	Memory: the set's lines fed again and again, each number's digits
 *	replaced by random ones, up to that many messages; prints the
 *	templates, the rate and the process's peak resident size.
 */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/resource.h>

#include "mine/templates.h"
#include "util/xalloc.h"

/* One labelled line; the strings point into the file's buffer. */
typedef struct {
	const char *group, *level, *emoji, *message;
	size_t group_len, level_len, emoji_len, message_len;
	uint32_t truth;		/* index of the true group */
	uint32_t mined;		/* template id */
} bench_line;

typedef struct {
	char *data;
	bench_line *lines;
	size_t count;
	uint32_t group_count;
} bench_set;

static char *
bench_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t used = 0, size = 0, n;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (used + 65536 + 1 > size) {
			size = size ? 2 * size : 1 << 20;
			data = xrealloc(data, size);
		}
		n = fread(data + used, 1, size - used - 1, f);
		used += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	data[used] = '\0';
	*len = used;
	return data;
}

/* Split at tabs: group, level, emoji, message.  Returns false if malformed. */
static bool
bench_parse_line(char *line, size_t len, bench_line *out)
{
	const char *fields[4];
	size_t lens[4], f = 0, start = 0, i;

	for (i = 0; i <= len && f < 4; i++) {
		if (i == len || (line[i] == '\t' && f < 3)) {
			fields[f] = line + start;
			lens[f] = i - start;
			f++;
			start = i + 1;
		}
	}
	if (f != 4)
		return false;
	out->group = fields[0];
	out->group_len = lens[0];
	out->level = fields[1];
	out->level_len = lens[1];
	out->emoji = fields[2];
	out->emoji_len = lens[2];
	out->message = fields[3];
	out->message_len = lens[3];
	return true;
}

static bool
bench_load(const char *path, bench_set *set)
{
	size_t len, at = 0, end, capacity = 0, g;
	uint32_t *first = NULL;

	memset(set, 0, sizeof *set);
	if ((set->data = bench_read_file(path, &len)) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return false;
	}
	while (at < len) {
		for (end = at; end < len && set->data[end] != '\n'; end++)
			;
		if (set->count == capacity) {
			capacity = capacity ? 2 * capacity : 1024;
			set->lines = xreallocarray(set->lines, capacity,
			    sizeof *set->lines);
		}
		if (!bench_parse_line(set->data + at, end - at,
		    &set->lines[set->count])) {
			fprintf(stderr, "%s:%zu: not four tab-separated "
			    "fields\n", path, set->count + 1);
			return false;
		}
		set->count++;
		at = end + 1;
	}
	/* Number the true groups in order of first appearance. */
	first = xreallocarray(NULL, set->count + 1, sizeof *first);
	for (size_t i = 0; i < set->count; i++) {
		bench_line *l = &set->lines[i];
		for (g = 0; g < set->group_count; g++) {
			bench_line *o = &set->lines[first[g]];
			if (o->group_len == l->group_len &&
			    memcmp(o->group, l->group, l->group_len) == 0)
				break;
		}
		if (g == set->group_count)
			first[set->group_count++] = (uint32_t)i;
		l->truth = (uint32_t)g;
	}
	free(first);
	return true;
}

static void
bench_set_free(bench_set *set)
{
	free(set->data);
	free(set->lines);
}

/*
 * Grouping accuracy: lines of true groups whose lines all went to one
 * template that holds nothing else.  *groups_right counts those groups.
 */
static size_t
bench_accuracy(const bench_set *set, size_t template_count,
    uint32_t *groups_right, bool *group_ok)
{
	size_t *mined_size = xcalloc(template_count + 1, sizeof *mined_size);
	size_t *truth_size = xcalloc(set->group_count, sizeof *truth_size);
	uint32_t *truth_mined = xcalloc(set->group_count, sizeof *truth_mined);
	size_t right = 0, i;
	uint32_t g;

	for (g = 0; g < set->group_count; g++)
		group_ok[g] = true;
	for (i = 0; i < set->count; i++) {
		const bench_line *l = &set->lines[i];
		mined_size[l->mined]++;
		if (truth_size[l->truth]++ == 0)
			truth_mined[l->truth] = l->mined;
		else if (truth_mined[l->truth] != l->mined)
			group_ok[l->truth] = false;
	}
	*groups_right = 0;
	for (g = 0; g < set->group_count; g++) {
		if (group_ok[g] && mined_size[truth_mined[g]] != truth_size[g])
			group_ok[g] = false;
		if (group_ok[g]) {
			right += truth_size[g];
			(*groups_right)++;
		}
	}
	free(mined_size);
	free(truth_size);
	free(truth_mined);
	return right;
}

static int
bench_evaluate(const char *path, const templates_options *opts, bool verbose,
    bool ids)
{
	bench_set set;
	templates *t;
	templates_entry entry;
	bool *group_ok;
	uint32_t groups_right, g;
	size_t right, i;

	if (!bench_load(path, &set)) {
		bench_set_free(&set);
		return 1;
	}
	t = templates_new(opts);
	for (i = 0; i < set.count; i++) {
		bench_line *l = &set.lines[i];
		l->mined = templates_add(t, l->level, l->level_len, l->emoji,
		    l->emoji_len, l->message, l->message_len);
	}
	/* A template taken in by another is part of that one's group. */
	for (i = 0; i < set.count; i++) {
		bench_line *l = &set.lines[i];
		while (l->mined != 0 && templates_get(t, l->mined - 1, &entry) &&
		    entry.merged_into != 0)
			l->mined = entry.merged_into;
	}
	group_ok = xcalloc(set.group_count + 1, sizeof *group_ok);
	right = bench_accuracy(&set, templates_count(t), &groups_right,
	    group_ok);
	if (ids) {
		for (i = 0; i < set.count; i++)
			printf("%u\t%.*s\n", set.lines[i].mined,
			    (int)set.lines[i].group_len, set.lines[i].group);
	}
	printf("%-28s %6zu lines %4u groups %4zu templates  accuracy %.4f"
	    "  (%u groups right)\n", path, set.count, set.group_count,
	    templates_count(t), set.count ? (double)right / set.count : 1.0,
	    groups_right);
	if (verbose) {
		for (g = 0; g < set.group_count; g++) {
			if (group_ok[g])
				continue;
			for (i = 0; i < set.count; i++) {
				if (set.lines[i].truth == g)
					break;
			}
			printf("  wrong group %.*s\n",
			    (int)set.lines[i].group_len, set.lines[i].group);
		}
		for (i = 0; templates_get(t, i, &entry); i++) {
			printf("  %4u %6llu [%s] [%s] %s\n", entry.id,
			    (unsigned long long)entry.count, entry.level,
			    entry.emoji, entry.text);
		}
	}
	free(group_ok);
	templates_free(t);
	bench_set_free(&set);
	return 0;
}

/* Throughput. */

static uint64_t bench_state = UINT64_C(0x9e3779b97f4a7c15);

/* xorshift64*: fixed seed, so every run feeds the same messages. */
static uint32_t
bench_random(uint32_t below)
{
	bench_state ^= bench_state >> 12;
	bench_state ^= bench_state << 25;
	bench_state ^= bench_state >> 27;
	return (uint32_t)((bench_state * UINT64_C(0x2545f4914f6cdd1d)) >> 32) %
	    below;
}

typedef struct {
	const char *level;
	const char *emoji;
	size_t level_len, emoji_len;
} bench_context;

static const char *const bench_gpus[] = {
	"A100-SXM4-80GB", "GeForce RTX 4090", "H100 80GB HBM3", "L40S", "A40"
};
static const char *const bench_models[] = {
	"meta-llama/Llama-2-7b-chat-hf", "mistralai/Mistral-7B-v0.1",
	"openai/whisper-large-v3", "Qwen/Qwen2-7B-Instruct"
};
static const char *const bench_packages[] = {
	"transformers", "accelerate", "diffusers", "xformers", "redis", "boto3"
};

/* Write one seed-style message into out; returns its length. */
static int
bench_message(char *out, size_t size, bench_context *ctx)
{
	unsigned a = bench_random(1000), b = bench_random(100);
	unsigned c = bench_random(1u << 24);

	ctx->level = "INFO";
	switch (bench_random(24)) {
	case 0:
		ctx->emoji = "📦";
		return snprintf(out, size, "Installing PyTorch with CUDA...");
	case 1:
		ctx->emoji = "🚀";
		return snprintf(out, size,
		    "Setting up environment at runtime...");
	case 2:
	case 3:
		ctx->emoji = "✅";
		return snprintf(out, size, "Processed job %06x in %u.%02us", c,
		    a % 90, b);
	case 4:
	case 5:
		ctx->emoji = "⬇️";
		return snprintf(out, size,
		    "Downloading model shard %u/8 (%u.%u GB)", a % 8 + 1,
		    b % 9 + 1, a % 10);
	case 6:
		ctx->emoji = "📥";
		return snprintf(out, size,
		    "Received job %08x-%04x-4%03x-a%03x-%06x%06x-u1", c, a, b,
		    a, c ^ 0x5a5a5a, c);
	case 7:
	case 8:
		ctx->emoji = "📊";
		return snprintf(out, size, "Progress: %u%% (%u/50 steps)",
		    b, b / 2);
	case 9:
		ctx->emoji = "⏱️";
		return snprintf(out, size,
		    "Inference took %ums (%u.%u tokens/s)", a * 7, b, a % 10);
	case 10:
		ctx->emoji = "💾";
		return snprintf(out, size,
		    "Saved output to /workspace/outputs/%06x.png (%u.%u MB)",
		    c, a, b % 10);
	case 11:
		ctx->level = "WARN";
		ctx->emoji = "⚠️";
		return snprintf(out, size,
		    "GPU memory usage high: %u%% of %u GB", 85 + b % 15,
		    b % 2 ? 24 : 80);
	case 12:
		ctx->level = "ERROR";
		ctx->emoji = "❌";
		return snprintf(out, size,
		    "Job %06x failed: CUDA out of memory. Tried to allocate "
		    "%u.%02u GiB", c, a % 20, b);
	case 13:
		ctx->emoji = "🖥️";
		return snprintf(out, size,
		    "GPU detected: NVIDIA %s (%u GB VRAM)", bench_gpus[a % 5],
		    b % 2 ? 48 : 80);
	case 14:
		ctx->level = "WARN";
		ctx->emoji = "🔄";
		return snprintf(out, size,
		    "Retrying upload to s3://runpod-outputs/jobs/%06x (attempt "
		    "%u/3)", c, b % 3 + 1);
	case 15:
		ctx->emoji = "✅";
		return snprintf(out, size, "Model %s loaded in %u.%02us",
		    bench_models[a % 4], a % 60, b);
	case 16:
		ctx->emoji = "🤗";
		return snprintf(out, size, "Setting up HuggingFace token...");
	case 17:
		ctx->emoji = "";
		return snprintf(out, size, "Environment already ready");
	case 19:
		ctx->emoji = "☁️";
		return snprintf(out, size,
		    "Uploading %06x.png to s3://runpod-outputs/jobs/%06x/", c,
		    c ^ 0x3c3c3c);
	case 20:
		ctx->emoji = "✅";
		return snprintf(out, size,
		    "Upload complete: %u files, %u.%u MB in %u.%02us",
		    b % 12 + 1, a, b % 10, a % 30, b);
	case 21:
		ctx->emoji = "🎨";
		return snprintf(out, size,
		    "Generating image %u/4 with seed %u, 30 steps, guidance "
		    "7.5", b % 4 + 1, c);
	case 22:
		ctx->emoji = "📝";
		return snprintf(out, size, "Prompt length: %u tokens", a * 4);
	case 18:
		ctx->emoji = "📦";
		return snprintf(out, size, "Installing %s==%u.%u.%u",
		    bench_packages[a % 6], b % 5, a % 40, b % 10);
	default:
		ctx->level = "WARN";
		ctx->emoji = "⚠️";
		return snprintf(out, size,
		    "Prompt truncated from %u to 3000 tokens for job %06x",
		    3000 + a, c);
	}
}

/* Syllables for the words of generated events. */
static const char *const bench_syllables[] = {
	"ka", "lo", "mi", "ne", "pu", "ra", "si", "to", "vu", "ze", "bra",
	"cle", "dro", "fli", "gru", "pla", "sno", "tri", "quo", "wha", "xe",
	"yo", "jun", "hel", "ost", "arn", "eld", "umb", "ith", "oxa", "ive",
	"ser"
};

/* A word made of three syllables picked by r. */
static int
bench_word(char *out, size_t size, uint32_t r)
{
	return snprintf(out, size, "%s%s%s", bench_syllables[r % 32],
	    bench_syllables[(r >> 5) % 32], bench_syllables[(r >> 10) % 32]);
}

/*
 * Write a message of event e (of a fixed set of distinct events): three
 * words and the length picked by e, numbers that vary.  Events differ in
 * several words, so no two of them read as one.
 */
static int
bench_event_message(char *out, size_t size, uint32_t e, bench_context *ctx)
{
	uint32_t h = e * 2654435761u, g = (e ^ 0x5bd1e995u) * 2246822519u;
	char w1[16], w2[16], w3[16];

	ctx->level = "INFO";
	ctx->emoji = "";
	bench_word(w1, sizeof w1, h);
	bench_word(w2, sizeof w2, h >> 15 ^ g);
	bench_word(w3, sizeof w3, g >> 12);
	if (g % 3 == 0)
		return snprintf(out, size, "%s %s request %u done %s in %ums",
		    w1, w2, bench_random(100000), w3, bench_random(1000));
	if (g % 3 == 1)
		return snprintf(out, size, "%s %s for job %06x %s", w1, w2,
		    bench_random(1u << 24), w3);
	return snprintf(out, size, "%s step %u of %s %s at %u.%u%%", w1,
	    bench_random(50), w2, w3, bench_random(100), bench_random(10));
}

/*
 * Seconds on a clock.  Rates use the thread's CPU time: the machine may be
 * shared, and time spent waiting for the core is not the miner's.  Wall
 * time is shown beside it.
 */
static double
bench_now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
bench_throughput(const templates_options *opts, size_t count, int runs,
    uint32_t events)
{
	char *text = xmalloc(count * 128);
	size_t *offset = xreallocarray(NULL, count + 1, sizeof *offset);
	bench_context *ctx = xreallocarray(NULL, count, sizeof *ctx);
	double *rates = xreallocarray(NULL, (size_t)runs, sizeof *rates);
	double *wall_rates = xreallocarray(NULL, (size_t)runs,
	    sizeof *wall_rates);
	size_t used = 0, i;
	uint64_t checksum = 0;
	templates *t;
	double start, wall_start;
	int n, run;

	for (i = 0; i < count; i++) {
		offset[i] = used;
		if (events > 0)
			n = bench_event_message(text + used, 128,
			    bench_random(events), &ctx[i]);
		else
			n = bench_message(text + used, 128, &ctx[i]);
		ctx[i].level_len = strlen(ctx[i].level);
		ctx[i].emoji_len = strlen(ctx[i].emoji);
		used += (size_t)n;
	}
	offset[count] = used;
	for (run = 0; run < runs; run++) {
		t = templates_new(opts);
		wall_start = bench_now(CLOCK_MONOTONIC);
		start = bench_now(CLOCK_THREAD_CPUTIME_ID);
		for (i = 0; i < count; i++) {
			checksum += templates_add(t, ctx[i].level,
			    ctx[i].level_len, ctx[i].emoji, ctx[i].emoji_len,
			    text + offset[i], offset[i + 1] - offset[i]);
		}
		rates[run] = (double)count /
		    (bench_now(CLOCK_THREAD_CPUTIME_ID) - start);
		wall_rates[run] = (double)count /
		    (bench_now(CLOCK_MONOTONIC) - wall_start);
		if (run == runs - 1)
			printf("templates: %zu, checksum of ids: %llu\n",
			    templates_count(t), (unsigned long long)checksum);
		templates_free(t);
	}
	qsort(rates, (size_t)runs, sizeof *rates, bench_compare_double);
	qsort(wall_rates, (size_t)runs, sizeof *wall_rates,
	    bench_compare_double);
	printf("messages: %zu, mean length %.1f bytes (without level and "
	    "emoji)\n", count, (double)used / (double)count);
	printf("throughput (CPU time): median %.2f M messages/s (%.0f MB/s), "
	    "worst %.2f, best %.2f, %d runs\n", rates[runs / 2] / 1e6,
	    rates[runs / 2] * ((double)used / (double)count) / 1e6,
	    rates[0] / 1e6, rates[runs - 1] / 1e6, runs);
	printf("throughput (wall time): median %.2f M messages/s, worst %.2f, "
	    "best %.2f\n", wall_rates[runs / 2] / 1e6, wall_rates[0] / 1e6,
	    wall_rates[runs - 1] / 1e6);
	free(text);
	free(offset);
	free(ctx);
	free(rates);
	free(wall_rates);
	return 0;
}

/*
 * If a number starts at k (digits not inside a word: "r24=" and "0x1f"
 * stay), replace its digits by random ones.  Returns where to look next.
 */
static size_t
bench_vary(char *text, size_t len, size_t k)
{
	size_t end = k;

	if (!isdigit((unsigned char)text[k]) ||
	    (k > 0 && isalnum((unsigned char)text[k - 1])))
		return k;
	while (end < len && isdigit((unsigned char)text[end]))
		end++;
	if (end < len && isalpha((unsigned char)text[end]))
		return end;
	for (; k < end; k++)
		text[k] = (char)('0' + bench_random(10));
	return end;
}

/*
 * Feed the set's messages again and again, each digit replaced by a
 * random one, until count messages went in: the miner's memory on a long
 * capture of that system.
 */
static int
bench_repeat(const char *path, const templates_options *opts, size_t count)
{
	bench_set set;
	templates *t;
	struct rusage usage;
	char *copy;
	size_t i, k;
	double start;

	if (!bench_load(path, &set)) {
		bench_set_free(&set);
		return 1;
	}
	if (set.count == 0) {
		bench_set_free(&set);
		return 0;
	}
	copy = xmalloc(65536);
	t = templates_new(opts);
	start = bench_now(CLOCK_THREAD_CPUTIME_ID);
	for (i = 0; i < count; i++) {
		const bench_line *l = &set.lines[i % set.count];
		size_t len = l->message_len < 65536 ? l->message_len : 65536;
		memcpy(copy, l->message, len);
		/* The first pass is the set as it is. */
		for (k = 0; i >= set.count && k < len; k++)
			k = bench_vary(copy, len, k);
		templates_add(t, l->level, l->level_len, l->emoji,
		    l->emoji_len, copy, len);
	}
	getrusage(RUSAGE_SELF, &usage);
	printf("%-28s %zu messages  %zu templates%s  %.2f M messages/s  "
	    "peak RSS %ld KiB\n", path, count, templates_count(t),
	    templates_capped(t) ? " (capped)" : "", (double)count /
	    (bench_now(CLOCK_THREAD_CPUTIME_ID) - start) / 1e6,
	    usage.ru_maxrss);
	templates_free(t);
	free(copy);
	bench_set_free(&set);
	return 0;
}

int
main(int argc, char **argv)
{
	templates_options opts;
	bool throughput = false, verbose = false, ids = false, repeat = false;
	uint32_t events = 0;
	size_t count = 1000000;
	int runs = 5, ch, status = 0;

	templates_options_init(&opts);
	while ((ch = getopt(argc, argv, "c:e:im:n:p:r:Rs:tv")) != -1) {
		switch (ch) {
		case 'e':
			events = (uint32_t)strtoul(optarg, NULL, 10);
			throughput = true;
			break;
		case 'i':
			ids = true;
			break;
		case 'c':
			opts.max_children = (unsigned)strtoul(optarg, NULL,
			    10);
			break;
		case 'm':
			opts.max_templates = strtoul(optarg, NULL, 10);
			break;
		case 'R':
			repeat = true;
			break;
		case 'n':
			count = strtoul(optarg, NULL, 10);
			break;
		case 'p':
			opts.prefix_tokens = (unsigned)strtoul(optarg, NULL,
			    10);
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		case 's':
			opts.similarity = strtod(optarg, NULL);
			break;
		case 't':
			throughput = true;
			break;
		case 'v':
			verbose = true;
			break;
		default:
			fprintf(stderr, "usage: templates_bench "
			    "[-iv] [-p prefix_tokens] [-s similarity] "
			    "FILE.tsv...\n"
			    "       templates_bench -t [-n messages] "
			    "[-r runs]\n"
			    "       templates_bench -e events [-m max_templates] "
			    "[-n messages] [-r runs]\n"
			    "       templates_bench -R [-n messages] "
			    "FILE.tsv...\n");
			return 2;
		}
	}
	if (throughput)
		return bench_throughput(&opts, count > 0 ? count : 1,
		    runs > 0 ? runs : 1, events);
	for (; repeat && optind < argc; optind++)
		status |= bench_repeat(argv[optind], &opts, count);
	for (; optind < argc; optind++)
		status |= bench_evaluate(argv[optind], &opts, verbose,
		    ids);
	return status;
}
