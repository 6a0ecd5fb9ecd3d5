#!/bin/sh
# Records Python's logging with no configuration: the first module-level
# call (logging.warning) installs the default stderr handler with
# BASIC_FORMAT "%(levelname)s:%(name)s:%(message)s".
set -e
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/app.py" <<'PY'
import logging

logging.info("not shown: the root logger's level is WARNING")
logging.warning("disk usage at %d%% on %s", 91, "/var")
logging.warning("config file %r not found, using defaults", "/etc/app.ini")
log = logging.getLogger("app.db")
log.warning("slow query took %.2f s", 3.14)
log.error("connection refused by %s:%d", "127.0.0.1", 5432)
logging.getLogger("app.http.client").critical("giving up after %d retries", 5)
logging.warning("café ☕ ready, naïve user «José» logged in 🎉")

def parse(s):
    return int(s)

def load(items):
    return [parse(x) for x in items]

try:
    load(["1", "2", "three"])
except ValueError:
    logging.exception("could not load the batch")

try:
    1 / 0
except ZeroDivisionError:
    log.exception("ratio failed")

try:
    try:
        {}["key"]
    except KeyError as e:
        raise RuntimeError("lookup failed") from e
except RuntimeError:
    logging.getLogger("app.worker").exception("job %d aborted", 17)
logging.error("multi-line message:\n  first detail\n  second detail")
logging.warning("done")
PY
/usr/bin/python3 "$T/app.py" 2>python-default.log
