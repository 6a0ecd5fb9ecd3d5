/* findings: the table of finding ids; see findings.h. */
#include "decode/findings.h"

#include <string.h>

#include "util/strbuf.h"

static const finding_info findings_table[FINDING_COUNT] = {
	[FINDING_FOREIGN] = { "foreign", FINDING_DEFAULT_BY_FOREIGN, false,
	    "a line that the line pattern does not match" },
	[FINDING_TIME_FORMAT] = { "time-format", FINDING_DEFAULT_ERROR, false,
	    "the time field does not parse or validate against `time`" },
	[FINDING_TIME_ORDER] = { "time-order", FINDING_DEFAULT_ERROR, false,
	    "the time goes backwards on a stream" },
	[FINDING_LEVEL] = { "level", FINDING_DEFAULT_ERROR, false,
	    "the level is not one of `levels`" },
	[FINDING_EMOJI] = { "emoji", FINDING_DEFAULT_ERROR, false,
	    "a leading emoji missing or present against `emoji`" },
	[FINDING_STREAM_PAIRING] = { "stream-pairing", FINDING_DEFAULT_ERROR,
	    false, "a log line without its twin on the other stream" },
	[FINDING_STREAM_POLICY] = { "stream-policy", FINDING_DEFAULT_ERROR,
	    false, "a log line on the stream `streams` does not allow" },
	[FINDING_ENCODING] = { "encoding", FINDING_DEFAULT_ERROR, false,
	    "the line is not valid UTF-8" },
	[FINDING_NUL_BYTE] = { "nul-byte", FINDING_DEFAULT_ERROR, false,
	    "the line holds a NUL byte" },
	[FINDING_CONTROL_CHAR] = { "control-char", FINDING_DEFAULT_WARNING,
	    false, "the line holds a control character, such as ESC" },
	[FINDING_LINE_TOO_LONG] = { "line-too-long", FINDING_DEFAULT_ERROR,
	    false, "the line is longer than `max-line` bytes" },
	[FINDING_EMPTY_STREAM] = { "empty-stream", FINDING_DEFAULT_WARNING,
	    false, "a captured stream holds no bytes at all" },
	[FINDING_NO_LOG_LINES] = { "no-log-lines", FINDING_DEFAULT_ERROR,
	    true, "no line of the capture matches the line pattern" },
	[FINDING_MATCH_LIMIT] = { "match-limit", FINDING_DEFAULT_ERROR, false,
	    "a pattern gave up on a line at PCRE2's limits" },
	[FINDING_CONTAINER_RECORD] = { "container-record",
	    FINDING_DEFAULT_ERROR, false,
	    "a container log record that cannot be read" },
	[FINDING_FLUSH_TIMING] = { "flush-timing", FINDING_DEFAULT_ERROR,
	    false, "a log line that arrived more than `flush` after its twin" },
	[FINDING_JSON_SYNTAX] = { "json-syntax", FINDING_DEFAULT_ERROR, false,
	    "a line that starts a JSON object but is not valid JSON" },
	[FINDING_LOGFMT_SYNTAX] = { "logfmt-syntax", FINDING_DEFAULT_ERROR,
	    false, "a logfmt line that does not read, such as an open quote" },
	[FINDING_DUPLICATE_KEY] = { "duplicate-key", FINDING_DEFAULT_ERROR,
	    false, "a key that a record holds twice" },
	[FINDING_KEY_MISSING] = { "key-missing", FINDING_DEFAULT_ERROR, false,
	    "a key that `keys` requires is not in the record" },
	[FINDING_KEY_FORBIDDEN] = { "key-forbidden", FINDING_DEFAULT_ERROR,
	    false, "a key that `keys` forbids is in the record" },
	[FINDING_KEY_TYPE] = { "key-type", FINDING_DEFAULT_ERROR, false,
	    "a key's value is not of a type that `keys` allows" },
	[FINDING_KEY_ORDER] = { "key-order", FINDING_DEFAULT_WARNING, false,
	    "the record's first keys are not those of `key-order`" },
	[FINDING_STRING_ESCAPE] = { "string-escape", FINDING_DEFAULT_ERROR,
	    false, "an escape that is no text: a lone surrogate or a NUL" },
	[FINDING_DECODE_LIMIT] = { "decode-limit", FINDING_DEFAULT_ERROR,
	    false, "a record past the decoder's limits of depth or length" },
	[FINDING_FOREIGN_SHARE] = { "foreign-share", FINDING_DEFAULT_ERROR,
	    false, "more of a capture's lines are foreign than `foreign-share`"
	    " allows" },
	[FINDING_NEW_TEMPLATE] = { "new-template", FINDING_DEFAULT_BY_DRIFT,
	    false, "a message new to the baseline's templates" },
	[FINDING_NEW_EMOJI] = { "new-emoji", FINDING_DEFAULT_BY_DRIFT, false,
	    "a leading emoji its level never had in the baseline" },
	[FINDING_LEVEL_SHARE] = { "level-share", FINDING_DEFAULT_BY_DRIFT,
	    false, "a level's share of log lines far from the baseline's" },
	[FINDING_NEW_KEY] = { "new-key", FINDING_DEFAULT_BY_DRIFT, false,
	    "a record's key that no record of the baseline held" },
	[FINDING_KEY_GONE] = { "key-gone", FINDING_DEFAULT_BY_DRIFT, false,
	    "a key the baseline's records held that no record holds now" },
};

const finding_info *
findings_get(finding_id id)
{
	return &findings_table[id];
}

const char *
findings_name(finding_id id)
{
	return findings_table[id].id;
}

int
findings_lookup(const char *name)
{
	for (size_t i = 0; i < FINDING_COUNT; i++) {
		if (strcmp(findings_table[i].id, name) == 0)
			return (int)i;
	}
	return -1;
}

bool
findings_builtin(finding_id id)
{
	return id < FINDING_BUILTIN_COUNT;
}

char *
findings_builtin_list(void)
{
	strbuf list = { 0 };

	for (size_t i = 0; i < FINDING_BUILTIN_COUNT; i++)
		strbuf_join(&list, ", ", findings_table[i].id);
	return strbuf_take(&list);
}
