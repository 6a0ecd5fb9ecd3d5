/*
 * compare: is a candidate capture's logging compatible with a reference's?
 * Both captures are profiled under the reference format (a rule file, or
 * one inferred from the reference), then judged dimension by dimension.
 * compare_run owns the result it fills; compare_result_free releases it.
 * Rendering is compare_output.c's.
 */
#ifndef LC_COMPARE_H
#define LC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "input/capture.h"
#include "judge/report.h"
#include "decode/rules.h"

/* VERDICT_NOT_CHECKED: no facts to judge by; it never fails a compare. */
typedef enum {
	VERDICT_IDENTICAL, VERDICT_CONSISTENT, VERDICT_DIFFERENT,
	VERDICT_INCOMPATIBLE, VERDICT_NOT_CHECKED
} compare_verdict;

/* A line that shows something, for the report. */
typedef struct {
	char *file;
	unsigned long line;
	char *text;		/* printable excerpt of the line */
	char *note;		/* what it shows */
} compare_example;

typedef enum {
	DIMENSION_LINE_FORMAT, DIMENSION_TIMESTAMP, DIMENSION_LEVELS,
	DIMENSION_STREAMS, DIMENSION_EMOJI, DIMENSION_TEMPLATES,
	DIMENSION_FLUSH, DIMENSION_COUNT
} compare_dimension_id;

typedef struct {
	const char *name;	/* "line-format", "timestamp", ... */
	compare_verdict verdict;
	char *summary;		/* one sentence: the verdict's reason */
	char *reference;	/* what the reference does, in a few words */
	char *candidate;	/* what the candidate does, in a few words */
	char **evidence;	/* sentences with counts */
	size_t evidence_count;
	compare_example *examples;
	size_t example_count;
	json_t *reference_json;	/* structured facts of each side */
	json_t *candidate_json;
} compare_dimension;

/* A template as both sides see it. */
typedef struct {
	char *text;		/* the masked message; level and emoji apart */
	/* level and emoji are "" when the template has none */
	char *level, *emoji;
	uint64_t count[2];	/* lines of it on the reference, candidate */
	char *example[2];	/* a message of each side, NULL when none */
} compare_template;

typedef struct {
	char *emoji;
	uint64_t count[2];	/* messages it leads, per side */
	char *level[2];		/* the level it goes with most, per side */
} compare_emoji;

/* What one side looked like. */
typedef struct {
	char *name;		/* the CAPTURE argument */
	report *report;		/* its check under the reference format */
	char *format_yaml;	/* its own inferred format, NULL when none */
	char *skeleton;		/* its own layout, e.g. "[TIME] LEVEL: MESSAGE" */
	char *time_format;	/* its own timestamp format, or NULL */
	uint64_t messages;	/* log lines, i.e. with a message */
	uint64_t emoji_led;	/* messages led by an emoji */
	uint64_t text_marked;	/* messages led by a text marker like [OK] */
	uint64_t stream_lines[LC_STREAM_COUNT];	/* log lines per stream */
	size_t template_count;
	bool templates_capped;
} compare_side;

typedef struct {
	compare_verdict verdict;	/* compatible unless some is incompatible */
	bool compatible;
	char *rules_name;	/* the reference format's name */
	char *rules_path;	/* its file, or NULL when inferred */
	char *rules_yaml;	/* the inferred rule file, or NULL with -r */
	compare_side sides[2];	/* reference, candidate */
	compare_dimension dimensions[DIMENSION_COUNT];
	compare_template *templates;	/* shared first, then reference-only,
					   then candidate-only */
	size_t template_count;
	compare_emoji *emoji;
	size_t emoji_count;
} compare_result;

/*
 * Compare two captures.  r is the reference format, or NULL to infer it
 * from the reference.  Returns 0, or -1 with *cause (read error, nothing
 * to infer a format from).
 */
int compare_run(const rules *r, const capture *reference,
    const capture *candidate, compare_result *result, char **cause);
void compare_result_free(compare_result *result);

const char *compare_verdict_name(compare_verdict verdict);

#endif
