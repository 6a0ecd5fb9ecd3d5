/* containerlog: CRI and Docker json-file records; see containerlog.h. */
#include "input/containerlog.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* Bytes of a record besides its content: time, stream, tag, JSON. */
#define CONTAINERLOG_RECORD_SLACK 4096
/*
 * A record is read whole up to at least this size whatever max-line is:
 * a 16 KiB piece (logcompat capture's and Docker's) JSON-escaped at worst.
 * A longer CRI record is read from its head, its content cut at max-line.
 */
#define CONTAINERLOG_RECORD_MIN (6 * 16384 + CONTAINERLOG_RECORD_SLACK)
/*
 * The format is decided by the first this many non-blank records, each
 * read up to CONTAINERLOG_SNIFF_MAX bytes, in the first
 * CONTAINERLOG_SNIFF_BYTES of the file.
 */
/* Zeroed bytes past a joined line's longest, for PCRE2's JIT. */
#define CONTAINERLOG_JOIN_SLACK 64
#define CONTAINERLOG_SNIFF_RECORDS 8
#define CONTAINERLOG_SNIFF_MAX 65536
#define CONTAINERLOG_SNIFF_BYTES (4 * 1024 * 1024)

static const char containerlog_bom[3] = { '\xef', '\xbb', '\xbf' };
static const char containerlog_docker_head[] = "{\"log\":\"";

static const char *const format_names[] = { "plain", "cri", "docker" };

const char *
containerlog_format_name(containerlog_format format)
{
	return format_names[format];
}

static bool
containerlog_digits(const char *p, size_t n, int *value)
{
	*value = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*value = *value * 10 + (p[i] - '0');
	}
	return true;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
containerlog_days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

