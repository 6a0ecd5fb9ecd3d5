/* mining: `logcompat templates`; see mining.h. */
#include "config.h"

#include "learn/mining.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "decode/continuation.h"
#include "judge/judge.h"
#include "util/jsonutil.h"
#include "input/source.h"
#include "mine/templates.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MINING_MAX_LINE (1024 * 1024)

/*
 * The message of a record (a line and its continuation lines, under rules
 * with `continuation`) and the fixed parts that go with it.
 */
static uint32_t
mining_add(templates *miner, judge *j, const lc_record *rec,
    lc_stream stream, judge_result *res)
{
	const char *text = rec->text;

	if (j == NULL)
		return templates_add(miner, NULL, 0, NULL, 0, text, rec->len);
	judge_record(j, NULL, rec, stream, res);
	if (res->kind == LINE_FOREIGN || res->message.off == SIZE_MAX)
		return templates_add(miner, NULL, 0, NULL, 0, text, rec->len);
	/* The decoded values: a JSON message's escapes read as text. */
	const decode_field *decoded = &res->decoded->message,
	    *level = &res->decoded->level;
	const char *message = decoded->text;
	size_t rest = res->emoji_len;
	while (rest < decoded->len && message[rest] == ' ')
		rest++;
	return templates_add(miner,
	    res->level.off != SIZE_MAX ? level->text : NULL,
	    res->level.off != SIZE_MAX ? level->len : 0,
	    message, res->emoji_len, message + rest, decoded->len - rest);
}

static json_t *
mining_entry_json(const templates_entry *e)
{
	json_t *entry = json_object();

	json_object_set_new(entry, "id", json_integer(e->id));
	json_object_set_new(entry, "count", json_integer((json_int_t)e->count));
	json_object_set_new(entry, "level",
	    jsonutil_string(e->level, e->level_len));
	json_object_set_new(entry, "emoji",
	    jsonutil_string(e->emoji, e->emoji_len));
	json_object_set_new(entry, "template",
	    jsonutil_string(e->text, e->text_len));
	json_object_set_new(entry, "example",
	    jsonutil_string(e->example, e->example_len));
	/* A template another took in (see templates.h), or null. */
	json_object_set_new(entry, "merged_into", e->merged_into != 0 ?
	    json_integer(e->merged_into) : json_null());
	return entry;
}

