/*
 * Fuzz target: the template miner.  The first four bytes choose the
 * options (small caps, so that overflow and <REST> happen); each following
 * line is "LEVEL\tEMOJI\tMESSAGE" (fewer tabs: fewer parts).  Beyond the
 * sanitizers, it checks the counts and that mining is deterministic.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mine/templates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Mine every line of data; ids[] gets each line's template id. */
static templates *
fuzz_mine(const templates_options *opts, const char *data, size_t size,
    uint32_t *ids, size_t *count)
{
	templates *t = templates_new(opts);
	const char *end = data + size;

	*count = 0;
	for (const char *p = data; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl != NULL ? nl : end;
		const char *parts[3] = { NULL, NULL, p };
		size_t lens[3] = { 0, 0, (size_t)(stop - p) };
		const char *tab = memchr(p, '\t', (size_t)(stop - p));
		if (tab != NULL) {
			parts[0] = p;
			lens[0] = (size_t)(tab - p);
			parts[2] = tab + 1;
			lens[2] = (size_t)(stop - tab - 1);
			tab = memchr(parts[2], '\t', lens[2]);
			if (tab != NULL) {
				parts[1] = parts[2];
				lens[1] = (size_t)(tab - parts[2]);
				parts[2] = tab + 1;
				lens[2] = (size_t)(stop - tab - 1);
			}
		}
		uint32_t id = templates_add(t, parts[0], lens[0], parts[1],
		    lens[1], parts[2], lens[2]);
		if (id > templates_count(t))
			abort();
		ids[(*count)++] = id;
		p = nl != NULL ? nl + 1 : end;
	}
	return t;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	templates_options opts;

	if (size < 4)
		return 0;
	templates_options_init(&opts);
	opts.similarity = data[0] / 255.0;
	opts.prefix_tokens = data[1] % 4;
	opts.max_children = 2 + data[1] / 4 % 8;
	opts.max_templates = 1 + data[2] % 32;
	opts.max_tokens = data[3] % 2 ? 128 : 2 + data[3] / 2 % 16;
	opts.typed_masks = data[3] & 0x80;
	const char *text = (const char *)data + 4;
	size -= 4;

	/* At most one id per byte, plus one for an empty last line. */
	uint32_t *ids = calloc(size + 1, sizeof *ids);
	uint32_t *again = calloc(size + 1, sizeof *again);
	size_t count, count_again;
	templates *t = fuzz_mine(&opts, text, size, ids, &count);

	uint64_t taken = 0;
	templates_entry entry;
	size_t i;
	for (i = 0; templates_get(t, i, &entry); i++) {
		if (entry.id != i + 1 || entry.count == 0 ||
		    entry.token_count > opts.max_tokens ||
		    entry.example_len > TEMPLATES_EXAMPLE_MAX ||
		    strlen(entry.text) > entry.text_len)
			abort();
		taken += entry.count;
	}
	if (i != templates_count(t) || i > opts.max_templates ||
	    templates_messages(t) != count ||
	    taken + templates_overflow(t) != count ||
	    (templates_overflow(t) > 0) != templates_capped(t))
		abort();

	/* The same input gives the same ids. */
	templates *t2 = fuzz_mine(&opts, text, size, again, &count_again);
	if (count_again != count ||
	    memcmp(ids, again, count * sizeof *ids) != 0)
		abort();
	templates_free(t2);
	templates_free(t);
	free(ids);
	free(again);
	return 0;
}
