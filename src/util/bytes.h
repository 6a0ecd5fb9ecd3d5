/*
 * bytes: equality of short byte strings, inline.  The judge compares a
 * level, a time or an emoji of a few bytes on every line, and a call to
 * memcmp for each cost more than the comparison itself.
 */
#ifndef LC_BYTES_H
#define LC_BYTES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Whether the n bytes at a and b are equal; fastest for n up to 16. */
static inline bool
bytes_equal(const void *a, const void *b, size_t n)
{
	const char *x = a, *y = b;
	uint64_t u, v, s, t;
	uint32_t p, q, r, w;

	/* Two loads that overlap cover any length from 4 to 16. */
	if (n >= 8 && n <= 16) {
		memcpy(&u, x, 8);
		memcpy(&v, y, 8);
		memcpy(&s, x + n - 8, 8);
		memcpy(&t, y + n - 8, 8);
		return ((u ^ v) | (s ^ t)) == 0;
	}
	if (n >= 4 && n < 8) {
		memcpy(&p, x, 4);
		memcpy(&q, y, 4);
		memcpy(&r, x + n - 4, 4);
		memcpy(&w, y + n - 4, 4);
		return ((p ^ q) | (r ^ w)) == 0;
	}
	if (n < 4) {
		for (size_t i = 0; i < n; i++) {
			if (x[i] != y[i])
				return false;
		}
		return true;
	}
	return memcmp(a, b, n) == 0;
}

#endif
