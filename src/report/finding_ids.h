/*
 * finding_ids: what each finding id means, in one table: its id, a short
 * description and its default severity, for the outputs that describe
 * their rules (SARIF's tool.driver.rules, the HTML report).  The built-in
 * ids are decode/rules.h's RULES_BUILTIN_IDS and the drift ids; a rule
 * file's own checks are described by their message.  When the judge keeps
 * such a table itself, this one gives way to it: callers only use
 * finding_id_describe and finding_id_default.
 */
#ifndef LC_FINDING_IDS_H
#define LC_FINDING_IDS_H

#include "decode/rules.h"

typedef struct {
	const char	*id;
	const char	*description;	/* one sentence, no final stop */
	rules_severity	 severity;	/* the default */
} finding_id_info;

/* The built-in id's entry, or NULL for a rule file's check id. */
const finding_id_info *finding_id_find(const char *id);
/*
 * A short description of id: the table's, else the message of r's check
 * of that id (r may be NULL), else a generic one.  Valid while r is.
 */
const char *finding_id_describe(const char *id, const rules *r);
/* The default severity: the table's, else r's check's, else error. */
rules_severity finding_id_default(const char *id, const rules *r);

#endif
