#!/bin/bash
# Records a Celery worker's startup banner and its task log at INFO, with
# kombu's filesystem transport as the broker (a queue kept in a temp dir,
# no network service), the solo pool, and tasks sent from a second process:
# one succeeds, one raises (a traceback), one retries, one logs a warning
# through the task logger.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill -- -"$PID" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/q" "$T/processed"
cat >"$T/tasks.py" <<PY
from celery import Celery
from celery.utils.log import get_task_logger

app = Celery("tasks")
app.conf.update(
    broker_url="filesystem://",
    broker_transport_options={
        "data_folder_in": "$T/q",
        "data_folder_out": "$T/q",
        "processed_folder": "$T/processed",
        "store_processed": True,
    },
    worker_hijack_root_logger=True,
)
log = get_task_logger(__name__)

@app.task
def add(x, y):
    return x + y

@app.task
def ratio(a, b):
    return a / b

@app.task
def greet(name):
    log.warning("greeting %s 👋", name)
    return "hello " + name

@app.task(bind=True, max_retries=1, default_retry_delay=1)
def fetch(self, url):
    log.info("fetching %s (attempt %d)", url, self.request.retries + 1)
    try:
        raise ConnectionError("connection refused: " + url)
    except ConnectionError as e:
        raise self.retry(exc=e)
PY
cd "$T"
setsid /usr/bin/python3 -m celery -A tasks worker --pool=solo --loglevel=INFO \
    --hostname=worker1@localhost \
    >"$OUT/stdout.log" 2>"$OUT/stderr.log" &
PID=$!
sleep 4
/usr/bin/python3 - <<'PY'
from tasks import add, ratio, greet, fetch
add.delay(2, 3)
ratio.delay(1, 0)
greet.delay("Zoë")
fetch.delay("http://127.0.0.1:9/")
add.apply_async((40, 2), countdown=1)
PY
sleep 6
kill -TERM "$PID"
wait "$PID" 2>/dev/null || true
PID=
