/*
 * check: the data path of `logcompat check` for one capture: read each
 * stream, judge each line, pair the streams, and put what was found into a
 * report.  Every line read is counted exactly once.
 */
#ifndef LC_CHECK_H
#define LC_CHECK_H

#include "input/capture.h"
#include "report/report.h"
#include "decode/rules.h"

/* Log lines a twin is looked for among, on each stream. */
#define CHECK_PAIR_WINDOW 512

/*
 * Returns 0, or -1 with *cause on a read error or when out of memory; it
 * never exits.
 */
int check_capture(const rules *r, const capture *c, report *rep,
    char **cause);

#endif
