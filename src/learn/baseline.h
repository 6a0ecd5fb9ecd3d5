/*
 * baseline: what a known-good capture held, kept in its rule file so that
 * later captures can be judged for drift: log lines per level, the
 * leading emoji of each level, the message templates, and the drift
 * policy (the `baseline` and `drift` keys of logcompat-rules(5)).  Every
 * count adds up exactly under baseline_merge.  A baseline owns all it
 * holds; baseline_free releases it and accepts NULL.
 */
#ifndef LC_BASELINE_H
#define LC_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "learn/infer.h"
#include "judge/judge.h"
#include "decode/rules.h"
#include "decode/rules_node.h"
#include "mine/shapes.h"
#include "mine/templates.h"

/* What a kind of drift is, as `foreign` maps to severities. */
typedef enum { DRIFT_ALLOW, DRIFT_REPORT, DRIFT_FAIL } baseline_policy;

/* Percentage points a level's share may move by default. */
#define BASELINE_SHARE_POINTS 10.0

typedef struct {
	char *level;		/* "" when `line` has no level group */
	uint64_t count;
} baseline_level;

typedef struct {
	char *level;
	char *emoji;		/* "" for messages without a leading emoji */
	uint64_t count;
} baseline_emoji;

typedef struct {
	char *level;
	char *emoji;
	char *text;		/* the miner's tokens, masks and <*> */
	uint64_t count;
	rules_mark mark;	/* where it stood in the rule file, or 0 */
} baseline_template;

typedef struct baseline {
	/* `drift` */
	baseline_policy new_template, new_emoji, level_share;
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
	baseline_template *templates;
	size_t template_count;
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

void baseline_parts_of(const char *text, const judge_result *res,
    baseline_parts *parts);

/* An empty baseline for captures judged by r, default drift policy. */
baseline *baseline_new(const rules *r, const char *layout);
void baseline_free(baseline *b);

/* Count one judged line (text without its line end). */
void baseline_add_line(baseline *b, const char *text, size_t len,
    const judge_result *res);
/* Count every line of a capture, judged by r; -1 with *cause on error. */
int baseline_scan(baseline *b, const rules *r, const capture *c,
    char **cause);
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

/*
 * The `emoji` policy the vocabulary implies (none: no message is led by
 * an emoji; required: every one is; else optional), or fallback without
 * a vocabulary.
 */
rules_emoji baseline_emoji_policy(const baseline *b, rules_emoji fallback);
/* Count of a level, or 0. */
uint64_t baseline_level_count(const baseline *b, const char *level,
    size_t len);
/* Whether a level is in the counts. */
bool baseline_level_known(const baseline *b, const char *level, size_t len);

/*
 * The `drift` and `baseline` keys as YAML, in a canonical order (the same
 * counts give the same bytes), for the end of a rule file (caller frees).
 */
char *baseline_yaml(const baseline *b);

/* Whether id is one of the drift findings' ids (new-template ...). */
bool baseline_finding_id(const char *id);

/* Levels in the order infer lists them, then the others by their bytes. */
int baseline_level_order(const char *a, const char *b);

/*
 * The rule file of a profile: f's format (as infer_rules_yaml writes it)
 * followed by b, checked to load and to hold its samples.  Returns it
 * (caller frees), or NULL with *cause.
 */
char *baseline_profile_yaml(const infer_format *f, const baseline *b,
    const char *name, char **cause);

/*
 * Load `drift` (drift_key and drift, either may be NULL) and `baseline`
 * (may be NULL) of the rules being loaded.  *out is NULL or a baseline.
 */
int baseline_load(rules_loader *ld, const rules *r,
    const rules_node *drift_key, const rules_node *drift,
    const rules_node *base, baseline **out);

#endif
