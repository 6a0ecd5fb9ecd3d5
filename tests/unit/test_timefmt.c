/* Unit tests for timefmt: compiling formats, parsing, errors, order keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode/timefmt.h"

#define NS	INT64_C(1000000000)

static timefmt *
compile_ok(const char *format)
{
	char *cause = NULL;
	size_t offset = 0;
	timefmt *tf = timefmt_compile(format, &cause, &offset);

	if (tf == NULL)
		fail_msg("format '%s' did not compile: %s at %zu", format,
		    cause, offset);
	return tf;
}

/* Parse text that must be accepted; returns the value. */
static timefmt_value
parse_ok(const char *format, const char *text)
{
	timefmt *tf = compile_ok(format);
	timefmt_value value;
	const char *why = NULL;
	size_t at = 0;

	if (!timefmt_parse(tf, text, strlen(text), &value, &why, &at))
		fail_msg("'%s' against '%s': %s at %zu", text, format, why, at);
	timefmt_free(tf);
	return value;
}

struct reject_case {
	const char *format;
	const char *text;
	const char *why;
	size_t at;
};

static void
check_rejects(const struct reject_case *cases, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct reject_case *c = &cases[i];
		timefmt *tf = compile_ok(c->format);
		timefmt_value value;
		const char *why = NULL;
		size_t at = 9999;

		if (timefmt_parse(tf, c->text, strlen(c->text), &value, &why,
		    &at))
			fail_msg("'%s' against '%s' was accepted", c->text,
			    c->format);
		if (why == NULL || strcmp(why, c->why) != 0 || at != c->at)
			fail_msg("'%s' against '%s': got \"%s\" at %zu, want "
			    "\"%s\" at %zu", c->text, c->format,
			    why ? why : "(null)", at, c->why, c->at);
		timefmt_free(tf);
	}
}

#define CHECK_REJECTS(cases) \
	check_rejects(cases, sizeof(cases) / sizeof((cases)[0]))

static int64_t
key_of(const char *format, const char *text)
{
	timefmt *tf = compile_ok(format);
	timefmt_value value;
	const char *why = NULL;
	size_t at = 0;

	if (!timefmt_parse(tf, text, strlen(text), &value, &why, &at))
		fail_msg("'%s' against '%s': %s at %zu", text, format, why, at);
	int64_t key = timefmt_order_key(tf, &value);
	timefmt_free(tf);
	return key;
}

/* The seed format: "[14:03:22] INFO: ...". */
static void
test_seed_format(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%H:%M:%S", "14:03:22");

	assert_int_equal(v.hour, 14);
	assert_int_equal(v.minute, 3);
	assert_int_equal(v.second, 22);
	assert_true(v.has_time);
	assert_false(v.has_date);
	assert_false(v.has_zone);
	assert_false(v.has_epoch);
	assert_int_equal(v.year, 0);
	assert_int_equal(v.nanosecond, 0);

	v = parse_ok("%T", "00:00:00");
	assert_int_equal(v.hour + v.minute + v.second, 0);
	v = parse_ok("%T", "23:59:59");
	assert_int_equal(v.hour * 3600 + v.minute * 60 + v.second, 86399);
}

static void
test_exact_widths(void **state)
{
	(void)state;
	static const struct reject_case cases[] = {
		{ "%H:%M:%S", "1:02:03", "expected 2 digits", 0 },
		{ "%H:%M:%S", "14:3:22", "expected 2 digits", 3 },
		{ "%H:%M:%S", "14:03:2", "expected 2 digits", 6 },
		{ "%H:%M:%S", "14:03:222", "trailing text after timestamp", 8 },
		{ "%H:%M:%S", "140:03:22", "expected ':'", 2 },
		{ "%Y", "202", "expected 4 digits", 0 },
		{ "%Y-%m", "24-01", "expected 4 digits", 0 },
		{ "%F", "2024-1-02", "expected 2 digits", 5 },
		{ "%F", "2024-01-2", "expected 2 digits", 8 },
		{ "%j", "12", "expected 3 digits", 0 },
		{ "%H:%M:%S", " 4:03:22", "expected 2 digits", 0 },
		{ "%H:%M:%S", "+4:03:22", "expected 2 digits", 0 },
	};
	CHECK_REJECTS(cases);
}

static void
test_time_ranges(void **state)
{
	(void)state;
	static const struct reject_case cases[] = {
		{ "%H:%M:%S", "24:00:00", "hour out of range (0-23)", 0 },
		{ "%H:%M:%S", "23:60:00", "minute out of range (0-59)", 3 },
		{ "%H:%M:%S", "23:59:61", "second out of range (0-60)", 6 },
		{ "%T", "99:00:00", "hour out of range (0-23)", 0 },
	};
	CHECK_REJECTS(cases);

	/* A leap second is a real second. */
	timefmt_value v = parse_ok("%T", "23:59:60");
	assert_int_equal(v.second, 60);
}

