#!/usr/bin/env python3
"""How well logcompat reads real headers: the Loghub-2k measurement.

For each system of a Loghub-style directory (SYSTEM/SYSTEM_2k.log and its
SYSTEM_2k.log_structured.csv, the ground truth per line), it records:

  inferred   `logcompat infer FILE` writes a profile (exit 0)
  passes     `logcompat check -r PROFILE FILE` exits 0
  compat     `logcompat compare -r infer FILE FILE` says compatible
  infer      share of lines whose parsed message and level are exact,
             parsing with the inferred profile
  auto       the same share with `-r auto` (the shipped library)

A line is exact when the parsed `message` equals the CSV's `Content` and
the parsed `level` equals its `Level`.  Both messages are compared with
surrounding white space stripped (Loghub strips it).  Where a system has no
`Level` column, or the column holds no level word (Linux's holds the host
name), the line's expected level is none.  Not a timed test: run by hand.

usage: loghub.py LOGCOMPAT DATADIR
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

LEVEL_WORDS = {
    "trace", "debug", "info", "notice", "warn", "warning", "error", "err",
    "critical", "crit", "fatal", "alert", "emerg", "emergency", "panic",
    "severe", "config", "fine", "finer", "finest", "verbose",
    "information", "informational",
}

csv.field_size_limit(1 << 24)


def expected(csvpath):
    rows = []
    with open(csvpath, newline="", encoding="utf-8",
              errors="replace") as f:
        for row in csv.DictReader(f):
            level = row.get("Level")
            if level is not None and level.lower() not in LEVEL_WORDS:
                level = None
            rows.append((row["Content"].strip(), level))
    return rows


def exact_share(lc, rules, logpath, truth):
    p = subprocess.run([lc, "parse", "-r", rules, "-f", "json", logpath],
                       capture_output=True, text=True, errors="replace")
    if p.returncode not in (0, 1):
        return None
    got = {}
    for line in p.stdout.splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if rec.get("verdict") == "foreign":
            continue
        f = rec.get("fields", {})
        got[rec["line"]] = ((f.get("message") or "").strip(),
                            f.get("level") or None)
    good = 0
    for i, want in enumerate(truth, 1):
        if got.get(i) == want:
            good += 1
    return good / len(truth) if truth else 0.0


def pct(x):
    return "-" if x is None else "%.1f%%" % (100 * x)


def main():
    lc, data = sys.argv[1], sys.argv[2]
    systems = sorted(d for d in os.listdir(data)
                     if os.path.isfile(os.path.join(data, d, d + "_2k.log")))
    print("| system | inferred | passes | compat | exact (infer) "
          "| exact (auto) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for s in systems:
            log = os.path.join(data, s, s + "_2k.log")
            truth = expected(os.path.join(data, s,
                                          s + "_2k.log_structured.csv"))
            prof = os.path.join(tmp, s + ".yaml")
            inferred = subprocess.run(
                [lc, "infer", "-o", prof, log],
                capture_output=True).returncode == 0
            passes = inferred and subprocess.run(
                [lc, "check", "-r", prof, log],
                capture_output=True).returncode == 0
            cmp = subprocess.run(
                [lc, "compare", "-r", "infer", log, log],
                capture_output=True).returncode == 0
            ex_i = exact_share(lc, prof, log, truth) if inferred else None
            ex_a = exact_share(lc, "auto", log, truth)
            print("| %s | %s | %s | %s | %s | %s |" % (
                s, "yes" if inferred else "no", "yes" if passes else "no",
                "yes" if cmp else "no", pct(ex_i), pct(ex_a)))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
