/* pcrematch: PCRE2 matching within the rules' limits; see pcrematch.h. */
#include "decode/pcrematch.h"

#include <stdlib.h>

#include "util/xalloc.h"

pcrematch *
pcrematch_new(const rules *r)
{
	pcrematch *m = xcalloc(1, sizeof *m);

	m->match_limit = r->match_limit;
	m->match_limit_given = r->match_limit_given;
	m->context = pcre2_match_context_create(NULL);
	m->context_limit = r->match_limit;
	pcre2_set_match_limit(m->context, r->match_limit);
	pcre2_set_depth_limit(m->context, r->depth_limit);
	/* Unless JIT is unavailable, give it room beyond the 32K default. */
	m->jit_stack = pcre2_jit_stack_create(32 * 1024, r->jit_stack, NULL);
	if (m->jit_stack != NULL)
		pcre2_jit_stack_assign(m->context, NULL, m->jit_stack);
	return m;
}

void
pcrematch_free(pcrematch *m)
{
	if (m == NULL)
		return;
	pcre2_jit_stack_free(m->jit_stack);
	pcre2_match_context_free(m->context);
	free(m);
}

bool
pcrematch_anchored(const pcre2_code *code)
{
	uint32_t options = 0;

	pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &options);
	return (options & PCRE2_ANCHORED) != 0;
}

void
pcrematch_retry(pcrematch *m, size_t len)
{
	uint64_t total = (uint64_t)m->match_limit * PCREMATCH_SHARE;
	uint64_t each = (uint64_t)PCREMATCH_STEPS_PER_BYTE *
	    ((uint64_t)len + 1);

	if (each > m->match_limit)
		each = m->match_limit;
	if (each < m->context_limit)
		each = m->context_limit;
	pcrematch_set_limit(m, (uint32_t)each);
	pcre2_set_offset_limit(m->context, (PCRE2_SIZE)(total / each) - 1);
}

void
pcrematch_unretry(pcrematch *m)
{
	pcre2_set_offset_limit(m->context, PCRE2_UNSET);
}
