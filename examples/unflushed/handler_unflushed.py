#!/usr/bin/env python3
"""The fast backend with the one line of log() that matters taken out.

It runs examples/fastbackend/handler_fast.py as it is, but with a log()
that no longer flushes stdout: print() to a pipe is block-buffered, so
stdout's copy of each line waits in the buffer while stderr's leaves at
once.  stdout's lines then arrive in bursts, when the buffer is flushed
(after the pip output) or when the process exits.  The text of every
line is unchanged: only a capture with arrival times (logcompat capture)
can tell the two backends apart.

Each message takes 30 ms of simulated work, so that the lag is visible;
apart from that, nothing real happens, as in the other examples.
"""

import os
import sys
import time
from datetime import datetime

sys.dont_write_bytecode = True  # leave no __pycache__ in fastbackend/
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "fastbackend"))
import handler_fast  # noqa: E402


def log(message, level="INFO"):
    """Unified logging to stdout and stderr for RunPod visibility"""
    time.sleep(0.03)
    timestamp = datetime.now().strftime("%H:%M:%S")
    log_msg = f"[{timestamp}] {level}: {message}"

    # DRIFT: stdout is no longer flushed after each line.
    print(log_msg)
    sys.stderr.write(f"{log_msg}\n")
    sys.stderr.flush()


handler_fast.log = log

if __name__ == "__main__":
    handler_fast.main()
