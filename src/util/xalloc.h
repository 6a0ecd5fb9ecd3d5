/*
 * xalloc: allocation that cannot fail.  logcompat has no useful way to go on
 * without memory, so these print one line and exit with status 2.
 */
#ifndef LC_XALLOC_H
#define LC_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/*
 * Zeroed memory at an alignment (a power of two): for a struct whose
 * parts two threads write, kept on cache lines of their own.  free()s.
 */
void *xcalloc_aligned(size_t alignment, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of count elements of size bytes; overflow-checked. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
