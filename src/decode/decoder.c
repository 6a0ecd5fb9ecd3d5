/*
 * decoder: the front of every format's decoder; see decoder.h.  It picks
 * the format's ops and finds the leading emoji of the message, which is
 * the same whatever decoded the message.
 */
#include "decode/decoder.h"

#include <stdlib.h>

#include "util/xalloc.h"

decoder *
decoder_new(const rules *r, pcrematch *m)
{
	decoder *d = xcalloc(1, sizeof *d);

	d->ops = r->decode == RULES_DECODE_JSON ? &decoder_json :
	    r->decode == RULES_DECODE_LOGFMT ? &decoder_logfmt :
	    &decoder_pattern;
	d->state = d->ops->create(r, m);
	d->emoji = emoji_matcher_new();
	return d;
}

void
decoder_free(decoder *d)
{
	if (d == NULL)
		return;
	d->ops->free(d->state);
	emoji_matcher_free(d->emoji);
	free(d);
}

const char *
decoder_name(const decoder *d)
{
	return d->ops->name;
}

int
decoder_field_index(const decoder *d, const char *name)
{
	return d->ops->field_index(d->state, name);
}
