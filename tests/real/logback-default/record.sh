#!/bin/bash
# Records Logback with no logback.xml: its BasicConfigurator, a console
# appender on stdout with TTLLLayout ("HH:mm:ss.SSS [thread] LEVEL logger -
# message", level and logger neither padded nor abbreviated) at DEBUG,
# used through the SLF4J API. Exceptions print their stack traces with
# "Caused by:", "... N common frames omitted" and a suppressed exception.
set -e
cd "$(dirname "$0")"
OUT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CP=/usr/share/java/slf4j-api.jar:/usr/share/java/logback-classic.jar:/usr/share/java/logback-core.jar
mkdir -p "$T/src/net/example/inventory/web"
cat >"$T/src/net/example/inventory/web/StockController.java" <<'JAVA'
package net.example.inventory.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class StockController {
	private static final Logger LOG = LoggerFactory.getLogger(StockController.class);

	static class Resource implements AutoCloseable {
		public void close() throws Exception {
			throw new java.io.IOException("close failed: /var/lib/inventory/stock.db");
		}
	}

	static String find(String sku) throws Exception {
		try (Resource r = new Resource()) {
			throw new java.util.NoSuchElementException("no such SKU: " + sku);
		}
	}

	public static void main(String[] args) throws Exception {
		LOG.info("Inventory API 0.9.4 listening on 127.0.0.1:8081");
		LOG.debug("Loaded {} products from the catalogue", 1289);
		LOG.trace("not written: the default level is DEBUG");
		Logger cache = LoggerFactory.getLogger("net.example.inventory.cache.RedisStockCacheAdapter");
		cache.warn("Cache miss ratio {}% over the last {} requests", 37, 500);
		try {
			find("SKU-ÄÖÜ-77");
		} catch (Exception e) {
			LOG.error("Lookup failed for SKU-ÄÖÜ-77", e);
		}
		ExecutorService pool = Executors.newSingleThreadExecutor();
		pool.submit(() -> {
			try {
				try {
					Object o = "x";
					Integer i = (Integer) o;
				} catch (ClassCastException e) {
					throw new RuntimeException("reindex aborted", e);
				}
			} catch (RuntimeException e) {
				LoggerFactory.getLogger("net.example.inventory.jobs.Reindexer")
				    .error("Job reindex-42 failed 💥", e);
			}
		});
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.SECONDS);
		LOG.info("Shutting down after {} ms", 42);
	}
}
JAVA
javac -cp "$CP" -d "$T/classes" $(find "$T/src" -name '*.java')
LC_ALL=C.UTF-8 java -cp "$CP:$T/classes" net.example.inventory.web.StockController \
    >"$OUT/logback-default.log"
