/*
 * Group commit for the webhook write path.
 *
 * Callers `submit` one item each and wait. One writer at a time takes whatever is queued (up to
 * `maxBatchSize`, oldest first) and hands it to `writeBatch`, which writes the whole batch in one
 * transaction. Each caller's promise settles only after its batch settled: with its own result
 * when the batch committed, with the batch's error when it failed (so that every request of a
 * failed batch is answered 5xx and its sender retries). Items that arrive while a batch is being
 * written wait for the next batch, which starts as soon as the current one settles.
 *
 * There is one queue per writer instance, i.e. per backend process; several replicas writing to
 * one database stay correct through the database's own constraints, not through this queue.
 */

/**
 * Options of {@link BatchingWriter}.
 * @internal
 */
export interface BatchingWriterOptions<T, R> {
  /**
   * Writes a batch atomically and returns one result per item, in the same order. When it
   * throws, nothing of the batch may have been stored.
   */
  writeBatch: (items: T[]) => Promise<R[]>;
  /** The most items written in one batch. */
  maxBatchSize: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Queues items and writes them in batches, one batch at a time.
 * @internal
 */
export class BatchingWriter<T, R> {
  private readonly writeBatch: (items: T[]) => Promise<R[]>;
  private readonly maxBatchSize: number;
  private readonly queue: Pending<T, R>[] = [];
  private writing = false;

  constructor(options: BatchingWriterOptions<T, R>) {
    if (!Number.isInteger(options.maxBatchSize) || options.maxBatchSize < 1) {
      throw new Error(
        `maxBatchSize must be a positive integer, got ${options.maxBatchSize}`,
      );
    }
    this.writeBatch = options.writeBatch;
    this.maxBatchSize = options.maxBatchSize;
  }

  /** Queues one item; settles once the batch it was written in committed or failed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  /** The number of items waiting for a batch (not counting the batch being written). */
  get queued(): number {
    return this.queue.length;
  }

  private drain(): void {
    if (this.writing || this.queue.length === 0) {
      return;
    }
    this.writing = true;
    // Starts after the I/O callbacks already due have run (setImmediate), so that requests
    // arriving together join one batch. A microtask would start a batch of one: with a
    // synchronous driver (better-sqlite3) a whole transaction then runs without yielding to I/O,
    // and every batch stays one item long.
    setImmediate(() => {
      const batch = this.queue.splice(0, this.maxBatchSize);
      this.write(batch).finally(() => {
        this.writing = false;
        this.drain();
      });
    });
  }

  private async write(batch: Pending<T, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.writeBatch(batch.map(p => p.item));
      if (results.length !== batch.length) {
        throw new Error(
          `writeBatch returned ${results.length} results for ${batch.length} items`,
        );
      }
    } catch (error) {
      for (const pending of batch) {
        pending.reject(error);
      }
      return;
    }
    batch.forEach((pending, i) => pending.resolve(results[i]));
  }
}
