/* levels: the level vocabulary; see levels.h. */
#include "decode/levels.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/*
 * Least severe first.  Beside the common words: java.util.logging's
 * FINEST .. SEVERE, syslog's severities, Android logcat's one letter
 * (V D I W E F A), each next to the word it stands for, and Ruby Logger's
 * ANY (its UNKNOWN severity, above FATAL).  A one-letter level, and ANY,
 * a word of messages too, is only ever upper case.
 */
static const char *const levels_words[LEVELS_WORDS] = {
	"FINEST", "FINER", "TRACE", "V", "FINE", "DEBUG", "D", "CONFIG",
	"INFO", "I", "NOTICE", "WARN", "WARNING", "W", "ERROR", "ERR", "E",
	"SEVERE", "CRITICAL", "CRIT", "FATAL", "F", "ANY", "ALERT", "A",
	"EMERG", "PANIC"
};

int
levels_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

int
levels_at(const char *s, size_t n, size_t *word_len)
{
	for (size_t w = 0; w < LEVELS_WORDS; w++) {
		const char *word = levels_words[w];
		size_t wl = strlen(word);
		bool upper = true, lower = true, capital = true;

		if (n < wl ||
		    (n > wl && levels_word_byte((unsigned char)s[wl])))
			continue;
		for (size_t i = 0; i < wl; i++) {
			char c = s[i], up = word[i];
			char low = (char)(up - 'A' + 'a');
			upper = upper && c == up;
			lower = lower && c == low;
			capital = capital && c == (i == 0 ? up : low);
		}
		if (!upper && (wl == 1 || strcmp(word, "ANY") == 0 ||
		    (!lower && !capital)))
			continue;
		*word_len = wl;
		return (int)w * LEVELS_CASES + (upper ? LEVELS_UPPER : lower ?
		    LEVELS_LOWER : LEVELS_CAPITAL);
	}
	return -1;
}

/*
 * An offset after a level word, as Go's slog names the levels between its
 * own ("ERROR+4", "DEBUG-4"): its value, or false when s is none.
 */
static bool
levels_offset(const char *s, size_t n, long *offset)
{
	long value = 0;

	if (n < 2 || n > 5 || (s[0] != '+' && s[0] != '-'))
		return false;
	for (size_t i = 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		value = value * 10 + (s[i] - '0');
	}
	*offset = s[0] == '-' ? -value : value;
	return true;
}

bool
levels_word(const char *level, size_t len)
{
	size_t word_len = 0;

	return levels_at(level, len, &word_len) >= 0 && word_len == len;
}

int
levels_rank(const char *level, size_t len)
{
	size_t word_len = 0;
	int rank = levels_at(level, len, &word_len);
	long offset;

	if (rank >= 0 && word_len < len && (word_len == 1 ||
	    !levels_offset(level + word_len, len - word_len, &offset)))
		return -1;
	return rank;
}

char *
levels_spell(size_t w, int c)
{
	char *level = xstrdup(levels_words[w]);

	for (char *p = level; *p != '\0'; p++) {
		if (c == LEVELS_LOWER || (c == LEVELS_CAPITAL && p != level))
			*p = (char)(*p - 'A' + 'a');
	}
	return level;
}

int
levels_order(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), wa = 0, wb = 0;
	int ra = levels_rank(a, la);
	int rb = levels_rank(b, lb);
	long oa = 0, ob = 0;

	if (ra != rb)
		return ra < 0 ? 1 : rb < 0 ? -1 : ra < rb ? -1 : 1;
	/* "DEBUG-4" before "DEBUG", "ERROR+4" after "ERROR". */
	if (ra >= 0) {
		(void)levels_at(a, la, &wa);
		(void)levels_at(b, lb, &wb);
		if (wa < la)
			(void)levels_offset(a + wa, la - wa, &oa);
		if (wb < lb)
			(void)levels_offset(b + wb, lb - wb, &ob);
		if (oa != ob)
			return oa < ob ? -1 : 1;
	}
	return strcmp(a, b);
}

static int
levels_compare(const void *a, const void *b)
{
	return levels_order(*(char *const *)a, *(char *const *)b);
}

void
levels_sort(char **levels, size_t count)
{
	if (count > 1)
		qsort(levels, count, sizeof *levels, levels_compare);
}
