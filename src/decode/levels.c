/* levels: the level vocabulary; see levels.h. */
#include "decode/levels.h"

#include <stdbool.h>
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

int
levels_rank(const char *level, size_t len)
{
	size_t word_len = 0;
	int rank = levels_at(level, len, &word_len);

	return rank >= 0 && word_len == len ? rank : -1;
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
	int ra = levels_rank(a, strlen(a));
	int rb = levels_rank(b, strlen(b));

	if (ra != rb)
		return ra < 0 ? 1 : rb < 0 ? -1 : ra < rb ? -1 : 1;
	return strcmp(a, b);
}
