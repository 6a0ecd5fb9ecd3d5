/*
 * finding_ids: what a finding id means, for the outputs that describe their
 * rules (SARIF's tool.driver.rules, JUnit, the HTML report): a built-in or
 * drift id from the one table of decode/findings.h, a rule file's own check
 * from its `checks:` entry.
 */
#ifndef LC_FINDING_IDS_H
#define LC_FINDING_IDS_H

#include <stdbool.h>

#include "decode/rules.h"

/* Whether id is one logcompat itself produces (not a rule file's check). */
bool finding_id_builtin(const char *id);
/*
 * A short description of id: the table's, else the message of r's check
 * of that id (r may be NULL), else a generic one.  Valid while r is.
 */
const char *finding_id_describe(const char *id, const rules *r);
/*
 * The default severity: the table's (under r's `foreign:` for foreign
 * lines, when r is given), else r's check's, else error.
 */
rules_severity finding_id_default(const char *id, const rules *r);

#endif