static int
mining_write(templates *miner, json_t *ids, uint64_t skipped,
    uint64_t lines, mining_format format, FILE *out)
{
	templates_entry e;

	if (format == MINING_JSON) {
		json_t *root = json_object(), *list = json_array();
		json_object_set_new(root, "command", json_string("templates"));
		json_object_set_new(root, "version",
		    json_string(PACKAGE_VERSION));
		/* As the text says: the records mined, the lines they hold. */
		json_object_set_new(root, "records",
		    json_integer((json_int_t)templates_messages(miner)));
		json_object_set_new(root, "lines",
		    json_integer((json_int_t)lines));
		json_object_set_new(root, "capped",
		    json_boolean(templates_capped(miner)));
		json_object_set_new(root, "overflow",
		    json_integer((json_int_t)templates_overflow(miner)));
		json_object_set_new(root, "skipped_records",
		    json_integer((json_int_t)skipped));
		if (ids != NULL)
			json_object_set(root, "ids", ids);
		else {
			for (size_t i = 0; templates_get(miner, i, &e); i++)
				json_array_append_new(list,
				    mining_entry_json(&e));
			json_object_set(root, "templates", list);
		}
		json_decref(list);
		return jsonutil_dump_new(out, root);
	}
	/* The ids go out line by line: only a note can say what is missing. */
	if (ids != NULL) {
		if (skipped > 0)
			fprintf(stderr, "logcompat templates: %llu malformed "
			    "container-log records left out (logcompat check "
			    "lists them)\n", (unsigned long long)skipped);
		return 0;
	}
	/* Records of several lines: say how many lines they hold. */
	if (lines != templates_messages(miner))
		fprintf(out, "%zu templates from %llu records (%llu lines)%s\n",
		    templates_count(miner),
		    (unsigned long long)templates_messages(miner),
		    (unsigned long long)lines, templates_capped(miner) ?
		    " (the cap was reached: the rest are counted as overflow, "
		    "id 0)" : "");
	else
		fprintf(out, "%zu templates from %llu lines%s\n",
		    templates_count(miner),
		    (unsigned long long)templates_messages(miner),
		    templates_capped(miner) ? " (the cap was reached: the "
		    "rest are counted as overflow, id 0)" : "");
	if (skipped > 0)
		fprintf(out, "%llu malformed container-log records left out "
		    "(logcompat check lists them)\n",
		    (unsigned long long)skipped);
	for (size_t i = 0; templates_get(miner, i, &e); i++) {
		size_t caret;
		char *text = utf8_excerpt(e.text, e.text_len, 0, 120, &caret);
		char *example = utf8_excerpt(e.example, e.example_len, 0, 120,
		    &caret);
		fprintf(out, "%5u %8llu  %s%.*s%s%.*s%s%s\n        example: %s\n",
		    e.id, (unsigned long long)e.count,
		    e.level_len ? "[" : "", (int)e.level_len, e.level,
		    e.level_len ? "] " : "", (int)e.emoji_len, e.emoji,
		    e.emoji_len ? " " : "", text, example);
		/*
		 * Its lines stay its own, so that the counts add up to the
		 * lines read; later ones of its kind went to the other.
		 */
		if (e.merged_into != 0)
			fprintf(out, "        merged into: %u\n", e.merged_into);
		free(text);
		free(example);
	}
	return ferror(out) ? -1 : 0;
}

int
mining_run(const rules *r, const capture *captures, size_t count,
    bool per_line, mining_format format, FILE *out, char **cause)
{
	templates *miner = templates_new(NULL);
	judge *j = r != NULL ? judge_new(r) : NULL;
	judge_result res = { 0 };
	json_t *ids = per_line ? json_array() : NULL;
	int status = -1, got = 0;
	uint64_t skipped = 0, lines = 0;
	lc_record rec;
	continuation *cont = r != NULL ? continuation_new(r) : NULL;

	if (j != NULL)
		judge_set_decode_only(j);	/* templates need the fields */
	for (size_t c = 0; c < count; c++) {
		capture_source sources[2];
		size_t source_count = source_read_once(&captures[c], sources);

		for (size_t s = 0; s < source_count; s++) {
			const capture_source *src = &sources[s];
			source_info info;
			source_reader *reader = source_open(src,
			    r != NULL ? r->max_line : MINING_MAX_LINE, false,
			    cause);
			if (reader == NULL)
				goto out;
			if (cont != NULL)
				source_set_continuation(reader,
				    continuation_continues, cont);
			while ((got = source_next_record(reader, &rec, &info,
			    cause)) > 0) {
				uint32_t id = mining_add(miner, j, &rec,
				    info.stream, &res);
				lines += rec.line_count;
				/* Every line of a record has its id. */
				for (unsigned long k = 0; ids != NULL &&
				    k < rec.line_count; k++) {
					if (format == MINING_JSON)
						json_array_append_new(ids,
						    json_integer(id));
					else
						fprintf(out, "%u\n", id);
				}
			}
			skipped += source_skipped(reader);
			source_close(reader);
			if (got < 0)
				goto out;
		}
	}
	if (mining_write(miner, ids, skipped, lines, format, out) != 0) {
		*cause = xstrdup("cannot write the templates");
		goto out;
	}
	status = 0;
out:
	json_decref(ids);
	continuation_free(cont);
	judge_result_free(&res);
	judge_free(j);
	templates_free(miner);
	return status;
}
