import mysql from 'mysql2/promise';
const cfg = { host: '127.0.0.1', user: 'root', database: process.argv[3] ?? 'haven_bench', multipleStatements: true };
const a = await mysql.createConnection(cfg), b = await mysql.createConnection(cfg);
for (const c of [a, b]) { await c.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED'); await c.query('SET innodb_lock_wait_timeout = 2'); }
await a.query('BEGIN'); await a.query(process.argv[4] ?? 'SELECT id FROM rooms WHERE siteId = 1 AND floor = 1 FOR UPDATE');
await b.query('BEGIN');
let t = Date.now();
console.log(await b.query(process.argv[2]).then(() => 'ok', e => e.errno + ' ' + e.message), Date.now() - t);
await a.end(); await b.end();
