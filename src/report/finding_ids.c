/* finding_ids: the table of finding ids; see finding_ids.h. */
#include "report/finding_ids.h"

#include <string.h>

/* In the order of logcompat-rules(5)'s FINDINGS. */
static const finding_id_info finding_ids[] = {
	{ "foreign", "A line that the rule file's line pattern does not "
	    "match", SEVERITY_WARNING },
	{ "time-format", "The time field does not parse or validate against "
	    "the rule file's time format", SEVERITY_ERROR },
	{ "time-order", "The time goes backwards on a stream",
	    SEVERITY_ERROR },
	{ "level", "The level is not one of the rule file's levels",
	    SEVERITY_ERROR },
	{ "emoji", "A leading emoji is missing where required, or present "
	    "where forbidden", SEVERITY_ERROR },
	{ "stream-pairing", "A log line on one stream only, or whose twin "
	    "on the other stream differs", SEVERITY_ERROR },
	{ "stream-policy", "A log line on the stream the rule file does not "
	    "expect", SEVERITY_ERROR },
	{ "encoding", "The line is not valid UTF-8", SEVERITY_ERROR },
	{ "nul-byte", "The line holds a NUL byte", SEVERITY_ERROR },
	{ "control-char", "The line holds a control character, such as the "
	    "ESC of an ANSI colour sequence", SEVERITY_WARNING },
	{ "line-too-long", "The line is longer than the rule file's "
	    "max-line", SEVERITY_ERROR },
	{ "empty-stream", "A captured stream holds no bytes at all",
	    SEVERITY_WARNING },
	{ "no-log-lines", "No line of the capture matches the rule file's "
	    "line pattern", SEVERITY_ERROR },
	{ "match-limit", "A pattern gave up on a line at PCRE2's match, "
	    "depth or JIT stack limit", SEVERITY_ERROR },
	{ "container-record", "A container log record that cannot be read",
	    SEVERITY_ERROR },
	{ "flush-timing", "A log line that arrived later than the flush "
	    "bound after its twin on the other stream", SEVERITY_ERROR },
	{ "new-template", "A message template the baseline never saw",
	    SEVERITY_WARNING },
	{ "new-emoji", "An emoji the baseline never saw", SEVERITY_WARNING },
	{ "level-share", "A level's share of lines drifted from the "
	    "baseline's", SEVERITY_WARNING },
};

const finding_id_info *
finding_id_find(const char *id)
{
	for (size_t i = 0; i < sizeof finding_ids / sizeof finding_ids[0];
	    i++) {
		if (strcmp(finding_ids[i].id, id) == 0)
			return &finding_ids[i];
	}
	return NULL;
}

static const rules_check *
finding_id_check(const char *id, const rules *r)
{
	if (r == NULL)
		return NULL;
	for (size_t i = 0; i < r->check_count; i++) {
		if (strcmp(r->checks[i].id, id) == 0)
			return &r->checks[i];
	}
	return NULL;
}

const char *
finding_id_describe(const char *id, const rules *r)
{
	const finding_id_info *info = finding_id_find(id);
	const rules_check *check;

	if (info != NULL)
		return info->description;
	if ((check = finding_id_check(id, r)) != NULL &&
	    check->message != NULL && *check->message != '\0')
		return check->message;
	return "A check of the rule file";
}

rules_severity
finding_id_default(const char *id, const rules *r)
{
	const finding_id_info *info = finding_id_find(id);
	const rules_check *check;

	if (info != NULL)
		return info->severity;
	if ((check = finding_id_check(id, r)) != NULL)
		return check->severity;
	return SEVERITY_ERROR;
}
