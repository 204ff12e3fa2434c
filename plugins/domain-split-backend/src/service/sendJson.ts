import { jsonSteps } from '@internal/plugin-domain-split-common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { runInSlices } from './runInSlices';

const gzipAsync = promisify(gzip);

/**
 * Bodies at least this long are sent gzip-compressed from a copy compressed once per result:
 * the backend's compression middleware would compress them again for every request, on the
 * event loop. It is that middleware's own threshold (1 KB): shorter bodies go as they are.
 */
const PRECOMPRESSED_MIN_CHARS = 1024;

/**
 * A result as it goes over the wire: its JSON text, an ETag of it, and (asked once) its gzip
 * compression.
 * @internal
 */
export class SerialisedResult {
  readonly json: string;
  readonly etag: string;
  #gzipped?: Promise<Buffer>;

  constructor(json: string) {
    this.json = json;
    this.etag = `"${createHash('sha1').update(this.json).digest('base64url')}"`;
  }

  /** The gzip compression of the JSON, compressed off the event loop, once. */
  gzipped(): Promise<Buffer> {
    if (!this.#gzipped) {
      const gzipped = gzipAsync(this.json);
      this.#gzipped = gzipped;
      gzipped.catch(() => {
        if (this.#gzipped === gzipped) this.#gzipped = undefined;
      });
    }
    return this.#gzipped;
  }
}

/**
 * A result's JSON text, written as `JSON.stringify` writes it. A result with long lists (a whole
 * blast radius, a matrix: megabytes at 10,000 services) is written in slices between which the
 * event loop answers other requests; one whose lists are short is written at once, in this turn
 * of the loop (common's `jsonSteps` pauses only after hundreds of list items).
 */
function serialise(result: object): Promise<SerialisedResult> {
  const steps = jsonSteps(result);
  let first: IteratorResult<void, string>;
  try {
    first = steps.next();
  } catch (error) {
    return Promise.reject(error);
  }
  if (first.done) return Promise.resolve(new SerialisedResult(first.value));
  return runInSlices(steps).then(json => new SerialisedResult(json));
}

/**
 * Serialises each result object once: a result shared by requests (the same object, cached per
 * catalog or evidence generation) is stringified, hashed and compressed for the first request
 * only; requests that come while it is being written wait for the same one. Per-request objects
 * (filtered or redacted answers) are simply serialised and forgotten.
 * @internal
 */
export class SerialisedResults {
  readonly #serialised = new WeakMap<object, Promise<SerialisedResult>>();

  of(result: object): Promise<SerialisedResult> {
    const kept = this.#serialised.get(result);
    if (kept) return kept;
    const writing = serialise(result);
    this.#serialised.set(result, writing);
    // A result that cannot be written (a BigInt) is tried again by the next request.
    writing.catch(() => {
      if (this.#serialised.get(result) === writing) {
        this.#serialised.delete(result);
      }
    });
    return writing;
  }
}

/**
 * Answers with a result as JSON, serialised once per shared result, with an ETag (a repeated
 * request with `If-None-Match` gets 304) and, for bodies of 1 KB or more to a client that
 * accepts gzip, the compressed copy: a shared page, or a 10 MB matrix, is neither stringified
 * nor compressed again per request.
 * @internal
 */
export async function sendJson(
  req: Request,
  res: Response,
  results: { serialised(result: object): Promise<SerialisedResult> },
  result: object,
) {
  const body = await results.serialised(result);
  res.type('application/json');
  res.setHeader('ETag', body.etag);
  res.vary('Accept-Encoding');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (
    body.json.length >= PRECOMPRESSED_MIN_CHARS &&
    req.acceptsEncodings('gzip', 'identity') === 'gzip'
  ) {
    const gzipped = await body.gzipped();
    res.setHeader('Content-Encoding', 'gzip');
    res.send(gzipped);
    return;
  }
  res.send(body.json);
}
