/*
 * Concurrent readers over HTTP: N loops each sending GETs one after the other (the way N
 * people's browsers do), every request recorded with its wall-clock start and end so that
 * requests can later be matched with what the backend was doing at the time (see
 * requestLog.ts). Bodies are read whole and decoded; `accept-encoding` is sent as a browser
 * does, so the backend compresses as it would for the portal.
 *
 * The readers stand for people's browsers, which run on their own machines; here they share the
 * backend's two cores, so they ask with Node's `http` client and decode off the event loop
 * (zlib's thread pool): until the twenty-fifth session they used `fetch`, which took about as
 * much CPU per request as the backend took to answer it (benchmarks/README.md).
 */
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { devServiceToken } from './backend';
import { percentile } from './timing';

/** The user agent of every benchmark request (the backend's own requests are `node-fetch`). */
export const BENCH_USER_AGENT = 'domain-split-bench';

/** What every reader sends: the service token, and the encodings a browser accepts. */
export const READER_HEADERS: Readonly<Record<string, string>> = {
  authorization: `Bearer ${devServiceToken}`,
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': BENCH_USER_AGENT,
};

/** One request as a reader saw it. Times are epoch ms (Date.now clock). */
export interface RequestSample {
  route: string;
  startedAt: number;
  endedAt: number;
  ms: number;
  status: number;
  /** Decoded body bytes. */
  bytes: number;
}

/**
 * Requests that got no HTTP status (the fetch threw), by the error's code or message, with when
 * they ended and how long they took: a failure with no status says nothing in the tables but
 * "non-2xx (0)", and the backend logs nothing for a request it never read.
 */
const noStatus: {
  cause: string;
  endedAt: number;
  ms: number;
  route: string;
}[] = [];

/** The requests that got no HTTP status since the last call (see `noStatus`). */
export function takeNoStatusRequests() {
  return noStatus.splice(0);
}

/** An error's code (undici's, or the socket's under it) or else its message. */
function causeOf(error: unknown): string {
  const e = error as {
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  return (
    e?.cause?.code ??
    e?.code ??
    e?.cause?.message ??
    e?.message ??
    String(error)
  );
}

/** Kept-alive connections, as a browser keeps them (one per reader under way). */
const agent = new http.Agent({ keepAlive: true });

const DECODERS: Record<string, (body: Buffer) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

/** As undici's (fetch's) default: a request with nothing for this long fails. */
const REQUEST_TIMEOUT_MS = 300_000;

/** GET `url`: the status and the decoded body's length. */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, response => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = String(response.headers['content-encoding'] ?? '');
        const decode = DECODERS[encoding.toLowerCase()];
        const status = response.statusCode ?? 0;
        if (!decode || body.length === 0) {
          resolve({ status, bytes: body.length });
          return;
        }
        decode(body).then(
          decoded => resolve({ status, bytes: decoded.length }),
          reject,
        );
      });
    });
    request.setTimeout(REQUEST_TIMEOUT_MS, () =>
      request.destroy(
        Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }),
      ),
    );
    request.on('error', reject);
  });
}

/** GET `route` on `baseUrl` with the service token; the body is read, decoded and discarded. */
export async function timedGet(
  baseUrl: string,
  route: string,
  headers: Record<string, string> = {},
): Promise<RequestSample> {
  const startedAt = Date.now();
  const t0 = performance.now();
  let status = 0;
  let bytes = 0;
  let failure: unknown;
  try {
    ({ status, bytes } = await get(`${baseUrl}${route}`, {
      ...READER_HEADERS,
      ...headers,
    }));
  } catch (error) {
    status = 0;
    failure = error;
  }
  const ms = performance.now() - t0;
  if (failure !== undefined) {
    noStatus.push({ cause: causeOf(failure), endedAt: Date.now(), ms, route });
  }
  return { route, startedAt, endedAt: startedAt + ms, ms, status, bytes };
}

/**
 * `readers` concurrent loops over `routes` (round robin, each reader starting at another
 * route) until `requests` requests were sent or `maxSeconds` passed, or until `until()` says
 * stop (checked between requests).
 */
export async function readConcurrently(options: {
  baseUrl: string;
  routes: string[];
  readers: number;
  requests?: number;
  maxSeconds: number;
  until?: () => boolean;
  headers?: Record<string, string>;
}): Promise<RequestSample[]> {
  const samples: RequestSample[] = [];
  const deadline = Date.now() + options.maxSeconds * 1000;
  let sent = 0;
  const limit = options.requests ?? Infinity;
  await Promise.all(
    Array.from({ length: options.readers }, async (_, reader) => {
      for (let i = reader; ; i++) {
        if (sent >= limit || Date.now() >= deadline || options.until?.()) {
          return;
        }
        sent++;
        const route = options.routes[i % options.routes.length];
        samples.push(
          await timedGet(options.baseUrl, route, options.headers ?? {}),
        );
      }
    }),
  );
  return samples;
}

/** p50/p95/max/count of the samples' times, and how many were not 2xx. */
export function summarise(samples: RequestSample[]) {
  const ms = samples.map(s => s.ms);
  return {
    count: samples.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: ms.length ? Math.max(...ms) : NaN,
    failed: samples.filter(s => s.status < 200 || s.status >= 300).length,
    statuses: [...new Set(samples.map(s => s.status))].sort(),
    bytes: samples.length ? Math.max(...samples.map(s => s.bytes)) : 0,
  };
}

/**
 * Watches the benchmark's own event loop while readers run: a stall of the client (not of the
 * backend) would show as slow requests of every route at once. `stop()` gives the longest delay
 * in ms.
 */
export function watchClientLoop(): { stop(): number } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop() {
      delay.disable();
      return delay.max / 1e6;
    },
  };
}

/**
 * `request()`, sent again (up to 3 attempts, 500 ms apart) when it throws: a reset connection
 * on a loaded machine (a kept-alive socket the server closed). `onFailure` counts the failures.
 */
export async function withFetchRetries<T>(
  request: () => Promise<T>,
  onFailure: () => void = () => {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      onFailure();
      if (attempt >= 3) throw error;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}
