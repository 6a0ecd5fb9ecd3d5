/* continuation: which lines continue a record; see continuation.h. */
#include "decode/continuation.h"

#include <stdlib.h>

#include "decode/pcrematch.h"
#include "util/xalloc.h"

struct continuation {
	const rules *rules;
	pcrematch *pm;
	pcre2_match_data *match;	/* big enough for either pattern */
	bool anchored, line_anchored;
};

continuation *
continuation_new(const rules *r)
{
	continuation *c;

	if (r->continuation_regex == NULL)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->rules = r;
	c->pm = pcrematch_new(r);
	/* Only whether they match is wanted: one pair is enough. */
	c->match = pcre2_match_data_create(1, NULL);
	c->anchored = pcrematch_anchored(r->continuation_regex);
	c->line_anchored = pcrematch_anchored(r->line_regex);
	return c;
}

void
continuation_free(continuation *c)
{
	if (c == NULL)
		return;
	pcre2_match_data_free(c->match);
	pcrematch_free(c->pm);
	free(c);
}

bool
continuation_continues(void *data, const char *text, size_t len)
{
	continuation *c = data;
	const rules *r = c->rules;
	int rc;

	/* Most lines of a log start a record: this test fails first. */
	pcrematch_limit(c->pm, c->anchored, len);
	rc = pcre2_match(r->continuation_regex, (PCRE2_SPTR)text, len, 0, 0,
	    c->match, c->pm->context);
	if (rc < 0)
		return false;
	/*
	 * A line that `line` matches, or could match from its start with
	 * more text after it, starts a record.  (A partial match further on
	 * is only a line that ends like the start of a record.)  A limit
	 * hit says neither: the line is then judged on its own, where the
	 * limit is a finding.
	 */
	pcrematch_limit(c->pm, c->line_anchored, len);
	rc = pcre2_match(r->line_regex, (PCRE2_SPTR)text, len, 0,
	    PCRE2_PARTIAL_SOFT, c->match, c->pm->context);
	if (rc == PCRE2_ERROR_PARTIAL)
		return pcre2_get_ovector_pointer(c->match)[0] != 0;
	return rc == PCRE2_ERROR_NOMATCH;
}
