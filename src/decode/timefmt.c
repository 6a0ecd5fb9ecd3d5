/*
 * timefmt: strftime-style timestamp formats, compiled once into a short
 * array of ops and matched against the time field of every log line.
 * timefmt_parse is on the hot path: it allocates nothing, uses no locale
 * and keeps no state, so one compiled format may serve many threads.  A
 * timefmt owns its op array and the literal bytes its ops point into.
 *
 * What the conversions accept (all digits are ASCII 0-9):
 *   %Y         exactly 4 digits, 0000-9999
 *   %m %d %H   exactly 2 digits, zero-padded ("07", never "7")
 *   %M %S %I
 *   %e         exactly 2 bytes: a space and a digit 1-9 (" 5") or two
 *              digits 10-31 ("15"); "05" and a bare "5" are refused,
 *              since strftime never writes them for %e
 *   %j         exactly 3 digits, 001-366
 *   %p         "AM", "PM", "am" or "pm"
 *   %b         "Jan" .. "Dec", exactly that case
 *   %z         "+HHMM", "-HHMM", "+HH:MM", "-HH:MM" or "Z"
 *   %Z         1-5 ASCII letters; checked, not applied to the time
 *   %s         1-19 digits of epoch seconds, at most INT64_MAX; when
 *              %3N, %6N or %9N follows at once ("%s%3N", epoch
 *              milliseconds as JavaScript's Date.now() writes them), %s
 *              leaves that many digits at the end of the run to it
 *   %f         1-9 fraction digits
 *   %3N %6N %9N exactly 3, 6 or 9 fraction digits
 *   %T %F      %H:%M:%S and %Y-%m-%d
 *   %%         a '%'; any other byte of the format matches itself
 * Each field may come from one conversion only, so "%H %T" or "%m %b" do
 * not compile.
 */
#include "decode/timefmt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

enum timefmt_op_kind {
	OP_LITERAL,
	OP_YEAR,
	OP_YEAR2,
	OP_WEEKDAY,
	OP_MONTH,
	OP_MONTH_NAME,
	OP_DAY,
	OP_DAY_SPACE,
	OP_YDAY,
	OP_HOUR,
	OP_HOUR12,
	OP_AMPM,
	OP_MINUTE,
	OP_SECOND,
	OP_FRACTION,
	OP_FRACTION_FIXED,
	OP_EPOCH,
	OP_ZONE_OFFSET,
	OP_ZONE_NAME
};

/* Fields a conversion fills; a format may fill each at most once. */
#define FIELD_YEAR	0x0001u
#define FIELD_MONTH	0x0002u
#define FIELD_DAY	0x0004u
#define FIELD_YDAY	0x0008u
#define FIELD_HOUR	0x0010u
#define FIELD_AMPM	0x0020u
#define FIELD_MINUTE	0x0040u
#define FIELD_SECOND	0x0080u
#define FIELD_FRACTION	0x0100u
#define FIELD_EPOCH	0x0200u
#define FIELD_ZONE	0x0400u
#define FIELD_ZONE_NAME	0x0800u

struct timefmt_op {
	enum timefmt_op_kind kind;
	unsigned width;		/* OP_FRACTION_FIXED: digit count; OP_EPOCH:
				   digits left to a fixed fraction after it */
	size_t literal_at;	/* OP_LITERAL: bytes in tf->literals */
	size_t literal_len;
};

struct timefmt {
	struct timefmt_op *ops;
	size_t op_count;
	size_t op_alloc;
	char *literals;
	size_t literal_used;
	unsigned fields;
	bool hour12;		/* hour comes from %I and %p */
	bool dated;
	/*
	 * "epoch-s", "epoch-ms", "epoch-us", "epoch-ns": a number of these
	 * units, whole or with a fraction, and nothing else; the unit is
	 * 10^-epoch_scale seconds.
	 */
	bool epoch_unit;
	unsigned epoch_scale;
};

#define NS_PER_SECOND	INT64_C(1000000000)

