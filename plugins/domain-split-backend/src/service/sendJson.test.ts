import express from 'express';
import request from 'supertest';
import { gunzipSync } from 'node:zlib';
import { SerialisedResults, sendJson } from './sendJson';

/** An app answering one shared large result and one small one. */
function app() {
  const results = new SerialisedResults();
  const large = {
    rows: Array.from({ length: 5000 }, (_, i) => ({ entityRef: `x:${i}` })),
  };
  const small = { ok: true };
  // A page of a tab: a few KiB.
  const page = {
    rows: Array.from({ length: 100 }, (_, i) => ({ entityRef: `x:${i}` })),
  };
  const serve = express();
  serve.get('/page', (req, res) =>
    sendJson(req, res, { serialised: r => results.of(r) }, page),
  );
  serve.get('/large', (req, res) =>
    sendJson(req, res, { serialised: r => results.of(r) }, large),
  );
  serve.get('/small', (req, res) =>
    sendJson(req, res, { serialised: r => results.of(r) }, small),
  );
  return { serve, large, small, page, results };
}

describe('sendJson', () => {
  it('sends a large result gzip-compressed to a client that accepts gzip, compressing it once', async () => {
    const { serve, large, results } = app();
    const first = await request(serve)
      .get('/large')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers.vary).toMatch(/Accept-Encoding/);
    // supertest unzips gzip bodies itself; the header says what went over the wire.
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(first.body.toString())).toEqual(large);
    const serialised = await results.of(large);
    expect(await results.of(large)).toBe(serialised);
    const compressed = await serialised.gzipped();
    expect(serialised.gzipped()).toBe(serialised.gzipped());
    expect(JSON.parse(gunzipSync(compressed).toString())).toEqual(large);
  });

  it('sends a page of a few KiB compressed once too, not again per request', async () => {
    const { serve, page, results } = app();
    const answer = await request(serve)
      .get('/page')
      .set('Accept-Encoding', 'gzip');
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.body).toEqual(page);
    const compressed = (await results.of(page)).gzipped();
    await request(serve).get('/page').set('Accept-Encoding', 'gzip');
    expect((await results.of(page)).gzipped()).toBe(compressed);
  });

  it('sends plain JSON to a client that does not accept gzip, and small results as they are', async () => {
    const { serve, large, small } = app();
    const plain = await request(serve)
      .get('/large')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(large);
    const tiny = await request(serve)
      .get('/small')
      .set('Accept-Encoding', 'gzip');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toEqual(small);
  });

  it('answers 304 to a request that already has this version (If-None-Match)', async () => {
    const { serve } = app();
    const first = await request(serve).get('/large');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(serve).get('/large').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await request(serve)
      .get('/large')
      .set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
  });

  it('writes a result with long lists in slices, the text JSON.stringify writes, once for requests that come meanwhile', async () => {
    const results = new SerialisedResults();
    const large = {
      entityRef: 'component:default/x',
      // Long enough to take more than one slice (20 ms) on any machine.
      entries: Array.from({ length: 200000 }, (_, i) => ({
        entityRef: `x:${i}`,
        path: [`x:${i}`, 'y'],
        note: i % 3 === 0 ? undefined : 'kept',
      })),
      total: 200000,
    };
    let turnsOfTheLoop = 0;
    let writing = true;
    const countTurns = () => {
      if (!writing) return;
      turnsOfTheLoop++;
      setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const [first, second] = await Promise.all([
      results.of(large),
      results.of(large),
    ]);
    writing = false;
    expect(second).toBe(first);
    expect(first.json).toBe(JSON.stringify(large));
    // Other work ran while it was written: it was not written in one piece.
    expect(turnsOfTheLoop).toBeGreaterThan(1);
  });

  it('writes a small result at once and answers with the error of one it cannot write', async () => {
    const results = new SerialisedResults();
    const small = { rows: [{ entityRef: 'x:1' }] };
    let otherWorkRan = false;
    setImmediate(() => {
      otherWorkRan = true;
    });
    expect((await results.of(small)).json).toBe(JSON.stringify(small));
    expect(otherWorkRan).toBe(false);
    const unwritable = { rows: [{ size: BigInt(1) }] };
    const failed = results.of(unwritable);
    await expect(failed).rejects.toThrow(/BigInt/);
    // Not kept: the next request tries again.
    const again = results.of(unwritable);
    expect(again).not.toBe(failed);
    await expect(again).rejects.toThrow(/BigInt/);
  });
});