size_t
containerlog_parse_time(const char *buf, size_t len, int64_t *ns)
{
	static const int month_days[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int year, month, day, hour, minute, second;
	int64_t fraction = 0;
	size_t i = 19;

	if (len < 20 || !containerlog_digits(buf, 4, &year) || buf[4] != '-' ||
	    !containerlog_digits(buf + 5, 2, &month) || buf[7] != '-' ||
	    !containerlog_digits(buf + 8, 2, &day) ||
	    (buf[10] != 'T' && buf[10] != 't') ||
	    !containerlog_digits(buf + 11, 2, &hour) || buf[13] != ':' ||
	    !containerlog_digits(buf + 14, 2, &minute) || buf[16] != ':' ||
	    !containerlog_digits(buf + 17, 2, &second))
		return 0;
	if (month < 1 || month > 12 || day < 1 || day > month_days[month - 1] ||
	    (month == 2 && day == 29 && (year % 4 != 0 ||
	    (year % 100 == 0 && year % 400 != 0))) || hour > 23 ||
	    minute > 59 || second > 60)
		return 0;
	/* Nanoseconds since the epoch fit int64 from 1678 to 2262 only. */
	if (year < 1678 || year > 2262)
		return 0;
	if (buf[i] == '.') {
		size_t digits = 0;
		/* Digits past the ninth are finer than a nanosecond: cut. */
		for (i++; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
			if (++digits <= 9)
				fraction = fraction * 10 + (buf[i] - '0');
		}
		if (digits == 0)
			return 0;
		for (; digits < 9; digits++)
			fraction *= 10;
	}
	int offset = 0;
	if (i + 1 == len && (buf[i] == 'Z' || buf[i] == 'z'))
		i++;
	else if (i + 6 == len && (buf[i] == '+' || buf[i] == '-') &&
	    buf[i + 3] == ':') {
		int oh, om;
		if (!containerlog_digits(buf + i + 1, 2, &oh) ||
		    !containerlog_digits(buf + i + 4, 2, &om) || oh > 23 ||
		    om > 59)
			return 0;
		offset = (oh * 60 + om) * 60 * (buf[i] == '-' ? -1 : 1);
		i += 6;
	} else
		return 0;
	int64_t seconds = containerlog_days(year, month, day) * 86400 +
	    hour * 3600 + minute * 60 + second - offset;
	int64_t whole;
	if (__builtin_mul_overflow(seconds, INT64_C(1000000000), &whole) ||
	    __builtin_add_overflow(whole, fraction, ns))
		return 0;
	return i;
}

static int
containerlog_fail(size_t *at, char **cause, size_t where, char *message)
{
	*at = where;
	*cause = message;
	return -1;
}

static const char *
containerlog_space(const char *p, const char *end)
{
	const char *space = memchr(p, ' ', (size_t)(end - p));
	return space != NULL ? space : end;
}

#define CONTAINERLOG_BAD_TIME	"bad timestamp '%s' (expected RFC 3339, e.g. " \
	"2024-01-02T03:04:05.123456789Z)"
#define CONTAINERLOG_BAD_STREAM	"unknown stream '%s' (expected stdout or stderr)"

/* Fail with a message about a field, shown printable in place of %s. */
static int
containerlog_fail_field(size_t *at, char **cause, size_t where,
    const char *message, const char *text, size_t len)
{
	size_t caret;
	char *quoted = utf8_excerpt(text, len, 0, 40, &caret);

	*at = where;
	*cause = xasprintf(message, quoted);
	free(quoted);
	return -1;
}

static int
containerlog_stream(const char *text, size_t len, lc_stream *stream)
{
	if (len == 6 && memcmp(text, "stdout", 6) == 0)
		*stream = LC_STREAM_STDOUT;
	else if (len == 6 && memcmp(text, "stderr", 6) == 0)
		*stream = LC_STREAM_STDERR;
	else
		return -1;
	return 0;
}

static int
containerlog_parse_cri(const char *buf, size_t len, containerlog_record *rec,
    size_t *at, char **cause)
{
	const char *end = buf + len;
	const char *time_end = containerlog_space(buf, end);
	size_t time_len = (size_t)(time_end - buf);

	if (containerlog_parse_time(buf, time_len, &rec->time_ns) == 0)
		return containerlog_fail_field(at, cause, 0,
		    CONTAINERLOG_BAD_TIME, buf, time_len);
	if (time_end == end)
		return containerlog_fail(at, cause, len, xstrdup("record has "
		    "no stream after its timestamp"));
	const char *stream = time_end + 1;
	const char *stream_end = containerlog_space(stream, end);
	if (containerlog_stream(stream, (size_t)(stream_end - stream),
	    &rec->stream) != 0)
		return containerlog_fail_field(at, cause, (size_t)(stream - buf),
		    CONTAINERLOG_BAD_STREAM, stream,
		    (size_t)(stream_end - stream));
	if (stream_end == end)
		return containerlog_fail(at, cause, len, xstrdup("record has "
		    "no tag after its stream (expected F or P)"));
	const char *tag = stream_end + 1;
	const char *tag_end = containerlog_space(tag, end);
	size_t tag_len = (size_t)(tag_end - tag);
	if (tag_len != 1 || (*tag != 'F' && *tag != 'P'))
		return containerlog_fail_field(at, cause, (size_t)(tag - buf),
		    "unknown tag '%s' (expected F or P)", tag, tag_len);
	rec->partial = *tag == 'P';
	rec->content = tag_end == end ? end : tag_end + 1;
	rec->content_len = (size_t)(end - rec->content);
	return 0;
}

/* Where a key stands in the record's text, for the column of a fault. */
static size_t
containerlog_key_at(const char *buf, size_t len, const char *key)
{
	size_t key_len = strlen(key);

	for (size_t i = 0; i + key_len + 2 <= len; i++) {
		if (buf[i] == '"' && memcmp(buf + i + 1, key, key_len) == 0 &&
		    buf[i + 1 + key_len] == '"')
			return i;
	}
	return 0;
}

/* A string field of a Docker record; -1 with the fault when it is not. */
static int
containerlog_json_string(const char *buf, size_t len, json_t *root,
    const char *key, const char **text, size_t *text_len, size_t *at,
    char **cause)
{
	json_t *value = json_object_get(root, key);

	if (!json_is_string(value))
		return containerlog_fail(at, cause, containerlog_key_at(buf,
		    len, key), value == NULL ? xasprintf("record has no \"%s\" "
		    "field", key) : xasprintf("\"%s\" must be a string", key));
	*text = json_string_value(value);
	*text_len = json_string_length(value);
	return 0;
}

/* Replace the first from in text by to, in a new string. */
static char *
containerlog_replace(const char *text, const char *from, const char *to)
{
	const char *hit = strstr(text, from);

	if (hit == NULL)
		return xstrdup(text);
	return xasprintf("%.*s%s%s", (int)(hit - text), text, to,
	    hit + strlen(from));
}

/*
 * A jansson parse error as a fault in one record: jansson speaks of the
 * end of the file where the record ends, and its position is just past
 * the token it stopped at, so the column goes back to the token's start.
 */
static int
containerlog_json_fail(const char *buf, size_t len, const json_error_t *err,
    size_t *at, char **cause)
{
	static const char *const words[][2] = {
		{ "premature end of input", "the record ends inside a value" },
		{ "end of file expected", "nothing expected after the object" },
		{ "near end of file", "at the end of the record" },
	};
	size_t where = err->position > 0 && (size_t)err->position <= len ?
	    (size_t)err->position : len;
	const char *near = strstr(err->text, "near '");
	size_t text_len = strlen(err->text);
	char *text = xstrdup(err->text);

	if (strstr(err->text, "near end of file") != NULL ||
	    strstr(err->text, "premature end of input") != NULL)
		where = len;
	else if (near != NULL && text_len > 0 && err->text[text_len - 1] == '\'') {
		const char *token = near + 6;
		size_t token_len = (size_t)(err->text + text_len - 1 - token);
		where = token_len <= where && memcmp(buf + where - token_len,
		    token, token_len) == 0 ? where - token_len : where - 1;
	} else if (where > 0)
		where--;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char *next = containerlog_replace(text, words[i][0], words[i][1]);
		free(text);
		text = next;
	}
	*at = where;
	*cause = xasprintf("bad JSON: %s", text);
	free(text);
	return -1;
}

