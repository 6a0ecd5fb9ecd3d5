#!/usr/bin/env python3
"""A backend whose logging has drifted from the runpod format.

It starts from examples/backend/rp_handler.py and makes the mistakes that
creep in when several people touch a handler; each is marked DRIFT below:

  - a WARNING level (Python logging's name) where the format says WARN;
  - a request logger that formats its own timestamp with a date in it;
  - a debugging print() in the log format that reaches stdout only;
  - a failure led by a red cross but logged at INFO;
  - an ANSI colour escape copied from a terminal-oriented helper.

Like the other examples it is a simulation: no installs, no network, no
sleeping, the same output on every run apart from the timestamps.
"""

import json
import sys
from datetime import datetime


def log(message, level="INFO"):
    """Unified logging to stdout and stderr for RunPod visibility"""
    timestamp = datetime.now().strftime("%H:%M:%S")
    log_msg = f"[{timestamp}] {level}: {message}"

    # Write to both stdout and stderr for maximum visibility
    print(log_msg)
    sys.stderr.write(f"{log_msg}\n")
    sys.stderr.flush()
    sys.stdout.flush()


def log_request(request_id, request_type, data):
    # DRIFT: its own copy of log() with a date in the timestamp.
    timestamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    log_msg = (f"[{timestamp}] INFO: 📥 [{request_id}] REQUEST {request_type} "
               f"data={json.dumps(data, sort_keys=True)}")
    print(log_msg)
    sys.stderr.write(f"{log_msg}\n")
    sys.stderr.flush()
    sys.stdout.flush()


def debug_print(message):
    # DRIFT: looks like a log line but goes to stdout only.
    timestamp = datetime.now().strftime("%H:%M:%S")
    print(f"[{timestamp}] INFO: {message}")
    sys.stdout.flush()


GREEN = "\033[32m"
RESET = "\033[0m"


def main():
    log("🎯 Starting RunPod handler (backend, drifted)", "INFO")
    log("🚀 Setting up environment at runtime...", "INFO")
    log("📦 Installing Redis and AWS dependencies...", "INFO")
    print("Collecting redis==5.0.1")
    print("Successfully installed redis-5.0.1")
    sys.stdout.flush()
    log("✅ Redis and AWS dependencies installed successfully", "INFO")
    log("🔌 Connecting to Redis at redis://redis.internal:6379/0", "INFO")
    # DRIFT: colour codes meant for a terminal end up in the log.
    log(f"{GREEN}✅ Redis connected (server 7.2.3){RESET}", "INFO")
    # DRIFT: logging's level name instead of WARN.
    log("⚠️ HF_TOKEN not set, only public models can be downloaded",
        "WARNING")
    log("☁️ Checking S3 bucket ai-studio-outputs (eu-central-1)", "INFO")
    # DRIFT: a failure marker at INFO.
    log("❌ S3 bucket ai-studio-outputs not reachable, using local disk",
        "INFO")
    log_request("req-000001", "generate_image",
                {"prompt": "a lighthouse at dusk", "steps": 30})
    debug_print("🔍 payload keys: prompt, steps")
    log("Environment already ready", "INFO")
    log("🗂️ Cache miss for img:9c1e4b", "INFO")
    log("📤 [req-000001] RESPONSE status=200 data={\"duration_ms\": 2140}",
        "INFO")
    log_request("req-000002", "upload_file", {"filename": "mask.png"})
    log("❌ [req-000002] ClientError: An error occurred (AccessDenied) when "
        "calling the PutObject operation: Access Denied", "ERROR")
    log("⚠️ Redis connection lost, reconnecting (attempt 1/3)", "WARNING")
    log("✅ Redis reconnected after 120 ms", "INFO")
    log("👋 Handler shutting down", "INFO")


if __name__ == "__main__":
    main()
