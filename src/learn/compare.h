/*
 * compare: is a candidate capture's logging compatible with a reference's?
 * Both captures are profiled under the reference format (a rule file, or
 * one inferred from the reference), then judged dimension by dimension.
 * The result is plain data: per dimension a verdict, the reason for it and
 * the counts, lists and example lines it rests on.  Every sentence, table
 * and JSON value made of it is the renderers' (compare_output.c).
 * compare_run owns the result it fills; compare_result_free releases it.
 */
#ifndef LC_COMPARE_H
#define LC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "judge/report.h"
#include "decode/rules.h"

/* VERDICT_NOT_CHECKED: no facts to judge by; it never fails a compare. */
typedef enum {
	VERDICT_IDENTICAL, VERDICT_CONSISTENT, VERDICT_DIFFERENT,
	VERDICT_INCOMPATIBLE, VERDICT_NOT_CHECKED
} compare_verdict;

typedef enum {
	DIMENSION_LINE_FORMAT, DIMENSION_KEYS, DIMENSION_TIMESTAMP,
	DIMENSION_LEVELS, DIMENSION_STREAMS, DIMENSION_EMOJI,
	DIMENSION_TEMPLATES, DIMENSION_FLUSH, DIMENSION_CHECKS,
	DIMENSION_COUNT
} compare_dimension_id;

/* Sides, as indexes of every per-side array below. */
enum { COMPARE_REFERENCE = 0, COMPARE_CANDIDATE = 1 };

/* What an example line shows. */
typedef enum {
	EXAMPLE_FINDING,	/* a finding of its check: message says what */
	EXAMPLE_LEVEL,		/* the first line of a level */
	EXAMPLE_EMOJI_LEVEL,	/* an emoji leading a level */
	EXAMPLE_TEXT_MARKER,	/* a text marker where emoji were */
} compare_example_kind;

/* A line that shows something, for the report. */
typedef struct {
	compare_example_kind kind;
	char *file;
	unsigned long line;
	char *text;		/* printable excerpt of the line */
	char *message;		/* EXAMPLE_FINDING: the finding's, or NULL */
	char *level;		/* EXAMPLE_LEVEL, EXAMPLE_EMOJI_LEVEL */
	char *emoji;		/* EXAMPLE_EMOJI_LEVEL */
} compare_example;

/* Examples kept per dimension. */
#define COMPARE_EXAMPLES_MAX 3

/*
 * Why a dimension was not checked although it applies: the habits it
 * judges come from log lines, and a side had none.
 */
typedef enum {
	MISSING_NONE,		/* judged, or not checked for its own reason */
	MISSING_LOG_LINES,	/* a side has no log lines */
} compare_missing;

typedef struct {
	const char *name;	/* "line-format", "timestamp", ... */
	compare_verdict verdict;
	compare_missing missing;
	int missing_side;	/* MISSING_LOG_LINES: 0, 1, or 2 for both */
	compare_example *examples;
	size_t example_count;
} compare_dimension;

typedef enum {
	LINE_FORMAT_NO_FIT,	/* no candidate line has the layout */
	LINE_FORMAT_FEW_FIT,	/* too few of its own-layout lines do */
	LINE_FORMAT_FOREIGN_FAIL,	/* foreign lines, and foreign: fail */
	LINE_FORMAT_SAME,	/* both have the same own layout */
	LINE_FORMAT_RECORDS,	/* every line of both decodes as a record */
	LINE_FORMAT_FITS,	/* its log lines fit the reference layout */
} compare_line_format_reason;

typedef struct {
	compare_line_format_reason reason;
	rules_decode decode;	/* the reference format's records */
	char *pattern;		/* its line pattern, NULL unless text */
	char *skeleton[2];	/* each side's own layout, NULL when none */
	uint64_t log_lines[2];	/* lines with the reference layout */
	uint64_t lines;		/* every candidate line */
	uint64_t own_layout_lines;	/* candidate lines in its own layout */
	uint64_t foreign;	/* candidate lines without a layout */
	uint64_t syntax[2];	/* json-syntax and logfmt-syntax findings */
	/* Candidate foreign lines that are text, JSON objects or logfmt. */
	uint64_t foreign_as[RULES_DECODE_LOGFMT + 1];
} compare_line_format_facts;