static int
containerlog_parse_docker(const char *buf, size_t len,
    containerlog_record *rec, size_t *at, char **cause)
{
	json_error_t err;
	json_t *root = json_loadb(buf, len, JSON_ALLOW_NUL, &err);
	const char *log, *stream, *time;
	size_t log_len, stream_len, time_len;
	int status = -1;

	if (root == NULL)
		return containerlog_json_fail(buf, len, &err, at, cause);
	if (!json_is_object(root)) {
		containerlog_fail(at, cause, 0, xstrdup("record is not a JSON "
		    "object"));
		goto out;
	}
	if (containerlog_json_string(buf, len, root, "log", &log, &log_len,
	    at, cause) != 0 || containerlog_json_string(buf, len, root,
	    "stream", &stream, &stream_len, at, cause) != 0 ||
	    containerlog_json_string(buf, len, root, "time", &time, &time_len,
	    at, cause) != 0)
		goto out;
	if (containerlog_stream(stream, stream_len, &rec->stream) != 0) {
		containerlog_fail_field(at, cause, containerlog_key_at(buf, len,
		    "stream"), CONTAINERLOG_BAD_STREAM, stream, stream_len);
		goto out;
	}
	if (containerlog_parse_time(time, time_len, &rec->time_ns) == 0) {
		containerlog_fail_field(at, cause, containerlog_key_at(buf, len,
		    "time"), CONTAINERLOG_BAD_TIME, time, time_len);
		goto out;
	}
	rec->decoded = xmalloc(log_len + 1);
	memcpy(rec->decoded, log, log_len + 1);
	/* Docker ends a whole line with its newline, and splits long ones. */
	rec->partial = log_len == 0 || rec->decoded[log_len - 1] != '\n';
	rec->content = rec->decoded;
	rec->content_len = rec->partial ? log_len : log_len - 1;
	status = 0;
out:
	json_decref(root);
	return status;
}

