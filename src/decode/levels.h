/*
 * levels: the level vocabulary that infer recognises and that profiles
 * list levels in (FINEST .. PANIC, each written INFO, info or Info; a
 * one-letter level and ANY only upper case).  One
 * table, so that inferring, writing and loading a baseline agree on which
 * tokens are levels and in what order they come.
 */
#ifndef LC_LEVELS_H
#define LC_LEVELS_H

#include <stdbool.h>
#include <stddef.h>

/* How a level word is written: "INFO", "info" or "Info". */
enum { LEVELS_UPPER, LEVELS_LOWER, LEVELS_CAPITAL, LEVELS_CASES };

/* Words in the vocabulary, in the order levels are listed. */
#define LEVELS_WORDS 27

/*
 * The level word at s (n bytes to the end of its token, which must not
 * go on with a word byte after the word), as word * LEVELS_CASES + case;
 * *word_len gets the word's length.  -1 when none.
 */
int levels_at(const char *s, size_t n, size_t *word_len);
/*
 * Where a whole token stands in the vocabulary, or -1; a word with an
 * offset ("ERROR+4", slog's) stands where the word does.
 */
int levels_rank(const char *level, size_t len);
/* Whether a whole token is a word of the vocabulary, without an offset. */
bool levels_word(const char *level, size_t len);
/* Word w written in case c (caller frees). */
char *levels_spell(size_t w, int c);
/* Levels in vocabulary order (then by offset), then the others by their
   bytes. */
int levels_order(const char *a, const char *b);
/* Sort count level strings by levels_order. */
void levels_sort(char **levels, size_t count);
/* Whether c continues a word: letters, digits, '_' and non-ASCII. */
int levels_word_byte(unsigned char c);

#endif
