/* xalloc: allocation that cannot fail; see xalloc.h. */
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
xalloc_die(size_t size)
{
	fprintf(stderr, "logcompat: out of memory (%zu bytes)\n", size);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *ptr = malloc(size ? size : 1);
	if (ptr == NULL)
		xalloc_die(size);
	return ptr;
}

void *
xcalloc(size_t count, size_t size)
{
	void *ptr = calloc(count ? count : 1, size ? size : 1);
	if (ptr == NULL)
		xalloc_die(count * size);
	return ptr;
}

void *
xcalloc_aligned(size_t alignment, size_t size)
{
	/* aligned_alloc wants a size that is a multiple of the alignment. */
	size_t rounded = (size + alignment - 1) / alignment * alignment;
	void *ptr = aligned_alloc(alignment, rounded ? rounded : alignment);

	if (ptr == NULL)
		xalloc_die(rounded);
	memset(ptr, 0, rounded);
	return ptr;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *grown = realloc(ptr, size ? size : 1);
	if (grown == NULL)
		xalloc_die(size);
	return grown;
}

void *
xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	return xrealloc(ptr, count * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char *copy = xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int len = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (len < 0)
		xalloc_die(0);
	char *text = xmalloc((size_t)len + 1);
	vsnprintf(text, (size_t)len + 1, fmt, ap);
	return text;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	return text;
}
