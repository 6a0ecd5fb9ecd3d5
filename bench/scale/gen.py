#!/usr/bin/env python3
"""Inputs for bench/scale/run.sh, one kind at a time, of size N.

    gen.py levels N DIR     rules.yaml with N levels; capture.log of 1000
                            lines with one level no rule names
    gen.py merge N DIR      a.yaml and b.yaml: profiles of N levels and N
                            templates each, half of them shared
    gen.py captures N DIR   N small capture files named 0 .. N-1
"""
import os
import sys

LINE = r"^(?<time>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) (?<level>[A-Z0-9]+): (?<message>.*)$"


def levels(n, out):
    names = ["L%d" % i for i in range(n)]
    with open(os.path.join(out, "rules.yaml"), "w") as f:
        f.write("format: scale\nline: '%s'\ntime: '%%Y/%%m/%%d %%H:%%M:%%S'\n" % LINE)
        f.write("levels: [%s]\nemoji: optional\nforeign: report\n" % ", ".join(names))
    with open(os.path.join(out, "capture.log"), "w") as f:
        for i in range(1000):
            level = names[i % n] if i != 500 else "NOSUCH"
            f.write("2026/12/06 10:00:%02d %s: message %d\n" % (i % 60, level, i))


def profile(path, first, n):
    """A profile as logcompat infer writes one, with n levels and templates."""
    names = ["L%d" % i for i in range(first, first + n)]
    lines = []
    lines.append("format: scale")
    lines.append("line: '%s'" % LINE)
    lines.append("time: '%Y/%m/%d %H:%M:%S'")
    lines.append("levels: [%s]" % ", ".join(names))
    lines.append("emoji: optional")
    lines.append("foreign: report")
    lines.append("drift:")
    lines.append("  new-template: report")
    lines.append("  new-emoji: report")
    lines.append("  level-share: report")
    lines.append("  level-share-points: 10")
    lines.append("baseline:")
    lines.append("  layout: 'TIME LEVEL: MESSAGE'")
    lines.append("  lines: %d" % n)
    lines.append("  log-lines: %d" % n)
    lines.append("  levels:")
    for name in names:
        lines.append("    '%s': 1" % name)
    lines.append("  templates:")
    for i, name in enumerate(names):
        lines.append("    - { count: 1, level: '%s', text: 'event %s happened <NUM> times' }"
                     % (name, name.lower()))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def merge(n, out):
    profile(os.path.join(out, "a.yaml"), 0, n)
    profile(os.path.join(out, "b.yaml"), n // 2, n)


def captures(n, out):
    for i in range(n):
        # Short names, so that 100,000 of them fit on one command line.
        with open(os.path.join(out, "%d" % i), "w") as f:
            f.write("2026/12/06 10:00:00 INFO: worker %d started\n" % i)
            f.write("2026/12/06 10:00:01 INFO: worker %d done\n" % i)


def main():
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    {"levels": levels, "merge": merge, "captures": captures}[kind](n, out)


if __name__ == "__main__":
    main()
