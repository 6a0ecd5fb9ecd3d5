/*
 * Fuzz target: the JSON decoder with the ecs rules (every check of keys,
 * types, order and duplicates), one record a line; see fuzz_record.h.
 * Each line is also given to jansson: where the line is valid UTF-8 and
 * within the decoder's limits, both must agree on whether it is a JSON
 * object.
 */
#include <jansson.h>

#include "fuzz_record.h"
#include "util/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static judge *ecs;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ecs = fuzz_record_judge(FUZZ_RULES_DIR "/ecs.yaml");
	return 0;
}

/* Whether the last record has a finding of this id. */
static bool
has_finding(const judge_result *res, const char *id)
{
	for (size_t i = 0; i < res->finding_count; i++) {
		if (strcmp(res->findings[i].rule, id) == 0)
			return true;
	}
	return false;
}

static void
agree_with_jansson(const uint8_t *data, size_t len)
{
	judge_result res = { 0 };
	json_error_t error;
	char *text = malloc(len ? len : 1);

	if (text == NULL)
		abort();
	memcpy(text, data, len);
	judge_line(ecs, NULL, text, len, LC_STREAM_STDOUT, &res);
	/* Apart: bytes jansson refuses, limits, escapes that are no text. */
	if (utf8_invalid_offset(text, len) == len &&
	    memchr(text, '\0', len) == NULL &&
	    !has_finding(&res, "decode-limit") &&
	    !has_finding(&res, "string-escape")) {
		json_t *value = json_loadb(text, len, JSON_DECODE_ANY |
		    JSON_ALLOW_NUL, &error);
		bool ours = res.kind != LINE_FOREIGN &&
		    !has_finding(&res, "json-syntax");
		bool theirs = value != NULL && json_is_object(value);
		/* jansson refuses numbers past its integers and doubles. */
		bool overflow = value == NULL &&
		    (strstr(error.text, "overflow") != NULL ||
		    strstr(error.text, "too big") != NULL);
		if (ours != theirs && !overflow) {
			fprintf(stderr, "json: ours %d, jansson %d (%s)\n",
			    ours, theirs, value == NULL ? error.text : "");
			abort();
		}
		json_decref(value);
	}
	judge_result_free(&res);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t start = 0;

	fuzz_record_run(ecs, data, size);
	for (size_t i = 0; i <= size; i++) {
		if (i == size || data[i] == '\n') {
			agree_with_jansson(data + start, i - start);
			start = i + 1;
		}
	}
	return 0;
}
