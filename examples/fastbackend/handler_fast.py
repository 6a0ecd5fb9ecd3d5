#!/usr/bin/env python3
"""Simulated RunPod fast backend (PyTorch / ML flavour).

Logs exactly like runpod-fastbackend/handler_fast.py in the seed document:
every message goes through log(), which prints "[HH:MM:SS] LEVEL: message"
to stdout and writes the same line to stderr.  The job run is simulated: no
package is installed, nothing touches the network and nothing sleeps, so the
output is the same on every run apart from the timestamps.  The pip output
of the simulated install is printed to stdout only, as a subprocess sharing
the worker's stdout would print it.
"""

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


MODEL_ID = "mistralai/Mistral-7B-Instruct-v0.2"
MAX_NEW_TOKENS = 2048

# What pip would print while installing; it shares the worker's stdout.
PIP_TORCH_OUTPUT = [
    "Looking in indexes: https://download.pytorch.org/whl/cu121",
    "Collecting torch==2.1.0",
    "  Downloading https://download.pytorch.org/whl/cu121/"
    "torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl (2200.6 MB)",
    "Installing collected packages: torch",
    "Successfully installed torch-2.1.0+cu121",
]

# The jobs RunPod hands to the worker, in order, with what the simulated
# model run reports for each: (prompt tokens, generated tokens, seconds).
JOBS = [
    {"id": "job-7f3a01", "input": {"prompt": "Summarise the release notes",
                                   "max_new_tokens": 256},
     "run": (42, 256, 3.21)},
    {"id": "job-7f3a02", "input": {"prompt": "Write a haiku about GPUs",
                                   "max_new_tokens": 4096},
     "run": (18, 61, 0.84)},
    {"id": "job-7f3a03", "input": {"max_new_tokens": 128},
     "run": None},
    {"id": "job-7f3a04", "input": {"prompt": "Translate this contract",
                                   "max_new_tokens": 1024},
     "run": (1874, 1024, 14.92), "oom_first": True},
]


class Worker:
    def __init__(self):
        self.environment_ready = False
        self.succeeded = 0
        self.failed = 0

    def setup_environment(self):
        if self.environment_ready:
            log("Environment already ready", "INFO")
            return
        log("🚀 Setting up environment at runtime...", "INFO")
        log("🐍 Python 3.10.12, pip 23.3.1", "INFO")
        log("📦 Installing PyTorch with CUDA...", "INFO")
        for line in PIP_TORCH_OUTPUT:
            print(line)
        sys.stdout.flush()
        log("✅ PyTorch installed successfully", "INFO")
        log("🔥 torch 2.1.0+cu121, CUDA 12.1 available: True", "INFO")
        log("🎮 GPU 0: NVIDIA RTX A5000, 24564 MiB", "INFO")
        log("📦 Installing transformers and accelerate...", "INFO")
        log("✅ transformers 4.36.2 and accelerate 0.25.0 installed", "INFO")
        log("🤗 Setting up HuggingFace token...", "INFO")
        log("⚠️ HF_TOKEN not set, only public models can be downloaded",
            "WARN")
        log(f"📥 Loading model {MODEL_ID}...", "INFO")
        log("⏳ Downloading 3 safetensors shards (14.5 GB)", "INFO")
        log("✅ Model loaded in 41.7s (dtype=float16, device=cuda:0)", "INFO")
        self.environment_ready = True

    def run_job(self, job):
        log(f"📨 Received job {job['id']}", "INFO")
        self.setup_environment()
        params = job["input"]
        if "prompt" not in params:
            log(f"❌ Job {job['id']} failed: input.prompt is required",
                "ERROR")
            self.failed += 1
            return
        max_new = params["max_new_tokens"]
        if max_new > MAX_NEW_TOKENS:
            log(f"⚠️ max_new_tokens {max_new} exceeds limit "
                f"{MAX_NEW_TOKENS}, clamping", "WARN")
            max_new = MAX_NEW_TOKENS
        prompt_tokens, generated, seconds = job["run"]
        log(f"🧠 Generating: prompt {prompt_tokens} tokens, "
            f"max_new_tokens {max_new}, temperature 0.7", "INFO")
        if job.get("oom_first"):
            log("⚠️ CUDA memory high: 22.9 GiB of 24.0 GiB in use", "WARN")
            log("❌ CUDA out of memory. Tried to allocate 2.00 GiB "
                "(GPU 0; 23.69 GiB total capacity)", "ERROR")
            log("🧹 Emptying CUDA cache and retrying with batch size 1",
                "INFO")
        log(f"✅ Job {job['id']} completed in {seconds:.2f}s "
            f"({generated} tokens, {generated / seconds:.1f} tok/s)", "INFO")
        self.succeeded += 1


def main():
    worker = Worker()
    log("🎯 Starting RunPod serverless worker (fast backend)", "INFO")
    for job in JOBS:
        worker.run_job(job)
    log(f"📊 Processed {len(JOBS)} jobs: {worker.succeeded} succeeded, "
        f"{worker.failed} failed", "INFO")
    log("👋 Worker shutting down", "INFO")


if __name__ == "__main__":
    main()
