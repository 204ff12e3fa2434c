import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

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

  constructor(result: object) {
    this.json = JSON.stringify(result);
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
 * Serialises each result object once: a result shared by requests (the same object, cached per
 * catalog or evidence generation) is stringified, hashed and compressed for the first request
 * only. Per-request objects (filtered or redacted answers) are simply serialised and forgotten.
 * @internal
 */
export class SerialisedResults {
  readonly #serialised = new WeakMap<object, SerialisedResult>();

  of(result: object): SerialisedResult {
    let serialised = this.#serialised.get(result);
    if (!serialised) {
      serialised = new SerialisedResult(result);
      this.#serialised.set(result, serialised);
    }
    return serialised;
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
  results: { serialised(result: object): SerialisedResult },
  result: object,
) {
  const body = results.serialised(result);
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
