/*
 * judge: applies one rule set to one record at a time.  It checks the
 * record's bytes (encoding, NUL, control characters), has the rules'
 * decoder (decode/decoder.h) turn it into fields, and checks the fields:
 * time, level, emoji, the rule file's checks.  It does not know which
 * decoder it has: a finding's position is the field's position in the
 * record.  It knows, through judge_stream, the records before it on the
 * same stream; it knows nothing of the other stream (pairing is pair.c's)
 * nor of reports.  The judge borrows its rules, which must outlive it, and
 * owns its decoder and the pcrematch the decoder and the checks share.
 */
#ifndef LC_JUDGE_H
#define LC_JUDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "input/reader.h"
#include "decode/decoder.h"
#include "decode/findings.h"
#include "decode/rules.h"

typedef struct judge judge;

/* A built-in finding: one below FINDING_BUILTIN_COUNT of findings.h. */
typedef finding_id judge_builtin;

typedef enum { LINE_CONFORMING, LINE_VIOLATING, LINE_FOREIGN } judge_kind;

typedef struct {
	const char *rule;	/* a built-in id or a check's id */
	rules_severity severity;	/* error or warning, never off */
	size_t at;		/* byte offset in the line */
	char *message;		/* owned by the result; NULL from a terse judge */
} judge_finding;

/* A byte range of the line; off is SIZE_MAX when the field is absent. */
typedef struct {
	size_t off, len;
} judge_span;

/*
 * time, level and message are positions in the record.  Their values are
 * the decoder's, in decoded: with the pattern decoder they are the same
 * bytes of the record, but a decoder may own a field's text.
 */
typedef struct {
	judge_kind kind;
	judge_span time, level, message;
	size_t emoji_len;	/* leading emoji of message, bytes */
	judge_finding *findings;	/* reused from line to line */
	size_t finding_count, finding_cap;
	/* The decoder's fields; the judge's, valid until its next call. */
	const decode_result *decoded;
} judge_result;

/* Time-order memory of one stream. */
typedef struct {
	bool seen;
	int64_t last_key;
	char last_time[40];	/* the previous time as written, for messages */
	size_t last_time_len;
	const void *last_format;	/* the timefmt that read last_time */
} judge_stream;

judge *judge_new(const rules *r);
void judge_free(judge *j);
/*
 * Findings without their messages, for a caller that only counts them:
 * formatting a message costs more than judging a foreign line.
 */
void judge_set_terse(judge *j);
/*
 * Decode only: a record is foreign, or a log line with its fields' spans
 * and no finding (no time, level, emoji or check is judged), so
 * conforming.
 */
void judge_set_decode_only(judge *j);

/* The severity a built-in finding has under these rules. */
rules_severity judge_severity(const judge *j, judge_builtin id);
const char *judge_builtin_id(judge_builtin id);

/*
 * Judge one record.  state may be NULL (no time order).  Clears res first;
 * its findings stay valid until the next call or judge_result_free.
 */
void judge_record(judge *j, judge_stream *state, const lc_record *rec,
    lc_stream stream, judge_result *res);
/* The same for a record of one line (text without its line end). */
void judge_line(judge *j, judge_stream *state, const char *text, size_t len,
    lc_stream stream, judge_result *res);
/* Add a finding by hand (the caller's own built-in findings). */
void judge_result_add(judge_result *res, const char *rule,
    rules_severity severity, size_t at, char *message);
void judge_result_free(judge_result *res);

/*
 * The position of field `name` in the last judged record; false when the
 * format has no such field.  text, len, stream and res are not used.
 */
bool judge_field(const judge *j, const char *name, const char *text,
    size_t len, lc_stream stream, const judge_result *res, judge_span *span);
/*
 * The value of field `name` in the last judged record, as the decoder
 * gave it (a JSON string's escapes decoded); false when the format has no
 * such field.  Valid until the next judge call.
 */
bool judge_value(const judge *j, const char *name, decode_field *value);

#endif
