/*
 * Fuzz target: -r auto's detection.  The input is a capture file; its
 * sniff is judged by rule files of every decoder (text patterns with and
 * without continuation lines, JSON, logfmt).  Beyond the sanitizers, it
 * checks that the sniff stays within its bounds and that every candidate
 * accounts for every line of it, as conforming, violating or foreign.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_file.h"
#include "decode/rules.h"
#include "input/capture.h"
#include "judge/samples.h"
#include "learn/detect.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"runpod", "python-logging", "syslog-rfc3164", "jul-simple",
	"apache-access-combined", "logcat-threadtime", "ecs", "slog-text",
};
#define NAME_COUNT (sizeof names / sizeof names[0])
static rules *library[NAME_COUNT];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < NAME_COUNT; i++) {
		char path[4096];
		lc_error err;
		snprintf(path, sizeof path, "%s/%s.yaml", FUZZ_RULES_DIR,
		    names[i]);
		library[i] = rules_load(path, &err);
		if (library[i] == NULL || samples_verify(library[i], &err) != 0) {
			lc_error_print(stderr, &err);
			abort();
		}
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = fuzz_file("capture", data, size);
	char path[64], *cause = NULL;
	capture c;

	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (capture_resolve(path, &c, &cause) != 0) {
		free(cause);
		close(fd);
		return 0;
	}
	detect_sniff *s = detect_sniff_new(&c, 1, &cause);
	if (s == NULL) {
		free(cause);
		capture_free(&c);
		close(fd);
		return 0;
	}
	uint64_t lines = detect_sniff_lines(s);
	if (lines > DETECT_SNIFF_LINES)
		abort();
	for (size_t i = 0; i < NAME_COUNT; i++) {
		detect_candidate cand;
		memset(&cand, 0, sizeof cand);
		detect_try(s, library[i], &cand);
		if (cand.conforming + cand.violating + cand.foreign !=
		    cand.lines || cand.lines > lines)
			abort();
		if (detect_percent(&cand) > 100)
			abort();
		free(cand.name);
		free(cand.path);
		free(cand.format);
		free(cand.description);
		free(cand.error);
	}
	detect_sniff_free(s);
	capture_free(&c);
	close(fd);
	return 0;
}