static void
test_date_fields(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%FT%T", "2024-03-15T10:20:30");

	assert_int_equal(v.year, 2024);
	assert_int_equal(v.month, 3);
	assert_int_equal(v.day, 15);
	assert_int_equal(v.hour, 10);
	assert_true(v.has_date);
	assert_true(v.has_time);

	v = parse_ok("%d/%m/%Y", "31/12/0000");
	assert_int_equal(v.year, 0);
	assert_int_equal(v.day, 31);

	static const struct reject_case cases[] = {
		{ "%F", "2024-00-10", "month out of range (1-12)", 5 },
		{ "%F", "2024-13-10", "month out of range (1-12)", 5 },
		{ "%F", "2024-01-00", "day out of range (1-31)", 8 },
		{ "%F", "2024-01-32", "day out of range (1-31)", 8 },
		{ "%F", "2024-04-31", "day out of range for the month", 8 },
		{ "%F", "2024-06-31", "day out of range for the month", 8 },
		{ "%d/%m/%Y", "31/11/2024", "day out of range for the month",
		    0 },
		{ "%m", "1a", "expected 2 digits", 0 },
	};
	CHECK_REJECTS(cases);
}

static void
test_leap_years(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%F", "2024-02-29");
	assert_int_equal(v.day, 29);
	parse_ok("%F", "2000-02-29");
	/* Without a year, Feb 29 might be valid. */
	parse_ok("%m-%d", "02-29");
	parse_ok("%b %e", "Feb 29");

	static const struct reject_case cases[] = {
		{ "%F", "2023-02-29", "February 29 in a non-leap year", 8 },
		{ "%F", "1900-02-29", "February 29 in a non-leap year", 8 },
		{ "%F", "2024-02-30", "day out of range for the month", 8 },
		{ "%m-%d", "02-30", "day out of range for the month", 3 },
		/* The day comes before the year that makes it wrong. */
		{ "%d.%m.%Y", "29.02.2023", "February 29 in a non-leap year",
		    0 },
	};
	CHECK_REJECTS(cases);
}

static void
test_day_of_year(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%Y-%j", "2024-366");
	assert_int_equal(v.yday, 366);
	assert_true(v.has_date);
	v = parse_ok("%j", "366");
	assert_false(v.has_date);
	parse_ok("%F %j", "2024-12-31 366");
	parse_ok("%F %j", "2023-03-01 060");
	parse_ok("%F %j", "2024-03-01 061");

	static const struct reject_case cases[] = {
		{ "%Y-%j", "2023-366", "day of year 366 in a non-leap year",
		    5 },
		{ "%Y-%j", "2024-000", "day of year out of range (1-366)", 5 },
		{ "%Y-%j", "2024-367", "day of year out of range (1-366)", 5 },
		{ "%F %j", "2024-03-01 060",
		    "day of year does not match month and day", 11 },
	};
	CHECK_REJECTS(cases);
}

static void
test_twelve_hour(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int hour;
	} cases[] = {
		{ "12:00 AM", 0 }, { "12:30 PM", 12 }, { "01:00 PM", 13 },
		{ "11:59 PM", 23 }, { "01:00 AM", 1 }, { "11:00 am", 11 },
		{ "07:15 pm", 19 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		timefmt_value v = parse_ok("%I:%M %p", cases[i].text);
		if (v.hour != cases[i].hour)
			fail_msg("'%s' gave hour %d, want %d", cases[i].text,
			    v.hour, cases[i].hour);
	}

	static const struct reject_case rejects[] = {
		{ "%I:%M %p", "00:00 AM", "hour out of range (1-12)", 0 },
		{ "%I:%M %p", "13:00 PM", "hour out of range (1-12)", 0 },
		{ "%I:%M %p", "01:00 Am", "expected 'AM' or 'PM'", 6 },
		{ "%I:%M %p", "01:00 XM", "expected 'AM' or 'PM'", 6 },
		{ "%I:%M %p", "01:00 A", "expected 'AM' or 'PM'", 6 },
		{ "%I:%M %p", "1:00 AM", "expected 2 digits", 0 },
	};
	CHECK_REJECTS(rejects);

	/* 12-hour keys order across noon and midnight. */
	assert_true(key_of("%I:%M:%S %p", "12:00:00 AM") <
	    key_of("%I:%M:%S %p", "01:00:00 AM"));
	assert_true(key_of("%I:%M:%S %p", "11:59:59 AM") <
	    key_of("%I:%M:%S %p", "12:00:00 PM"));
	assert_true(key_of("%I:%M:%S %p", "12:59:59 PM") <
	    key_of("%I:%M:%S %p", "01:00:00 PM"));
}

