/*
 * Fuzz target: the rule loader.  Any text either loads (and then its
 * samples are verified and a judge is built on it, as `check` does) or is
 * refused with a message; it never crashes, hangs or leaks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "judge/judge.h"
#include "decode/rules.h"
#include "judge/samples.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lc_error err;
	rules *r = rules_load_text("fuzz.yaml", (const char *)data, size, &err);

	if (r == NULL) {
		/* A refusal always says why. */
		if (err.text[0] == '\0')
			abort();
		return 0;
	}
	if (r->format == NULL || r->line_regex == NULL)
		abort();
	(void)samples_verify(r, &err);
	/* Judge each sample on a stream, so that time order runs too. */
	judge *j = judge_new(r);
	judge_stream state = { 0 };
	judge_result res = { 0 };
	for (size_t i = 0; i < r->sample_count; i++) {
		/* An exact-size copy without the NUL, so that ASan sees a
		 * read past the sample's end. */
		size_t len = strlen(r->samples[i].line);
		char *line = malloc(len ? len : 1);
		if (line == NULL)
			abort();
		memcpy(line, r->samples[i].line, len);
		judge_line(j, &state, line, len, LC_STREAM_STDOUT, &res);
		free(line);
		for (size_t k = 0; k < res.finding_count; k++) {
			if (res.findings[k].at > len)
				abort();
		}
	}
	judge_result_free(&res);
	judge_free(j);
	rules_free(r);
	return 0;
}
