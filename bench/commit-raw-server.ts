/**
 * The raw reference of the commit bench: node:http and mysql2, no framework, no auth, no checks.
 * It reads the body, parses it, and writes it with one prepared upsert into its own table, answering
 * the same `{"result":true,"errorCode":0}`. Run as its own process by commit.bench.ts.
 *
 * env: DATABASE_URL, PORT, POOL_SIZE
 */
import { createServer } from 'node:http';
import { createPool } from 'mysql2';

const pool = createPool({ uri: process.env.DATABASE_URL, connectionLimit: Number(process.env.POOL_SIZE ?? 10) });
const UPSERT =
  'INSERT INTO bench_raw_commits (id, cmi, commits) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE cmi = VALUES(cmi), commits = commits + 1';
const OK = JSON.stringify({ result: true, errorCode: 0 });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const id = /^\/commit\/([^/?]+)/.exec(request.url ?? '')?.[1];
    let body: { cmi?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { cmi?: unknown };
    } catch {
      response.writeHead(400).end();
      return;
    }
    pool.execute(UPSERT, [id ?? '', JSON.stringify(body.cmi ?? null)], (error) => {
      if (error) {
        response.writeHead(500).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(OK);
    });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.send?.('listening');
});
process.on('SIGTERM', () => {
  server.close();
  pool.end();
});