typedef enum {
	TIMESTAMP_ELSEWHERE_SAME,	/* another layout, the same format */
	TIMESTAMP_ELSEWHERE_OTHER,	/* another layout, another format */
	TIMESTAMP_NONE,		/* the reference has no timestamp */
	TIMESTAMP_NONE_SAME,	/* the rules read none; both sides write
				   the same one */
	TIMESTAMP_ABSENT,	/* no candidate log line has one */
	TIMESTAMP_NOT_MATCHING,	/* candidate timestamps do not parse */
	TIMESTAMP_MORE_NOT_MATCHING,	/* more than COMPARE_CHECKS_MORE_FACTOR
					   times the reference's share */
	TIMESTAMP_BACKWARDS,	/* more candidate timestamps go back */
	TIMESTAMP_SAME,		/* both write the format */
	TIMESTAMP_PARSES,	/* the candidate's parse as the format */
	TIMESTAMP_HABIT,	/* the reference's share of them do not
				   parse either: a habit of the format */
} compare_timestamp_reason;

typedef struct {
	compare_timestamp_reason reason;
	char *format;		/* the reference format's, NULL when none */
	char *own[2];		/* each side's own format, NULL when none */
	uint64_t not_matching[2];	/* time-format findings */
	uint64_t log_lines[2];	/* conforming and violating lines */
	rules_severity severity;	/* of time-format under the rules */
	uint64_t timed[2];	/* log lines with a time */
	uint64_t out_of_order[2];	/* time-order findings */
} compare_timestamp_facts;

typedef struct {
	char *level;		/* "" for lines without one */
	uint64_t count;
} compare_level;

typedef enum {
	LEVELS_UNKNOWN,		/* the candidate has levels the reference lacks */
	LEVELS_SAME,		/* both use the same levels */
	LEVELS_SUBSET,		/* the candidate's are among the reference's */
} compare_levels_reason;

typedef struct {
	compare_levels_reason reason;
	compare_level *levels[2];	/* log lines per level, first first */
	size_t level_count[2];
	char **allowed;		/* the format's levels; none: the reference's */
	size_t allowed_count;
	compare_level *unknown;	/* the candidate's levels not allowed */
	size_t unknown_count;
} compare_levels_facts;

/* What the log lines of a side do across streams. */
typedef enum {
	STREAM_HABIT_PAIRED,	/* on stdout and stderr, pairing checked */
	STREAM_HABIT_BOTH,	/* on stdout and stderr */
	STREAM_HABIT_STDOUT,	/* on stdout only */
	STREAM_HABIT_STDERR,	/* on stderr only */
	STREAM_HABIT_NONE,	/* on no known stream */
} compare_stream_habit;

typedef enum {
	STREAMS_ELSEWHERE_KEPT,	/* another layout, the same stream policy */
	STREAMS_ELSEWHERE_BROKEN,	/* another layout, another policy */
	STREAMS_NOT_PAIRED,	/* the reference pairs, the candidate cannot */
	STREAMS_UNPAIRED,	/* more candidate lines without a twin */
	STREAMS_EXCLUDED,	/* more candidate lines on an excluded stream */
	STREAMS_SAME,		/* the same habit */
	STREAMS_OTHER,		/* another habit the format allows */
} compare_streams_reason;

typedef struct {
	compare_streams_reason reason;
	rules_streams policy;	/* the reference format's */
	compare_stream_habit habit[2];
	uint64_t stdout_lines[2], stderr_lines[2];	/* log lines */
	char *pairing[2];	/* "checked", or why it was not */
	uint64_t unpaired[2];	/* stream-pairing findings */
	uint64_t excluded;	/* candidate stream-policy findings */
} compare_streams_facts;

/* A candidate emoji on another level than the reference keeps it for. */
typedef struct {
	char *emoji;
	char *level[2];		/* the reference's level, the candidate's */
	uint64_t count;		/* candidate messages */
} compare_emoji_move;