int
containerlog_parse_record(containerlog_format format, const char *buf,
    size_t len, containerlog_record *rec, size_t *at, char **cause)
{
	int status;

	memset(rec, 0, sizeof *rec);
	if (format == CONTAINERLOG_DOCKER)
		status = containerlog_parse_docker(buf, len, rec, at, cause);
	else if (format == CONTAINERLOG_CRI)
		status = containerlog_parse_cri(buf, len, rec, at, cause);
	else
		status = containerlog_fail(at, cause, 0, xstrdup("not a "
		    "container log format"));
	if (status != 0)
		containerlog_record_clear(rec);
	return status;
}

void
containerlog_record_clear(containerlog_record *rec)
{
	if (rec == NULL)
		return;
	free(rec->decoded);
	memset(rec, 0, sizeof *rec);
}

static bool
containerlog_is(containerlog_format format, const char *buf, size_t len)
{
	containerlog_record rec;
	char *cause = NULL;
	size_t at;

	if (containerlog_parse_record(format, buf, len, &rec, &at, &cause) != 0) {
		free(cause);
		return false;
	}
	containerlog_record_clear(&rec);
	return true;
}

static bool
containerlog_blank(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
			return false;
	}
	return true;
}

/* The votes of the records looked at so far, for containerlog_sniff. */
typedef struct {
	size_t looked;		/* records, not blank lines */
	size_t votes[3];	/* by containerlog_format */
} containerlog_votes;

/*
 * One record's vote; cut: the record goes on past len.  A cut Docker
 * record cannot be parsed, so it does not count either way; a cut CRI
 * record is judged by its head.  Returns whether enough were looked at.
 */
