/*
 * Fuzz target: the JSON decoder with the ecs rules (every check of keys,
 * types, order and duplicates), one record a line; see fuzz_record.h.
 */
#include "fuzz_record.h"

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_record_run(ecs, data, size);
	return 0;
}
