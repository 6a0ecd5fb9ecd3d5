#!/usr/bin/env python3
"""Write a large capture in the runpod format, for benchmarks.

The capture is a directory holding stdout.log and stderr.log as a RunPod
worker's log() leaves them: every log line "[HH:MM:SS] LEVEL: message" on
both streams, in the same order, and about 5% foreign lines (pip output,
tracebacks, progress bars, CUDA banners) on stdout only.  Levels, emoji and
messages follow the two backends of the seed document; the lines conform
to rules/runpod.yaml (error/warning markers sit on ERROR/WARN lines), so
the only findings are the foreign lines.

The output depends only on --seed and --size: the same arguments give the
same bytes.  --size is the size of stdout.log (at most that, ending on a
whole line); stderr.log is the same minus the foreign lines.

usage: gen-runpod.py [--size SIZE] [--seed N] DIR
       SIZE is bytes, or a number with K, M or G (powers of 1024); 100M
       by default.
"""

import argparse
import os
import random
import sys

LEVEL_INFO, LEVEL_WARN, LEVEL_ERROR = "INFO", "WARN", "ERROR"

MODELS = [
    "mistralai/Mistral-7B-Instruct-v0.2",
    "meta-llama/Llama-2-13b-chat-hf",
    "stabilityai/stable-diffusion-xl-base-1.0",
    "openai/whisper-large-v3",
    "BAAI/bge-large-en-v1.5",
]
USERS = [f"user_{n:04d}" for n in (77, 1842, 2290, 3105, 4417, 5120, 6063,
                                   7731, 8008, 9321)]
ENDPOINTS = ["/run", "/runsync", "/status", "/upload", "/cancel"]
BUCKET = "ai-studio-outputs"
PROMPTS = [
    "a lighthouse at dusk", "Summarise the release notes",
    "ćma nad łąką o świcie", "Translate this contract into German",
    "Write a haiku about GPUs", "zdjęcie produktu na białym tle",
    "explain attention in two sentences", "キャッシュの説明",
]


