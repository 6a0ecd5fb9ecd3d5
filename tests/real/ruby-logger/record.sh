#!/bin/bash
# Records Ruby's standard Logger with its default Formatter on stderr
# ("S, [time #pid]  LEVEL -- progname: message"), every level, a progname
# on some records, an exception object logged (message, class and
# backtrace), and a Logger whose level hides DEBUG; the script then dies
# of an uncaught exception, whose report Ruby writes to the same stderr.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/app.rb" <<'RUBY'
require "logger"
require "json"

log = Logger.new($stderr)
log.debug("Loading configuration from /etc/shop/config.yml")
log.info("Shop worker 3.2.1 starting")
log.info("mailer") { "Connected to SMTP relay 127.0.0.1:25" }
log.warn("Queue depth 1200 exceeds threshold 1000")

def parse_order(raw)
  JSON.parse(raw).fetch("items")
end

def process(raw)
  parse_order(raw).map { |i| i.fetch("qty") * 2 }
end

begin
  process('{"items": [{"sku": "A1"}]}')
rescue KeyError => e
  log.error(e)
end

begin
  process('{"items": [}')
rescue JSON::ParserError => e
  log.error("Bad payload: #{e.message}")
end

log.progname = "billing"
log.info("Invoice für Jürgen erstellt 🧾")
log.fatal("Ledger is out of balance by 0.01 EUR")
log.unknown("Record with the UNKNOWN level")
log.add(Logger::WARN, "Retrying in 5s", "retry")
log.info("multi-line message\nsecond line\nthird line")
log.info({ event: "order_placed", id: 42 })
quiet = Logger.new($stderr, level: :info, progname: "quiet")
quiet.debug("not written: level is INFO")
quiet.info("Shutting down")

def shutdown(pool)
  pool.each { |w| raise IOError, "worker #{w} did not stop" if w == 2 }
end
shutdown([1, 2, 3])
RUBY
ruby "$T/app.rb" 2>"$OUT/ruby-logger.log" || true
