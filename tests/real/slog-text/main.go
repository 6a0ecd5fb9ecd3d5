// Logs one fixed scenario of an order service through log/slog's
// TextHandler (logfmt): time, level, msg, then the attributes, groups as
// dotted keys; the error's stack from runtime/debug under "stack".
package main

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"time"
)

var log = slog.New(slog.NewTextHandler(os.Stdout,
	&slog.HandlerOptions{Level: slog.LevelDebug - 4}))

// slog has four levels; trace and fatal are levels 4 below and above,
// which slog names DEBUG-4 and ERROR+4.
var levels = map[string]slog.Level{
	"trace": slog.LevelDebug - 4, "debug": slog.LevelDebug,
	"info": slog.LevelInfo, "warn": slog.LevelWarn,
	"error": slog.LevelError, "fatal": slog.LevelError + 4,
}

func attrs(fields []kv) []any {
	var out []any
	for _, f := range fields {
		if sub, ok := f.v.([]kv); ok {
			out = append(out, slog.Group(f.k, attrs(sub)...))
		} else {
			out = append(out, slog.Any(f.k, f.v))
		}
	}
	return out
}

func emit(level string, fields []kv, msg string) {
	log.Log(nil, levels[level], msg, attrs(fields)...)
}

func emitError(err error, fields []kv, msg string) {
	args := append([]any{slog.Any("err", err)}, attrs(fields)...)
	args = append(args, slog.String("stack", string(debug.Stack())))
	log.Error(msg, args...)
}

// kv is one field; a value of type []kv is a nested object, kept in order.
type kv struct {
	k string
	v any
}

func chargeCard(orderID int) error {
	return fmt.Errorf("card declined: insufficient funds (order %d)",
		orderID)
}

func pause() {
	time.Sleep(3 * time.Millisecond)
}

func main() {
	emit("info", []kv{{"service", []kv{{"name", "orders"},
		{"version", "1.4.2"}}}, {"port", 8080}}, "service starting")
	pause()
	emit("debug", []kv{{"config", []kv{
		{"db", []kv{{"host", "db.internal"}, {"pool", 5},
			{"tls", true}}},
		{"features", []string{"refunds", "exports"}},
		{"retry", nil}}}}, "config loaded")
	for i := 1; i <= 24; i++ {
		pause()
		method, status := "GET", 200
		if i%4 == 0 {
			method, status = "POST", 201
		}
		req := []kv{{"id", fmt.Sprintf("r-%d", i)}, {"method", method},
			{"path", fmt.Sprintf("/orders/%d", 1000+i)},
			{"level", "DEBUG"}}
		duration := 12.5 + float64(i)
		if i%6 == 0 {
			duration = float64(1500 + i)
		}
		fields := []kv{{"req", req}, {"status", status},
			{"duration_ms", duration}}
		if i%3 == 0 {
			fields = append(fields, kv{"user", []kv{{"id", 40 + i},
				{"name", fmt.Sprintf("user%d", i)}}})
		}
		if i == 7 {
			emit("trace", []kv{{"req", req}},
				"retrying idempotent request")
		}
		if i == 10 {
			if err := chargeCard(1000 + i); err != nil {
				emitError(err, []kv{{"order_id", 1000 + i}},
					"payment failed")
				continue
			}
		}
		if i%6 == 0 {
			emit("warn", fields, "slow request")
			continue
		}
		emit("info", fields, "request handled")
	}
	pause()
	emit("debug", []kv{{"cache", []kv{{"hits", 812}, {"misses", 57},
		{"ratio", 0.934}}}}, "cache stats")
	emit("info", nil, "deploy \U0001F680 done")
	emit("info", nil, "Gr\u00fc\u00dfe aus K\u00f6ln: na\u00efve caf\u00e9, "+
		"\u6771\u4eac, \u03a9\u03bc\u03ad\u03b3\u03b1")
	emit("info", nil, `customer wrote "thanks!" and left`)
	emit("info", nil, `export path C:\orders\2024\ and a trailing `+
		`backslash \`)
	emit("info", nil, "multi-line message:\nsecond line\n\tthird, tabbed")
	pause()
	emit("warn", []kv{{"disk", []kv{{"mount", "/var"},
		{"used_pct", 91.2}}}}, "disk usage 91% on /var")
	emit("error", []kv{{"upstream", "inventory"}, {"attempts", 3}},
		"upstream unavailable")
	emit("fatal", []kv{{"reason", "SIGTERM"}}, "shutting down")
	emit("info", []kv{{"uptime_s", 12.5}}, "service stopped")
}
