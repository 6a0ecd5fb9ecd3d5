/*
 * findings: the one table of finding ids that logcompat itself produces,
 * each with its default severity and a one-line description.  The judge
 * names its findings from it, the rule loader checks the keys of
 * `severities:` against it, and a unit test checks that the man pages
 * document every id in it.  A rule file's own checks add ids of their own,
 * which are not here.
 *
 * It sits in decode/ because its ids are part of the rule language (the
 * keys of `severities:` and `drift:`); it includes nothing else of the
 * program, so any stage may read it.  The table is static and read-only.
 */
#ifndef LC_FINDINGS_H
#define LC_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Every id, in the table's order.  The built-in ones come first: a rule
 * file changes their severity under `severities:`.  The drift ones follow:
 * a rule file with a baseline sets them under `drift:`.
 */
typedef enum {
	FINDING_FOREIGN, FINDING_TIME_FORMAT, FINDING_TIME_ORDER,
	FINDING_LEVEL, FINDING_EMOJI, FINDING_STREAM_PAIRING,
	FINDING_STREAM_POLICY, FINDING_ENCODING, FINDING_NUL_BYTE,
	FINDING_CONTROL_CHAR, FINDING_LINE_TOO_LONG, FINDING_EMPTY_STREAM,
	FINDING_NO_LOG_LINES, FINDING_MATCH_LIMIT, FINDING_CONTAINER_RECORD,
	FINDING_FLUSH_TIMING, FINDING_JSON_SYNTAX, FINDING_LOGFMT_SYNTAX,
	FINDING_DUPLICATE_KEY, FINDING_KEY_MISSING, FINDING_KEY_FORBIDDEN,
	FINDING_KEY_TYPE, FINDING_KEY_ORDER, FINDING_STRING_ESCAPE,
	FINDING_DECODE_LIMIT, FINDING_FOREIGN_SHARE,
	FINDING_BUILTIN_COUNT,
	FINDING_NEW_TEMPLATE = FINDING_BUILTIN_COUNT, FINDING_NEW_EMOJI,
	FINDING_LEVEL_SHARE, FINDING_NEW_KEY, FINDING_KEY_GONE,
	FINDING_COUNT
} finding_id;

/* A default severity; the judge maps it onto the rules' severities. */
typedef enum {
	FINDING_DEFAULT_ERROR,
	FINDING_DEFAULT_WARNING,
	/* As the rule file's `foreign:` key says (report: a warning). */
	FINDING_DEFAULT_BY_FOREIGN,
	/* As the rule file's `drift:` key says (report: a warning). */
	FINDING_DEFAULT_BY_DRIFT
} finding_default;

typedef struct {
	const char *id;
	finding_default severity;
	bool fixed;		/* `severities:` cannot change it */
	const char *description;	/* one line, no full stop */
} finding_info;

/* The entry of a finding; id is below FINDING_COUNT. */
const finding_info *findings_get(finding_id id);
/* The id text of a finding. */
const char *findings_name(finding_id id);
/* A finding by its id text, or -1. */
int findings_lookup(const char *name);
/* Whether a finding's severity is set under `severities:`. */
bool findings_builtin(finding_id id);
/* "foreign, time-format, ..." of the built-in ids (caller frees). */
char *findings_builtin_list(void);

#endif
