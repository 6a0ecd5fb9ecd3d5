/*
 * baseline: what a known-good capture held, kept in its rule file so that
 * later captures can be judged for drift: log lines per level, the
 * leading emoji of each level, the message templates, the keys of
 * structured records (JSON, logfmt) with their types, and the drift
 * policy (the `baseline` and `drift` keys of logcompat-rules(5)).  Every
 * count adds up exactly under baseline_merge.  It knows lines only as the
 * spans a judge found in them (baseline_parts), so that the rule loader
 * can sit on it: baseline_load.c reads it from YAML, learn/baseline_write.c
 * writes it, learn/baseline_scan.c counts captures into it.  A baseline
 * owns all it holds; baseline_free releases it and accepts NULL.
 */
#ifndef LC_BASELINE_H
#define LC_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/yamldoc.h"
#include "mine/shapes.h"
#include "mine/templates.h"

/* What a kind of drift is, as `foreign` maps to severities. */
typedef enum { DRIFT_ALLOW, DRIFT_REPORT, DRIFT_FAIL } baseline_policy;

/* Percentage points a level's share may move by default. */
#define BASELINE_SHARE_POINTS 10.0

typedef struct {
	char *level;		/* "" when `line` has no level group */
	uint64_t count;
	size_t level_len;	/* for the counting, which is hot */
} baseline_level;

typedef struct {
	char *level;
	char *emoji;		/* "" for messages without a leading emoji */
	uint64_t count;
	size_t level_len, emoji_len;	/* as in baseline_level */
} baseline_emoji;

typedef struct {
	char *level;
	char *emoji;
	char *text;		/* the miner's tokens, masks and <*> */
	uint64_t count;
	yamldoc_mark mark;	/* where it stood in the rule file, or 0 */
} baseline_template;

/*
 * A top-level key of structured records: the log lines holding it and the
 * types of its values, as RULES_TYPE_* bits (decode/rules_keys.h).
 */
typedef struct {
	char *name;		/* as a rule file writes it */
	uint64_t count;
	unsigned types;
} baseline_keystat;

typedef struct baseline {
	/* `drift` */
	baseline_policy new_template, new_emoji, level_share;
	baseline_policy new_key, key_gone;	/* with keys only */
	double share_points;
	/* `baseline`; has_* say whether a key was there */
	char *layout;		/* the layout, for people */
	uint64_t lines, log_lines;
	bool has_levels, has_emoji, has_templates;
	/* `shapes`: when there, they judge new templates, not `templates` */
	bool has_shapes;
	shapes *shapes;
	baseline_level *levels;
	size_t level_count;
	baseline_emoji *emoji;
	size_t emoji_count;
	/* baseline.c's hash indexes of both (index + 1, 0 for empty) */
	uint32_t *level_table, *emoji_table;
	size_t level_mask, emoji_mask;
	baseline_template *templates;
	size_t template_count;
	/* `keys`: structured records' top-level keys, sorted by name */
	bool has_keys;
	baseline_keystat *keys;
	size_t key_count;
	uint64_t overflow;	/* messages past the miner's template cap */
	bool overflowed;	/* a sum of counts passed UINT64_MAX */
	templates *miner;	/* while lines are added, then NULL */
} baseline;

/* The parts of a judged log line that a baseline counts. */
typedef struct {
	const char *level, *emoji, *rest;	/* rest: the message after
						   its emoji and spaces */
	size_t level_len, emoji_len, rest_len;
	size_t rest_at;		/* where rest starts in the line */
} baseline_parts;

/* Which fields the lines of a format have (their rules' groups). */
typedef struct {
	bool level;		/* a level group */
	bool message;		/* a message group */
} baseline_layout;

/*
 * An empty baseline for lines with the given fields (NULL: none), default
 * drift policy; layout is the skeleton, for people.
 */
baseline *baseline_new(const baseline_layout *fields, const char *layout);
void baseline_free(baseline *b);

/* Count one line: its parts, or NULL for a foreign line. */
void baseline_add_line(baseline *b, const baseline_parts *parts);
/*
 * Done adding lines: the miner's templates become the list.  Each log line
 * was counted in one template, or in `overflow` past the miner's cap, and
 * is like the template it was counted in (judging lets <*> match any
 * word, and a template only gains <*>), so no second pass is needed.
 */
void baseline_finish(baseline *b);

/* A miner seeded with b's templates, for templates_known (caller frees). */
templates *baseline_known(const baseline *b);

/*
 * Add src's counts to dst's (both finished); src is left as it was.  A sum
 * past UINT64_MAX stops there and sets dst->overflowed.
 */
void baseline_merge(baseline *dst, const baseline *src);

/* Count of a level, or 0. */
uint64_t baseline_level_count(const baseline *b, const char *level,
    size_t len);
/* Whether a level is in the counts. */
bool baseline_level_known(const baseline *b, const char *level, size_t len);

/* Count more lines of a level, or of an emoji of a level. */
void baseline_count_level(baseline *b, const char *level, size_t len,
    uint64_t count);
void baseline_count_emoji(baseline *b, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, uint64_t count);
/*
 * Count more log lines holding a key (len bytes of name), with values of
 * the given types; sets has_keys.
 */
void baseline_count_key(baseline *b, const char *name, size_t len,
    unsigned types, uint64_t count);
/* A key of `keys`, or NULL. */
const baseline_keystat *baseline_find_key(const baseline *b,
    const char *name, size_t len);

/*
 * a + b; past UINT64_MAX the sum stays there and into (when not NULL) is
 * marked overflowed.
 */
uint64_t baseline_sum(baseline *into, uint64_t a, uint64_t b);

/* Whether id is one of the drift findings' ids (new-template ...). */
bool baseline_finding_id(const char *id);
/* "allow", "report" or "fail". */
const char *baseline_policy_name(baseline_policy policy);

#endif