static const char *const weekday_names[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

static const char *const month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Scales a fraction of n digits to nanoseconds. */
static const long fraction_scale[10] = {
	0, 100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1
};

/* Literal mismatches name the byte wanted when it is printable ASCII. */
static const char *const expected_byte[95] = {
	"expected ' '", "expected '!'", "expected '\"'", "expected '#'",
	"expected '$'", "expected '%'", "expected '&'", "expected \"'\"",
	"expected '('", "expected ')'", "expected '*'", "expected '+'",
	"expected ','", "expected '-'", "expected '.'", "expected '/'",
	"expected '0'", "expected '1'", "expected '2'", "expected '3'",
	"expected '4'", "expected '5'", "expected '6'", "expected '7'",
	"expected '8'", "expected '9'", "expected ':'", "expected ';'",
	"expected '<'", "expected '='", "expected '>'", "expected '?'",
	"expected '@'", "expected 'A'", "expected 'B'", "expected 'C'",
	"expected 'D'", "expected 'E'", "expected 'F'", "expected 'G'",
	"expected 'H'", "expected 'I'", "expected 'J'", "expected 'K'",
	"expected 'L'", "expected 'M'", "expected 'N'", "expected 'O'",
	"expected 'P'", "expected 'Q'", "expected 'R'", "expected 'S'",
	"expected 'T'", "expected 'U'", "expected 'V'", "expected 'W'",
	"expected 'X'", "expected 'Y'", "expected 'Z'", "expected '['",
	"expected '\\'", "expected ']'", "expected '^'", "expected '_'",
	"expected '`'", "expected 'a'", "expected 'b'", "expected 'c'",
	"expected 'd'", "expected 'e'", "expected 'f'", "expected 'g'",
	"expected 'h'", "expected 'i'", "expected 'j'", "expected 'k'",
	"expected 'l'", "expected 'm'", "expected 'n'", "expected 'o'",
	"expected 'p'", "expected 'q'", "expected 'r'", "expected 's'",
	"expected 't'", "expected 'u'", "expected 'v'", "expected 'w'",
	"expected 'x'", "expected 'y'", "expected 'z'", "expected '{'",
	"expected '|'", "expected '}'", "expected '~'"
};

static void
timefmt_push(timefmt *tf, enum timefmt_op_kind kind, unsigned width)
{
	if (tf->op_count == tf->op_alloc) {
		tf->op_alloc = tf->op_alloc ? tf->op_alloc * 2 : 8;
		tf->ops = xreallocarray(tf->ops, tf->op_alloc,
		    sizeof *tf->ops);
	}
	struct timefmt_op *op = &tf->ops[tf->op_count++];
	op->kind = kind;
	op->width = width;
	op->literal_at = 0;
	op->literal_len = 0;
}

/*
 * Append literal bytes, merging with a literal op just before so that
 * "%T.%f" compares ":" and "." each with one op.  tf->literals holds as many
 * bytes as the format, which is enough: no conversion yields more literal
 * bytes than it takes up in the format.
 */
static void
timefmt_push_literal(timefmt *tf, const char *bytes, size_t len)
{
	struct timefmt_op *last;

	memcpy(tf->literals + tf->literal_used, bytes, len);
	if (tf->op_count != 0) {
		last = &tf->ops[tf->op_count - 1];
		if (last->kind == OP_LITERAL &&
		    last->literal_at + last->literal_len == tf->literal_used) {
			last->literal_len += len;
			tf->literal_used += len;
			return;
		}
	}
	timefmt_push(tf, OP_LITERAL, 0);
	last = &tf->ops[tf->op_count - 1];
	last->literal_at = tf->literal_used;
	last->literal_len = len;
	tf->literal_used += len;
}

static timefmt *
timefmt_compile_fail(timefmt *tf, char **cause, size_t *offset,
    char *message, size_t at)
{
	timefmt_free(tf);
	if (cause != NULL)
		*cause = message;
	else
		free(message);
	if (offset != NULL)
		*offset = at;
	return NULL;
}

/* The epoch-unit formats, by their scale. */
static const struct {
	const char *name;
	unsigned scale;
} timefmt_epoch_units[] = {
	{ "epoch-s", 0 }, { "epoch-ms", 3 }, { "epoch-us", 6 },
	{ "epoch-ns", 9 }
};

timefmt *
timefmt_compile(const char *format, char **cause, size_t *offset)
{
	size_t format_len = strlen(format), i = 0, hour12_at = 0, ampm_at = 0;

	if (format_len == 0) {
		return timefmt_compile_fail(NULL, cause, offset,
		    xstrdup("empty time format"), 0);
	}
	for (size_t k = 0; k < sizeof timefmt_epoch_units /
	    sizeof timefmt_epoch_units[0]; k++) {
		if (strcmp(format, timefmt_epoch_units[k].name) != 0)
			continue;
		timefmt *tf = xcalloc(1, sizeof *tf);
		tf->epoch_unit = true;
		tf->epoch_scale = timefmt_epoch_units[k].scale;
		tf->fields = FIELD_EPOCH;
		tf->dated = true;
		return tf;
	}

	timefmt *tf = xcalloc(1, sizeof *tf);
	tf->literals = xmalloc(format_len);

	while (i < format_len) {
		if (format[i] != '%') {
			size_t run = i;
			while (run < format_len && format[run] != '%')
				run++;
			timefmt_push_literal(tf, format + i, run - i);
			i = run;
			continue;
		}
		if (i + 1 == format_len) {
			return timefmt_compile_fail(tf, cause, offset,
			    xstrdup("time format ends with a lone '%'"), i);
		}

		unsigned char name = (unsigned char)format[i + 1];
		enum timefmt_op_kind kind = OP_LITERAL;
		unsigned fields = 0, width = 0;
		size_t conversion_len = 2;

		/* "%-H": one digit or two, as Java's "H" writes it. */
		if (name == '-' && format[i + 2] != '\0' &&
		    strchr("mdHIMS", format[i + 2]) != NULL) {
			name = (unsigned char)format[i + 2];
			conversion_len = 3;
			width = 1;
		}

		switch (name) {
		case '%':
			timefmt_push_literal(tf, "%", 1);
			i += 2;
			continue;
		case 'Y':
			kind = OP_YEAR;
			fields = FIELD_YEAR;
			break;
		case 'y':
			kind = OP_YEAR2;
			fields = FIELD_YEAR;
			break;
		case 'a':
			/* Read and checked, but the date decides. */
			kind = OP_WEEKDAY;
			break;
		case 'm':
			kind = OP_MONTH;
			fields = FIELD_MONTH;
			break;
		case 'b':
			kind = OP_MONTH_NAME;
			fields = FIELD_MONTH;
			break;
		case 'd':
			kind = OP_DAY;
			fields = FIELD_DAY;
			break;
		case 'e':
			kind = OP_DAY_SPACE;
			fields = FIELD_DAY;
			break;
		case 'j':
			kind = OP_YDAY;
			fields = FIELD_YDAY;
			break;
		case 'H':
			kind = OP_HOUR;
			fields = FIELD_HOUR;
			break;
		case 'I':
			kind = OP_HOUR12;
			fields = FIELD_HOUR;
			hour12_at = i;
			break;
		case 'p':
			kind = OP_AMPM;
			fields = FIELD_AMPM;
			ampm_at = i;
			break;
		case 'M':
			kind = OP_MINUTE;
			fields = FIELD_MINUTE;
			break;
		case 'S':
			kind = OP_SECOND;
			fields = FIELD_SECOND;
			break;
		case 'f':
			kind = OP_FRACTION;
			fields = FIELD_FRACTION;
			break;
		case 's':
			kind = OP_EPOCH;
			fields = FIELD_EPOCH;
			break;
		case 'z':
			kind = OP_ZONE_OFFSET;
			fields = FIELD_ZONE;
			break;
		case 'Z':
			kind = OP_ZONE_NAME;
			fields = FIELD_ZONE_NAME;
			break;
		case 'T':
			fields = FIELD_HOUR | FIELD_MINUTE | FIELD_SECOND;
			break;
		case 'F':
			fields = FIELD_YEAR | FIELD_MONTH | FIELD_DAY;
			break;
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			if (format[i + 2] == 'N') {
				if (name == '3' || name == '6' || name == '9') {
					kind = OP_FRACTION_FIXED;
					fields = FIELD_FRACTION;
					width = name - '0';
					conversion_len = 3;
					break;
				}
				return timefmt_compile_fail(tf, cause, offset,
				    xstrdup("fraction width must be 3, 6 or 9 "
				    "('%3N', '%6N' or '%9N')"), i);
			}
			/* FALLTHROUGH */
		default:
			return timefmt_compile_fail(tf, cause, offset,
			    name >= 0x21 && name <= 0x7e ?
			    xasprintf("unknown conversion '%%%c'", name) :
			    xstrdup("unknown conversion after '%'"), i);
		}

		if (tf->fields & fields) {
			return timefmt_compile_fail(tf, cause, offset,
			    xasprintf("conversion '%.*s' repeats a field "
			    "given earlier in the format", (int)conversion_len,
			    format + i), i);
		}
		tf->fields |= fields;
		if (kind == OP_HOUR12)
			tf->hour12 = true;

		if (name == 'T') {
			timefmt_push(tf, OP_HOUR, 0);
			timefmt_push_literal(tf, ":", 1);
			timefmt_push(tf, OP_MINUTE, 0);
			timefmt_push_literal(tf, ":", 1);
			timefmt_push(tf, OP_SECOND, 0);
		} else if (name == 'F') {
			timefmt_push(tf, OP_YEAR, 0);
			timefmt_push_literal(tf, "-", 1);
			timefmt_push(tf, OP_MONTH, 0);
			timefmt_push_literal(tf, "-", 1);
			timefmt_push(tf, OP_DAY, 0);
		} else {
			/* "%s%3N": %s leaves the fraction its digits. */
			if (kind == OP_FRACTION_FIXED && tf->op_count != 0 &&
			    tf->ops[tf->op_count - 1].kind == OP_EPOCH)
				tf->ops[tf->op_count - 1].width = width;
			timefmt_push(tf, kind, width);
		}
		i += conversion_len;
	}

	if (tf->hour12 && !(tf->fields & FIELD_AMPM)) {
		return timefmt_compile_fail(tf, cause, offset,
		    xstrdup("'%I' needs '%p' in the same format"), hour12_at);
	}
	if ((tf->fields & FIELD_AMPM) && !tf->hour12) {
		return timefmt_compile_fail(tf, cause, offset,
		    xstrdup("'%p' needs '%I' in the same format"), ampm_at);
	}

	unsigned fields = tf->fields;
	tf->dated = (fields & FIELD_EPOCH) || ((fields & FIELD_YEAR) &&
	    (((fields & FIELD_MONTH) && (fields & FIELD_DAY)) ||
	    (fields & FIELD_YDAY)));
	return tf;
}

void
timefmt_free(timefmt *tf)
{
	if (tf == NULL)
		return;
	free(tf->ops);
	free(tf->literals);
	free(tf);
}

bool
timefmt_has_date(const timefmt *tf)
{
	return tf->dated;
}

static bool
timefmt_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
timefmt_days_in_month(int month, bool leap)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return month == 2 && leap ? 29 : days[month - 1];
}

