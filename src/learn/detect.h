/*
 * detect: which rule file of the library reads a capture best, for `-r
 * auto`.  It reads a sniff of the captures' start (at most
 * DETECT_SNIFF_LINES lines and DETECT_SNIFF_BYTES bytes, never a pass per
 * format over a whole capture), judges it with each rule file, joining
 * continuation lines as a check would, and ranks them: most lines read
 * in order first (conforming, or whose only findings are of order: time
 * stepping back where threads or nodes interleave, keys in another
 * order), then most lines conforming, then (ties to the more specific)
 * fewer foreign lines, more named fields, the longer `line` pattern, and
 * last the name.  A
 * rule file fits when it reads (as conforming or violating lines) at
 * least DETECT_FIT_PERCENT of the sniff.  The sniff owns copies of its
 * lines; candidates own their strings.
 */
#ifndef LC_DETECT_H
#define LC_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "decode/rulepath.h"
#include "decode/rules.h"

#define DETECT_SNIFF_LINES	1000
#define DETECT_SNIFF_BYTES	(1024 * 1024)
#define DETECT_FIT_PERCENT	50

typedef struct detect_sniff detect_sniff;

/* How one rule file read the sniff. */
typedef struct {
	char *name;		/* NAME of NAME.yaml */
	char *path;
	char *format;		/* its `format`; NULL: it did not load */
	char *description;	/* NULL when it has none */
	char *error;		/* why it did not load, or NULL */
	uint64_t lines, conforming, violating, foreign;
	uint64_t in_order;	/* conforming, or with order findings only */
	/* Named fields with text, and without, over the records read. */
	uint64_t filled, unfilled;
	size_t named_fields;
	size_t pattern_len;
} detect_candidate;

/*
 * The sniff of captures: their first lines, in order (a capture's stdout
 * before its stderr, the next capture after the first when it is short).
 * NULL with *cause on a read error.
 */
detect_sniff *detect_sniff_new(const capture *captures, size_t count,
    char **cause);
void detect_sniff_free(detect_sniff *s);
/* Lines the sniff holds. */
uint64_t detect_sniff_lines(const detect_sniff *s);

/* Judge the sniff with r into c (its counts and specificity). */
void detect_try(const detect_sniff *s, const rules *r, detect_candidate *c);

/*
 * Try every rule file of the library; returns the count, with
 * *candidates best first (those that did not load last).
 */
size_t detect_library(const detect_sniff *s, const rulepath_entry *library,
    size_t count, detect_candidate **candidates);
void detect_candidates_free(detect_candidate *c, size_t count);
/* qsort's order of candidates, best first (see above). */
int detect_rank(const void *a, const void *b);

/* Whether the candidate reads at least DETECT_FIT_PERCENT of the sniff. */
bool detect_fits(const detect_candidate *c);
/* Percent of the sniff it reads, rounded down. */
unsigned detect_percent(const detect_candidate *c);

#endif
