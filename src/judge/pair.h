/*
 * pair: aligns the log lines of stdout with those of stderr under
 * `streams: both`.  Lines go in as they are read; each comes out once,
 * either paired with its twin or with a finding: on one stream only, or
 * paired with a twin whose text differs.  Memory is bounded by the window:
 * a twin further than `window` log lines away is not looked for.
 */
#ifndef LC_PAIR_H
#define LC_PAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAIR_HEAD 120		/* bytes of each line kept for messages */
#define PAIR_TIME_UNKNOWN INT64_MIN	/* pair_line.time_ns when not known */

typedef enum { PAIR_STDOUT, PAIR_STDERR } pair_side;

/*
 * One log line waiting for its twin.  It is small, as it is copied once
 * per line.  Twins are told apart by length and a 64-bit hash of the whole
 * text; the text itself is only wanted for a finding's message, so its
 * head may be left where it was read (head NULL) and fetched again from
 * offset then (see pair_line_set).
 */
typedef struct {
	uint64_t hash;		/* of the whole text */
	uint64_t len;
	uint64_t offset;	/* of the line in its stream */
	unsigned long number;	/* line number in its stream */
	unsigned long line_count;	/* lines of its record, for counts */
	const char *head;	/* its first pair_head_len bytes, or NULL */
	bool violating;		/* already had findings when pushed */
	int64_t time_ns;	/* arrival, or PAIR_TIME_UNKNOWN */
} pair_line;

typedef enum {
	PAIR_MATCHED,		/* a and b are twins */
	PAIR_ONLY,		/* a has no twin on the other stream */
	PAIR_DIFFERENT		/* a and b stand in each other's place */
} pair_outcome;

/*
 * Called once for each resolution.  For PAIR_ONLY, b is the line on the
 * other stream at which a's twin was expected (NULL at its end) and
 * a_side says which stream a is on; for the others a is stdout's.
 */
typedef void (*pair_sink)(void *data, pair_outcome outcome, pair_side a_side,
    const pair_line *a, const pair_line *b);

typedef struct pair pair;

pair *pair_new(size_t window, pair_sink sink, void *data);
void pair_free(pair *p);

/* The hash pair_line.hash holds. */
uint64_t pair_hash(const char *text, size_t len);
/*
 * Fill a pair_line for text (the hashing can run on another thread),
 * copying its head into head, which has room for PAIR_HEAD bytes; with
 * head NULL nothing is copied and the head must be read again from offset.
 */
void pair_line_set(pair_line *line, char *head, const char *text,
    size_t len, uint64_t offset, unsigned long number, bool violating);
/* Bytes of a line's head: its first PAIR_HEAD bytes at most. */
size_t pair_head_len(const pair_line *line);
/* Queue one log line of a stream, head copied; may resolve lines. */
void pair_push(pair *p, pair_side side, const char *text, size_t len,
    unsigned long number, bool violating);
/*
 * The same with a line made by pair_line_set, without a copy of its head:
 * that must stay put until the sink has seen the line.
 */
void pair_push_line(pair *p, pair_side side, const pair_line *line);
/* A stream has ended; lines still waiting are resolved when both have. */
void pair_end(pair *p, pair_side side);
/* Log lines of that side waiting for a twin. */
size_t pair_pending(const pair *p, pair_side side);

#endif