/* A check of the format on the emoji field that the candidate breaks. */
typedef struct {
	char *check;		/* its id */
	uint64_t count;		/* candidate findings */
} compare_check_break;

typedef enum {
	EMOJI_POLICY,		/* the candidate breaks the emoji policy */
	EMOJI_MARKERS,		/* text markers took the emoji's place */
	EMOJI_DROPPED,		/* the emoji habit is gone */
	EMOJI_MOVED,		/* emoji lead other levels, or checks break */
	EMOJI_SAME,		/* the same emoji on a similar share */
	EMOJI_ALIKE,		/* the same habit, vocabularies overlap */
	EMOJI_OTHER,		/* another habit or vocabulary */
} compare_emoji_reason;

typedef struct {
	compare_emoji_reason reason;
	double share[2];	/* of messages led by an emoji */
	uint64_t messages[2];
	uint64_t text_marked;	/* candidate messages led by a text marker */
	double marker_share;
	char *marker;		/* the candidate's first text marker */
	size_t shared, added, dropped;	/* emoji of both, new, missing */
	compare_emoji_move *moves;
	size_t move_count;
	compare_check_break *breaks;
	size_t break_count;
	uint64_t policy;	/* candidate emoji-policy findings */
} compare_emoji_facts;

typedef enum {
	TEMPLATES_SAME,		/* the same templates */
	TEMPLATES_MOVED,	/* the same messages, some on another level */
	TEMPLATES_MOSTLY,	/* mostly the same messages */
	TEMPLATES_OTHER,	/* different messages */
} compare_templates_reason;

typedef struct {
	compare_templates_reason reason;
	size_t count[2];	/* templates mined per side */
	size_t only[2];		/* of them seen on that side alone */
	bool capped[2];		/* the miner reached its cap */
	size_t shared;
	size_t moved;		/* candidate-only with a reference's text */
	size_t all;		/* shared and one-sided, moved ones once */
} compare_templates_facts;

/*
 * The flush dimension is incompatible only when the candidate's lateness
 * is clearly a habit, not one slow line: at least COMPARE_FLUSH_MIN_LATE
 * late twins, at least COMPARE_FLUSH_MIN_SHARE of its twins, and a share
 * at least COMPARE_FLUSH_MARGIN above the reference's.  check still gives
 * every late line its finding.
 */
#define COMPARE_FLUSH_MIN_LATE 3
#define COMPARE_FLUSH_MIN_SHARE 0.10
#define COMPARE_FLUSH_MARGIN 0.10

typedef enum {
	FLUSH_OFF,		/* flush-timing is off in the rules */
	FLUSH_UNPAIRED_RULES,	/* the rules do not pair the streams */
	FLUSH_NO_TWINS,		/* a side's pairing was not checked */
	FLUSH_TIMES_UNKNOWN,	/* a side has no arrival times */
	FLUSH_NO_TIMED_TWINS,	/* arrival times, but no twin has both */
	FLUSH_HABIT,		/* the candidate is late by habit */
	FLUSH_SHORT_OF_HABIT,	/* more late twins, short of a habit */
	FLUSH_NO_MORE_LATE,	/* no more late twins than the reference */
	FLUSH_IN_TIME,		/* every twin in time on both */
} compare_flush_reason;

typedef struct {
	compare_flush_reason reason;
	rules_streams policy;	/* the reference format's */
	report_flush flush[2];
	bool timed[2];		/* the capture has arrival times */
	int side;		/* FLUSH_NO_TWINS, _TIMES_UNKNOWN, _NO_TIMED_TWINS:
				   the side without twins (2: both) */
	char *pairing;		/* FLUSH_NO_TWINS: why it has none */
} compare_flush_facts;

/* A check of the rule file, or a finding id, counted on both sides. */
typedef struct {
	char *id;
	bool check;		/* a check of the rule file */
	rules_severity severity;
	uint64_t count[2];	/* findings, per side */
	/* a dimension that judges this id by its own measure, or NULL */
	const char *judged_by;
} compare_check_count;

/*
 * The checks dimension: what check would find on each side.  An error the
 * reference does not have is incompatible; ids another dimension judges
 * (foreign lines, time format and order, streams, emoji, flush timing)
 * are counted here and judged there.
 */