def build_templates(rng):
    """(weight, level, function giving the message) for every message kind."""

    def job():
        return f"job-{rng.randrange(16**6):06x}"

    def req():
        return f"req-{rng.randrange(10**6):06d}"

    def user():
        return rng.choice(USERS)

    def secs(low, high):
        return f"{rng.uniform(low, high):.2f}s"

    return [
        # Job flow (fast backend).
        (60, LEVEL_INFO, lambda: f"📨 Received job {job()}"),
        (40, LEVEL_INFO, lambda: "Environment already ready"),
        (35, LEVEL_INFO, lambda: (
            f"🧠 Generating: prompt {rng.randrange(4, 4000)} tokens, "
            f"max_new_tokens {rng.choice((128, 256, 512, 1024, 2048))}, "
            f"temperature {rng.choice(('0.2', '0.7', '1.0'))}")),
        (50, LEVEL_INFO, lambda: (
            f"✅ Job {job()} completed in {secs(0.3, 30)} "
            f"({rng.randrange(8, 2048)} tokens, "
            f"{rng.uniform(20, 120):.1f} tok/s)")),
        (6, LEVEL_INFO, lambda: f"📥 Loading model {rng.choice(MODELS)}..."),
        (6, LEVEL_INFO, lambda: (
            f"✅ Model loaded in {rng.uniform(5, 90):.1f}s "
            f"(dtype={rng.choice(('float16', 'bfloat16'))}, "
            f"device=cuda:{rng.randrange(4)})")),
        (4, LEVEL_INFO, lambda: "🚀 Setting up environment at runtime..."),
        (3, LEVEL_INFO, lambda: "📦 Installing PyTorch with CUDA..."),
        (3, LEVEL_INFO, lambda: "✅ PyTorch installed successfully"),
        (3, LEVEL_INFO, lambda: "🤗 Setting up HuggingFace token..."),
        (4, LEVEL_INFO, lambda: (
            f"🧹 Emptying CUDA cache ({rng.uniform(0.1, 8):.2f} GiB freed)")),
        (3, LEVEL_INFO, lambda: (
            f"📊 Processed {rng.randrange(1, 5000)} jobs: "
            f"{rng.randrange(1, 5000)} succeeded, {rng.randrange(50)} failed")),
        # Requests (backend with its request logger).
        (45, LEVEL_INFO, lambda: (
            f"📥 [{req()}] REQUEST generate_image "
            f"endpoint={rng.choice(ENDPOINTS)} user={user()} "
            f"data={{\"prompt\": \"{rng.choice(PROMPTS)}\", "
            f"\"steps\": {rng.choice((20, 30, 50))}}}")),
        (45, LEVEL_INFO, lambda: (
            f"📤 [{req()}] RESPONSE status={rng.choice((200, 200, 200, 202))} "
            f"duration_ms={rng.randrange(3, 30000)}")),
        (20, LEVEL_INFO, lambda: f"⚡ Redis cache hit for status:{req()}"),
        (15, LEVEL_INFO, lambda: f"🗂️ Cache miss for img:{rng.randrange(16**6):06x}"),
        (15, LEVEL_INFO, lambda: (
            f"⬆️ Uploading s3://{BUCKET}/{user()}/{req()}.png "
            f"({rng.uniform(0.1, 9.9):.1f} MB)")),
        (3, LEVEL_INFO, lambda: "🔌 Connecting to Redis at redis://redis.internal:6379/0"),
        (3, LEVEL_INFO, lambda: f"☁️ Checking S3 bucket {BUCKET} (eu-central-1)"),
        (4, LEVEL_INFO, lambda: f"Zadanie {job()} zakończone, wynik zapisany w {BUCKET}"),
        # Warnings.
        (8, LEVEL_WARN, lambda: (
            f"⚠️ max_new_tokens {rng.choice((3000, 4096, 8192))} exceeds "
            "limit 2048, clamping")),
        (6, LEVEL_WARN, lambda: (
            f"⚠️ CUDA memory high: {rng.uniform(20, 23.9):.1f} GiB of "
            "24.0 GiB in use")),
        (6, LEVEL_WARN, lambda: (
            f"⚠️ Rate limit close for {user()}: {rng.randrange(50, 60)}/60 "
            "requests this minute")),
        (4, LEVEL_WARN, lambda: (
            f"⚠️ Redis connection lost, reconnecting (attempt "
            f"{rng.randrange(1, 4)}/3)")),
        (3, LEVEL_WARN, lambda: "HF_TOKEN not set, only public models can be downloaded"),
        # Errors.
        (5, LEVEL_ERROR, lambda: f"❌ Job {job()} failed: input.prompt is required"),
        (4, LEVEL_ERROR, lambda: (
            f"❌ CUDA out of memory. Tried to allocate "
            f"{rng.choice(('512.00 MiB', '1.00 GiB', '2.00 GiB'))} "
            "(GPU 0; 23.69 GiB total capacity)")),
        (4, LEVEL_ERROR, lambda: (
            f"❌ [{req()}] ClientError: An error occurred (AccessDenied) "
            "when calling the PutObject operation: Access Denied "
            f"context={{\"bucket\": \"{BUCKET}\"}}")),
        (3, LEVEL_ERROR, lambda: (
            f"📤 [{req()}] RESPONSE status={rng.choice((500, 502, 504))} "
            "error='upstream failed'")),
        (1, LEVEL_ERROR, lambda: "💥 Worker crashed, restarting handler"),
    ]


