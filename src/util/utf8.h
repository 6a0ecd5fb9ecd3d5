/*
 * utf8: helpers for untrusted text.  Log lines may hold anything: invalid
 * UTF-8, NUL bytes, terminal escapes.  These functions decode strictly
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) and
 * make such text safe to print or to put in JSON.  Functions that return a
 * string return a new allocation the caller frees.
 */
#ifndef LC_UTF8_H
#define LC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the code point at the start of s (len bytes available).  Returns
 * the bytes consumed, at least 1 when len > 0 (0 when len is 0, with *cp set
 * to 0).  An invalid, overlong, surrogate, truncated or out-of-range
 * sequence consumes 1 byte and yields U+FFFD; so does a valid U+FFFD, but
 * that consumes 3 bytes.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Byte offset of the first invalid byte in s, or len when all is valid. */
size_t utf8_invalid_offset(const char *s, size_t len);

/*
 * The 1-based column, in code points, of byte_offset in s.  Each invalid
 * byte counts as one.  An offset inside a code point gives that code point's
 * column; an offset at or past len gives the column after the last one.
 */
size_t utf8_column(const char *s, size_t len, size_t byte_offset);

/*
 * Terminal display width of a code point: 0, 1 or 2.  An approximation of
 * wcwidth() that does not depend on the locale; see utf8.c.
 */
int utf8_width(uint32_t cp);

/*
 * A printable one-line excerpt of line around byte offset at (at may equal
 * len), at most about max_width display columns, with "..." on a side that
 * was cut.  Control characters (C0 but tab, DEL, C1) and invalid bytes are
 * shown as \xNN, bidirectional controls and line separators as \uNNNN, a tab
 * as one space.  *caret, unless caret is NULL, gets the 0-based display
 * column under which a '^' points at at.  Code points are never split.  The result is at most
 * 4 * max_width + 12 bytes long, however the line looks.
 */
char *utf8_excerpt(const char *line, size_t len, size_t at, size_t max_width,
    size_t *caret);

/*
 * A NUL-terminated copy of s that is valid UTF-8: every invalid byte and
 * every NUL byte is replaced by U+FFFD.
 */
char *utf8_sanitize(const char *s, size_t len);

#endif