typedef enum {
	CHECKS_NEW_ERRORS,	/* the candidate has errors the reference lacks */
	CHECKS_NEW_WARNINGS,	/* warnings the reference lacks */
	CHECKS_MORE_ERRORS,	/* a clearly larger share of an error */
	CHECKS_SAME_IDS,	/* findings of the reference's ids only */
	CHECKS_CLEAN,		/* no finding judged here on either side */
} compare_checks_reason;

/* An error's share of log lines is "clearly larger" past this factor. */
#define COMPARE_CHECKS_MORE_FACTOR 2.0

typedef struct {
	compare_checks_reason reason;
	compare_check_count *counts;	/* the rule file's checks first */
	size_t count;
	size_t new_errors, new_warnings, more_errors;	/* ids of each */
	uint64_t errors[2], warnings[2];	/* check's totals per side */
	uint64_t log_lines[2];
} compare_checks_facts;

/* A key of either side's records, with what each side does with it. */
typedef struct {
	char *name;		/* its path, as a rule file writes it */
	size_t depth;		/* 1 for a top-level key */
	uint64_t present[2];	/* records holding it, per side */
	unsigned types[2];	/* per side, bit t for KEYSCHEMA_* type t */
	/* Of a key on both sides: what changed. */
	bool retyped;		/* other types (an integer is a number) */
	bool rarer;		/* on every reference record only */
	bool reshared;		/* a presence share beyond the slack */
} compare_key;

/* The roles of keys a structured format reads. */
typedef enum {
	KEY_ROLE_TIME, KEY_ROLE_LEVEL, KEY_ROLE_MESSAGE, KEY_ROLE_COUNT
} compare_key_role;

/*
 * The key holding a role on each side: the rule file's on the
 * reference, or the one the values tell; NULL when there is none.
 */
typedef struct {
	char *key[2];
	bool renamed;		/* the reference's key is not on the candidate */
} compare_key_holder;

typedef enum {
	KEYS_TEXT,		/* the rules read text lines, not keys */
	KEYS_ELSEWHERE,		/* the candidate's lines have another layout */
	KEYS_BROKEN,		/* key errors of the rules the reference lacks */
	KEYS_RENAMED,		/* a time, level or message key renamed, gone */
	KEYS_TYPES,		/* a key of both sides changed its type */
	KEYS_DROPPED,		/* keys the reference writes gone or rarer */
	KEYS_ORDER,		/* key-order warnings the reference lacks */
	KEYS_ADDED,		/* keys on the candidate only */
	KEYS_SHARES,		/* the same keys, some on other shares */
	KEYS_SAME,		/* the same keys, types and shares */
} compare_keys_reason;

/* Presence shares this close count as the same. */
#define COMPARE_KEYS_SHARE_SLACK 0.1

typedef struct {
	compare_keys_reason reason;
	rules_decode decode;	/* the reference format's records */
	uint64_t records[2];	/* records whose keys were read */
	compare_key *keys;	/* the reference's in its order, then the
				   candidate's own */
	size_t key_count;
	compare_key_holder roles[KEY_ROLE_COUNT];
	size_t only[2];		/* keys on that side alone */
	size_t type_changes;	/* keys of both with other types */
	size_t rarer;		/* on every reference record, not candidate's */
	size_t shares;		/* other presence shares, beyond the slack */
	size_t renamed;		/* roles whose key is renamed or gone */
	/* The rules' key finding ids (key-type, ...), counted per side. */
	compare_check_count *findings;
	size_t finding_count;
} compare_keys_facts;

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
	/* What each dimension's verdict rests on. */
	compare_line_format_facts line_format;
	compare_keys_facts keys;
	compare_timestamp_facts timestamp;
	compare_levels_facts levels;
	compare_streams_facts streams;
	compare_emoji_facts emoji_habit;
	compare_templates_facts template_overlap;
	compare_flush_facts flush;
	compare_checks_facts checks;
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

/* The verdict's name in every output: "identical", ..., "not checked". */
const char *compare_verdict_name(compare_verdict verdict);

#endif
