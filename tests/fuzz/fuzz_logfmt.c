/*
 * Fuzz target: the logfmt decoder with the slog-text rules (keys, types,
 * order and duplicates), one record a line; see fuzz_record.h.
 */
#include "fuzz_record.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static judge *slog;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	slog = fuzz_record_judge(FUZZ_RULES_DIR "/slog-text.yaml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_record_run(slog, data, size);
	return 0;
}
