/*
 * strbuf: a string grown in place, for messages and lists built piece by
 * piece ("a, b, c") in time linear in their length.  A zeroed strbuf is
 * empty and ready; strbuf_take hands the text over (never NULL) and leaves
 * the buffer empty; strbuf_free releases what it holds.
 */
#ifndef LC_STRBUF_H
#define LC_STRBUF_H

#include <stddef.h>

typedef struct {
	char *text;		/* NUL-terminated once anything was added */
	size_t len, cap;
} strbuf;

void strbuf_add(strbuf *b, const char *bytes, size_t len);
void strbuf_adds(strbuf *b, const char *s);
void strbuf_addf(strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Add s, after sep when the buffer is not empty. */
void strbuf_join(strbuf *b, const char *sep, const char *s);
char *strbuf_take(strbuf *b);
void strbuf_free(strbuf *b);

#endif
