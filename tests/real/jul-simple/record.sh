#!/bin/bash
# Records java.util.logging's ConsoleHandler with SimpleFormatter and its
# default format (two lines a record: date, source class and method; then
# LEVEL: message), every level enabled through a logging.properties, and
# exceptions with stack traces including "Caused by:" and "... N more".
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/src/com/example/shop"
cat >"$T/src/com/example/shop/Main.java" <<'JAVA'
package com.example.shop;

import java.util.logging.Level;
import java.util.logging.Logger;

public class Main {
	private static final Logger LOG = Logger.getLogger(Main.class.getName());

	public static void main(String[] args) throws Exception {
		LOG.info("Starting shop service version 2.3.1");
		LOG.config("Loaded configuration from /etc/shop/shop.properties");
		LOG.fine("Connection pool size = 8");
		LOG.finer("Entering cache warm-up");
		LOG.finest("Cache key prefix = shop:v2:");
		OrderService orders = new OrderService();
		orders.place("A-1001", 3);
		LOG.warning("Disk space low on /var/lib/shop: 512 MB left");
		try {
			orders.place("A-1002", -1);
		} catch (IllegalArgumentException e) {
			LOG.log(Level.WARNING, "Rejected order A-1002", e);
		}
		try {
			orders.charge("A-1003");
		} catch (IllegalStateException e) {
			LOG.log(Level.SEVERE, "Payment failed for order A-1003", e);
		}
		Thread t = new Thread(() -> Logger.getLogger("com.example.shop.Mailer")
		    .info("Confirmation sent to zoë@example.org ✉️"), "mailer-1");
		t.start();
		t.join();
		LOG.severe("Inventory service unreachable, giving up");
		LOG.info("Shutting down");
	}
}
JAVA
cat >"$T/src/com/example/shop/OrderService.java" <<'JAVA'
package com.example.shop;

import java.util.logging.Logger;

class OrderService {
	private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

	void place(String id, int qty) {
		if (qty <= 0)
			throw new IllegalArgumentException("quantity must be positive: " + qty);
		LOG.info("Placed order " + id + " for " + qty + " items");
		LOG.fine("Order " + id + " written to journal");
	}

	void charge(String id) {
		try {
			new Gateway().send(id);
		} catch (java.io.IOException e) {
			throw new IllegalStateException("charge of " + id + " failed", e);
		}
	}

	static class Gateway {
		void send(String id) throws java.io.IOException {
			connect();
		}

		private void connect() throws java.io.IOException {
			throw new java.net.ConnectException("Connection refused (127.0.0.1:8443)");
		}
	}
}
JAVA
cat >"$T/logging.properties" <<'PROPS'
handlers = java.util.logging.ConsoleHandler
.level = ALL
java.util.logging.ConsoleHandler.level = ALL
java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter
PROPS
javac -d "$T/classes" $(find "$T/src" -name '*.java')
LC_ALL=C.UTF-8 java -Djava.util.logging.config.file="$T/logging.properties" \
    -cp "$T/classes" com.example.shop.Main 2>"$OUT/jul-simple.log"
