/*
 * check: the data path of `logcompat check` for one capture: read each
 * stream, judge each line, pair the streams, and put what was found into a
 * report.  Every line read is counted exactly once.
 */
#ifndef LC_CHECK_H
#define LC_CHECK_H

#include "input/capture.h"
#include "input/reader.h"
#include "judge/judge.h"
#include "judge/report.h"
#include "decode/rules.h"

/* Log lines a twin is looked for among, on each stream. */
#define CHECK_PAIR_WINDOW 512

/*
 * Returns 0, or -1 with *cause on a read error or when out of memory; it
 * never exits.
 */
int check_capture(const rules *r, const capture *c, report *rep,
    char **cause);

/*
 * A record of source number `source` of the capture, as judged (not a
 * malformed container record), for one more use of the same reading.
 * With paired streams it is called from each stream's own thread at once;
 * otherwise from the calling thread, the sources one after the other.
 */
typedef void (*check_each_fn)(void *data, size_t source,
    const lc_record *rec, const judge_result *res);

/*
 * The findings of a judged record that the judge cannot see: its length
 * (max-line, a record's limits) and the stream policy.
 */
void check_record_extras(judge *j, const rules *r, const lc_record *rec,
    lc_stream stream, judge_result *res);

/*
 * check_capture, handing each judged line to each(data, ...) as well, and
 * adding to *malformed (may be NULL) the malformed container-log records
 * of the capture (once: both streams' readers meet them).
 */
int check_capture_each(const rules *r, const capture *c, report *rep,
    check_each_fn each, void *data, uint64_t *malformed, char **cause);

/*
 * Whether check_capture_each reads the capture's sources at once, each on
 * its own thread (the streams are paired), rather than one after the other.
 */
bool check_reads_at_once(const rules *r, const capture *c);

/*
 * Whether more of the capture counted in rc is foreign than r's
 * `foreign-share` allows (the foreign-share finding), with the lines and
 * the foreign lines that share is taken of.
 */
bool check_foreign_share_over(const rules *r, const report_capture *rc,
    uint64_t *lines, uint64_t *foreign);

#endif
