#!/bin/sh
# Records Python's logging configured with basicConfig and the format
# "%(asctime)s %(levelname)s %(name)s: %(message)s" at DEBUG, written to
# stderr (basicConfig's default stream).
set -e
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/app.py" <<'PY'
import logging, time

logging.basicConfig(level=logging.DEBUG,
    format="%(asctime)s %(levelname)s %(name)s: %(message)s")
root = logging.getLogger()
srv = logging.getLogger("myapp.server")
db = logging.getLogger("myapp.db.pool")
root.info("starting myapp version %s", "1.4.2")
srv.debug("binding to %s:%d", "127.0.0.1", 8080)
srv.info("listening on http://127.0.0.1:8080")
db.debug("pool size %d, timeout %ds", 10, 30)
db.info("connected to postgresql://localhost/app")
time.sleep(0.01)
srv.info("GET /api/users 200 12ms")
srv.info("GET /api/users/42 404 3ms")
srv.warning("request body larger than %d bytes, truncated", 65536)
db.warning("pool exhausted, waiting for a free connection")
srv.info("user «Zoë» uploaded 📷 photo.jpg (1.2 MB)")
logging.getLogger("myapp.cache").error("redis unreachable: %s", "Connection refused")

def handler(req):
    return req["user"]["name"].upper()

try:
    handler({"user": None})
except TypeError:
    srv.exception("unhandled error in request %s", "POST /api/login")

try:
    import json
    json.loads('{"a": 1,}')
except ValueError:
    logging.getLogger("myapp.config").exception("bad config")
logging.getLogger("myapp.jobs").critical("scheduler stopped")
srv.info("shutting down")
logging.shutdown()
PY
/usr/bin/python3 "$T/app.py" 2>python-basicconfig.log
