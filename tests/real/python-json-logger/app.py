"""Logs one fixed scenario of an order service through python-json-logger's
JsonFormatter on a stdlib logging handler, with json.dumps' default
escaping: every non-ASCII character becomes a \\u escape, an emoji a
surrogate pair (\\ud83d\\ude80)."""
import logging
import sys
import time

from pythonjsonlogger import jsonlogger

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(jsonlogger.JsonFormatter(
    "%(asctime)s %(levelname)s %(name)s %(message)s"))
log = logging.getLogger("orders")
log.addHandler(handler)
log.setLevel(logging.DEBUG)
levels = {"trace": logging.DEBUG, "debug": logging.DEBUG,
          "info": logging.INFO, "warning": logging.WARNING,
          "error": logging.ERROR, "critical": logging.CRITICAL}


def emit(level, fields, msg):
    log.log(levels[level], msg, extra=fields)


def emit_error(fields, msg):
    log.exception(msg, extra=fields)


def charge_card(order_id):
    err = ValueError("card declined: insufficient funds")
    err.code = "E_CARD_DECLINED"
    raise err


def main():
    emit("info", {"service": {"name": "orders", "version": "1.4.2"},
                  "port": 8080}, "service starting")
    time.sleep(0.003)
    emit("debug", {"config": {"db": {"host": "db.internal", "pool": 5,
                                     "tls": True},
                              "features": ["refunds", "exports"],
                              "retry": None}}, "config loaded")
    for i in range(1, 25):
        time.sleep(0.003)
        req = {"id": "r-%d" % i, "method": "POST" if i % 4 == 0 else "GET",
               "path": "/orders/%d" % (1000 + i), "level": "DEBUG"}
        fields = {"req": req, "status": 201 if i % 4 == 0 else 200,
                  "duration_ms": 12.5 + i}
        if i % 3 == 0:
            fields["user"] = {"id": 40 + i, "name": "user%d" % i}
        if i == 7:
            emit("trace", {"req": req}, "retrying idempotent request")
        if i == 10:
            try:
                charge_card(1000 + i)
            except ValueError:
                emit_error({"order_id": 1000 + i}, "payment failed")
                continue
        if i % 6 == 0:
            fields["duration_ms"] = 1500 + i
            emit("warning", fields, "slow request")
            continue
        emit("info", fields, "request handled")
    time.sleep(0.003)
    emit("debug", {"cache": {"hits": 812, "misses": 57, "ratio": 0.934}},
         "cache stats")
    emit("info", {}, "deploy \U0001F680 done")
    emit("info", {}, "Gr\u00fc\u00dfe aus K\u00f6ln: na\u00efve caf\u00e9, "
         "\u6771\u4eac, \u03a9\u03bc\u03ad\u03b3\u03b1")
    emit("info", {}, 'customer wrote "thanks!" and left')
    emit("info", {}, "export path C:\\orders\\2024\\ and a trailing "
         "backslash \\")
    emit("info", {}, "multi-line message:\nsecond line\n\tthird, tabbed")
    time.sleep(0.003)
    emit("warning", {"disk": {"mount": "/var", "used_pct": 91.2}},
         "disk usage 91% on /var")
    emit("error", {"upstream": "inventory", "attempts": 3},
         "upstream unavailable")
    emit("critical", {"reason": "SIGTERM"}, "shutting down")
    emit("info", {"uptime_s": 12.5}, "service stopped")


main()
