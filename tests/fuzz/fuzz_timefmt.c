/*
 * Fuzz target: the strftime-style parser and validator.  The input is a
 * format, a NUL byte, then a timestamp to read with it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	char *cause = NULL, *format;
	size_t offset = 0, format_len;

	if (nul == NULL)
		return 0;
	format_len = (size_t)(nul - (const char *)data);
	format = strndup((const char *)data, format_len);
	const char *text = nul + 1;
	size_t len = size - format_len - 1;

	timefmt *tf = timefmt_compile(format, &cause, &offset);
	if (tf == NULL) {
		if (cause == NULL || offset > format_len)
			abort();
		free(cause);
		free(format);
		return 0;
	}
	timefmt_value value, prefix_value;
	const char *why = NULL;
	size_t at = SIZE_MAX, end = SIZE_MAX;
	bool parsed = timefmt_parse(tf, text, len, &value, &why, &at);
	bool prefixed = timefmt_parse_prefix(tf, text, len, &prefix_value,
	    &end);
	if (parsed) {
		/* What reads whole reads as a prefix, all of it. */
		if (!prefixed || end != len)
			abort();
		if (value.month < 0 || value.month > 12 || value.day < 0 ||
		    value.day > 31 || value.hour < 0 || value.hour > 23 ||
		    value.minute < 0 || value.minute > 59 ||
		    value.second < 0 || value.second > 60 ||
		    value.nanosecond < 0 || value.nanosecond > 999999999)
			abort();
		(void)timefmt_order_key(tf, &value);
	} else if (why == NULL || at > len)
		abort();
	if (prefixed) {
		if (end > len)
			abort();
		(void)timefmt_order_key(tf, &prefix_value);
	}
	(void)timefmt_has_date(tf);
	timefmt_free(tf);
	free(format);
	return 0;
}
