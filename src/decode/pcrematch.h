/*
 * pcrematch: PCRE2 matching within a rule file's `limits`, for every
 * pattern that is tried on a record (a decoder's and the checks'
 * conditions).  It owns one match context and one JIT stack, shared by
 * those patterns, and the budget that keeps a long subject from
 * multiplying the match limit.  pcrematch_new / pcrematch_free.
 *
 * PCRE2 counts the match limit afresh at each position where it tries an
 * unanchored pattern, so a long subject would multiply it.  Unless the
 * rule file sets `match`, such a pattern gets match * PCREMATCH_SHARE /
 * (length + 1) at each position, never more than match nor less than
 * PCREMATCH_POSITION_FLOOR: a runaway pattern then gives up on a line of
 * a megabyte within seconds.  A linear match of a long subject may need
 * more than that share at its first position, so a pattern that hits the
 * limit is tried once more (pcrematch_retry) with PCREMATCH_STEPS_PER_BYTE
 * * (length + 1) steps at each position (at most match), at as many
 * positions as keep the retry within match * PCREMATCH_SHARE steps too.
 */
#ifndef LC_PCREMATCH_H
#define LC_PCREMATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/rules.h"

#define PCREMATCH_SHARE			64
#define PCREMATCH_POSITION_FLOOR	1000
#define PCREMATCH_STEPS_PER_BYTE	4
/*
 * Each subject a runaway pattern gives up on costs up to a second or so:
 * after this many, the pattern's user stops trying it for the rest of the
 * stream, so that a thousand such lines take seconds, not minutes.
 */
#define PCREMATCH_GIVE_UP_LINES		8

/* Seen by callers so that setting the limit, once a line, is inline. */
typedef struct {
	pcre2_match_context *context;
	pcre2_jit_stack *jit_stack;
	uint32_t context_limit;	/* the match limit context holds now */
	uint32_t match_limit;	/* the rules' */
	bool match_limit_given;	/* `match` was there: no share */
} pcrematch;

pcrematch *pcrematch_new(const rules *r);
void pcrematch_free(pcrematch *m);

/* Whether a pattern is tried at one position only. */
bool pcrematch_anchored(const pcre2_code *code);

static inline void
pcrematch_set_limit(pcrematch *m, uint32_t limit)
{
	if (limit != m->context_limit) {
		pcre2_set_match_limit(m->context, limit);
		m->context_limit = limit;
	}
}

/*
 * Set the match limit for a pattern about to be tried on len bytes; true
 * when a limit hit deserves pcrematch_retry.
 */
static inline bool
pcrematch_limit(pcrematch *m, bool anchored, size_t len)
{
	uint32_t limit = m->match_limit;
	bool share = !anchored && !m->match_limit_given &&
	    len >= PCREMATCH_SHARE;

	if (share) {
		uint64_t shared = (uint64_t)limit * PCREMATCH_SHARE /
		    ((uint64_t)len + 1);
		uint32_t floor = limit < PCREMATCH_POSITION_FLOOR ? limit :
		    PCREMATCH_POSITION_FLOOR;
		limit = shared < floor ? floor : (uint32_t)shared;
	}
	pcrematch_set_limit(m, limit);
	return share && limit < m->match_limit;
}

/*
 * After a limit hit under the shared budget: a larger limit at each
 * position, at the first positions only (the offset limit, which the
 * pattern must allow with PCRE2_USE_OFFSET_LIMIT).  pcrematch_unretry
 * undoes it.
 */
void pcrematch_retry(pcrematch *m, size_t len);
void pcrematch_unretry(pcrematch *m);

#endif
