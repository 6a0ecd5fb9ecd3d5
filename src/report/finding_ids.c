/* finding_ids: finding ids described for the outputs; see finding_ids.h. */
#include "report/finding_ids.h"

#include <string.h>

#include "decode/findings.h"

bool
finding_id_builtin(const char *id)
{
	return findings_lookup(id) >= 0;
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
	int known = findings_lookup(id);
	const rules_check *check;

	if (known >= 0)
		return findings_get((finding_id)known)->description;
	if ((check = finding_id_check(id, r)) != NULL &&
	    check->message != NULL && *check->message != '\0')
		return check->message;
	return "A check of the rule file";
}

rules_severity
finding_id_default(const char *id, const rules *r)
{
	int known = findings_lookup(id);
	const rules_check *check;

	if (known >= 0) {
		switch (findings_get((finding_id)known)->severity) {
		case FINDING_DEFAULT_ERROR:
			return SEVERITY_ERROR;
		case FINDING_DEFAULT_BY_FOREIGN:
			return r != NULL && r->foreign == FOREIGN_FAIL ?
			    SEVERITY_ERROR : SEVERITY_WARNING;
		default:
			return SEVERITY_WARNING;
		}
	}
	if ((check = finding_id_check(id, r)) != NULL)
		return check->severity;
	return SEVERITY_ERROR;
}
