#!/usr/bin/env python3
"""Simulated RunPod backend (Redis / AWS flavour).

Logs exactly like Backend/app/rp_handler.py in the seed document: every
message goes through log(), which prints "[HH:MM:SS] LEVEL: message" to
stdout and writes the same line to stderr.  Like the real backend it adds a
structured RequestResponseLogger (core/logger.py there); here its records go
through the same log() so they reach both streams.

The run is simulated: no package is installed, there is no Redis, no S3 and
no network, and nothing sleeps, so the output is the same on every run apart
from the timestamps.  The pip output of the simulated install is printed to
stdout only, as a subprocess sharing the worker's stdout would print it.
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


class RequestResponseLogger:
    """Structured request logging, after Backend/core/logger.py."""

    def __init__(self):
        self.next_id = 1
        self.stats = {"requests": 0, "responses": 0, "errors": 0}

    def log_request(self, request_type, request_data, endpoint="",
                    user_id=None):
        request_id = f"req-{self.next_id:06d}"
        self.next_id += 1
        self.stats["requests"] += 1
        data = json.dumps(request_data, ensure_ascii=False, sort_keys=True)
        log(f"📥 [{request_id}] REQUEST {request_type} endpoint={endpoint} "
            f"user={user_id} data={data}", "INFO")
        return request_id

    def log_response(self, request_id, response_data, status_code=200,
                     error=None):
        self.stats["responses"] += 1
        data = json.dumps(response_data, ensure_ascii=False, sort_keys=True)
        if error is not None:
            log(f"📤 [{request_id}] RESPONSE status={status_code} "
                f"error={error!r}", "ERROR")
        else:
            log(f"📤 [{request_id}] RESPONSE status={status_code} "
                f"data={data}", "INFO")

    def log_error(self, error, context=None, request_id=None):
        self.stats["errors"] += 1
        ctx = json.dumps(context or {}, ensure_ascii=False, sort_keys=True)
        log(f"❌ [{request_id}] {type(error).__name__}: {error} "
            f"context={ctx}", "ERROR")

    def log_stats(self):
        s = self.stats
        log(f"📊 Log stats: requests={s['requests']} "
            f"responses={s['responses']} errors={s['errors']}", "INFO")


class ClientError(Exception):
    """Stands in for botocore.exceptions.ClientError."""


# What pip would print while installing; it shares the worker's stdout.
PIP_OUTPUT = [
    "Collecting redis==5.0.1",
    "  Downloading redis-5.0.1-py3-none-any.whl (250 kB)",
    "Collecting boto3==1.34.14",
    "  Downloading boto3-1.34.14-py3-none-any.whl (139 kB)",
    "Installing collected packages: redis, boto3",
    "Successfully installed boto3-1.34.14 redis-5.0.1",
]

BUCKET = "ai-studio-outputs"

# Requests in arrival order; "outcome" is what the simulated services do.
REQUESTS = [
    ("generate_image", {"prompt": "a lighthouse at dusk", "steps": 30},
     "/runsync", "user_1842", "generated"),
    ("get_status", {"job_id": "req-000001"}, "/status", "user_1842",
     "cache_hit"),
    ("generate_image", {"prompt": "ćma nad łąką", "steps": 50},
     "/run", "user_1842", "rate_warning"),
    ("upload_file", {"filename": "mask.png", "size": 48213},
     "/upload", "user_0077", "access_denied"),
    ("get_status", {"job_id": "req-000003"}, "/status", "user_1842",
     "redis_reconnect"),
]


class Backend:
    def __init__(self):
        self.environment_ready = False
        self.requests = RequestResponseLogger()

    def setup_environment(self):
        if self.environment_ready:
            log("Environment already ready", "INFO")
            return
        log("🚀 Setting up environment at runtime...", "INFO")
        log("📦 Installing Redis and AWS dependencies...", "INFO")
        for line in PIP_OUTPUT:
            print(line)
        sys.stdout.flush()
        log("✅ Redis and AWS dependencies installed successfully", "INFO")
        log("🤗 Setting up HuggingFace token...", "INFO")
        log("✅ HuggingFace token configured (hf_****3f9a)", "INFO")
        log("🔌 Connecting to Redis at redis://redis.internal:6379/0", "INFO")
        log("✅ Redis connected (server 7.2.3)", "INFO")
        log(f"☁️ Checking S3 bucket {BUCKET} (eu-central-1)", "INFO")
        log(f"✅ S3 bucket {BUCKET} reachable", "INFO")
        self.environment_ready = True

    def handle(self, request_type, data, endpoint, user_id, outcome):
        request_id = self.requests.log_request(request_type, data, endpoint,
                                               user_id)
        self.setup_environment()
        if outcome == "generated":
            log("🗂️ Cache miss for img:9c1e4b", "INFO")
            log(f"⬆️ Uploading s3://{BUCKET}/{user_id}/{request_id}.png "
                "(1.8 MB)", "INFO")
            self.requests.log_response(request_id, {
                "url": f"https://{BUCKET}.s3.amazonaws.com/{user_id}/"
                       f"{request_id}.png", "duration_ms": 2140})
        elif outcome == "cache_hit":
            log(f"⚡ Redis cache hit for status:{data['job_id']}", "INFO")
            self.requests.log_response(request_id, {"status": "COMPLETED"})
        elif outcome == "rate_warning":
            log(f"⚠️ Rate limit close for {user_id}: 58/60 requests "
                "this minute", "WARN")
            log("⏳ Queued as job req-000003 (position 2)", "INFO")
            self.requests.log_response(request_id, {"status": "IN_QUEUE"},
                                       status_code=202)
        elif outcome == "access_denied":
            log(f"⬆️ Uploading s3://{BUCKET}/uploads/{data['filename']}",
                "INFO")
            error = ClientError("An error occurred (AccessDenied) when "
                                "calling the PutObject operation: Access "
                                "Denied")
            self.requests.log_error(error, {"bucket": BUCKET,
                                            "key": "uploads/mask.png"},
                                    request_id)
            self.requests.log_response(request_id, {}, status_code=500,
                                       error="upload failed")
        elif outcome == "redis_reconnect":
            log("⚠️ Redis connection lost, reconnecting (attempt 1/3)",
                "WARN")
            log("✅ Redis reconnected after 120 ms", "INFO")
            self.requests.log_response(request_id, {"status": "IN_PROGRESS"})


def main():
    backend = Backend()
    log("🎯 Starting RunPod handler (backend)", "INFO")
    for request in REQUESTS:
        backend.handle(*request)
    backend.requests.log_stats()
    log("👋 Handler shutting down", "INFO")


if __name__ == "__main__":
    main()
