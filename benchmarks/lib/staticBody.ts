/*
 * A route's own answer served again by a plain HTTP server in a process of its own: the same
 * bytes on the wire (gzip-compressed as the backend sent them, with its content type), no
 * authentication, no analysis, no routing. Read by the same concurrent readers, it is the
 * floor of what moving and decoding that body costs on this machine, which a large answer
 * cannot go below whatever the backend does.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { READER_HEADERS } from './readers';

/** A route's answer as it came over the wire, not decoded. */
export interface WireBody {
  body: Buffer;
  contentType: string;
  contentEncoding?: string;
}

/** GET `route` with the readers' headers and keep the bytes as they were sent (not decoded). */
export function wireBodyOf(baseUrl: string, route: string): Promise<WireBody> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${baseUrl}${route}`,
      { headers: READER_HEADERS },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`${route}: HTTP ${res.statusCode}`));
            return;
          }
          const encoding = res.headers['content-encoding'];
          resolve({
            body: Buffer.concat(chunks),
            contentType: res.headers['content-type'] ?? 'application/json',
            ...(encoding ? { contentEncoding: encoding } : {}),
          });
        });
      },
    );
    req.on('error', reject);
  });
}

/** The server, in plain JavaScript for `node -e`: argv = body file, content type, encoding. */
const SERVER_SOURCE = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.argv[1]);
const [contentType, contentEncoding] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', contentType);
  if (contentEncoding) res.setHeader('Content-Encoding', contentEncoding);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** Serves `wire` from a child process until `close()`; `baseUrl` answers it on every path. */
export async function serveWireBody(
  wire: WireBody,
): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(
    path.join(os.tmpdir(), 'domain-split-static-body-'),
  );
  const file = path.join(dir, 'body');
  await writeFile(file, wire.body);
  const child = spawn(
    process.execPath,
    ['-e', SERVER_SOURCE, file, wire.contentType, wire.contentEncoding ?? ''],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code =>
      reject(new Error(`static body server exited (${code})`)),
    );
    child.stdout!.once('data', (data: Buffer) =>
      resolve(Number(String(data).trim())),
    );
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
