/*
 * error: one error with the place it points at, filled by every parser
 * (modelled on jansson's json_error_t).  Callers may pass NULL where they do
 * not care.  Only main.c turns an error into an exit status.
 */
#ifndef LC_ERROR_H
#define LC_ERROR_H

#include <stddef.h>
#include <stdio.h>

typedef struct lc_error {
	char source[1024];	/* file name, or "" */
	unsigned long line;	/* 1-based; 0 when the error has no line */
	unsigned long column;	/* 1-based, in characters; 0 when unknown */
	char text[1024];	/* what is wrong, one line */
	char excerpt[512];	/* the offending text, printable; "" for none */
	size_t caret;		/* display column of the caret under excerpt */
} lc_error;

void lc_error_clear(lc_error *err);
void lc_error_set(lc_error *err, const char *source, unsigned long line,
    unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Show text with a caret under byte offset at (used for patterns). */
void lc_error_set_excerpt(lc_error *err, const char *text, size_t len,
    size_t at);
/*
 * Print "SOURCE:LINE:COLUMN: error: TEXT", then the excerpt and a caret when
 * there is one.
 */
void lc_error_print(FILE *out, const lc_error *err);

#endif