/* Day of the year (1-366) of a valid date. */
static int
timefmt_yday(int month, int day, bool leap)
{
	static const int before[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
	};

	return before[month - 1] + day + (leap && month > 2);
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar (Hinnant). */
static int64_t
timefmt_days_from_civil(int64_t year, int month, int day)
{
	year -= month <= 2;
	int64_t era = (year >= 0 ? year : year - 399) / 400;
	int64_t year_of_era = year - era * 400;
	int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) /
	    5 + day - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
	    year_of_era / 100 + day_of_year;

	return era * 146097 + day_of_era - 719468;
}

/* Read exactly count digits at pos.  This function is very hot. */
static inline bool
timefmt_digits(const char *text, size_t len, size_t pos, unsigned count,
    int *number)
{
	int value = 0;

	if (len - pos < count)
		return false;
	for (unsigned i = 0; i < count; i++) {
		unsigned digit = (unsigned char)text[pos + i] - '0';
		if (digit > 9)
			return false;
		value = value * 10 + (int)digit;
	}
	*number = value;
	return true;
}

static inline size_t timefmt_digit_run(const char *, size_t, size_t, size_t);

/* The digits a two-digit field takes: 2, or 1 or 2 unpadded ("%-H"). */
static size_t
timefmt_width(const struct timefmt_op *op, const char *text, size_t len,
    size_t pos)
{
	size_t run;

	if (op->width != 1)
		return 2;
	run = timefmt_digit_run(text, len, pos, 2);
	return run == 0 ? 1 : run;
}

