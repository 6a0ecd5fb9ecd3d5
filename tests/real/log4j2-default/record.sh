#!/bin/bash
# Records Log4j 2 with no configuration file: its DefaultConfiguration, a
# console appender on stdout with the pattern
# "%d{HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg%n". The root level,
# ERROR by default, is lowered to TRACE with the documented system property
# org.apache.logging.log4j.level so that every level shows; the
# configuration is otherwise Log4j's own. Exceptions print their stack
# traces with "Caused by:" and "... N more".
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CP=/usr/share/java/log4j-api.jar:/usr/share/java/log4j-core.jar
mkdir -p "$T/src/org/example/billing"
cat >"$T/src/org/example/billing/InvoiceApp.java" <<'JAVA'
package org.example.billing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public class InvoiceApp {
	private static final Logger LOG = LogManager.getLogger(InvoiceApp.class);

	static int parseAmount(String s) {
		return Integer.parseInt(s.trim());
	}

	static void render(String id) {
		Object[] lines = new Object[2];
		lines[3] = id;
	}

	public static void main(String[] args) throws Exception {
		LOG.info("Invoice service 1.8.0 starting");
		LOG.debug("Reading templates from {}", "/opt/billing/templates");
		LOG.trace("Template cache capacity {}", 256);
		Logger repo = LogManager.getLogger("org.example.billing.persistence.InvoiceRepository");
		repo.info("Connected to jdbc:postgresql://127.0.0.1:5432/billing");
		repo.warn("Query took {} ms: SELECT * FROM invoices WHERE due < now()", 2350);
		try {
			parseAmount("12,50 €");
		} catch (NumberFormatException e) {
			LOG.error("Cannot parse amount for invoice INV-2026-0042", e);
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		pool.submit(() -> {
			try {
				render("INV-2026-0043");
			} catch (RuntimeException e) {
				LOG.error("Rendering failed",
				    new IllegalStateException("PDF generation aborted", e));
			}
		});
		pool.submit(() -> LogManager.getLogger("org.example.billing.mail.Notifier")
		    .info("Sent reminder to Jürgen Müller 📧"));
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.SECONDS);
		LOG.fatal("License check failed, exiting");
		LOG.info("Stopped");
	}
}
JAVA
javac -cp "$CP" -d "$T/classes" $(find "$T/src" -name '*.java')
LC_ALL=C.UTF-8 java -Dorg.apache.logging.log4j.level=TRACE -cp "$CP:$T/classes" \
    org.example.billing.InvoiceApp >"$OUT/log4j2-default.log"
