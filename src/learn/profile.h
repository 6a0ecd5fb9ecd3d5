/*
 * profile: what one capture's logging looks like under a given format:
 * its check report, its own inferred layout, its emoji habit (which emoji
 * lead which levels) and its message templates.  compare.c judges two
 * profiles against each other.  profile_free releases what profile_build
 * filled.
 */
#ifndef LC_PROFILE_H
#define LC_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "input/capture.h"
#include "learn/infer.h"
#include "judge/report.h"
#include "decode/rules.h"
#include "mine/templates.h"

/* One (emoji, level) pairing and where it was first seen. */
typedef struct {
	char *emoji;		/* "" for messages without a leading emoji */
	char *level;
	uint64_t count;
	char *file;
	unsigned long line;
	char *text;		/* printable excerpt of that first line */
} profile_emoji_use;

typedef struct {
	char *level;
	uint64_t count;
} profile_level;

typedef struct {
	char *name;		/* the CAPTURE argument */
	report *report;		/* the capture checked under the format */
	bool own_ok;		/* its own format could be inferred */
	infer_format own;
	/*
	 * The habits below are taken under the given format, or under the
	 * capture's own when its lines do not have the given layout: a
	 * capture that only moved its fields around keeps its levels, emoji
	 * and templates comparable.
	 */
	bool own_habits;
	profile_level *levels;	/* log lines per level, first seen first */
	size_t level_count;
	uint64_t lines;		/* every line of every stream */
	uint64_t messages;	/* log lines counted for the habits below */
	uint64_t emoji_led;
	uint64_t text_marked;	/* led by a marker such as [OK] instead */
	uint64_t stream_lines[LC_STREAM_COUNT];	/* log lines per stream */
	profile_emoji_use *uses;
	size_t use_count;
	templates *miner;
	char *marker_file;	/* the first text-marked line */
	unsigned long marker_line;
	char *marker_text;
	char *marker;		/* the first text marker, e.g. "[OK]" */
} profile;

/*
 * Check a capture under r and take its habits, in one reading (and a
 * sniff of its start for its own format).  Returns 0, or -1 with *cause
 * on a read error.  own is the capture's own format when it is already
 * known (it is taken over), or NULL.  Past a sniff, own->lines and
 * own->fitting are the counts of the whole capture.
 */
int profile_build(const rules *r, const capture *c, size_t max_findings,
    infer_format *own, profile *p, char **cause);
void profile_free(profile *p);

/*
 * Infer a format from a sniff of a capture's start: the rules, and the
 * rule file text for people (*yaml, caller frees); with format, the
 * inferred format too (caller frees).  NULL with *cause when no layout
 * fits.
 */
rules *profile_infer_rules(const capture *c, const char *name, char **yaml,
    infer_format *format, char **cause);

/*
 * The rule file inferred from the lines of several captures together (a
 * sniff of each), with the baseline of all their lines (see
 * decode/baseline.h), checked to hold its samples (caller frees); NULL
 * with *cause when no layout fits.
 */
char *profile_infer_yaml(const capture *captures, size_t count,
    const char *name, char **cause);

/*
 * profile_infer_yaml, then profile_self_check of the same captures (read
 * once more; standard input is spooled for all the readings).  With
 * layout_from, its layout is taken instead of inferred (levels and the
 * emoji policy still come from the counts), so even a capture without log
 * lines gives a profile.  *failing and *ids as profile_self_check gives
 * them; a failure of the check itself goes to *check_cause (caller
 * frees), not *cause.
 */
char *profile_infer_checked(const capture *captures, size_t count,
    const char *name, const rules *layout_from, uint64_t *failing,
    char **ids, char **check_cause, char **cause);

/*
 * The format of a rule file as infer_rules_yaml takes it: line, time,
 * layout, levels, emoji and stream policies; no samples (free with
 * infer_format_free).
 */
void profile_format_of(const rules *r, infer_format *f);

/*
 * Lines of each source that a capture's own format is inferred from: a
 * sniff of its start, so that the rest is read once.
 */
#define PROFILE_SNIFF_LINES 8192

/* A capture's layout counts as the format's when this share of it fits. */
#define PROFILE_LAYOUT_FIT_SHARE 0.9

/* Finding ids profile_self_check lists before "...". */
#define PROFILE_SELF_CHECK_IDS 3

/*
 * Check the captures against the profile r (named name in messages), as
 * `logcompat check -r` would: *failing gets the findings that fail
 * (errors), *ids the first PROFILE_SELF_CHECK_IDS of their ids, comma
 * separated (caller frees; "" for none).  Returns 0, or -1 with *cause.
 * infer uses it to warn when its own captures will not pass.
 */
int profile_self_check(const rules *r, const char *name,
    const capture *captures, size_t count, uint64_t *failing, char **ids,
    char **cause);

#endif
