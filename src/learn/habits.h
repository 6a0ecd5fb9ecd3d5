/*
 * habits: what one capture's logging looks like under a given format:
 * its check report, its own inferred layout, its emoji habit (which emoji
 * lead which levels), its message templates and, for JSON and logfmt
 * records, the schema of their keys.  compare.c judges two
 * captures' habits against each other.  habits_free releases what
 * habits_build filled.
 */
#ifndef LC_HABITS_H
#define LC_HABITS_H

#include <stdbool.h>
#include <stdint.h>

#include "input/capture.h"
#include "learn/infer.h"
#include "learn/keyschema.h"
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
	/* The emoji's bytes then the level's, as decoded: the lookup key. */
	char *key;
	size_t emoji_key_len, level_key_len;
} habits_emoji_use;

typedef struct {
	char *level;
	uint64_t count;
	char *key;		/* the level's bytes as decoded */
	size_t key_len;
} habits_level;

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
	habits_level *levels;	/* log lines per level, first seen first */
	size_t level_count;
	uint64_t lines;		/* every line of every stream */
	uint64_t messages;	/* log lines counted for the habits below */
	uint64_t timed;		/* of them, with a time */
	uint64_t emoji_led;
	uint64_t text_marked;	/* led by a marker such as [OK] instead */
	uint64_t stream_lines[LC_STREAM_COUNT];	/* log lines per stream */
	/* Lines foreign to the format, by what they look like: text, a
	   JSON object or logfmt (indexed by rules_decode). */
	uint64_t foreign_as[RULES_DECODE_LOGFMT + 1];
	habits_emoji_use *uses;
	size_t use_count;
	templates *miner;
	keyschema *keys;	/* of JSON and logfmt records, or NULL */
	char *marker_file;	/* the first text-marked line */
	unsigned long marker_line;
	char *marker_text;
	char *marker;		/* the first text marker, e.g. "[OK]" */
} habits;

/*
 * Check a capture under r and take its habits, in one reading (and a
 * sniff of its start for its own format).  Returns 0, or -1 with *cause
 * on a read error.  own is the capture's own format when it is already
 * known (it is taken over), or NULL.  Past a sniff, own->lines and
 * own->fitting are the counts of the whole capture.
 */
int habits_build(const rules *r, const capture *c, size_t max_findings,
    infer_format *own, habits *p, char **cause);
void habits_free(habits *p);

/* A capture's layout counts as the format's when this share of it fits. */
#define HABITS_LAYOUT_FIT_SHARE 0.9

#endif
