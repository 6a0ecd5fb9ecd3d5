/*
 * timefmt: strftime-style formats compiled once, then used to parse and
 * validate timestamps taken from log lines.  timefmt_compile owns what it
 * returns; timefmt_free accepts NULL.
 */
#ifndef LC_TIMEFMT_H
#define LC_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct timefmt timefmt;

/* What a timestamp said.  Fields the format lacks are left at 0 / false. */
typedef struct {
	int year, month, day;	/* month 1-12, day 1-31 */
	int yday;		/* 1-366, from %j */
	int hour, minute, second;	/* hour 0-23 after %I/%p folding */
	long nanosecond;	/* from fractions */
	int utc_offset;		/* seconds east of UTC, from %z */
	int64_t epoch;		/* from %s: whole seconds */
	bool has_date, has_time, has_zone, has_epoch;
} timefmt_value;

/*
 * Compile a format.  Supported conversions: %Y %m %d %e %H %M %S %I %p %b
 * %j %z %Z %T %F %s %f (fraction digits, 1-9) %3N %6N %9N (exactly that
 * many fraction digits) %% and literal text.  "%s%3N" (no separator) reads
 * epoch milliseconds: %s leaves the last 3 digits to %3N; likewise %6N and
 * %9N.  The whole format "epoch-s", "epoch-ms", "epoch-us" or "epoch-ns"
 * reads a number of seconds, milliseconds, microseconds or nanoseconds
 * since the epoch, whole or with a fraction ("1733522561.123").  On error
 * returns NULL, sets
 * *cause (caller frees) and *offset to the byte offset in format.
 */
timefmt *timefmt_compile(const char *format, char **cause, size_t *offset);
void timefmt_free(timefmt *tf);

/*
 * Parse text (exactly len bytes, all of it) and validate field ranges,
 * widths, AM/PM and fractions.  Returns true on success.  On failure sets
 * *why to a static message and *at to the byte offset in text where the
 * problem is; neither is touched on success.
 */
bool timefmt_parse(const timefmt *tf, const char *text, size_t len,
    timefmt_value *value, const char **why, size_t *at);

/*
 * Like timefmt_parse, but the timestamp may be followed by other text:
 * parses from the start of text as far as the format goes and sets *end to
 * the length taken.  Conversions are greedy (a %f or %s run is never cut
 * short), so "14:03:22.5x" against "%T.%f" ends at 10.  Returns false when
 * no prefix of text is a valid timestamp; *end is then untouched.
 */
bool timefmt_parse_prefix(const timefmt *tf, const char *text, size_t len,
    timefmt_value *value, size_t *end);

/* True when the format carries a calendar date (or epoch seconds). */
bool timefmt_has_date(const timefmt *tf);

/*
 * Whether two formats read the same text: equal once the shorthands %F
 * and %T are spelled out (%Y-%m-%d, %H:%M:%S).  Either may be NULL.
 */
bool timefmt_same(const char *a, const char *b);

/*
 * A key that orders parsed timestamps of one format: nanoseconds since the
 * epoch for dated formats (UTC when there is a zone), nanoseconds since
 * midnight for time-of-day formats.
 */
int64_t timefmt_order_key(const timefmt *tf, const timefmt_value *value);

#endif