/* Count digits at pos, looking at no more than limit bytes. */
static inline size_t
timefmt_digit_run(const char *text, size_t len, size_t pos, size_t limit)
{
	size_t count = 0;

	while (count < limit && pos + count < len &&
	    (unsigned)((unsigned char)text[pos + count] - '0') <= 9)
		count++;
	return count;
}

static inline bool
timefmt_is_digit_at(const char *text, size_t len, size_t pos)
{
	return pos < len && (unsigned)((unsigned char)text[pos] - '0') <= 9;
}

static inline bool
timefmt_is_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

#define PARSE_FAIL(message, where) do {		\
	problem = (message);			\
	problem_at = (where);			\
	goto fail;				\
} while (0)

/*
 * A number of epoch units: digits, then a fraction or not.  The digits
 * past nanoseconds are read and dropped, so that any float a logger
 * prints (Python's time.time(), zap's seconds) reads.
 */
static bool
timefmt_epoch_scan(const timefmt *tf, const char *text, size_t len,
    timefmt_value *value, const char **why, size_t *at, size_t *end)
{
	static const int64_t powers[] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000, 1000000000 };
	int64_t whole = 0, unit = powers[tf->epoch_scale];
	long fraction = 0;
	size_t i = 0, fraction_digits = 0;

	for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
		if (whole > (INT64_MAX - 9) / 10) {
			*why = "too many digits for an epoch time";
			*at = i;
			return false;
		}
		whole = whole * 10 + (text[i] - '0');
	}
	if (i == 0) {
		*why = "expected the digits of an epoch time";
		*at = 0;
		return false;
	}
	if (i < len && text[i] == '.') {
		size_t dot = i++;
		for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
			/* Digits of the unit's fraction down to nanoseconds. */
			if (fraction_digits < 9 - tf->epoch_scale) {
				fraction = fraction * 10 + (text[i] - '0');
				fraction_digits++;
			}
		}
		if (i == dot + 1) {
			*why = "expected digits after the decimal point";
			*at = i;
			return false;
		}
	}
	if (end != NULL)
		*end = i;
	else if (i < len) {
		*why = "unexpected text after an epoch time";
		*at = i;
		return false;
	}
	while (fraction_digits < 9 - tf->epoch_scale) {
		fraction *= 10;
		fraction_digits++;
	}
	memset(value, 0, sizeof *value);
	value->epoch = whole / unit;
	value->nanosecond = (long)(whole % unit) * (long)(1000000000 / unit) +
	    fraction;
	value->has_date = value->has_time = value->has_epoch = true;
	return true;
}

