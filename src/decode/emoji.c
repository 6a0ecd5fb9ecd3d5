/* emoji: leading emoji detection with PCRE2; see emoji.h. */
#include "decode/emoji.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/bytes.h"
#include "util/xalloc.h"

/*
 * An extended grapheme cluster (\X) that begins with a pictographic
 * character, a regional indicator (flags) or a keycap base followed by
 * U+20E3.  \X then takes in the ZWJ joins, modifiers and selectors.
 */
static const char emoji_pattern[] =
    "^(?=\\p{Extended_Pictographic}|\\p{Regional_Indicator}"
    "|[#*0-9]\\x{FE0F}?\\x{20E3})\\X";

/*
 * PCRE2 10.42's \X joins more than Unicode (UAX #29) does: two pictographs
 * without a ZWJ between them ("✅✅", "👍🏽👍"; GB11 and GB999 break there),
 * and with JIT and PCRE2_MATCH_INVALID_UTF two flags in a row (GB12 pairs
 * regional indicators).  Inside a cluster that starts like ours, a
 * pictograph may only follow a ZWJ and a regional indicator may only be the
 * second one, so the first place this pattern finds after the first
 * character starts the next cluster.
 */
static const char emoji_break_pattern[] =
    "(?<!\\x{200D})\\p{Extended_Pictographic}"
    "|(?<=\\p{Regional_Indicator}\\p{Regional_Indicator})"
    "\\p{Regional_Indicator}";

/*
 * Logs repeat a few emoji millions of times, so clusters found are kept:
 * a cluster followed by an ASCII byte (or the end) ends there whatever it
 * was followed by before, as no ASCII character extends a cluster.
 */
/*
 * Sets of two slots: the emoji a program uses most (a job's ✅ and 📨)
 * must not push each other out when their first bytes hash alike.
 */
#define EMOJI_CACHE_SETS	64
#define EMOJI_CACHE_BYTES	32

typedef struct {
	size_t len;		/* 0: empty slot */
	char bytes[EMOJI_CACHE_BYTES];
} emoji_cached;

struct emoji_matcher {
	emoji_cached cache[EMOJI_CACHE_SETS][2];	/* [0]: the newer */
	bool jit;		/* both patterns are JIT-compiled */
	pcre2_code *cluster;
	pcre2_match_data *cluster_match;
	pcre2_code *next;	/* emoji_break_pattern */
	pcre2_match_data *next_match;
};

static pcre2_code *
emoji_compile(const char *pattern)
{
	pcre2_code *code;
	PCRE2_SIZE offset;
	int error;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, NULL);
	if (code == NULL)
		return NULL;
	/* Without JIT the interpreter gives the same answers, more slowly. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

emoji_matcher *
emoji_matcher_new(void)
{
	emoji_matcher *m = xcalloc(1, sizeof *m);

	m->cluster = emoji_compile(emoji_pattern);
	m->next = emoji_compile(emoji_break_pattern);
	if (m->cluster == NULL || m->next == NULL)
		goto fail;
	m->cluster_match = pcre2_match_data_create_from_pattern(m->cluster,
	    NULL);
	m->next_match = pcre2_match_data_create_from_pattern(m->next, NULL);
	if (m->cluster_match == NULL || m->next_match == NULL)
		goto fail;
	size_t jit_cluster = 0, jit_next = 0;
	pcre2_pattern_info(m->cluster, PCRE2_INFO_JITSIZE, &jit_cluster);
	pcre2_pattern_info(m->next, PCRE2_INFO_JITSIZE, &jit_next);
	m->jit = jit_cluster > 0 && jit_next > 0;
	return m;

fail:
	emoji_matcher_free(m);
	return NULL;
}

void
emoji_matcher_free(emoji_matcher *m)
{
	if (m == NULL)
		return;
	pcre2_match_data_free(m->cluster_match);
	pcre2_code_free(m->cluster);
	pcre2_match_data_free(m->next_match);
	pcre2_code_free(m->next);
	free(m);
}

static int
emoji_match(const emoji_matcher *m, pcre2_code *code, const char *s,
    size_t len, size_t start, pcre2_match_data *match)
{
	/* The JIT entry point skips pcre2_match's per-call setup. */
	if (m->jit)
		return pcre2_jit_match(code, (PCRE2_SPTR)s, len, start, 0,
		    match, NULL);
	return pcre2_match(code, (PCRE2_SPTR)s, len, start, 0, match, NULL);
}

static emoji_cached *
emoji_set(emoji_matcher *m, const char *s, size_t len)
{
	uint32_t key = 0;

	/*
	 * One load where there are four bytes: copied a byte at a time, the
	 * key was read back before the stores reached it (a stall).
	 */
	if (len >= 4)
		memcpy(&key, s, 4);
	else
		for (size_t i = 0; i < len; i++)
			key |= (uint32_t)(unsigned char)s[i] << 8 * i;
	/* The high bits of a 64-bit product: every key byte moves them. */
	return m->cache[(key * UINT64_C(0x9e3779b97f4a7c15)) >> 58];
}

size_t
emoji_leading(emoji_matcher *m, const char *s, size_t len)
{
	unsigned char first;
	size_t first_len, cluster_len;
	int rc;

	if (len == 0)
		return 0;
	/* Most messages start with a letter: no need to ask PCRE2. */
	first = (unsigned char)s[0];
	if (first < 0x80 && first != '#' && first != '*' &&
	    (first < '0' || first > '9'))
		return 0;

	emoji_cached *set = emoji_set(m, s, len);
	for (int way = 0; way < 2; way++) {
		const emoji_cached *slot = &set[way];
		if (slot->len > 0 && slot->len <= len &&
		    bytes_equal(slot->bytes, s, slot->len) &&
		    (slot->len == len || (unsigned char)s[slot->len] < 0x80))
			return slot->len;
	}

	/*
	 * No match, or invalid UTF-8 at the start.  Other errors (memory)
	 * cannot come from this short anchored pattern in practice; they too
	 * mean no emoji was found.
	 */
	rc = emoji_match(m, m->cluster, s, len, 0, m->cluster_match);
	if (rc < 0)
		return 0;
	cluster_len = pcre2_get_ovector_pointer(m->cluster_match)[1];

	/* The match is valid UTF-8: its lead byte gives the first length. */
	if (first < 0x80)
		first_len = 1;
	else if (first < 0xe0)
		first_len = 2;
	else if (first < 0xf0)
		first_len = 3;
	else
		first_len = 4;
	if (cluster_len > first_len) {
		rc = emoji_match(m, m->next, s, cluster_len, first_len,
		    m->next_match);
		if (rc >= 0)
			cluster_len =
			    pcre2_get_ovector_pointer(m->next_match)[0];
	}
	if (cluster_len <= EMOJI_CACHE_BYTES && (cluster_len == len ||
	    (unsigned char)s[cluster_len] < 0x80)) {
		set[1] = set[0];
		set[0].len = cluster_len;
		memcpy(set[0].bytes, s, cluster_len);
	}
	return cluster_len;
}