static bool
containerlog_vote(containerlog_votes *v, const char *buf, size_t len,
    bool cut)
{
	if (v->looked == 0 && len >= 3 && memcmp(buf, containerlog_bom, 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (!cut && len > 0 && buf[len - 1] == '\r')
		len--;
	if (containerlog_blank(buf, len))
		return false;
	if (buf[0] == '{' && containerlog_is(CONTAINERLOG_DOCKER, buf, len))
		v->votes[CONTAINERLOG_DOCKER]++;
	else if (containerlog_is(CONTAINERLOG_CRI, buf, len))
		v->votes[CONTAINERLOG_CRI]++;
	else if (cut && len >= sizeof containerlog_docker_head - 1 &&
	    memcmp(buf, containerlog_docker_head,
	    sizeof containerlog_docker_head - 1) == 0)
		/* Docker writes "log" first: a long record by its head. */
		v->votes[CONTAINERLOG_DOCKER]++;
	else if (cut && buf[0] == '{')
		return false;
	v->looked++;
	return v->looked >= CONTAINERLOG_SNIFF_RECORDS;
}

/*
 * The format most records are in, if any is in one: a plain log line is
 * all but never a whole CRI or Docker record, while a container log may
 * well begin with bad ones, which are better reported than read as text.
 */
static containerlog_format
containerlog_verdict(const containerlog_votes *v)
{
	containerlog_format best = v->votes[CONTAINERLOG_DOCKER] >
	    v->votes[CONTAINERLOG_CRI] ? CONTAINERLOG_DOCKER : CONTAINERLOG_CRI;

	return v->votes[best] > 0 ? best : CONTAINERLOG_NONE;
}

containerlog_format
containerlog_sniff(const char *buf, size_t len)
{
	containerlog_votes v = { 0 };

	while (len > 0) {
		const char *newline = memchr(buf, '\n', len);
		size_t line_len = newline != NULL ? (size_t)(newline - buf) : len;

		if (containerlog_vote(&v, buf, line_len, false) ||
		    newline == NULL)
			break;
		buf += line_len + 1;
		len -= line_len + 1;
	}
	return containerlog_verdict(&v);
}

containerlog_format
containerlog_sniff_file(const char *path)
{
	char *cause = NULL;
	lc_reader *reader = reader_open(path, CONTAINERLOG_SNIFF_MAX, &cause);
	containerlog_votes v = { 0 };
	lc_line line;

	if (reader == NULL) {
		free(cause);
		return CONTAINERLOG_NONE;
	}
	while (reader_bytes(reader) <= CONTAINERLOG_SNIFF_BYTES &&
	    reader_next(reader, &line, &cause) > 0) {
		if (containerlog_vote(&v, line.text, line.len, line.truncated))
			break;
	}
	free(cause);
	reader_close(reader);
	return containerlog_verdict(&v);
}

/* The log line being joined from one stream's pieces. */
struct containerlog_join {
	char *text;
	size_t len;
	uint64_t full_len;
	bool open;		/* a P record began it */
	unsigned long number;	/* file line of its first record */
	uint64_t offset;
	int64_t time_ns;
};

struct containerlog_reader {
	lc_reader *reader;
	containerlog_format format;
	lc_stream stream;	/* LC_STREAM_UNKNOWN: both */
	bool report_malformed;
	size_t max_line, record_max;
	struct containerlog_join joins[2];	/* by stream */
	uint64_t skipped;	/* malformed records not returned */
	char *message;		/* for the caller, until the next call */
	containerlog_record rec;
};

containerlog_reader *
containerlog_open(const char *path, containerlog_format format,
    lc_stream stream, bool report_malformed, size_t max_line, char **cause)
{
	size_t record_max = max_line + CONTAINERLOG_RECORD_SLACK;
	lc_reader *reader;

	/* JSON escapes make a Docker record longer than its text. */
	if (format == CONTAINERLOG_DOCKER)
		record_max += max_line;
	if (record_max < CONTAINERLOG_RECORD_MIN)
		record_max = CONTAINERLOG_RECORD_MIN;
	reader = reader_open(path, record_max, cause);
	if (reader == NULL)
		return NULL;
	containerlog_reader *r = xcalloc(1, sizeof *r);
	r->reader = reader;
	r->format = format;
	r->stream = stream;
	r->report_malformed = report_malformed;
	r->max_line = max_line;
	r->record_max = record_max;
	/*
	 * Zeroed, with room past max_line: PCRE2's JIT reads a little past
	 * a subject's end, as in the reader's buffer (a large calloc costs
	 * no pass over the memory: its pages come zeroed).
	 */
	for (int i = 0; i < 2; i++) {
		if (stream == LC_STREAM_UNKNOWN || (int)stream == i)
			r->joins[i].text = xcalloc(max_line +
			    CONTAINERLOG_JOIN_SLACK, 1);
	}
	return r;
}

/*
 * Add a piece to the log line being joined, keeping max_line bytes;
 * full_len is the piece's real length, which may be more than len.
 */
static void
containerlog_append(const containerlog_reader *r, struct containerlog_join *j,
    const char *text, size_t len, uint64_t full_len)
{
	size_t room = r->max_line - j->len;
	size_t take = len < room ? len : room;

	memcpy(j->text + j->len, text, take);
	j->len += take;
	j->full_len += full_len;
}

static void
containerlog_emit(struct containerlog_join *j, lc_stream stream,
    containerlog_line *out, bool crlf, bool newline)
{
	memset(out, 0, sizeof *out);
	out->line.text = j->text;
	out->line.len = j->len;
	out->line.number = j->number;
	out->line.offset = j->offset;
	out->line.full_len = j->full_len;
	out->line.truncated = j->full_len > j->len;
	out->line.crlf = crlf;
	out->line.newline = newline;
	out->time_ns = j->time_ns;
	out->stream = stream;
	j->open = false;
}

/*
 * Parse a record the reader read, past a byte order mark on the first
 * line; a CRI record longer than record_max is parsed from its head, and
 * *content_full is its content's real length.  0, or -1 with *at and
 * r->message set.
 */
static int
containerlog_parse_read(containerlog_reader *r, const lc_line *record,
    uint64_t *content_full, size_t *at)
{
	const char *text = record->text;
	size_t len = record->len, skip = 0;

	if (record->number == 1 && len >= 3 &&
	    memcmp(text, containerlog_bom, 3) == 0)
		skip = 3;
	if (record->truncated && r->format != CONTAINERLOG_CRI) {
		*at = len;
		r->message = xasprintf("record is longer than %zu bytes",
		    r->record_max);
		return -1;
	}
	if (len == skip) {
		*at = len;
		r->message = xstrdup("blank line where a record was expected");
		return -1;
	}
	if (containerlog_parse_record(r->format, text + skip, len - skip,
	    &r->rec, at, &r->message) != 0) {
		*at += skip;
		return -1;
	}
	*content_full = r->rec.content_len;
	if (record->truncated)
		*content_full += record->full_len - record->len;
	return 0;
}

/*
 * The next record of the reader's stream, in r->rec: 1, or 0 at the end,
 * -1 on a read error; 2 for a malformed record to report, in *out.
 */
static int
containerlog_record_next(containerlog_reader *r, lc_line *record,
    containerlog_line *out, uint64_t *content_full, char **cause)
{
	size_t at = 0;

	for (;;) {
		int got = reader_next(r->reader, record, cause);
		if (got <= 0)
			return got;
		if (containerlog_parse_read(r, record, content_full, &at) == 0) {
			if (r->stream == LC_STREAM_UNKNOWN ||
			    r->rec.stream == r->stream)
				return 1;
			containerlog_record_clear(&r->rec);
			continue;
		}
		if (!r->report_malformed) {
			r->skipped++;
			free(r->message);
			r->message = NULL;
			continue;
		}
		memset(out, 0, sizeof *out);
		out->line = *record;
		out->malformed = true;
		out->at = at;
		out->message = r->message;
		return 2;
	}
}

int
containerlog_next(containerlog_reader *r, containerlog_line *out,
    char **cause)
{
	lc_line record;
	uint64_t content_full = 0;

	free(r->message);
	r->message = NULL;
	for (;;) {
		containerlog_record_clear(&r->rec);
		int got = containerlog_record_next(r, &record, out,
		    &content_full, cause);
		if (got < 0)
			return -1;
		if (got == 2)
			return 1;
		if (got == 0) {
			/*
			 * The last line, left without its newline: as in a
			 * plain file.  Of two, the one begun first.
			 */
			struct containerlog_join *o = &r->joins[0];
			struct containerlog_join *e = &r->joins[1];
			if (e->open && (!o->open || e->number < o->number)) {
				containerlog_emit(e, LC_STREAM_STDERR, out,
				    false, false);
				return 1;
			}
			if (!o->open)
				return 0;
			containerlog_emit(o, LC_STREAM_STDOUT, out, false,
			    false);
			return 1;
		}
		struct containerlog_join *j = &r->joins[r->rec.stream];
		if (!j->open) {
			j->len = 0;
			j->full_len = 0;
			j->number = record.number;
			j->offset = record.offset;
		}
		const char *content = r->rec.content;
		size_t content_len = r->rec.content_len;
		/*
		 * The reader took a \r before the record's end: of a CRI
		 * record it is content, to be put back; of a Docker record
		 * it is the file's line end, outside the JSON.
		 */
		bool crlf = r->format == CONTAINERLOG_CRI && record.crlf;
		if (r->format == CONTAINERLOG_DOCKER && !r->rec.partial &&
		    content_len > 0 && content[content_len - 1] == '\r') {
			content_len--;
			content_full--;
			crlf = true;
		}
		containerlog_append(r, j, content, content_len, content_full);
		j->time_ns = r->rec.time_ns;
		if (!r->rec.partial) {
			containerlog_emit(j, r->rec.stream, out, crlf, true);
			return 1;
		}
		if (crlf)
			containerlog_append(r, j, "\r", 1, 1);
		j->open = true;
	}
}

uint64_t
containerlog_skipped(const containerlog_reader *r)
{
	return r->skipped;
}

void
containerlog_close(containerlog_reader *r)
{
	if (r == NULL)
		return;
	reader_close(r->reader);
	containerlog_record_clear(&r->rec);
	free(r->message);
	free(r->joins[0].text);
	free(r->joins[1].text);
	free(r);
}
