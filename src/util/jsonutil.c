/* jsonutil: jansson helpers; see jsonutil.h. */
#include "util/jsonutil.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

json_t *
jsonutil_string(const char *s, size_t len)
{
	json_t *string;
	char *clean;

	if (len == 0)
		return json_string("");
	/* Most text is already clean: skip the copy then. */
	if (utf8_invalid_offset(s, len) == len && memchr(s, '\0', len) == NULL)
		return json_stringn_nocheck(s, len);
	clean = utf8_sanitize(s, len);
	string = json_stringn_nocheck(clean, strlen(clean));
	free(clean);
	return string;
}

static int
jsonutil_write(FILE *out, const json_t *value, size_t flags)
{
	if (json_dumpf(value, out, flags) != 0)
		return -1;
	if (fputc('\n', out) == EOF)
		return -1;
	return 0;
}

int
jsonutil_dump(FILE *out, const json_t *value)
{
	/* Six digits: shares read well and stay the same across platforms. */
	return jsonutil_write(out, value, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
}

int
jsonutil_dump_new(FILE *out, json_t *value)
{
	int status = jsonutil_dump(out, value);

	json_decref(value);
	return status;
}

int
jsonutil_dump_compact(FILE *out, const json_t *value)
{
	return jsonutil_write(out, value, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(6));
}
