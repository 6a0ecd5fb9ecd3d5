/* error: one error with the place it points at; see error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* Display columns of an excerpt: about one terminal line. */
#define ERROR_EXCERPT_WIDTH 100

_Static_assert(4 * ERROR_EXCERPT_WIDTH + 12 <
    sizeof ((lc_error *)0)->excerpt, "excerpt buffer too small");

/*
 * Copy src into a buffer of size bytes, cutting it if it is too long, but
 * never inside a UTF-8 sequence.
 */
static void
error_copy(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);

	if (len >= size) {
		len = size - 1;
		/* src[len] is the first byte left out: not a continuation. */
		for (int back = 0; back < 3 && len > 0; back++) {
			if (((unsigned char)src[len] & 0xc0) != 0x80)
				break;
			len--;
		}
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void
lc_error_clear(lc_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof *err);
}

void
lc_error_set(lc_error *err, const char *source, unsigned long line,
    unsigned long column, const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (err == NULL)
		return;
	lc_error_clear(err);
	error_copy(err->source, sizeof err->source,
	    source != NULL ? source : "");
	err->line = line;
	err->column = column;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	error_copy(err->text, sizeof err->text, text);
	free(text);
	/* The text is one line: a value quoted in it may not be. */
	for (char *cp = err->text; *cp != '\0'; cp++) {
		if (*cp == '\n' || *cp == '\r')
			*cp = ' ';
	}
}

void
lc_error_set_excerpt(lc_error *err, const char *text, size_t len, size_t at)
{
	char *excerpt;
	size_t caret;

	if (err == NULL)
		return;
	excerpt = utf8_excerpt(text, len, at, ERROR_EXCERPT_WIDTH, &caret);
	error_copy(err->excerpt, sizeof err->excerpt, excerpt);
	free(excerpt);
	err->caret = caret;
}

void
lc_error_print(FILE *out, const lc_error *err)
{
	if (err->source[0] == '\0')
		fputs("logcompat", out);
	else {
		fputs(err->source, out);
		/* A column without a line would read as a line. */
		if (err->line != 0) {
			fprintf(out, ":%lu", err->line);
			if (err->column != 0)
				fprintf(out, ":%lu", err->column);
		}
	}
	fprintf(out, ": error: %s\n", err->text);
	if (err->excerpt[0] != '\0') {
		fprintf(out, "%s\n", err->excerpt);
		for (size_t i = 0; i < err->caret; i++)
			fputc(' ', out);
		fputs("^\n", out);
	}
}
