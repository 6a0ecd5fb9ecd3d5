/* render: what the CI renderers share; see render.h. */
#include "report/render.h"

#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define RENDER_REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

void
render_xml_text(FILE *out, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p != '\0') {
		size_t len = utf8_invalid_offset((const char *)p,
		    strlen((const char *)p));
		if (len == 0) {
			fputs(RENDER_REPLACEMENT, out);
			p++;
			continue;
		}
		for (const unsigned char *end = p + len; p < end; p++) {
			switch (*p) {
			case '&': fputs("&amp;", out); break;
			case '<': fputs("&lt;", out); break;
			case '>': fputs("&gt;", out); break;
			case '"': fputs("&quot;", out); break;
			case '\'': fputs("&#39;", out); break;
			case '\t': case '\n': fputc(*p, out); break;
			default:
				if (*p < 0x20 || *p == 0x7f)
					fputs(RENDER_REPLACEMENT, out);
				else
					fputc(*p, out);
				break;
			}
		}
	}
}

char *
render_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	strbuf sb = { 0 };

	if (path[0] == '/')
		strbuf_add(&sb, "file://", 7);
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0';
	    p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			strbuf_add(&sb, (const char *)p, 1);
		else {
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			strbuf_add(&sb, esc, 3);
		}
	}
	return strbuf_take(&sb);
}

static int
render_same(const char *a, const char *b)
{
	return a != NULL && strcmp(a, b) == 0;
}

size_t
render_capture_of(const report *rep, const report_finding *f)
{
	for (size_t i = 0; i < rep->capture_count; i++) {
		const report_capture *rc = &rep->captures[i];
		if (render_same(rc->stdout_path, f->file) ||
		    render_same(rc->stderr_path, f->file) ||
		    render_same(rc->unknown_path, f->file) ||
		    render_same(rc->name, f->file))
			return i;
	}
	return rep->capture_count;
}

const char *
render_severity(rules_severity severity)
{
	return severity == SEVERITY_ERROR ? "error" : "warning";
}

char *
render_unlisted(const report *rep)
{
	uint64_t unlisted = report_unlisted(rep);

	if (unlisted == 0)
		return NULL;
	return xasprintf("%llu more finding%s not listed (--max-findings %zu)",
	    (unsigned long long)unlisted, unlisted == 1 ? "" : "s",
	    rep->max_findings);
}
