#!/bin/bash
# Records Rust's env_logger 0.9 with its default format on stderr
# ("[RFC3339 LEVEL target] message", the level padded to five columns),
# RUST_LOG=trace, from a small program built by Debian's cargo and rustc
# against Debian's vendored crates (/usr/share/cargo/registry, offline).
# The program ends in a panic, whose message and backtrace note the Rust
# runtime writes to the same stderr (RUST_BACKTRACE=1: with a backtrace).
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
name = "fetcher"
version = "0.3.1"
edition = "2021"

[dependencies]
log = "0.4"
env_logger = "0.9"
TOML
cat >"$T/app/src/net/mod.rs" <<'RS'
use log::{debug, error, trace, warn};

pub fn fetch(url: &str, attempt: u32) -> Result<usize, String> {
    trace!("resolving host for {}", url);
    debug!("attempt {} for {}", attempt, url);
    if url.contains("down") {
        warn!("connection to {} refused, will retry", url);
        return Err(format!("connection refused: {}", url));
    }
    if url.contains("bad") {
        error!("TLS handshake failed for {}: certificate expired", url);
        return Err("tls".into());
    }
    Ok(url.len() * 100)
}
RS
cat >"$T/app/src/main.rs" <<'RS'
mod net;
use log::{error, info, warn};

fn main() {
    env_logger::init();
    info!("fetcher {} starting with {} workers", env!("CARGO_PKG_VERSION"), 4);
    for url in ["http://127.0.0.1/a", "http://down.invalid/", "https://bad.invalid/", "http://127.0.0.1/b"] {
        match net::fetch(url, 1) {
            Ok(n) => info!("fetched {} bytes from {}", n, url),
            Err(e) => warn!("giving up on {}: {}", url, e),
        }
    }
    info!(target: "fetcher::report", "résumé: 2 ok, 2 failed 📉");
    info!("multi-line message:\n  first\n  second");
    error!("queue file corrupted at offset {}", 4096);
    let counts: Vec<u32> = vec![];
    let first = counts.first().expect("no counts recorded");
    info!("first count {}", first);
}
RS
cd "$T/app"
/usr/bin/cargo build -q --release
RUST_LOG=trace RUST_BACKTRACE=1 "$T/target/release/fetcher" 2>"$OUT/rust-env-logger.log" || true
