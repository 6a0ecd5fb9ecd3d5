#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void
strbuf_reserve(strbuf *b, size_t more)
{
	if (b->cap - b->len > more)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap - b->len <= more) {
		if (cap > (size_t)-1 / 2)
			cap = b->len + more + 1;	/* xrealloc says no */
		else
			cap *= 2;
		if (cap < b->len)
			cap = (size_t)-1;
	}
	b->text = xrealloc(b->text, cap);
	b->cap = cap;
}

void
strbuf_add(strbuf *b, const char *bytes, size_t len)
{
	strbuf_reserve(b, len);
	if (len > 0)
		memcpy(b->text + b->len, bytes, len);
	b->len += len;
	b->text[b->len] = '\0';
}

void
strbuf_adds(strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void
strbuf_addf(strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *piece = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(b, piece);
	free(piece);
}

void
strbuf_join(strbuf *b, const char *sep, const char *s)
{
	if (b->len > 0)
		strbuf_adds(b, sep);
	strbuf_adds(b, s);
}

char *
strbuf_take(strbuf *b)
{
	char *text = b->text != NULL ? b->text : xstrdup("");

	*b = (strbuf){ 0 };
	return text;
}

void
strbuf_free(strbuf *b)
{
	free(b->text);
	*b = (strbuf){ 0 };
}
