#!/bin/bash
# Records what util-linux logger sends with --rfc3164, or with no format
# option (folder syslog-local: its local form, as to /dev/log, which has
# no host name): a Unix datagram
# socket in a temp dir stands for the syslog daemon, and a small Python
# reader writes each datagram it receives as one line, unchanged.
# Priorities vary (facility.level), as do tags and --id.
set -e
cd "$(dirname "$0")"
OUT=$PWD
NAME=$(basename "$OUT")
FMT=${NAME#syslog-}
T=$(mktemp -d)
RPID=
cleanup() {
	[ -n "$RPID" ] && kill "$RPID" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
/usr/bin/python3 - "$T/log.sock" "$OUT/$NAME.log" <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[1] + ".ready", "w").close()
with open(sys.argv[2], "wb") as out:
    while True:
        d = s.recv(65536)
        if d == b"--end--" or d.endswith(b"--end--"):
            break
        out.write(d.rstrip(b"\n") + b"\n")
        out.flush()
PY
RPID=$!
for i in $(seq 50); do
	[ -e "$T/log.sock.ready" ] && break
	sleep 0.1
done
L() {
	if [ "$FMT" = local ]; then
		logger --socket-errors=off -u "$T/log.sock" "$@"
	else
		logger --"$FMT" --socket-errors=off -u "$T/log.sock" "$@"
	fi
}
L -t sshd --id=4127 -p auth.info "Accepted publickey for deploy from 127.0.0.1 port 52814 ssh2: ED25519 SHA256:Zq3f"
L -t sshd --id=4127 -p authpriv.notice "pam_unix(sshd:session): session opened for user deploy(uid=1000) by (uid=0)"
L -t CRON --id=4190 -p cron.info "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)"
L -t kernel -p kern.warning "[ 1234.567890] EXT4-fs (sda1): warning: mounting fs with errors, running e2fsck is recommended"
L -t myapp -p local0.err "payment gateway timeout after 30s (order 8812)"
L -t myapp -p local0.debug "cache hit ratio 0.93"
L -t myapp -p local0.crit "database unreachable: could not connect to server: Connection refused"
L -t backup.sh -p user.notice "backup of /home finished: 1.2 GB in 3m12s"
L -t nightly-job -p daemon.alert "disk /dev/sdb1 is 99% full"
L -t nightly-job -p daemon.emerg "system is going down for maintenance"
L -t app -p user.info "Grüße aus Köln — utilisateur «Zoë» connecté ✅"
L -p user.warning "no tag given: logger uses the user name"
printf 'line one from stdin\nline two from stdin\n' | L -t stdin-test -p local3.info
L -t postfix/smtpd --id=2231 -p mail.info "connect from localhost[127.0.0.1]"
L -t postfix/smtpd --id=2231 -p mail.warning "hostname localhost does not resolve to address 127.0.0.1"
L -t sudo -p authpriv.err "  alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt"
L -t dhclient -p daemon.info "DHCPACK of 127.0.0.2 from 127.0.0.1"
L -t systemd -p daemon.info "Started session-42.scope - Session 42 of User deploy."
L -t systemd-logind -p auth.info "New session 42 of user deploy."
L -t ntpd --id=811 -p daemon.notice "kernel reports TIME_ERROR: 0x41: Clock Unsynchronized"
: # rfc5424-only lines follow in that variant
/usr/bin/python3 -c 'import socket, sys; s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.sendto(b"--end--", sys.argv[1])' "$T/log.sock"
wait "$RPID"
RPID=
