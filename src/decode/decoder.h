/*
 * decoder: turns a record into fields.  Reading yields records (see
 * lc_record in input/reader.h: a first line and its continuation lines);
 * a decoder reads one record into the fields of its format: the time,
 * the level, the message, the message's leading emoji, and any field the
 * format names (a named group of a `line` pattern; later, a JSON or logfmt
 * key).  The judge checks fields without knowing what decoded them.
 *
 * Each field has a value and a position.  The value is the field's text:
 * bytes of the record for a pattern, or text the decoder owns (a JSON
 * string unescaped), so it need not be a byte range of the record.  The
 * position is the byte range of the record the value came from, where a
 * finding about the field puts its caret.  Values stay valid until the
 * next decoder_decode or decoder_free.
 *
 * A format is a decoder_ops: the pattern decoder (pattern.c, the rules'
 * `line`), the JSON decoder (json.c) and the logfmt decoder (logfmt.c).  To add one, write its ops beside pattern.c and
 * choose it in decoder_new; the judge does not change.  The decoder owns
 * its state and its values; it borrows the rules and the pcrematch, which
 * must outlive it.
 */
#ifndef LC_DECODER_H
#define LC_DECODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/emoji.h"
#include "decode/findings.h"
#include "decode/pcrematch.h"
#include "decode/rules.h"

/* decode_field.at of a field the record does not have. */
#define DECODE_ABSENT SIZE_MAX

typedef struct {
	const char *text;	/* the value, not NUL-terminated */
	size_t len;
	size_t at;		/* offset in the record, or DECODE_ABSENT */
	size_t span;		/* bytes of the record it stands for */
} decode_field;

/* What the judge already knows of a record's bytes. */
typedef struct {
	const char *text;	/* the record, line ends between its lines */
	size_t len;
	bool clean;		/* valid UTF-8 and no control character */
	size_t invalid;		/* first invalid UTF-8 byte, or SIZE_MAX */
} decode_input;

typedef enum {
	DECODE_OK,		/* a record of the format: fields are set */
	DECODE_FOREIGN,		/* not a record of the format */
	DECODE_GAVE_UP,		/* the decoder gave up on it (limit_*) */
	DECODE_BROKEN		/* of the format, but it does not decode */
} decode_status;

/* A finding of the decoder's own (a missing key, broken JSON). */
typedef struct {
	finding_id id;
	size_t at;		/* offset in the record */
	const char *message;
} decode_problem;

typedef struct {
	decode_status status;
	/*
	 * The record as the fields see it: the input, or a copy the decoder
	 * mended (an invalid UTF-8 byte as '?', offsets kept).
	 */
	const char *text;
	size_t len;
	decode_field time, level, message;
	size_t emoji_len;	/* leading emoji of message, bytes */
	/* DECODE_GAVE_UP: what gave up, in full and in short. */
	const char *limit_message, *limit_short;
	/* Findings of the decoder: DECODE_BROKEN has one at least. */
	const decode_problem *problems;
	size_t problem_count;
	/*
	 * JSON and logfmt records decoded whole: their top-level members,
	 * the decoder's until its next record; else NULL.
	 */
	struct keyed *members;
} decode_result;

typedef struct decoder_ops {
	const char *name;
	void *(*create)(const rules *r, pcrematch *m);
	void (*free)(void *state);
	/* Decode one record: status, text and the three fields of res. */
	void (*decode)(void *state, const decode_input *in,
	    decode_result *res);
	/* A named field's index, or -1 when the format has no such field. */
	int (*field_index)(const void *state, const char *name);
	/* Field index of the last record decoded. */
	void (*field)(const void *state, int index, const decode_result *res,
	    decode_field *field);
} decoder_ops;

/* Seen by callers only so that the calls of each record are inline. */
typedef struct decoder {
	const decoder_ops *ops;
	void *state;
	emoji_matcher *emoji;
} decoder;

/* The decoder of a rule file's format. */
decoder *decoder_new(const rules *r, pcrematch *m);
void decoder_free(decoder *d);
const char *decoder_name(const decoder *d);

int decoder_field_index(const decoder *d, const char *name);

/* Decode one record into res, which the decoder fills whole. */
static inline void
decoder_decode(decoder *d, const decode_input *in, decode_result *res)
{
	res->members = NULL;
	d->ops->decode(d->state, in, res);
	res->emoji_len = 0;
	if (res->status == DECODE_OK && res->message.at != DECODE_ABSENT)
		res->emoji_len = emoji_leading(d->emoji, res->message.text,
		    res->message.len);
}

/* Field index (of decoder_field_index) of the last record decoded. */
static inline void
decoder_field(const decoder *d, int index, const decode_result *res,
    decode_field *field)
{
	d->ops->field(d->state, index, res, field);
}

/* The pattern decoder: the named groups of the rules' `line`. */
extern const decoder_ops decoder_pattern;
/* The keys of one JSON object per record (json.c). */
extern const decoder_ops decoder_json;
/* The keys of a logfmt line (logfmt.c). */
extern const decoder_ops decoder_logfmt;

#endif