/*
 * Parse text against tf.  With end NULL all of text must be the timestamp;
 * otherwise text may go on after it and *end gets where it stops.
 */
static inline bool
timefmt_scan(const timefmt *tf, const char *text, size_t len,
    timefmt_value *value, const char **why, size_t *at, size_t *end)
{
	timefmt_value scratch;
	const char *problem;
	size_t pos = 0, problem_at, day_at = 0, yday_at = 0, run;
	int hour12 = 0;
	bool pm = false;

	if (value == NULL)
		value = &scratch;
	memset(value, 0, sizeof *value);
	if (tf->epoch_unit) {
		if (timefmt_epoch_scan(tf, text, len, value, &problem,
		    &problem_at, end))
			return true;
		goto fail;
	}

	for (size_t i = 0; i < tf->op_count; i++) {
		const struct timefmt_op *op = &tf->ops[i];

		switch (op->kind) {
		case OP_LITERAL: {
			const char *want = tf->literals + op->literal_at;
			for (size_t k = 0; k < op->literal_len; k++) {
				if (pos + k < len && text[pos + k] == want[k])
					continue;
				unsigned char c = (unsigned char)want[k];
				PARSE_FAIL(c >= 0x20 && c <= 0x7e ?
				    expected_byte[c - 0x20] :
				    "text does not match the format", pos + k);
			}
			pos += op->literal_len;
			break;
		}
		case OP_YEAR:
			if (!timefmt_digits(text, len, pos, 4, &value->year))
				PARSE_FAIL("expected 4 digits", pos);
			pos += 4;
			break;
		case OP_MONTH:
			run = timefmt_width(op, text, len, pos);
			if (!timefmt_digits(text, len, pos, run, &value->month))
				PARSE_FAIL("expected 2 digits", pos);
			if (value->month < 1 || value->month > 12)
				PARSE_FAIL("month out of range (1-12)", pos);
			pos += run;
			break;
		case OP_YEAR2:
			/* POSIX: 69-99 are 1969-1999, 00-68 are 2000-2068. */
			if (!timefmt_digits(text, len, pos, 2, &value->year))
				PARSE_FAIL("expected 2 digits", pos);
			value->year += value->year < 69 ? 2000 : 1900;
			pos += 2;
			break;
		case OP_WEEKDAY: {
			bool known = false;
			for (int w = 0; w < 7 && len - pos >= 3 && !known; w++)
				known = memcmp(text + pos, weekday_names[w],
				    3) == 0;
			if (!known)
				PARSE_FAIL("expected weekday name (Mon-Sun)",
				    pos);
			pos += 3;
			break;
		}
		case OP_MONTH_NAME:
			if (len - pos >= 3) {
				for (int m = 0; m < 12; m++) {
					if (memcmp(text + pos, month_names[m],
					    3) == 0) {
						value->month = m + 1;
						break;
					}
				}
			}
			if (value->month == 0)
				PARSE_FAIL("expected month name (Jan-Dec)", pos);
			pos += 3;
			break;
		case OP_DAY:
			run = timefmt_width(op, text, len, pos);
			if (!timefmt_digits(text, len, pos, run, &value->day))
				PARSE_FAIL("expected 2 digits", pos);
			if (value->day < 1 || value->day > 31)
				PARSE_FAIL("day out of range (1-31)", pos);
			day_at = pos;
			pos += run;
			break;
		case OP_DAY_SPACE:
			if (len - pos >= 2 && text[pos] == ' ' &&
			    timefmt_digits(text, len, pos + 1, 1, &value->day)) {
				if (value->day == 0)
					PARSE_FAIL("day out of range (1-31)",
					    pos);
			} else if (len - pos >= 2 && text[pos] != '0' &&
			    timefmt_digits(text, len, pos, 2, &value->day)) {
				if (value->day > 31)
					PARSE_FAIL("day out of range (1-31)",
					    pos);
			} else
				PARSE_FAIL("expected day as ' D' or 'DD'", pos);
			day_at = pos;
			pos += 2;
			break;
		case OP_YDAY:
			if (!timefmt_digits(text, len, pos, 3, &value->yday))
				PARSE_FAIL("expected 3 digits", pos);
			if (value->yday < 1 || value->yday > 366) {
				PARSE_FAIL("day of year out of range (1-366)",
				    pos);
			}
			yday_at = pos;
			pos += 3;
			break;
		case OP_HOUR:
			run = timefmt_width(op, text, len, pos);
			if (!timefmt_digits(text, len, pos, run, &value->hour))
				PARSE_FAIL("expected 2 digits", pos);
			if (value->hour > 23)
				PARSE_FAIL("hour out of range (0-23)", pos);
			pos += run;
			break;
		case OP_HOUR12:
			run = timefmt_width(op, text, len, pos);
			if (!timefmt_digits(text, len, pos, run, &hour12))
				PARSE_FAIL("expected 2 digits", pos);
			if (hour12 < 1 || hour12 > 12)
				PARSE_FAIL("hour out of range (1-12)", pos);
			pos += run;
			break;
		case OP_AMPM:
			if (len - pos >= 2 &&
			    ((text[pos] == 'A' && text[pos + 1] == 'M') ||
			    (text[pos] == 'a' && text[pos + 1] == 'm')))
				pm = false;
			else if (len - pos >= 2 &&
			    ((text[pos] == 'P' && text[pos + 1] == 'M') ||
			    (text[pos] == 'p' && text[pos + 1] == 'm')))
				pm = true;
			else
				PARSE_FAIL("expected 'AM' or 'PM'", pos);
			pos += 2;
			break;
		case OP_MINUTE:
			run = timefmt_width(op, text, len, pos);
			if (!timefmt_digits(text, len, pos, run,
			    &value->minute))
				PARSE_FAIL("expected 2 digits", pos);
			if (value->minute > 59)
				PARSE_FAIL("minute out of range (0-59)", pos);
			pos += run;
			break;
		case OP_SECOND:
			run = timefmt_width(op, text, len, pos);
			if (!timefmt_digits(text, len, pos, run,
			    &value->second))
				PARSE_FAIL("expected 2 digits", pos);
			if (value->second > 60)
				PARSE_FAIL("second out of range (0-60)", pos);
			pos += run;
			break;
		case OP_FRACTION:
			run = timefmt_digit_run(text, len, pos, 9);
			if (run == 0)
				PARSE_FAIL("expected 1-9 fraction digits", pos);
			if (timefmt_is_digit_at(text, len, pos + run)) {
				PARSE_FAIL("too many fraction digits (at most 9)",
				    pos + run);
			}
			for (size_t k = 0; k < run; k++) {
				value->nanosecond = value->nanosecond * 10 +
				    (text[pos + k] - '0');
			}
			value->nanosecond *= fraction_scale[run];
			pos += run;
			break;
		case OP_FRACTION_FIXED:
			run = timefmt_digit_run(text, len, pos, op->width);
			if (run != op->width) {
				PARSE_FAIL(op->width == 3 ?
				    "expected 3 fraction digits" :
				    op->width == 6 ?
				    "expected 6 fraction digits" :
				    "expected 9 fraction digits", pos);
			}
			for (size_t k = 0; k < run; k++) {
				value->nanosecond = value->nanosecond * 10 +
				    (text[pos + k] - '0');
			}
			value->nanosecond *= fraction_scale[run];
			pos += run;
			break;
		case OP_EPOCH: {
			uint64_t seconds = 0;
			size_t reserve = op->width;

			run = timefmt_digit_run(text, len, pos, 19 + reserve);
			if (run <= reserve) {
				PARSE_FAIL(reserve == 0 ?
				    "expected epoch seconds (1-19 digits)" :
				    "expected epoch seconds and fraction "
				    "digits", pos);
			}
			if (timefmt_is_digit_at(text, len, pos + run)) {
				PARSE_FAIL("too many epoch digits (at most 19)",
				    pos + run);
			}
			run -= reserve;
			/* 19 digits always fit in 64 unsigned bits. */
			for (size_t k = 0; k < run; k++)
				seconds = seconds * 10 + (text[pos + k] - '0');
			if (seconds > (uint64_t)INT64_MAX)
				PARSE_FAIL("epoch seconds out of range", pos);
			value->epoch = (int64_t)seconds;
			pos += run;
			break;
		}
		case OP_ZONE_OFFSET: {
			int hours, minutes;
			size_t hours_at = pos + 1, minutes_at;

			if (pos < len && text[pos] == 'Z') {
				value->utc_offset = 0;
				pos++;
				break;
			}
			if (pos >= len || (text[pos] != '+' && text[pos] != '-')) {
				PARSE_FAIL("expected zone offset (+HHMM, +HH:MM "
				    "or Z)", pos);
			}
			if (!timefmt_digits(text, len, hours_at, 2, &hours)) {
				PARSE_FAIL("expected 2 digits of zone hours",
				    hours_at);
			}
			minutes_at = hours_at + 2;
			if (minutes_at < len && text[minutes_at] == ':')
				minutes_at++;
			if (!timefmt_digits(text, len, minutes_at, 2, &minutes)) {
				PARSE_FAIL("expected 2 digits of zone minutes",
				    minutes_at);
			}
			if (hours > 14) {
				PARSE_FAIL("zone offset hours out of range "
				    "(0-14)", hours_at);
			}
			if (minutes > 59) {
				PARSE_FAIL("zone offset minutes out of range "
				    "(0-59)", minutes_at);
			}
			value->utc_offset = (hours * 3600 + minutes * 60) *
			    (text[pos] == '-' ? -1 : 1);
			pos = minutes_at + 2;
			break;
		}
		case OP_ZONE_NAME:
			run = 0;
			while (run < 6 && pos + run < len &&
			    timefmt_is_letter((unsigned char)text[pos + run]))
				run++;
			if (run == 0)
				PARSE_FAIL("expected zone name (1-5 letters)", pos);
			if (run > 5)
				PARSE_FAIL("zone name longer than 5 letters", pos);
			pos += run;
			break;
		}
	}

	unsigned fields = tf->fields;
	bool leap = (fields & FIELD_YEAR) ? timefmt_is_leap(value->year) : true;

	if (tf->hour12)
		value->hour = hour12 % 12 + (pm ? 12 : 0);
	if ((fields & FIELD_MONTH) && (fields & FIELD_DAY) &&
	    value->day > timefmt_days_in_month(value->month, leap)) {
		PARSE_FAIL(value->month == 2 && value->day == 29 ?
		    "February 29 in a non-leap year" :
		    "day out of range for the month", day_at);
	}
	if ((fields & FIELD_YDAY) && value->yday == 366 && !leap)
		PARSE_FAIL("day of year 366 in a non-leap year", yday_at);
	if ((fields & FIELD_YDAY) && (fields & FIELD_YEAR) &&
	    (fields & FIELD_MONTH) && (fields & FIELD_DAY) &&
	    value->yday != timefmt_yday(value->month, value->day, leap))
		PARSE_FAIL("day of year does not match month and day", yday_at);
	if (end == NULL && pos != len)
		PARSE_FAIL("trailing text after timestamp", pos);
	if (end != NULL)
		*end = pos;

	value->has_date = tf->dated;
	value->has_time = (fields & (FIELD_HOUR | FIELD_MINUTE | FIELD_SECOND |
	    FIELD_EPOCH)) != 0;
	value->has_zone = (fields & FIELD_ZONE) != 0;
	value->has_epoch = (fields & FIELD_EPOCH) != 0;
	return true;

fail:
	if (why != NULL)
		*why = problem;
	if (at != NULL)
		*at = problem_at;
	return false;
}

