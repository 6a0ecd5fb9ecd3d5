// Logs one fixed scenario of an order service through zap.NewProduction()
// (to stderr, with AddCallerSkip(1) so "caller" names the scenario line):
// JSON, level "info" and above (the debug lines are dropped), epoch-second
// float "ts", "caller", and a "stacktrace" on every error and fatal line.
// Fatal is written with a hook that does not exit, so the last line
// follows it.
package main

import (
	"fmt"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

type noExit struct{}

func (noExit) OnWrite(*zapcore.CheckedEntry, []zapcore.Field) {}

var log *zap.Logger

func object(fields []kv) zapcore.ObjectMarshalerFunc {
	return func(enc zapcore.ObjectEncoder) error {
		for _, f := range fields {
			switch v := f.v.(type) {
			case []kv:
				enc.AddObject(f.k, object(v))
			case string:
				enc.AddString(f.k, v)
			case int:
				enc.AddInt(f.k, v)
			case float64:
				enc.AddFloat64(f.k, v)
			case bool:
				enc.AddBool(f.k, v)
			default:
				enc.AddReflected(f.k, v)
			}
		}
		return nil
	}
}

func zapFields(fields []kv) []zap.Field {
	var out []zap.Field
	for _, f := range fields {
		if sub, ok := f.v.([]kv); ok {
			out = append(out, zap.Object(f.k, object(sub)))
		} else {
			out = append(out, zap.Any(f.k, f.v))
		}
	}
	return out
}

func emit(level string, fields []kv, msg string) {
	switch level {
	case "trace", "debug":
		log.Debug(msg, zapFields(fields)...)
	case "info":
		log.Info(msg, zapFields(fields)...)
	case "warn":
		log.Warn(msg, zapFields(fields)...)
	case "error":
		log.Error(msg, zapFields(fields)...)
	case "fatal":
		log.Fatal(msg, zapFields(fields)...)
	}
}

func emitError(err error, fields []kv, msg string) {
	log.Error(msg, append([]zap.Field{zap.Error(err)},
		zapFields(fields)...)...)
}

func init() {
	var err error
	log, err = zap.NewProduction(zap.WithFatalHook(noExit{}),
		zap.AddCallerSkip(1))
	if err != nil {
		panic(err)
	}
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
	defer log.Sync()
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