static void
test_month_names(void **state)
{
	(void)state;
	static const char *const names[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};

	for (int i = 0; i < 12; i++) {
		char text[16];
		snprintf(text, sizeof text, "%s 10", names[i]);
		timefmt_value v = parse_ok("%b %d", text);
		assert_int_equal(v.month, i + 1);
	}

	static const struct reject_case cases[] = {
		{ "%b %d", "jan 10", "expected month name (Jan-Dec)", 0 },
		{ "%b %d", "JAN 10", "expected month name (Jan-Dec)", 0 },
		{ "%b %d", "Foo 10", "expected month name (Jan-Dec)", 0 },
		{ "%b %d", "Ja", "expected month name (Jan-Dec)", 0 },
		{ "%b %d", "Apr 31", "day out of range for the month", 4 },
	};
	CHECK_REJECTS(cases);
}

static void
test_space_padded_day(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%b %e %T", "Feb  5 17:32:18");
	assert_int_equal(v.day, 5);
	v = parse_ok("%b %e %T", "Oct 11 22:14:15");
	assert_int_equal(v.day, 11);
	v = parse_ok("%e", "31");
	assert_int_equal(v.day, 31);

	static const struct reject_case cases[] = {
		{ "%b %e", "Feb 05", "expected day as ' D' or 'DD'", 4 },
		{ "%b %e", "Feb 5", "expected day as ' D' or 'DD'", 4 },
		{ "%b %e", "Feb  0", "day out of range (1-31)", 4 },
		{ "%b %e", "Feb 32", "day out of range (1-31)", 4 },
		{ "%b %e", "Feb  x", "expected day as ' D' or 'DD'", 4 },
		{ "%e", "00", "expected day as ' D' or 'DD'", 0 },
	};
	CHECK_REJECTS(cases);
}

static void
test_variable_fraction(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%T.%f", "10:00:00.5");
	assert_int_equal(v.nanosecond, 500000000);
	v = parse_ok("%T.%f", "10:00:00.000001");
	assert_int_equal(v.nanosecond, 1000);
	v = parse_ok("%T.%f", "10:00:00.123456789");
	assert_int_equal(v.nanosecond, 123456789);
	v = parse_ok("%T,%f", "10:00:00,25");
	assert_int_equal(v.nanosecond, 250000000);

	static const struct reject_case cases[] = {
		{ "%T.%f", "10:00:00.", "expected 1-9 fraction digits", 9 },
		{ "%T.%f", "10:00:00.x", "expected 1-9 fraction digits", 9 },
		{ "%T.%f", "10:00:00.1234567890",
		    "too many fraction digits (at most 9)", 18 },
		{ "%T.%f", "10:00:00", "expected '.'", 8 },
	};
	CHECK_REJECTS(cases);
}

static void
test_fixed_fraction(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%T.%3N", "10:00:00.042");
	assert_int_equal(v.nanosecond, 42000000);
	v = parse_ok("%T.%6N", "10:00:00.000042");
	assert_int_equal(v.nanosecond, 42000);
	v = parse_ok("%T.%9N", "10:00:00.000000042");
	assert_int_equal(v.nanosecond, 42);

	static const struct reject_case cases[] = {
		{ "%T.%3N", "10:00:00.42", "expected 3 fraction digits", 9 },
		{ "%T.%3N", "10:00:00.4200", "trailing text after timestamp",
		    12 },
		{ "%T.%6N", "10:00:00.123", "expected 6 fraction digits", 9 },
		{ "%T.%9N", "10:00:00.12345678", "expected 9 fraction digits",
		    9 },
	};
	CHECK_REJECTS(cases);
}

static void
test_epoch_seconds(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%s", "1704164645");
	assert_true(v.has_epoch);
	assert_true(v.has_date);
	assert_true(v.epoch == INT64_C(1704164645));

	v = parse_ok("%s", "9223372036854775807");
	assert_true(v.epoch == INT64_MAX);
	v = parse_ok("%s", "0");
	assert_true(v.epoch == 0);

	v = parse_ok("%s.%3N", "1704164645.250");
	assert_true(v.epoch == INT64_C(1704164645));
	assert_int_equal(v.nanosecond, 250000000);

	static const struct reject_case cases[] = {
		{ "%s", "", "expected epoch seconds (1-19 digits)", 0 },
		{ "%s", "-5", "expected epoch seconds (1-19 digits)", 0 },
		{ "%s", "9223372036854775808", "epoch seconds out of range",
		    0 },
		{ "%s", "12345678901234567890",
		    "too many epoch digits (at most 19)", 19 },
		/* Epoch milliseconds without the dot are not %s.%3N. */
		{ "%s.%3N", "1704164645250", "expected '.'", 13 },
	};
	CHECK_REJECTS(cases);
}

