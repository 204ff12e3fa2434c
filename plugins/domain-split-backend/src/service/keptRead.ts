/**
 * A value read from the store and kept between reads, for what changes rarely and is asked
 * often: read again when older than `relistMs`, in the background (the kept value answers
 * meanwhile), and at once after `forget()` (this backend wrote it). Another replica's write
 * shows within `relistMs`. A failed first read is not kept (the next call reads again); a failed
 * re-read keeps the value (a call after the interval tries again).
 * @internal
 */
export class KeptRead<T> {
  readonly #read: () => Promise<T>;
  readonly #relistMs: number;
  readonly #now: () => number;
  #kept?: { at: number; value: Promise<T> };
  #rereading = false;

  constructor(
    read: () => Promise<T>,
    options: { relistMs: number; now?: () => number },
  ) {
    this.#read = read;
    this.#relistMs = options.relistMs;
    this.#now = options.now ?? Date.now;
  }

  get(): Promise<T> {
    const kept = this.#kept;
    if (!kept) {
      const read = this.#start();
      this.#kept = read;
      return read.value;
    }
    if (this.#now() - kept.at >= this.#relistMs && !this.#rereading) {
      this.#rereading = true;
      const next = this.#start();
      next.value
        .then(
          () => {
            // Unless it was forgotten meanwhile (the next call reads after the write).
            if (this.#kept === kept) this.#kept = next;
          },
          () => {},
        )
        .finally(() => {
          this.#rereading = false;
        });
    }
    return kept.value;
  }

  /** Drops the kept value: the next call reads again (after a write of this backend). */
  forget(): void {
    this.#kept = undefined;
  }

  #start() {
    const read = { at: this.#now(), value: this.#read() };
    read.value.catch(() => {
      if (this.#kept === read) this.#kept = undefined;
    });
    return read;
  }
}