# Foreign blocks: what else reaches a worker's stdout.  Each is a list of lines.
def build_foreign(rng):
    def pip():
        name, version = rng.choice((("torch", "2.1.0"), ("redis", "5.0.1"),
                                    ("boto3", "1.34.14"),
                                    ("transformers", "4.36.2")))
        return [
            f"Collecting {name}=={version}",
            f"  Downloading {name}-{version}-py3-none-any.whl "
            f"({rng.randrange(40, 900)} kB)",
            f"Installing collected packages: {name}",
            f"Successfully installed {name}-{version}",
        ]

    def traceback():
        return [
            "Traceback (most recent call last):",
            '  File "/app/handler.py", line 57, in handler',
            '    prompt = job["input"]["prompt"]',
            "KeyError: 'prompt'",
        ]

    def progress():
        n = rng.randrange(1, 4)
        return [f"Loading checkpoint shards: {100 * n // 3:3d}%|"
                f"{'█' * (10 * n // 3):<10}| {n}/3 "
                f"[00:{rng.randrange(60):02d}<00:00,  {rng.uniform(1, 3):.2f}s/it]"]

    def cuda():
        return [f"CUDA available: True, device count: {rng.randrange(1, 5)}",
                "[notice] A new release of pip is available: 23.3.1 -> 24.0"]

    return [(3, pip), (2, traceback), (4, progress), (2, cuda)]


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B")
    scale = units.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in units else text
    try:
        size = int(float(number) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    if size <= 0:
        raise argparse.ArgumentTypeError("size must be positive")
    return size


def generate(directory, size, seed):
    rng = random.Random(seed)
    templates = build_templates(rng)
    weights = [w for w, _, _ in templates]
    foreign = build_foreign(rng)
    foreign_weights = [w for w, _ in foreign]
    # Blocks average about 2.5 lines: start one before ~2% of log lines to
    # make ~5% of stdout's lines foreign.
    foreign_start = 0.021

    os.makedirs(directory, exist_ok=True)
    out_path = os.path.join(directory, "stdout.log")
    err_path = os.path.join(directory, "stderr.log")
    seconds = 8 * 3600 + rng.randrange(3600)
    written = log_lines = foreign_lines = 0
    batch = 20000
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        while written < size:
            out_chunk, err_chunk, out_is_log = [], [], []
            for template in rng.choices(templates, weights, k=batch):
                if rng.random() < foreign_start:
                    _, block = rng.choices(foreign, foreign_weights)[0]
                    lines = block()
                    out_chunk.extend(lines)
                    out_is_log.extend([False] * len(lines))
                    foreign_lines += len(lines)
                # About 40 log lines per second; the clock wraps at midnight
                # as %H:%M:%S does.
                if rng.random() < 0.025:
                    seconds += 1
                s = seconds % 86400
                _, level, message = template
                line = (f"[{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}] "
                        f"{level}: {message()}")
                out_chunk.append(line)
                out_is_log.append(True)
                err_chunk.append(line)
                log_lines += 1
            out_bytes = ("\n".join(out_chunk) + "\n").encode("utf-8")
            err_bytes = ("\n".join(err_chunk) + "\n").encode("utf-8")
            if written + len(out_bytes) > size:
                out_bytes, err_bytes, cut_log, cut_foreign = trim(
                    out_chunk, out_is_log, size - written)
                log_lines -= len(err_chunk) - cut_log
                foreign_lines -= (len(out_chunk) - len(err_chunk)) - cut_foreign
                out.write(out_bytes)
                err.write(err_bytes)
                break
            out.write(out_bytes)
            err.write(err_bytes)
            written += len(out_bytes)
    return log_lines, foreign_lines


def trim(out_chunk, out_is_log, room):
    """Keep the lines of the last chunk that fit in room bytes of stdout."""
    kept = 0
    used = 0
    for line in out_chunk:
        length = len(line.encode("utf-8")) + 1
        if used + length > room:
            break
        kept += 1
        used += length
    kept_out = out_chunk[:kept]
    # stderr gets the log lines among the kept stdout lines, in order.
    kept_err = [line for line, is_log in zip(kept_out, out_is_log)
                if is_log]
    out_bytes = ("".join(line + "\n" for line in kept_out)).encode("utf-8")
    err_bytes = ("".join(line + "\n" for line in kept_err)).encode("utf-8")
    return out_bytes, err_bytes, len(kept_err), kept - len(kept_err)


def main():
    parser = argparse.ArgumentParser(
        description="Write a runpod-format capture (stdout.log, stderr.log) "
                    "for benchmarks.")
    parser.add_argument("directory", help="capture directory to write")
    parser.add_argument("--size", type=parse_size, default=100 << 20,
                        help="size of stdout.log: bytes or N[KMG] "
                             "(default 100M)")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed (default 1)")
    args = parser.parse_args()
    log_lines, foreign_lines = generate(args.directory, args.size, args.seed)
    total = log_lines + foreign_lines
    print(f"{args.directory}: {log_lines} log lines on both streams, "
          f"{foreign_lines} foreign lines on stdout "
          f"({100 * foreign_lines / max(total, 1):.1f}% of stdout)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