bool
timefmt_parse(const timefmt *tf, const char *text, size_t len,
    timefmt_value *value, const char **why, size_t *at)
{
	return timefmt_scan(tf, text, len, value, why, at, NULL);
}

bool
timefmt_parse_prefix(const timefmt *tf, const char *text, size_t len,
    timefmt_value *value, size_t *end)
{
	size_t stop = 0;

	if (!timefmt_scan(tf, text, len, value, NULL, NULL, &stop))
		return false;
	*end = stop;
	return true;
}

/*
 * Keys are nanoseconds, so dated keys saturate outside the int64 range of
 * about years 1678-2261 rather than wrap.
 */
int64_t
timefmt_order_key(const timefmt *tf, const timefmt_value *value)
{
	unsigned fields = tf->fields;
	int64_t seconds, day_number;
	int64_t time_of_day = (int64_t)value->hour * 3600 +
	    value->minute * 60 + value->second;

	if (fields & FIELD_EPOCH)
		seconds = value->epoch;
	else if (tf->dated) {
		if ((fields & FIELD_MONTH) && (fields & FIELD_DAY)) {
			day_number = timefmt_days_from_civil(value->year,
			    value->month, value->day);
		} else {
			day_number = timefmt_days_from_civil(value->year, 1,
			    1) + value->yday - 1;
		}
		seconds = day_number * 86400 + time_of_day;
		if (fields & FIELD_ZONE)
			seconds -= value->utc_offset;
	} else {
		/* No year (syslog "%b %e"): order within an unknown year. */
		if (fields & FIELD_MONTH)
			day_number = (int64_t)value->month * 32 + value->day;
		else if (fields & FIELD_YDAY)
			day_number = value->yday;
		else
			day_number = value->day;
		seconds = day_number * 86400 + time_of_day;
	}

	if (seconds >= INT64_MAX / NS_PER_SECOND)
		return INT64_MAX;
	if (seconds <= INT64_MIN / NS_PER_SECOND)
		return INT64_MIN;
	return seconds * NS_PER_SECOND + value->nanosecond;
}

/* The format with %F and %T spelled out (caller frees). */
static char *
timefmt_spelled(const char *format)
{
	strbuf b = { 0 };

	for (const char *p = format; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'F') {
			strbuf_adds(&b, "%Y-%m-%d");
			p++;
		} else if (p[0] == '%' && p[1] == 'T') {
			strbuf_adds(&b, "%H:%M:%S");
			p++;
		} else if (p[0] == '%' && p[1] != '\0') {
			strbuf_add(&b, p, 2);	/* %% stays two bytes */
			p++;
		} else
			strbuf_add(&b, p, 1);
	}
	return strbuf_take(&b);
}

bool
timefmt_same(const char *a, const char *b)
{
	char *sa, *sb;
	bool same;

	if (a == NULL || b == NULL)
		return a == b;
	sa = timefmt_spelled(a);
	sb = timefmt_spelled(b);
	same = strcmp(sa, sb) == 0;
	free(sa);
	free(sb);
	return same;
}
