#!/bin/bash
# Records journalctl's "short" and "short-iso" output. No journal runs on
# this machine (no systemd as PID 1), so record.sh starts systemd-journald
# by hand inside a private mount namespace (unshare -m), with tmpfs over
# /run/systemd, /run/log and /var/log/journal, kernel messages off
# (ReadKMsg=no) and a volatile journal; real clients then write to it:
# util-linux logger on journald's syslog socket, systemd-cat streams (one
# with <N> level prefixes, one carrying a Python script's uncaught
# traceback, as a service's stderr reaches the journal), and Python writing the native protocol for a message with
# embedded newlines and extra fields. journalctl then prints those
# entries, selected by identifier, in both formats.
set -e
cd "$(dirname "$0")"
OUT=$PWD
if [ "$1" != inner ]; then
	exec unshare -m --propagation private "$OUT/record.sh" inner
fi
mount -t tmpfs tmpfs /run/systemd
mount -t tmpfs tmpfs /run/log
mount -t tmpfs tmpfs /var/log/journal
mkdir -p /run/systemd/journal /run/systemd/journald.conf.d
printf '[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToSyslog=no\nForwardToWall=no\n' \
    >/run/systemd/journald.conf.d/record.conf
/lib/systemd/systemd-journald &
JPID=$!
trap 'kill "$JPID" 2>/dev/null || true' EXIT
for i in $(seq 50); do
	[ -S /run/systemd/journal/stdout ] && break
	sleep 0.1
done
L() { logger -u /run/systemd/journal/dev-log "$@"; }
L -t sshd --id=4127 -p auth.info "Accepted publickey for deploy from 127.0.0.1 port 52814 ssh2"
L -t sshd --id=4127 -p authpriv.notice "pam_unix(sshd:session): session opened for user deploy(uid=1000) by (uid=0)"
L -t CRON --id=4190 -p cron.info "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)"
L -t backup.sh -p user.warning "backup of /home took 3m12s, longer than the 2m budget"
L -t nightly-job -p daemon.err "disk /dev/sdb1 is 99% full"
L -t nightly-job -p daemon.crit "giving up after 3 attempts"
L -t app -p user.info "Grüße aus Köln — utilisateur «Zoë» connecté ✅"
printf '<6>worker started, 4 threads\n<7>poll interval 250ms\n<4>queue depth 1200 above 1000\n<3>job 8812 failed: timeout\n<5>job 8812 requeued\nno prefix: the default level\n' |
    systemd-cat -t queue-worker --level-prefix=true -p info
T=$(mktemp -d)
trap 'kill "$JPID" 2>/dev/null || true; rm -rf "$T"' EXIT
cat >"$T/server.py" <<'PY'
def compute(req):
    return req["total"] / req["count"]

def handle(req):
    return compute(req)

handle({"total": 10, "count": 0})
PY
/usr/bin/python3 "$T/server.py" 2>&1 | systemd-cat -t app-server -p err
/usr/bin/python3 - <<'PY'
import socket, struct
def field(name, value):
    v = value.encode()
    if b"\n" in v:
        return name.encode() + b"\n" + struct.pack("<Q", len(v)) + v + b"\n"
    return name.encode() + b"=" + v + b"\n"
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
def send(**f):
    s.sendto(b"".join(field(k, v) for k, v in f.items()),
             "/run/systemd/journal/socket")
send(MESSAGE="configuration reloaded: 3 sites, 12 upstreams", PRIORITY="6",
     SYSLOG_IDENTIFIER="webctl", CODE_FILE="webctl.py", CODE_LINE="88")
send(MESSAGE="upstream check failed:\n  api1: connection refused\n  api2: timeout after 5s",
     PRIORITY="3", SYSLOG_IDENTIFIER="webctl")
send(MESSAGE="certificate for example.org expires in 6 days 🔒", PRIORITY="4",
     SYSLOG_IDENTIFIER="webctl")
PY
sleep 0.5
IDS="-t sshd -t CRON -t backup.sh -t nightly-job -t app -t queue-worker -t app-server -t webctl"
journalctl -D /run/log/journal --no-pager -o short $IDS >"$OUT/journalctl-short.log"
journalctl -D /run/log/journal --no-pager -o short-iso $IDS >"$OUT/journalctl-short-iso.log"
