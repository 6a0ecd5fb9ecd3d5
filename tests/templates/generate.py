#!/usr/bin/env python3
"""Write the labelled template sets in this folder (see README.md).

Each set is a list of log statements ("call sites"); every line a statement
prints is labelled with that statement's group.  Values are drawn from a
seeded random generator, so running this again writes the same files:

    python3 tests/templates/generate.py tests/templates

The statements were written by hand to resemble real workers and servers.
They are not copied from LogHub; hdfs, openssh and nginx only follow the
shape of those systems' messages.
"""

import os
import random
import sys
import uuid

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)


def write(name, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for group, level, emoji, message in rows:
            for field in (group, level, emoji, message):
                assert "\t" not in field and "\n" not in field, field
            f.write(f"{group}\t{level}\t{emoji}\t{message}\n")
    print(f"{path}: {len(rows)} lines, "
          f"{len(set(r[0] for r in rows))} groups")


# --------------------------------------------------------------- seed ---
# A RunPod serverless worker in the style of runpod-fastbackend/ and
# Backend/ (see shared/seed/logging-comparison.md): log(message, level)
# with a leading emoji.  The seven messages quoted in that document come
# first; the rest are invented call sites with variables.

def seed_set(r):
    gpus = ["NVIDIA A100-SXM4-80GB", "NVIDIA GeForce RTX 4090",
            "NVIDIA H100 80GB HBM3", "NVIDIA RTX A6000", "NVIDIA L40S",
            "NVIDIA A40", "Tesla V100-SXM2-16GB"]
    models = ["meta-llama/Llama-2-7b-chat-hf", "mistralai/Mistral-7B-v0.1",
              "stabilityai/stable-diffusion-xl-base-1.0",
              "openai/whisper-large-v3", "black-forest-labs/FLUX.1-dev",
              "Qwen/Qwen2-7B-Instruct"]
    packages = ["transformers", "accelerate", "diffusers", "xformers",
                "safetensors", "bitsandbytes", "redis", "boto3"]
    errors = ["Connection reset by peer", "Timeout reading from socket",
              "Connection refused", "Error 104 while writing to socket",
              "Broken pipe"]
    exceptions = ["KeyError: 'input'", "ValueError: prompt must not be empty",
                  "RuntimeError: CUDA error: device-side assert triggered",
                  "TypeError: 'NoneType' object is not subscriptable",
                  "FileNotFoundError: [Errno 2] No such file or directory: "
                  "'/workspace/cache/config.json'"]
    buckets = ["runpod-outputs", "ml-artifacts-prod", "gen-images"]
    hosts = ["redis-master.default.svc", "10.0.4.17", "cache.internal"]

    def job_id():
        return f"{uuid.UUID(int=r.getrandbits(128), version=4)}-u1"

    def short():
        return "%06x" % r.getrandbits(24)

    def secs():
        return f"{r.uniform(0.05, 90):.2f}"

    def size_gb():
        return f"{r.uniform(0.3, 9.9):.1f}"

    def path():
        return r.choice(["/workspace/outputs", "/runpod-volume/out",
                         "/tmp/results"]) + f"/{short()}." + \
            r.choice(["png", "json", "wav", "safetensors"])

    rows = []

    def log(group, level, emoji, message):
        rows.append((group, level, emoji, message))

    for session in range(24):
        # Start-up, as in handler_fast.py and rp_handler.py.
        fast = session % 2 == 0
        log("worker-start", "INFO", "🚀",
            f"Worker started (pid {r.randint(7, 65000)}, python "
            f"3.{r.choice([10, 11])}.{r.randint(0, 14)})")
        if r.random() < 0.3:
            log("env-ready", "INFO", "", "Environment already ready")
        else:
            log("env-setup", "INFO", "🚀",
                "Setting up environment at runtime...")
            if fast:
                log("install-pytorch", "INFO", "📦",
                    "Installing PyTorch with CUDA...")
                log("pytorch-installed", "INFO", "✅",
                    "PyTorch installed successfully")
            else:
                log("install-redis-aws", "INFO", "📦",
                    "Installing Redis and AWS dependencies...")
                log("redis-aws-installed", "INFO", "✅",
                    "Redis and AWS dependencies installed successfully")
            for package in r.sample(packages, r.randint(1, 4)):
                log("pip-install", "INFO", "📦",
                    f"Installing {package}=={r.randint(0, 4)}."
                    f"{r.randint(0, 40)}.{r.randint(0, 9)}")
        log("hf-token", "INFO", "🤗", "Setting up HuggingFace token...")
        if r.random() < 0.25:
            log("hf-token-missing", "WARN", "⚠️",
                "HF_TOKEN not set, using anonymous access")
        else:
            log("hf-token-ok", "INFO", "🔑", "HuggingFace token configured")
        gpu = r.choice(gpus)
        log("gpu-detected", "INFO", "🖥️",
            f"GPU detected: {gpu} ({r.choice([16, 24, 48, 80])} GB VRAM)")
        log("torch-versions", "INFO", "🐍",
            f"torch 2.{r.randint(0, 3)}.{r.randint(0, 2)}+cu"
            f"{r.choice([118, 121])}, CUDA 12.{r.randint(0, 4)}, cuDNN "
            f"{r.choice([8700, 8902, 90100])}")
        log("precision", "INFO", "🧠",
            f"Using {r.choice(['fp16', 'bf16', 'fp32'])} precision on "
            f"cuda:{r.randint(0, 3)}")
        if not fast:
            host = r.choice(hosts)
            log("redis-connected", "INFO", "📡",
                f"Connected to Redis at {host}:{r.choice([6379, 6380])}")
        model = r.choice(models)
        shards = r.randint(2, 8)
        for shard in range(1, shards + 1):
            log("download-shard", "INFO", "⬇️",
                f"Downloading model shard {shard}/{shards} ({size_gb()} GB)")
        log("model-loading", "INFO", "📦",
            f"Loading model {model} from /runpod-volume/models/"
            f"{model.split('/')[1]}")
        log("model-loaded", "INFO", "✅", f"Model {model} loaded in {secs()}s")
        log("worker-idle", "INFO", "🏁", "Worker idle, waiting for jobs")

        for job in range(r.randint(3, 14)):
            jid = job_id()
            log("job-received", "INFO", "📥", f"Received job {jid}")
            if r.random() < 0.3:
                log("job-queued", "INFO", "⏳",
                    f"Job {jid} waited {r.randint(1, 300)}s in queue")
            tokens = r.randint(3, 4000)
            log("prompt-length", "INFO", "📝", f"Prompt length: {tokens} tokens")
            if tokens > 3000:
                log("prompt-truncated", "WARN", "⚠️",
                    f"Prompt truncated from {tokens} to 3000 tokens")
            if r.random() < 0.3:
                log("batch-size", "INFO", "🔢",
                    f"Batch size set to {r.choice([1, 2, 4, 8, 16])}")
            steps = r.choice([20, 30, 50])
            if "diffusion" in model or "FLUX" in model:
                images = r.randint(1, 4)
                for i in range(1, images + 1):
                    log("image-start", "INFO", "🎨",
                        f"Generating image {i}/{images} with seed "
                        f"{r.getrandbits(32)}, {steps} steps, guidance "
                        f"{r.choice([3.5, 5.0, 7.5])}")
                    side = r.choice([512, 768, 1024])
                    log("image-done", "INFO", "🖼️",
                        f"Image {i} generated in {secs()}s ({side}x{side})")
            for pct in sorted(r.sample(range(5, 100, 5), r.randint(0, 4))):
                log("progress", "INFO", "📊",
                    f"Progress: {pct}% ({pct * steps // 100}/{steps} steps)")
            log("inference-time", "INFO", "⏱️",
                f"Inference took {r.randint(40, 9000)}ms "
                f"({r.uniform(5, 120):.1f} tokens/s)")
            if r.random() < 0.2:
                log("gpu-temp", "INFO", "🌡️",
                    f"GPU temperature {r.randint(40, 88)}°C, utilization "
                    f"{r.randint(10, 100)}%")
            if r.random() < 0.15:
                log("gpu-memory-high", "WARN", "⚠️",
                    f"GPU memory usage high: {r.randint(85, 99)}% of "
                    f"{r.choice([24, 48, 80])} GB")
            fate = r.random()
            if fate < 0.06:
                log("cuda-oom", "ERROR", "❌",
                    f"Job {jid} failed: CUDA out of memory. Tried to "
                    f"allocate {r.uniform(0.5, 20):.2f} GiB")
                continue
            if fate < 0.10:
                log("handler-exception", "ERROR", "💥",
                    f"Unhandled exception in handler: {r.choice(exceptions)}")
                continue
            if fate < 0.13:
                log("job-timeout", "WARN", "⏰",
                    f"Job {jid} exceeded timeout of "
                    f"{r.choice([300, 600, 900])}s, cancelling")
                continue
            out = path()
            log("output-saved", "INFO", "💾",
                f"Saved output to {out} ({r.uniform(0.1, 900):.1f} MB)")
            if not fast:
                bucket = r.choice(buckets)
                log("s3-upload", "INFO", "☁️",
                    f"Uploading {out.rsplit('/', 1)[1]} to s3://{bucket}/"
                    f"jobs/{jid}/")
                attempts = 0
                while r.random() < 0.15 and attempts < 3:
                    attempts += 1
                    log("s3-retry", "WARN", "🔄",
                        f"Retrying upload to s3://{bucket}/jobs/{jid}/ "
                        f"(attempt {attempts}/3)")
                if r.random() < 0.1:
                    log("redis-lost", "ERROR", "❌",
                        f"Redis connection lost: {r.choice(errors)}")
                log("s3-done", "INFO", "✅",
                    f"Upload complete: {r.randint(1, 12)} files, "
                    f"{r.uniform(0.1, 900):.1f} MB in {secs()}s")
            if r.random() < 0.2:
                log("webhook", "INFO", "📨",
                    f"Sending webhook to https://api.example.com/hooks/"
                    f"{short()}?job={jid}")
                if r.random() < 0.2:
                    log("webhook-failed", "ERROR", "❌",
                        f"Failed to call webhook: HTTP "
                        f"{r.choice([500, 502, 503, 404])}")
            log("job-processed", "INFO", "✅",
                f"Processed job {short()} in {secs()}s")
            log("job-completed", "INFO", "✅",
                f"Job {jid} completed successfully")
        if r.random() < 0.5:
            log("cleanup", "INFO", "🧹",
                f"Cleaning up {r.randint(1, 60)} temporary files")
        log("shutdown", "INFO", "👋",
            f"Shutting down worker after {r.randint(3, 14)} jobs")
    return rows


# --------------------------------------------------------------- hdfs ---
# A Hadoop DataNode/NameNode in the shape of HDFS logs: block ids,
# addresses with ports, sizes, task paths.

def hdfs_set(r):
    def blk():
        return f"blk_{r.choice(['', '-'])}{r.getrandbits(62)}"

    def ip():
        return f"10.25{r.randint(0, 1)}.{r.randint(1, 254)}.{r.randint(1, 254)}"

    def addr():
        return f"{ip()}:50010"

    def size():
        return str(r.choice([67108864, r.randint(1000, 67108863)]))

    def task_path():
        job = f"200811{r.randint(10, 11)}{r.randint(1000, 2359)}_{r.randint(1, 20):04d}"
        part = r.randint(0, 999)
        return (f"/user/root/rand{r.randint(1, 9)}/_temporary/_task_{job}_m_"
                f"{part:06d}_0/part-{part:05d}")

    rows = []

    def log(group, level, message):
        rows.append((group, level, "", message))

    for _ in range(260):
        b = blk()
        log("allocate", "INFO",
            f"BLOCK* NameSystem.allocateBlock: {task_path()}. {b}")
        replicas = [addr() for _ in range(3)]
        for rep in replicas:
            log("receiving", "INFO",
                f"Receiving block {b} src: /{ip()}:{r.randint(30000, 60000)} "
                f"dest: /{rep}")
        s = size()
        for i, rep in enumerate(replicas):
            log("responder-term", "INFO",
                f"PacketResponder {i} for block {b} terminating")
            log("received", "INFO",
                f"Received block {b} of size {s} from /{ip()}")
            log("stored", "INFO",
                f"BLOCK* NameSystem.addStoredBlock: blockMap updated: {rep} "
                f"is added to {b} size {s}")
        if r.random() < 0.3:
            log("verify", "INFO", f"Verification succeeded for {b}")
        if r.random() < 0.25:
            log("served", "INFO", f"{replicas[0]} Served block {b} to /{ip()}")
        if r.random() < 0.05:
            log("serve-exception", "WARN",
                f"{replicas[0]}:Got exception while serving {b} to /{ip()}:")
        if r.random() < 0.04:
            log("empty-packet", "INFO", f"Receiving empty packet for block {b}")
        if r.random() < 0.05:
            log("receive-exception", "INFO",
                f"Exception in receiveBlock for block {b} java.io.IOException: "
                f"Connection reset by peer")
        if r.random() < 0.05:
            log("write-exception", "INFO",
                f"writeBlock {b} received exception java.io.IOException: "
                f"Could not read from stream")
        if r.random() < 0.06:
            log("replicate", "INFO",
                f"BLOCK* ask {replicas[0]} to replicate {b} to datanode(s) "
                f"{addr()}")
            log("transfer-start", "INFO",
                f"{replicas[0]} Starting thread to transfer block {b} to "
                f"{addr()}")
            log("transmitted", "INFO",
                f"{replicas[0]}:Transmitted block {b} to /{addr()}")
        if r.random() < 0.04:
            log("redundant", "INFO",
                f"BLOCK* NameSystem.addStoredBlock: Redundant addStoredBlock "
                f"request received for {b} on {addr()} size {s}")
        if r.random() < 0.2:
            for rep in replicas:
                log("invalidset", "INFO",
                    f"BLOCK* NameSystem.delete: {b} is added to invalidSet of "
                    f"{rep}")
            log("deleting", "INFO",
                f"Deleting block {b} file /mnt/hadoop/dfs/data/current/"
                f"subdir{r.randint(0, 63)}/{b}")
    return rows


# ------------------------------------------------------------ openssh ---
# sshd under a brute-force attack, in the shape of OpenSSH logs.

def openssh_set(r):
    users = ["admin", "test", "oracle", "ubuntu", "git", "postgres", "user",
             "guest", "ftpuser", "support", "pi", "hadoop", "jenkins"]
    names = ["185-22-174-9.static.example.net", "ns1.badhost.org",
             "customer-187-141-143-180.uninet-ide.com.mx", "112.95.230.3"]

    def ip():
        return f"{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def port():
        return str(r.randint(1024, 65535))

    rows = []

    def log(group, level, message):
        rows.append((group, level, "", message))

    for _ in range(330):
        src = ip()
        kind = r.random()
        if kind < 0.2:
            name = r.choice(names)
            log("reverse-mapping", "INFO",
                f"reverse mapping checking getaddrinfo for {name} [{src}] "
                f"failed - POSSIBLE BREAK-IN ATTEMPT!")
        if kind < 0.55:
            user = r.choice(users)
            log("invalid-user", "INFO", f"Invalid user {user} from {src}")
            log("userauth-invalid", "INFO",
                f"input_userauth_request: invalid user {user} [preauth]")
            log("check-pass", "INFO",
                "pam_unix(sshd:auth): check pass; user unknown")
            log("auth-failure", "INFO",
                f"pam_unix(sshd:auth): authentication failure; logname= uid=0 "
                f"euid=0 tty=ssh ruser= rhost={src}")
            log("failed-invalid", "INFO",
                f"Failed password for invalid user {user} from {src} port "
                f"{port()} ssh2")
            if r.random() < 0.5:
                log("disconnect-bye", "INFO",
                    f"Received disconnect from {src}: 11: Bye Bye [preauth]")
            else:
                log("closed-preauth", "INFO",
                    f"Connection closed by {src} [preauth]")
        elif kind < 0.85:
            tries = r.randint(1, 6)
            log("auth-failure-user", "INFO",
                f"pam_unix(sshd:auth): authentication failure; logname= uid=0 "
                f"euid=0 tty=ssh ruser= rhost={src}  user=root")
            for _ in range(tries):
                log("failed-password", "INFO",
                    f"Failed password for root from {src} port {port()} ssh2")
            if tries > 2 and r.random() < 0.5:
                log("repeated", "INFO",
                    f"message repeated {tries - 1} times: [ Failed password "
                    f"for root from {src} port {port()} ssh2]")
            if tries >= 6:
                log("too-many", "INFO",
                    "Disconnecting: Too many authentication failures for root "
                    "[preauth]")
                log("pam-more", "INFO",
                    f"PAM {tries - 1} more authentication failures; logname= "
                    f"uid=0 euid=0 tty=ssh ruser= rhost={src}  user=root")
                log("pam-ignore", "INFO",
                    f"PAM service(sshd) ignoring max retries; {tries} > 3")
            else:
                log("disconnect-bye", "INFO",
                    f"Received disconnect from {src}: 11: Bye Bye [preauth]")
        elif kind < 0.93:
            user = r.choice(["fztu", "curi", "admin", "deploy"])
            log("accepted", "INFO",
                f"Accepted password for {user} from {src} port {port()} ssh2")
            log("session-opened", "INFO",
                f"pam_unix(sshd:session): session opened for user {user} by "
                f"(uid=0)")
            log("session-closed", "INFO",
                f"pam_unix(sshd:session): session closed for user {user}")
            log("disconnect-user", "INFO",
                f"Received disconnect from {src}: 11: disconnected by user")
        elif kind < 0.97:
            log("no-ident", "INFO",
                f"Did not receive identification string from {src}")
        else:
            log("socket-reset", "ERROR",
                "fatal: Read from socket failed: Connection reset by peer "
                "[preauth]")
            if r.random() < 0.5:
                log("jsch", "ERROR",
                    f"error: Received disconnect from {src}: 3: "
                    f"com.jcraft.jsch.JSchException: Auth fail [preauth]")
    return rows


# -------------------------------------------------------------- nginx ---
# An nginx error log in front of an API.  The message is what follows
# "[level] PID#TID: ", as a rule file would capture it; "*CONN" (the
# connection number) is part of it.

def nginx_set(r):
    servers = ["api.example.com", "www.example.com", "_"]
    paths = ["/v1/jobs", "/v1/jobs/status", "/health", "/v1/images/upload",
             "/favicon.ico", "/wp-login.php", "/.env", "/v1/models"]
    methods = ["GET", "POST", "PUT"]

    def ip():
        return f"{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def head():
        return f"*{r.randint(1, 999999)}"

    def tail(path, upstream=True):
        server = r.choice(servers)
        text = (f"client: {ip()}, server: {server}, request: "
                f"\"{r.choice(methods)} {path} HTTP/1.1\"")
        if upstream:
            text += f", upstream: \"http://127.0.0.1:{r.choice([8000, 8001])}{path}\""
        return text + f", host: \"{server}\""

    rows = []

    def log(group, level, message):
        rows.append((group, level, "", message))

    for cycle in range(3):
        log("signal-started", "notice", f"signal process started")
        log("epoll", "notice", f"using the \"epoll\" event method")
        log("version", "notice", f"nginx/1.{r.choice([18, 24, 25])}.0")
        log("built-by", "notice",
            f"built by gcc 12.2.0 (Debian 12.2.0-14)")
        log("os", "notice", f"OS: Linux 6.1.0-{r.randint(10, 28)}-amd64")
        log("rlimit", "notice",
            f"getrlimit(RLIMIT_NOFILE): 1024:524288")
        log("start-workers", "notice", f"start worker processes")
        for w in range(4):
            log("start-worker", "notice",
                f"start worker process {1021 + w + 10 * cycle}")
        for _ in range(r.randint(350, 450)):
            kind = r.random()
            path = r.choice(paths)
            if kind < 0.25:
                log("open-failed", "error",
                    f"{head()} open() \"/usr/share/nginx/html{path}\" failed "
                    f"(2: No such file or directory), {tail(path, False)}")
            elif kind < 0.40:
                log("upstream-timeout", "error",
                    f"{head()} upstream timed out (110: Connection timed out) "
                    f"while reading response header from upstream, {tail(path)}")
            elif kind < 0.55:
                log("connect-refused", "error",
                    f"{head()} connect() failed (111: Connection refused) while "
                    f"connecting to upstream, {tail(path)}")
            elif kind < 0.63:
                log("recv-reset", "error",
                    f"{head()} recv() failed (104: Connection reset by peer) "
                    f"while reading response header from upstream, {tail(path)}")
            elif kind < 0.70:
                log("no-live", "error",
                    f"{head()} no live upstreams while connecting to upstream, "
                    f"{tail(path)}")
            elif kind < 0.78:
                log("body-too-large", "error",
                    f"{head()} client intended to send too large body: "
                    f"{r.randint(10485761, 99999999)} bytes, {tail(path, False)}")
            elif kind < 0.86:
                log("limiting", "error",
                    f"{head()} limiting requests, excess: "
                    f"{r.uniform(0.1, 20):.3f} by zone \"api\", {tail(path, False)}")
            elif kind < 0.92:
                log("buffered", "warn",
                    f"{head()} an upstream response is buffered to a temporary "
                    f"file /var/cache/nginx/proxy_temp/{r.randint(1, 9)}/"
                    f"{r.randint(10, 99)}/{r.randint(10 ** 9, 10 ** 10)} while "
                    f"reading upstream, {tail(path)}")
            elif kind < 0.96:
                log("ssl-handshake", "crit",
                    f"{head()} SSL_do_handshake() failed (SSL: error:0A00006C:"
                    f"SSL routines::bad key share) while SSL handshaking, "
                    f"client: {ip()}, server: 0.0.0.0:443")
            else:
                log("client-closed", "info",
                    f"{head()} client {ip()} closed keepalive connection")
        log("signal-received", "notice",
            f"signal 17 (SIGCHLD) received from {1021 + 10 * cycle}")
        for w in range(4):
            log("worker-exited", "notice",
                f"worker process {1021 + w + 10 * cycle} exited "
                f"with code 0")
        log("gracefully", "notice", "gracefully shutting down")
        log("exiting", "notice", "exiting")
        log("exit", "notice", "exit")
    return rows


# ----------------------------------------------------------- postgres ---
# A PostgreSQL server: connections, checkpoints, autovacuum, slow
# statements and errors.  Written after the miner's defaults were fixed,
# and not used to choose them: a held-out set.

def postgres_set(r):
    users = ["app", "worker", "readonly", "postgres"]
    tables = ["jobs", "results", "users", "api_keys", "webhooks"]
    queries = [
        "SELECT * FROM jobs WHERE id = {n}",
        "UPDATE jobs SET status = 'done' WHERE id = {n}",
        "INSERT INTO results (job_id, url) VALUES ({n}, 's3://b/{n}')",
        "DELETE FROM webhooks WHERE created_at < now() - interval '7 days'",
        "SELECT count(*) FROM jobs",
    ]

    def ip():
        return f"10.0.{r.randint(0, 9)}.{r.randint(2, 250)}"

    rows = []

    def log(group, level, message):
        rows.append((group, level, "", message))

    log("starting", "LOG",
        "starting PostgreSQL 15.5 (Debian 15.5-0+deb12u1) on "
        "x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, "
        "64-bit")
    log("listening-ip", "LOG",
        "listening on IPv4 address \"0.0.0.0\", port 5432")
    log("listening-unix", "LOG",
        "listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"")
    log("shut-down-at", "LOG",
        "database system was shut down at 2024-01-15 10:00:00 UTC")
    log("ready", "LOG", "database system is ready to accept connections")
    for _ in range(420):
        host, port = ip(), r.randint(30000, 60999)
        user, table = r.choice(users), r.choice(tables)
        kind = r.random()
        if kind < 0.45:
            log("conn-received", "LOG",
                f"connection received: host={host} port={port}")
            if r.random() < 0.05:
                log("password-failed", "FATAL",
                    f"password authentication failed for user \"{user}\"")
                continue
            log("conn-authorized", "LOG",
                f"connection authorized: user={user} database=prod "
                f"application_name={r.choice(['psql', 'worker', 'api'])}")
            if r.random() < 0.3:
                q = r.choice(queries).format(n=r.randint(1, 99999))
                log("slow-statement", "LOG",
                    f"duration: {r.uniform(200, 9000):.3f} ms  statement: {q}")
            if r.random() < 0.08:
                log("recv-reset", "LOG",
                    "could not receive data from client: Connection reset by "
                    "peer")
            if r.random() < 0.04:
                log("eof-in-tx", "LOG",
                    "unexpected EOF on client connection with an open "
                    "transaction")
            log("disconnection", "LOG",
                f"disconnection: session time: 0:{r.randint(0, 59):02d}:"
                f"{r.uniform(0, 59):06.3f} user={user} database=prod "
                f"host={host} port={port}")
        elif kind < 0.55:
            n = r.randint(1, 99999)
            log("duplicate-key", "ERROR",
                f"duplicate key value violates unique constraint "
                f"\"{table}_pkey\"")
            log("key-exists", "DETAIL", f"Key (id)=({n}) already exists.")
        elif kind < 0.60:
            log("no-relation", "ERROR",
                f"relation \"{table}z\" does not exist at character "
                f"{r.randint(8, 40)}")
        elif kind < 0.65:
            log("stmt-timeout", "ERROR",
                "canceling statement due to statement timeout")
        elif kind < 0.72:
            pid, tx = r.randint(1000, 9999), r.randint(100000, 999999)
            log("lock-waiting", "LOG",
                f"process {pid} still waiting for ShareLock on transaction "
                f"{tx} after {r.uniform(1000, 1100):.3f} ms")
            if r.random() < 0.2:
                log("deadlock", "ERROR", "deadlock detected")
            else:
                log("lock-acquired", "LOG",
                    f"process {pid} acquired ShareLock on transaction {tx} "
                    f"after {r.uniform(1000, 5000):.3f} ms")
        elif kind < 0.82:
            log("checkpoint-start", "LOG",
                f"checkpoint starting: {r.choice(['time', 'wal'])}")
            b = r.randint(1, 9000)
            log("checkpoint-done", "LOG",
                f"checkpoint complete: wrote {b} buffers "
                f"({b / 163.84:.1f}%); 0 WAL file(s) added, 0 removed, "
                f"{r.randint(0, 3)} recycled; write={r.uniform(0, 30):.3f} s, "
                f"sync={r.uniform(0, 1):.3f} s, total={r.uniform(0, 31):.3f} s; "
                f"sync files={r.randint(1, 80)}, longest={r.uniform(0, 1):.3f} "
                f"s, average={r.uniform(0, 1):.3f} s; distance="
                f"{r.randint(1, 99999)} kB, estimate={r.randint(1, 99999)} kB")
        elif kind < 0.92:
            log("autovacuum", "LOG",
                f"automatic vacuum of table \"prod.public.{table}\": index "
                f"scans: {r.randint(0, 2)}")
            log("autoanalyze", "LOG",
                f"automatic analyze of table \"prod.public.{table}\" system "
                f"usage: CPU: user: {r.uniform(0, 1):.2f} s, system: "
                f"{r.uniform(0, 1):.2f} s, elapsed: {r.uniform(0, 3):.2f} s")
        elif kind < 0.97:
            log("temp-file", "LOG",
                f"temporary file: path \"base/pgsql_tmp/pgsql_tmp"
                f"{r.randint(1000, 9999)}.{r.randint(0, 9)}\", size "
                f"{r.randint(8192, 99999999)}")
        else:
            log("admin-terminate", "FATAL",
                "terminating connection due to administrator command")
    return rows


write("seed.tsv", seed_set(random.Random(1)))
write("hdfs.tsv", hdfs_set(random.Random(2)))
write("openssh.tsv", openssh_set(random.Random(3)))
write("nginx.tsv", nginx_set(random.Random(4)))
write("postgres.tsv", postgres_set(random.Random(5)))
