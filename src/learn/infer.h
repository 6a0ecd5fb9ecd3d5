/*
 * infer: learns a log format from a capture's lines, for `logcompat
 * compare` without -r and for `logcompat infer`.  It looks for a timestamp
 * and a level token near the start of each line and counts the layouts
 * (the literal text around them) it sees.  Memory is bounded: an infer
 * keeps counters for a fixed number of candidate layouts and a few sample
 * lines, never the lines themselves.  infer_finish fills an infer_format
 * the caller owns and frees with infer_format_free.
 */
#ifndef LC_INFER_H
#define LC_INFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "decode/rules.h"

typedef struct infer infer;

/* A line that fits the learned format, with the fields the rules give it. */
typedef struct {
	char *line;
	char *time;		/* NULL when the format has no time */
	char *level;		/* NULL when the format has no level */
	char *message;
	char *emoji;		/* the message's leading emoji, "" when none */
} infer_sample;

typedef struct {
	char *line_pattern;	/* PCRE2: named groups time and level (when
				   the format has them) and message */
	char *skeleton;		/* the layout, for people:
				   "[TIME] LEVEL: MESSAGE" */
	char *continuation;	/* `continuation`, NULL when no line went on
				   a record */
	char *time_format;	/* timefmt format, NULL when no timestamp */
	char **levels;		/* level tokens seen, as written, in the
				   order of the vocabulary (FINEST .. PANIC) */
	size_t level_count;
	rules_emoji emoji;	/* none: no message led by an emoji; required:
				   all; optional: some */
	double emoji_share;	/* share of messages led by an emoji */
	rules_streams streams;	/* both: both streams carry the same log
				   lines in the same order; stdout/stderr:
				   only that one; else any */
	bool foreign_given;	/* else `foreign: report`, as infer writes */
	rules_foreign foreign;
	int64_t flush_ns;	/* `flush`, 0 for none (the default) */
	uint64_t lines;		/* lines fed */
	uint64_t fitting;	/* lines whose layout the pattern matches */
	uint64_t skipped_records;	/* malformed container-log records left out */
	infer_sample *samples;	/* up to 5 fitting lines the rules judge
				   clean */
	size_t sample_count;
	char **relaxed;		/* built-in finding ids the captures read
				   break themselves: written as warnings
				   (`severities:`), so that they pass */
	size_t relaxed_count;
	uint64_t other_times;	/* lines of the layout whose time another
				   format reads: time-format is then a
				   warning too */
} infer_format;

infer *infer_new(void);
void infer_free(infer *in);

/* Feed one line (without its line end) of a stream. */
void infer_add(infer *in, const char *text, size_t len, lc_stream stream);

/*
 * Whether stream behind has caught up with stream ahead: some layout has
 * lines on both, and each such layout has as many on behind.  A sniff of
 * two streams stops there, so that twin streams still look like twins.
 */
bool infer_caught_up(const infer *in, lc_stream ahead, lc_stream behind);

/*
 * What was learned.  Returns 0, or -1 with *cause (caller frees) when no
 * layout fits: no line starts with a timestamp or a level token.  The
 * infer is left as it was, so more lines may be fed and this called again.
 */
int infer_finish(infer *in, infer_format *out, char **cause);
void infer_format_free(infer_format *f);

/*
 * A complete rule file (YAML, see logcompat-rules(5)) for the format, named
 * name (a valid format name; NULL means "inferred").  It loads with
 * rules_load_text and its samples verify.  The caller frees it.
 */
char *infer_rules_yaml(const infer_format *f, const char *name);

/*
 * The rules of the format, as rules_load_text would load them from
 * infer_rules_yaml, built in memory.  NULL with *cause (caller frees)
 * when its pattern does not compile.
 */
rules *infer_rules(const infer_format *f, const char *name, char **cause);
/* s as a YAML scalar, quoted as infer_rules_yaml quotes (caller frees). */
char *infer_yaml_scalar(const char *s);

/* infer_finish refuses a layout that reads under this share of lines. */
#define INFER_MIN_FIT_PERCENT 10

#endif