/* "%s%3N": epoch milliseconds, the last digits going to the fraction. */
static void
test_epoch_milliseconds(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%s%3N", "1704164645678");
	assert_true(v.has_epoch);
	assert_true(v.epoch == INT64_C(1704164645));
	assert_int_equal(v.nanosecond, 678000000);

	v = parse_ok("%s%6N", "1704164645000001");
	assert_true(v.epoch == INT64_C(1704164645));
	assert_int_equal(v.nanosecond, 1000);
	v = parse_ok("%s%9N", "1704164645123456789");
	assert_int_equal(v.nanosecond, 123456789);
	/* One second digit is enough. */
	v = parse_ok("%s%3N", "5250");
	assert_true(v.epoch == 5);
	assert_int_equal(v.nanosecond, 250000000);

	assert_true(key_of("%s%3N", "1704164645678") ==
	    key_of("%s.%3N", "1704164645.678"));
	assert_true(key_of("%s%3N", "1704164645678") <
	    key_of("%s%3N", "1704164645679"));

	static const struct reject_case cases[] = {
		{ "%s%3N", "678", "expected epoch seconds and fraction digits",
		    0 },
		{ "%s%3N", "", "expected epoch seconds and fraction digits",
		    0 },
		{ "%s%3N", "12345678901234567890123",
		    "too many epoch digits (at most 19)", 22 },
		{ "%s%3N", "1704164645678x", "trailing text after timestamp",
		    13 },
		/* The fraction is the end of the digit run, never after it. */
		{ "%s%3N", "1704164645.678", "trailing text after timestamp",
		    10 },
	};
	CHECK_REJECTS(cases);

	/* %f has no fixed width, so "%s%f" cannot split the run. */
	static const struct reject_case greedy[] = {
		{ "%s%f", "1704164645678", "expected 1-9 fraction digits", 13 },
	};
	CHECK_REJECTS(greedy);
}

