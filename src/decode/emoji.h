/*
 * emoji: finds the emoji a log message starts with, as one extended
 * grapheme cluster (ZWJ sequences, flags, keycaps, skin tones).  The
 * Unicode rules are PCRE2's, not ours.  A matcher owns its compiled pattern
 * and match data; it is not safe to share between threads.
 */
#ifndef LC_EMOJI_H
#define LC_EMOJI_H

#include <stddef.h>

typedef struct emoji_matcher emoji_matcher;

/* NULL only when PCRE2 cannot compile the pattern (no Unicode support). */
emoji_matcher *emoji_matcher_new(void);
void emoji_matcher_free(emoji_matcher *m);

/*
 * The byte length of the emoji at the start of s (len bytes), or 0 when s
 * does not start with one.  Invalid UTF-8 there is no emoji.
 */
size_t emoji_leading(emoji_matcher *m, const char *s, size_t len);

#endif
