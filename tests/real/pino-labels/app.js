// Logs the scenario of ../pino with pino's documented formatters.level
// option writing the level as its label ("info") instead of its number
// (30); everything else is pino's default.
'use strict';
const pino = require('pino');

const log = pino({
	level: 'trace',
	formatters: { level: (label) => ({ level: label }) },
});

function emit(level, fields, msg) {
	log[level](fields, msg);
}

function emitError(err, fields, msg) {
	log.error({ err, ...fields }, msg);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function chargeCard(orderId) {
	const err = new Error('card declined: insufficient funds');
	err.code = 'E_CARD_DECLINED';
	err.orderId = orderId;
	throw err;
}

async function main() {
	emit('info', { service: { name: 'orders', version: '1.4.2' },
	    port: 8080 }, 'service starting');
	await sleep(3);
	emit('debug', { config: { db: { host: 'db.internal', pool: 5,
	    tls: true }, features: ['refunds', 'exports'], retry: null } },
	    'config loaded');
	for (let i = 1; i <= 24; i++) {
		await sleep(3);
		const req = { id: 'r-' + i, method: i % 4 === 0 ? 'POST' : 'GET',
		    path: '/orders/' + (1000 + i), level: 'DEBUG' };
		const fields = { req, status: i % 4 === 0 ? 201 : 200,
		    duration_ms: 12.5 + i };
		if (i % 3 === 0)
			fields.user = { id: 40 + i, name: 'user' + i };
		if (i === 7)
			emit('trace', { req }, 'retrying idempotent request');
		if (i === 10) {
			try {
				chargeCard(1000 + i);
			} catch (err) {
				emitError(err, { order_id: 1000 + i },
				    'payment failed');
				continue;
			}
		}
		if (i % 6 === 0) {
			fields.duration_ms = 1500 + i;
			emit('warn', fields, 'slow request');
			continue;
		}
		emit('info', fields, 'request handled');
	}
	await sleep(3);
	emit('debug', { cache: { hits: 812, misses: 57, ratio: 0.934 } },
	    'cache stats');
	emit('info', {}, 'deploy \u{1F680} done');
	emit('info', {}, 'Gr\u00fc\u00dfe aus K\u00f6ln: na\u00efve caf\u00e9, ' +
	    '\u6771\u4eac, \u03a9\u03bc\u03ad\u03b3\u03b1');
	emit('info', {}, 'customer wrote "thanks!" and left');
	emit('info', {}, 'export path C:\\orders\\2024\\ and a trailing ' +
	    'backslash \\');
	emit('info', {}, 'multi-line message:\nsecond line\n\tthird, tabbed');
	await sleep(3);
	emit('warn', { disk: { mount: '/var', used_pct: 91.2 } },
	    'disk usage 91% on /var');
	emit('error', { upstream: 'inventory', attempts: 3 },
	    'upstream unavailable');
	emit('fatal', { reason: 'SIGTERM' }, 'shutting down');
	emit('info', { uptime_s: 12.5 }, 'service stopped');
}

main();
