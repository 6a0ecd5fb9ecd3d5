#!/bin/bash
# Records Rust's tracing-subscriber 0.3 fmt subscriber with the Json
# format (tracing_subscriber::fmt().json(): one object a line with
# "timestamp", "level", "fields" holding the message, "target", and
# "span" and "spans" inside a span) on stderr, RUST_LOG=trace, the same
# program as tests/real/rust-tracing: spans with fields, events with
# fields, a multi-line message, non-ASCII text and emoji.  Built by
# Debian's cargo and rustc against Debian's vendored crates
# (/usr/share/cargo/registry, offline).
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export CARGO_HOME="$T/cargo" RUSTC=/usr/bin/rustc CARGO_TARGET_DIR="$T/target"
mkdir -p "$CARGO_HOME" "$T/app/src/net"
cat >"$CARGO_HOME/config.toml" <<'TOML'
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
[net]
offline = true
TOML
cat >"$T/app/Cargo.toml" <<'TOML'
[package]
name = "shipper"
version = "0.3.1"
edition = "2021"

[dependencies]
tracing = "0.1"
tracing-subscriber = { version = "0.3", features = ["env-filter", "fmt", "json"] }
TOML
cat >"$T/app/src/main.rs" <<'RS'
use tracing::{debug, error, info, info_span, instrument, trace, warn};
use tracing_subscriber::EnvFilter;

#[instrument]
fn upload(batch: u32, bytes: usize) -> Result<(), String> {
    debug!(bytes, "compressing batch");
    trace!("chunk boundaries computed");
    if batch == 3 {
        warn!(retry_in_ms = 500, "upstream slow, backing off");
    }
    if batch == 4 {
        error!(error = "connection reset by peer", "upload failed");
        return Err("reset".into());
    }
    info!(elapsed_ms = 12 * batch, "batch uploaded");
    Ok(())
}

fn main() {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    info!(version = env!("CARGO_PKG_VERSION"), pid = std::process::id(), "shipper starting");
    let span = info_span!("run", source = "/var/log/app/*.log", sink = "127.0.0.1:5044");
    let _g = span.enter();
    for b in 1..=5 {
        if let Err(e) = upload(b, 2048 * b as usize) {
            warn!(%e, batch = b, "batch requeued");
        }
    }
    info!(target: "shipper::stats", lines = 1042, dropped = 3, "fin de lot ✔️ 📦");
    info!("multi-line message:\n  first\n  second");
    error!(path = "/var/lib/shipper/state.db", "state file is locked");
    info!(message = "field named message", note = "quoted \"value\"");
}
RS
cd "$T/app"
/usr/bin/cargo build -q --release
RUST_LOG=trace "$T/target/release/shipper" 2>"$OUT/rust-tracing-json.log"
