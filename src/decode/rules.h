/*
 * rules: a rule file (one log format) loaded from YAML and compiled.
 * The language is documented in man/logcompat-rules.5.  rules_load owns
 * everything it returns; rules_free releases it and accepts NULL.
 */
#ifndef LC_RULES_H
#define LC_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"
#include "decode/rules_keys.h"
#include "decode/timefmt.h"
#include "decode/yamldoc.h"

typedef enum { EMOJI_NONE, EMOJI_OPTIONAL, EMOJI_REQUIRED } rules_emoji;
typedef enum { STREAMS_BOTH, STREAMS_STDOUT, STREAMS_STDERR, STREAMS_ANY }
    rules_streams;
typedef enum { FOREIGN_ALLOW, FOREIGN_REPORT, FOREIGN_FAIL } rules_foreign;
/* SEVERITY_OFF silences a built-in finding (see "severities:"). */
typedef enum { SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_OFF } rules_severity;


/* Where in the rule file a key or value stood, for later messages. */
typedef yamldoc_mark rules_mark;

/*
 * A condition on one field: the field's text matches a regex, or is one of
 * a set of strings.  Fields are the named groups of `line`, plus "emoji"
 * (the message's leading emoji, "" when none), "stream" (stdout, stderr or
 * unknown) and "line" (the whole line).
 */
typedef struct {
	char *field;
	pcre2_code *regex;	/* NULL when this is a set condition */
	char *pattern;		/* the regex source, for messages */
	char **set;		/* set_count strings when regex is NULL */
	size_t set_count;
	rules_mark mark;
} rules_condition;

/* When every `when` condition holds, every `expect` condition must too. */
typedef struct {
	char *id;
	rules_severity severity;	/* error or warning */
	rules_condition *when;
	size_t when_count;
	rules_condition *expect;
	size_t expect_count;
	char *message;
	rules_mark mark;
} rules_check;

/* A sample line and what it must yield. */
typedef struct {
	char *line;
	bool foreign;		/* the line must not match `line` */
	char **field_names;	/* expected fields (named groups, "emoji") */
	char **field_values;
	size_t field_count;
	char **findings;	/* rule ids the line must produce, exactly */
	size_t finding_count;
	rules_mark mark;
} rules_sample;

typedef struct rules {
	char *path;		/* the file it came from */
	char *format;		/* `format`: its name */
	char *description;
	rules_decode decode;	/* `decode`; text reads `line` */
	struct rules_keys *keys;	/* json and logfmt: see rules_keys.h */
	char *line_pattern;	/* `line` source, NULL unless text */
	pcre2_code *line_regex;	/* compiled with UTF and MATCH_INVALID_UTF */
	/* `continuation`: what a line that continues a record matches. */
	char *continuation_pattern;	/* NULL when absent */
	pcre2_code *continuation_regex;
	uint32_t time_group;	/* group numbers, 0 when absent */
	uint32_t level_group;
	uint32_t message_group;
	char *time_format;	/* `time`, NULL when absent */
	timefmt *time;		/* compiled time_format, NULL when absent */
	char **levels;		/* `levels`; level_count 0 means any */
	size_t level_count;
	rules_emoji emoji;
	rules_streams streams;
	rules_foreign foreign;
	/*
	 * `foreign-share`: the most foreign lines a capture may hold, in
	 * percent of its lines; RULES_FOREIGN_SHARE_OFF for no bound.
	 */
	int foreign_share;
	bool foreign_share_given;	/* whether `foreign-share` was there */
	rules_check *checks;
	size_t check_count;
	rules_sample *samples;
	size_t sample_count;
	char **severity_ids;	/* `severities`: built-in id -> severity */
	rules_severity *severity_values;
	size_t severity_count;
	size_t max_line;	/* `max-line`: longest line judged whole */
	int64_t flush_ns;	/* `flush`: most a line may lag its twin */
	bool flush_given;	/* whether `flush` was there */
	struct baseline *baseline;	/* `drift` and `baseline`, or NULL */
	/* Where some keys stood (0 when absent), for merge's messages. */
	rules_mark line_mark, time_mark, max_line_mark, severities_mark,
	    checks_mark, baseline_mark;
	/* `limits`: PCRE2's, for every pattern at each position it tries. */
	uint32_t match_limit;
	bool match_limit_given;	/* `match` was there: no share over a line */
	uint32_t depth_limit;
	size_t jit_stack;	/* bytes */
} rules;

#define RULES_FOREIGN_SHARE_DEFAULT	50
#define RULES_FOREIGN_SHARE_OFF		-1
/* Points a profile's share of foreign lines may grow by. */
#define RULES_FOREIGN_SHARE_DRIFT	10
#define RULES_FOREIGN_SHARE_DRIFT_TEXT	"10"
#define RULES_MATCH_LIMIT_DEFAULT	1000000
#define RULES_DEPTH_LIMIT_DEFAULT	100000
#define RULES_JIT_STACK_DEFAULT		(1024 * 1024)

/*
 * Load and compile a rule file.  On error returns NULL and fills err with
 * FILE:LINE:COLUMN of the offending node.  Samples are not verified here
 * (that needs the judge): see samples_verify.
 */
rules *rules_load(const char *path, lc_error *err);
/* The same from text in memory; name stands for the file in messages. */
rules *rules_load_text(const char *name, const char *text, size_t len,
    lc_error *err);
/*
 * Rules built in memory (a learned format): name is the path and the
 * `format`, line_pattern is compiled as `line` is, time_format (may be
 * NULL) as `time`; every other key has its default, for the caller to
 * set.  NULL with *cause (caller frees) when one does not compile.
 */
rules *rules_new(const char *name, const char *line_pattern,
    const char *time_format, char **cause);
/* `continuation` for rules built in memory; -1 with *cause as rules_new. */
int rules_set_continuation(rules *r, const char *pattern, char **cause);
void rules_free(rules *r);

/*
 * The rules own their baseline and free it, here or in rules_free: after
 * this they judge the format alone, with no drift.
 */
void rules_drop_baseline(rules *r);

/*
 * The bound on a capture's share of foreign lines in percent, or
 * RULES_FOREIGN_SHARE_OFF: `foreign-share` when given; else none under
 * `foreign: allow`, which expects foreign lines; else, for a profile, its
 * baseline's share (lines that are not log lines) rounded up, plus
 * RULES_FOREIGN_SHARE_DRIFT points; else the default.
 */
int rules_foreign_share(const rules *r);
/* Whether that bound comes from the baseline. */
bool rules_foreign_share_from_baseline(const rules *r);
/* Whether name can be a `format` name: [a-z0-9][a-z0-9._-]*. */
bool rules_format_name_ok(const char *name);
/* The severity for a built-in finding id, after `severities:`. */
rules_severity rules_severity_of(const rules *r, const char *id,
    rules_severity fallback);
/* Whether records of these rules have a level, a message field. */
bool rules_has_level(const rules *r);
bool rules_has_message(const rules *r);
/* Index of level in `levels`, or -1; always 0 when any level is allowed. */
int rules_level_index(const rules *r, const char *level, size_t len);

#endif
