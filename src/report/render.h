/*
 * render: what the CI renderers (sarif.c, junit.c, html.c) share: text
 * escaped for XML and HTML, a file name as a URI reference, and the
 * capture a finding belongs to.  It only reads the report.
 */
#ifndef LC_RENDER_H
#define LC_RENDER_H

#include <stdio.h>

#include "judge/report.h"

/*
 * Write text escaped for XML character data and attribute values (HTML
 * too).  Characters XML 1.0 forbids (C0 controls but tab and newline,
 * and bytes that are not UTF-8) become U+FFFD, so that any log line makes
 * a well-formed document.
 */
void render_xml_text(FILE *out, const char *text);
/*
 * path as a URI reference (caller frees): a relative path stays relative,
 * an absolute one becomes file://; bytes outside RFC 3986's unreserved
 * set and '/' are %-encoded.
 */
char *render_uri(const char *path);
/*
 * The index in rep->captures of the capture f came from (by its file: a
 * stream's path, the capture's own file, or its name), or
 * rep->capture_count when none matches.
 */
size_t render_capture_of(const report *rep, const report_finding *f);
/*
 * "N more findings not listed (--max-findings M)" when some findings
 * were counted but not listed, else NULL (caller frees).
 */
char *render_unlisted(const report *rep);
/* "error" or "warning". */
const char *render_severity(rules_severity severity);

#endif
