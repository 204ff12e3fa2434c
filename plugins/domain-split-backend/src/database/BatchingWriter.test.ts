import { BatchingWriter } from './BatchingWriter';

/** A promise with its resolve/reject exposed, to hold a batch "in the database". */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets queued microtasks and immediates run (the writer starts a batch on setImmediate). */
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise(resolve => setImmediate(resolve));
  }
};

describe('BatchingWriter', () => {
  it('writes items submitted together in one batch and answers each with its own result', async () => {
    const batches: string[][] = [];
    const writer = new BatchingWriter<string, string>({
      maxBatchSize: 100,
      writeBatch: async items => {
        batches.push(items);
        return items.map(item => item.toUpperCase());
      },
    });
    const results = await Promise.all(
      ['a', 'b', 'c'].map(item => writer.submit(item)),
    );
    expect(results).toEqual(['A', 'B', 'C']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('starts a batch only after the callbacks already due ran, so that they join it', async () => {
    const batches: string[][] = [];
    const writer = new BatchingWriter<string, string>({
      maxBatchSize: 100,
      writeBatch: async items => {
        batches.push(items);
        return items;
      },
    });
    const a = writer.submit('a');
    await Promise.resolve(); // a later microtask (a request that awaited something)
    const b = writer.submit('b');
    const c = new Promise<string>(resolve =>
      process.nextTick(() => resolve(writer.submit('c'))),
    );
    await expect(Promise.all([a, b, c])).resolves.toEqual(['a', 'b', 'c']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('queues what arrives during a write for the next batch, one batch at a time, in order', async () => {
    const batches: string[][] = [];
    const holds: ReturnType<typeof deferred<void>>[] = [];
    let writing = 0;
    let mostAtOnce = 0;
    const writer = new BatchingWriter<string, string>({
      maxBatchSize: 100,
      writeBatch: async items => {
        writing += 1;
        mostAtOnce = Math.max(mostAtOnce, writing);
        batches.push(items);
        const hold = deferred<void>();
        holds.push(hold);
        await hold.promise;
        writing -= 1;
        return items;
      },
    });
    const first = writer.submit('1');
    await settle();
    expect(batches).toEqual([['1']]);

    // Arrive while batch 1 is being written: nothing is written until it settles.
    const later = ['2', '3', '4'].map(item => writer.submit(item));
    await settle();
    expect(batches).toEqual([['1']]);
    expect(writer.queued).toBe(3);

    holds[0].resolve();
    await expect(first).resolves.toBe('1');
    await settle();
    expect(batches).toEqual([['1'], ['2', '3', '4']]);
    holds[1].resolve();
    await expect(Promise.all(later)).resolves.toEqual(['2', '3', '4']);
    expect(mostAtOnce).toBe(1);
    expect(writer.queued).toBe(0);
  });

  it('never puts more than maxBatchSize items in a batch, oldest first', async () => {
    const batches: number[][] = [];
    const writer = new BatchingWriter<number, number>({
      maxBatchSize: 3,
      writeBatch: async items => {
        batches.push(items);
        return items.map(item => item * 10);
      },
    });
    const items = [1, 2, 3, 4, 5, 6, 7];
    const results = await Promise.all(items.map(item => writer.submit(item)));
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('passes duplicates in a batch to writeBatch, which answers each copy', async () => {
    const batches: string[][] = [];
    const writer = new BatchingWriter<string, string>({
      maxBatchSize: 100,
      writeBatch: async items => {
        batches.push(items);
        const seen = new Set<string>();
        return items.map(item => {
          const answer = seen.has(item) ? 'duplicate' : 'stored';
          seen.add(item);
          return answer;
        });
      },
    });
    const results = await Promise.all(
      ['x', 'y', 'x'].map(item => writer.submit(item)),
    );
    expect(batches).toEqual([['x', 'y', 'x']]);
    expect(results).toEqual(['stored', 'stored', 'duplicate']);
  });

  it('rejects every item of a failed batch with its error, then writes the next batch', async () => {
    const failure = new Error('database is down');
    const batches: string[][] = [];
    const hold = deferred<void>();
    const writer = new BatchingWriter<string, string>({
      maxBatchSize: 100,
      writeBatch: async items => {
        batches.push(items);
        if (items.includes('a')) {
          await hold.promise;
          throw failure;
        }
        return items;
      },
    });
    const failed = ['a', 'b', 'c'].map(item =>
      writer.submit(item).then(
        () => 'resolved',
        error => error,
      ),
    );
    await settle();
    const next = writer.submit('d');
    hold.resolve();
    await expect(Promise.all(failed)).resolves.toEqual([
      failure,
      failure,
      failure,
    ]);
    await expect(next).resolves.toBe('d');
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('rejects the whole batch when writeBatch answers the wrong number of results', async () => {
    const writer = new BatchingWriter<string, string>({
      maxBatchSize: 100,
      writeBatch: async items => items.slice(1),
    });
    const results = await Promise.allSettled([
      writer.submit('a'),
      writer.submit('b'),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(
      /returned 1 results for 2 items/,
    );
  });

  it('refuses a batch size that is not a positive integer', () => {
    for (const maxBatchSize of [0, -1, 1.5, NaN]) {
      expect(
        () =>
          new BatchingWriter({
            maxBatchSize,
            writeBatch: async items => items,
          }),
      ).toThrow(/maxBatchSize must be a positive integer/);
    }
  });
});