/* A timestamp at the start of longer text, as log lines have them. */
static void
test_parse_prefix(void **state)
{
	(void)state;
	static const struct {
		const char *format, *text;
		size_t end;
	} cases[] = {
		{ "%H:%M:%S", "14:03:22] INFO: x", 8 },
		{ "%H:%M:%S", "14:03:22", 8 },
		{ "%T.%f", "14:03:22.5x", 10 },
		{ "%T.%f", "14:03:22.123456 x", 15 },
		{ "%Y-%m-%dT%H:%M:%S%z", "2024-01-02T03:04:05+01:00 x", 25 },
		{ "%Y-%m-%dT%H:%M:%S%z", "2024-01-02T03:04:05Z INFO", 20 },
		{ "%b %e %H:%M:%S", "Oct  3 06:25:01 web-01 CRON", 15 },
		{ "%s%3N", "1704164645678 msg", 13 },
		{ "%I:%M:%S %p", "03:04:05 PM WARN x", 11 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		timefmt *tf = compile_ok(cases[i].format);
		timefmt_value value;
		size_t end = 9999;

		if (!timefmt_parse_prefix(tf, cases[i].text,
		    strlen(cases[i].text), &value, &end))
			fail_msg("'%s' against '%s' was refused", cases[i].text,
			    cases[i].format);
		assert_int_equal(end, cases[i].end);
		timefmt_free(tf);
	}

	timefmt *tf = compile_ok("%H:%M:%S");
	timefmt_value value;
	size_t end = 9999;
	/* Values are still validated, and end is left alone on failure. */
	assert_false(timefmt_parse_prefix(tf, "24:00:00 x", 10, &value, &end));
	assert_false(timefmt_parse_prefix(tf, "14:3:22 x", 9, &value, &end));
	assert_false(timefmt_parse_prefix(tf, "14:03", 5, &value, &end));
	assert_int_equal(end, 9999);
	/* Fixed-width fields stop at their width: what follows is the
	   caller's to judge. */
	assert_true(timefmt_parse_prefix(tf, "14:03:222", 9, &value, &end));
	assert_int_equal(end, 8);
	timefmt_free(tf);

	/* A greedy run is not cut short to make a prefix fit. */
	tf = compile_ok("%T.%f");
	end = 9999;
	assert_false(timefmt_parse_prefix(tf, "14:03:22.1234567890", 19,
	    &value, &end));
	assert_int_equal(end, 9999);
	timefmt_free(tf);

	tf = compile_ok("%F");
	assert_false(timefmt_parse_prefix(tf, "2023-02-29 x", 12, &value,
	    &end));
	assert_true(timefmt_parse_prefix(tf, "2024-02-29 x", 12, &value,
	    &end));
	assert_int_equal(end, 10);
	assert_int_equal(value.day, 29);
	timefmt_free(tf);
}

static void
test_zone_offsets(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int offset;
	} cases[] = {
		{ "Z", 0 }, { "+0100", 3600 }, { "-0500", -18000 },
		{ "+05:30", 19800 }, { "-09:30", -34200 }, { "+1400", 50400 },
		{ "-00:00", 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		timefmt_value v = parse_ok("%z", cases[i].text);
		assert_true(v.has_zone);
		if (v.utc_offset != cases[i].offset)
			fail_msg("'%s' gave %d, want %d", cases[i].text,
			    v.utc_offset, cases[i].offset);
	}

	static const struct reject_case rejects[] = {
		{ "%T%z", "10:00:00+1500", "zone offset hours out of range "
		    "(0-14)", 9 },
		{ "%T%z", "10:00:00+01:60", "zone offset minutes out of range "
		    "(0-59)", 12 },
		{ "%T%z", "10:00:000100", "expected zone offset (+HHMM, "
		    "+HH:MM or Z)", 8 },
		{ "%T%z", "10:00:00+01", "expected 2 digits of zone minutes",
		    11 },
		{ "%T%z", "10:00:00+1", "expected 2 digits of zone hours", 9 },
		{ "%T%z", "10:00:00z", "expected zone offset (+HHMM, +HH:MM "
		    "or Z)", 8 },
		{ "%T%z", "10:00:00+01:0", "expected 2 digits of zone minutes",
		    12 },
		{ "%T%z", "10:00:00", "expected zone offset (+HHMM, +HH:MM "
		    "or Z)", 8 },
	};
	CHECK_REJECTS(rejects);
}

static void
test_zone_names(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%T %Z", "10:00:00 UTC");
	/* %Z is checked only; it does not make a zone. */
	assert_false(v.has_zone);
	assert_int_equal(v.utc_offset, 0);
	parse_ok("%T %Z", "10:00:00 CEST");
	parse_ok("%T %Z", "10:00:00 Z");
	parse_ok("%T %z %Z", "10:00:00 +0100 CET");

	static const struct reject_case cases[] = {
		{ "%T %Z", "10:00:00 ", "expected zone name (1-5 letters)", 9 },
		{ "%T %Z", "10:00:00 +01", "expected zone name (1-5 letters)",
		    9 },
		{ "%T %Z", "10:00:00 ABCDEF", "zone name longer than 5 letters",
		    9 },
		{ "%T %Z", "10:00:00 UTC1", "trailing text after timestamp",
		    12 },
	};
	CHECK_REJECTS(cases);
}

static void
test_literals(void **state)
{
	(void)state;
	parse_ok("[%H:%M:%S]", "[14:03:22]");
	parse_ok("%H%%", "12%");
	parse_ok("%%%H", "%12");
	parse_ok("⏱ %T ⏱", "⏱ 14:03:22 ⏱");
	parse_ok("%Hh%Mm", "14h03m");

	static const struct reject_case cases[] = {
		{ "[%H:%M:%S]", "(14:03:22]", "expected '['", 0 },
		{ "[%H:%M:%S]", "[14:03:22", "expected ']'", 9 },
		{ "[%H:%M:%S]", "[14-03:22]", "expected ':'", 3 },
		{ "%FT%T", "2024-01-02 03:04:05", "expected 'T'", 10 },
		{ "%H%%", "12", "expected '%'", 2 },
		{ "at '%H'", "at \"12'", "expected \"'\"", 3 },
		/* UTF-8 literals compare byte by byte. */
		{ "⏱ %T", "⏲ 14:03:22", "text does not match the format", 2 },
		{ "⏱ %T", "⏱14:03:22", "expected ' '", 3 },
	};
	CHECK_REJECTS(cases);
}

static void
test_trailing_text(void **state)
{
	(void)state;
	static const struct reject_case cases[] = {
		{ "%T", "14:03:22 INFO", "trailing text after timestamp", 8 },
		{ "%T", "14:03:22\n", "trailing text after timestamp", 8 },
		{ "%F", "2024-01-02T", "trailing text after timestamp", 10 },
		{ "%T.%f", "14:03:22.5Z", "trailing text after timestamp", 10 },
		{ "%T", "", "expected 2 digits", 0 },
	};
	CHECK_REJECTS(cases);
}

/* Only len bytes count: a longer buffer or an embedded NUL is not read. */
static void
test_explicit_length(void **state)
{
	(void)state;
	timefmt *tf = compile_ok("%T");
	timefmt_value value;
	const char *why = NULL;
	size_t at = 0;

	assert_true(timefmt_parse(tf, "14:03:22 INFO", 8, &value, &why, &at));
	assert_int_equal(value.second, 22);
	assert_false(timefmt_parse(tf, "14:03", 5, &value, &why, &at));
	assert_string_equal(why, "expected ':'");
	assert_int_equal(at, 5);
	assert_false(timefmt_parse(tf, "14:03:2\0", 8, &value, &why, &at));
	assert_string_equal(why, "expected 2 digits");
	assert_int_equal(at, 6);
	timefmt_free(tf);
}

static void
test_out_params_on_success(void **state)
{
	(void)state;
	timefmt *tf = compile_ok("%T");
	timefmt_value value;
	const char *why = "untouched";
	size_t at = 77;

	assert_true(timefmt_parse(tf, "01:02:03", 8, &value, &why, &at));
	assert_string_equal(why, "untouched");
	assert_int_equal(at, 77);

	/* Callers that only want a yes or no may pass NULL. */
	assert_true(timefmt_parse(tf, "01:02:03", 8, NULL, NULL, NULL));
	assert_false(timefmt_parse(tf, "01:02:3", 7, NULL, NULL, NULL));
	timefmt_free(tf);
}

/* A value reused for a format with fewer fields is cleared. */
static void
test_value_cleared(void **state)
{
	(void)state;
	timefmt *full = compile_ok("%FT%T.%3N%z");
	timefmt *short_form = compile_ok("%M");
	timefmt_value value;
	const char *why;
	size_t at;
	const char *text = "2024-01-02T03:04:05.678+01:00";

	assert_true(timefmt_parse(full, text, strlen(text), &value, &why,
	    &at));
	assert_int_equal(value.utc_offset, 3600);
	assert_true(timefmt_parse(short_form, "42", 2, &value, &why, &at));
	assert_int_equal(value.minute, 42);
	assert_int_equal(value.year, 0);
	assert_int_equal(value.hour, 0);
	assert_int_equal(value.nanosecond, 0);
	assert_int_equal(value.utc_offset, 0);
	assert_false(value.has_zone);
	assert_false(value.has_date);
	assert_true(value.has_time);
	timefmt_free(full);
	timefmt_free(short_form);
}

static void
test_compile_errors(void **state)
{
	(void)state;
	static const struct {
		const char *format;
		const char *cause;
		size_t offset;
	} cases[] = {
		{ "", "empty time format", 0 },
		{ "%", "time format ends with a lone '%'", 0 },
		{ "%H:%M:%", "time format ends with a lone '%'", 6 },
		{ "%q", "unknown conversion '%q'", 0 },
		{ "%H %Q", "unknown conversion '%Q'", 3 },
		{ "%H:%M:%S %E", "unknown conversion '%E'", 9 },
		{ "%H%\xc3\xa9", "unknown conversion after '%'", 2 },
		{ "%T.%N", "unknown conversion '%N'", 3 },
		{ "%T.%4N", "fraction width must be 3, 6 or 9 ('%3N', '%6N' "
		    "or '%9N')", 3 },
		{ "%T.%3", "unknown conversion '%3'", 3 },
		{ "%I:%M", "'%I' needs '%p' in the same format", 0 },
		{ "%H:%M %p", "'%p' needs '%I' in the same format", 6 },
		{ "%H %T", "conversion '%T' repeats a field given earlier in "
		    "the format", 3 },
		{ "%m %b", "conversion '%b' repeats a field given earlier in "
		    "the format", 3 },
		{ "%H %I %p", "conversion '%I' repeats a field given earlier "
		    "in the format", 3 },
		{ "%T.%f%3N", "conversion '%3N' repeats a field given earlier "
		    "in the format", 5 },
		{ "%F %Y", "conversion '%Y' repeats a field given earlier in "
		    "the format", 3 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *cause = NULL;
		size_t offset = 9999;
		timefmt *tf = timefmt_compile(cases[i].format, &cause, &offset);

		if (tf != NULL)
			fail_msg("'%s' compiled", cases[i].format);
		if (cause == NULL || strcmp(cause, cases[i].cause) != 0 ||
		    offset != cases[i].offset)
			fail_msg("'%s': got \"%s\" at %zu, want \"%s\" at %zu",
			    cases[i].format, cause ? cause : "(null)", offset,
			    cases[i].cause, cases[i].offset);
		free(cause);
	}

	/* Callers may ignore the cause. */
	assert_null(timefmt_compile("%q", NULL, NULL));
}

static void
test_every_conversion_compiles(void **state)
{
	(void)state;
	timefmt_value v = parse_ok("%Y %m %d %j %I %M %S %p %z %Z %f %%",
	    "2024 02 29 060 12 30 45 AM +0100 CET 5 %");

	assert_int_equal(v.year, 2024);
	assert_int_equal(v.month, 2);
	assert_int_equal(v.day, 29);
	assert_int_equal(v.yday, 60);
	assert_int_equal(v.hour, 0);
	assert_int_equal(v.minute, 30);
	assert_int_equal(v.second, 45);
	assert_int_equal(v.nanosecond, 500000000);
	assert_int_equal(v.utc_offset, 3600);

	v = parse_ok("%b %e %H %s %6N", "Mar  1 07 12 000001");
	assert_int_equal(v.month, 3);
	assert_int_equal(v.day, 1);
	assert_int_equal(v.hour, 7);
	assert_true(v.epoch == 12);
	assert_int_equal(v.nanosecond, 1000);

	/* timefmt_free accepts NULL. */
	timefmt_free(NULL);
}

static void
test_has_date(void **state)
{
	(void)state;
	static const struct {
		const char *format;
		bool dated;
	} cases[] = {
		{ "%H:%M:%S", false }, { "%T.%3N", false },
		{ "%F", true }, { "%Y-%m-%d", true }, { "%d/%m/%Y %T", true },
		{ "%Y-%j", true }, { "%s", true }, { "%s.%f", true },
		{ "%FT%T%z", true }, { "%b %e %T", false },
		{ "%m-%d %T", false }, { "%Y-%m", false }, { "%Y", false },
		{ "%j %T", false }, { "%Y %b %e", true },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		timefmt *tf = compile_ok(cases[i].format);
		if (timefmt_has_date(tf) != cases[i].dated)
			fail_msg("'%s': has_date is %d", cases[i].format,
			    !cases[i].dated);
		timefmt_free(tf);
	}
}

static void
test_order_key_epoch(void **state)
{
	(void)state;
	assert_true(key_of("%FT%T%z", "2024-01-02T03:04:05Z") ==
	    INT64_C(1704164645) * NS);
	assert_true(key_of("%FT%T%z", "1970-01-01T00:00:00Z") == 0);
	assert_true(key_of("%FT%T", "1969-12-31T23:59:59") == -NS);
	assert_true(key_of("%F %T", "2000-03-01 00:00:00") ==
	    INT64_C(951868800) * NS);
	assert_true(key_of("%s", "1704164645") == INT64_C(1704164645) * NS);
	assert_true(key_of("%s.%3N", "1704164645.250") ==
	    INT64_C(1704164645) * NS + 250000000);
	assert_true(key_of("%FT%T.%f%z", "2024-01-02T03:04:05.123456789Z") ==
	    INT64_C(1704164645) * NS + 123456789);
	/* %j and the month/day spelling agree. */
	assert_true(key_of("%Y-%j", "2024-002") == key_of("%F", "2024-01-02"));
	assert_true(key_of("%Y-%j", "2024-366") == key_of("%F", "2024-12-31"));
}

static void
test_order_key_zone(void **state)
{
	(void)state;
	int64_t utc = INT64_C(1704164645) * NS;

	assert_true(key_of("%FT%T%z", "2024-01-02T04:04:05+01:00") == utc);
	assert_true(key_of("%FT%T%z", "2024-01-02T04:04:05+0100") == utc);
	assert_true(key_of("%FT%T%z", "2024-01-01T22:04:05-0500") == utc);
	assert_true(key_of("%FT%T%z", "2024-01-02T08:34:05+05:30") == utc);
	/* %Z is not applied. */
	assert_true(key_of("%F %T %Z", "2024-01-02 03:04:05 CET") == utc);
}

static void
test_order_key_time_of_day(void **state)
{
	(void)state;
	timefmt *tf = compile_ok("%H:%M:%S");
	timefmt_value value;
	const char *why;
	size_t at;
	int64_t previous = -1;
	char text[16];

	for (int second = 0; second < 86400; second++) {
		snprintf(text, sizeof text, "%02d:%02d:%02d", second / 3600,
		    second / 60 % 60, second % 60);
		if (!timefmt_parse(tf, text, 8, &value, &why, &at))
			fail_msg("'%s': %s at %zu", text, why, at);
		int64_t key = timefmt_order_key(tf, &value);
		if (key <= previous)
			fail_msg("key of '%s' does not increase", text);
		if (key != second * NS)
			fail_msg("key of '%s' is not nanoseconds since "
			    "midnight", text);
		previous = key;
	}
	timefmt_free(tf);

	assert_true(key_of("%T.%3N", "00:00:01.500") == NS + 500000000);
	assert_true(key_of("%T.%3N", "23:59:59.999") <
	    key_of("%T.%3N", "23:59:60.000"));
}

static void
test_order_key_syslog(void **state)
{
	(void)state;
	const char *format = "%b %e %T";

	assert_true(key_of(format, "Jan  1 00:00:00") ==
	    ((INT64_C(1) * 32 + 1) * 86400) * NS);
	assert_true(key_of(format, "Feb  5 17:32:18") ==
	    ((INT64_C(2) * 32 + 5) * 86400 + 17 * 3600 + 32 * 60 + 18) * NS);
	assert_true(key_of(format, "Jan 31 23:59:59") <
	    key_of(format, "Feb  1 00:00:00"));
	assert_true(key_of(format, "Dec 31 23:59:59") >
	    key_of(format, "Jan  1 00:00:00"));
	assert_true(key_of(format, "Mar  9 10:00:00") <
	    key_of(format, "Mar 10 09:00:00"));
}

static void
test_order_key_leap_second_and_limits(void **state)
{
	(void)state;
	/* 23:59:60 lands on the next midnight, never before 23:59:59. */
	assert_true(key_of("%F %T", "2016-12-31 23:59:60") ==
	    key_of("%F %T", "2017-01-01 00:00:00"));
	assert_true(key_of("%F %T", "2016-12-31 23:59:59") <
	    key_of("%F %T", "2016-12-31 23:59:60"));
	/* Outside what int64 nanoseconds can hold, keys saturate. */
	assert_true(key_of("%F", "9999-12-31") == INT64_MAX);
	assert_true(key_of("%F", "0000-01-01") == INT64_MIN);
	assert_true(key_of("%s", "9223372036854775807") == INT64_MAX);
	assert_true(key_of("%F", "2262-01-01") > key_of("%F", "2261-12-31"));
}

/* Two-digit years, weekday names, unpadded fields. */
static void
test_short_forms(void **state)
{
	timefmt_value v;
	static const struct reject_case bad[] = {
		{ "%a %b %d", "Sun Dex 04", "expected month name (Jan-Dec)",
		    4 },
		{ "%a %b %d", "Sux Dec 04", "expected weekday name (Mon-Sun)",
		    0 },
		{ "%y%m%d", "0811", "expected 2 digits", 4 },
		{ "%-H:%M", "x:05", "expected 2 digits", 0 },
	};

	(void)state;
	v = parse_ok("%y%m%d %H%M%S", "081109 203615");
	assert_int_equal(v.year, 2008);
	assert_int_equal(v.hour, 20);
	v = parse_ok("%y/%m/%d", "99/06/09");
	assert_int_equal(v.year, 1999);
	v = parse_ok("%a %b %d %H:%M:%S %Y", "Sun Dec 04 04:47:44 2005");
	assert_int_equal(v.day, 4);
	v = parse_ok("%Y%m%d-%-H:%-M:%-S", "20171224-1:0:35");
	assert_int_equal(v.hour, 1);
	assert_int_equal(v.minute, 0);
	assert_int_equal(v.second, 35);
	v = parse_ok("%-H:%-M", "23:59");
	assert_int_equal(v.minute, 59);
	CHECK_REJECTS(bad);
}

/* %F and %T read what they stand for. */
static void
test_same(void **state)
{
	(void)state;
	assert_true(timefmt_same("%F %T,%3N", "%Y-%m-%d %H:%M:%S,%3N"));
	assert_true(timefmt_same("%F", "%F"));
	assert_false(timefmt_same("%F %T", "%Y/%m/%d %H:%M:%S"));
	assert_false(timefmt_same("%%F", "%Y-%m-%d"));
	assert_true(timefmt_same(NULL, NULL));
	assert_false(timefmt_same("%T", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_format),
		cmocka_unit_test(test_short_forms),
		cmocka_unit_test(test_exact_widths),
		cmocka_unit_test(test_time_ranges),
		cmocka_unit_test(test_date_fields),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_day_of_year),
		cmocka_unit_test(test_twelve_hour),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_space_padded_day),
		cmocka_unit_test(test_variable_fraction),
		cmocka_unit_test(test_fixed_fraction),
		cmocka_unit_test(test_epoch_seconds),
		cmocka_unit_test(test_epoch_milliseconds),
		cmocka_unit_test(test_parse_prefix),
		cmocka_unit_test(test_zone_offsets),
		cmocka_unit_test(test_zone_names),
		cmocka_unit_test(test_literals),
		cmocka_unit_test(test_trailing_text),
		cmocka_unit_test(test_explicit_length),
		cmocka_unit_test(test_out_params_on_success),
		cmocka_unit_test(test_value_cleared),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_every_conversion_compiles),
		cmocka_unit_test(test_has_date),
		cmocka_unit_test(test_order_key_epoch),
		cmocka_unit_test(test_order_key_zone),
		cmocka_unit_test(test_order_key_time_of_day),
		cmocka_unit_test(test_order_key_syslog),
		cmocka_unit_test(test_order_key_leap_second_and_limits),
		cmocka_unit_test(test_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
