/**
 * Long computations are written as step generators: they pause (`yield`) between pieces of
 * work of bounded size and return their result. {@link runToCompletion} runs one at once; a
 * server runs it in time slices, answering other requests between pieces.
 */

/**
 * A computation that pauses between pieces of work and returns `T`.
 * @public
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * Runs a step generator to its end at once.
 * @public
 */
export function runToCompletion<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * How many entities a pass over the catalog handles between two pauses (about a millisecond
 * or two of work each).
 * @internal
 */
export const ENTITIES_PER_STEP = 500;

/**
 * Counts the work a step generator did since its last pause: `add` what a piece of work
 * handled (entities, titles), and pause when `pauseDue()` says {@link ENTITIES_PER_STEP} were
 * handled since the last pause (counting starts again); `spend(units)` is both at once
 * (`if (budget.spend()) yield;` after each piece).
 * @internal
 */
export function workBudget(): {
  add(units?: number): void;
  pauseDue(): boolean;
  spend(units?: number): boolean;
} {
  let work = 0;
  const budget = {
    add(units = 1) {
      work += units;
    },
    pauseDue() {
      if (work < ENTITIES_PER_STEP) return false;
      work = 0;
      return true;
    },
    spend(units = 1) {
      budget.add(units);
      return budget.pauseDue();
    },
  };
  return budget;
}

/**
 * `items.map(toItem)` in pieces of {@link ENTITIES_PER_STEP} items: for long lists (database
 * rows of a large catalog) turned into records in slices.
 * @public
 */
export function* mapSteps<T, U>(
  items: readonly T[],
  toItem: (item: T) => U,
): Steps<U[]> {
  const mapped: U[] = [];
  const budget = workBudget();
  for (const item of items) {
    mapped.push(toItem(item));
    if (budget.spend()) yield;
  }
  return mapped;
}

/**
 * `JSON.stringify(value)` (the same text) in pieces: the elements of the arrays of `value` (or
 * of its own properties) are written one by one, natively, pausing every
 * {@link ENTITIES_PER_STEP} elements. For a large result whose lists hold many small items
 * (tens of thousands of rule violations at 10,000 services) stringified in one piece.
 * @public
 */
export function* jsonSteps(value: unknown): Steps<string> {
  const budget = workBudget();
  function* arraySteps(items: readonly unknown[]): Steps<string> {
    const parts: string[] = [];
    for (const item of items) {
      // As JSON.stringify writes an element it cannot write (undefined, a function).
      parts.push(JSON.stringify(item) ?? 'null');
      if (budget.spend()) yield;
    }
    return `[${parts.join(',')}]`;
  }
  if (Array.isArray(value)) return yield* arraySteps(value);
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return JSON.stringify(value);
  }
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    const text = Array.isArray(member)
      ? yield* arraySteps(member)
      : JSON.stringify(member);
    // As JSON.stringify leaves out a property it cannot write.
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * `[...items].sort(compare)` (the same order: stable) in pieces: runs of
 * {@link ENTITIES_PER_STEP} items sorted natively, then merged two by two, pausing every
 * {@link ENTITIES_PER_STEP} items merged. For the lists of every service × environment at
 * 10,000 services, whose sort with a collator was one piece of about 100 ms.
 * @public
 */
export function* sortSteps<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
): Steps<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += ENTITIES_PER_STEP) {
    runs.push(items.slice(start, start + ENTITIES_PER_STEP).sort(compare));
    yield;
  }
  const budget = workBudget();
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const [left, right] = [runs[r], runs[r + 1]];
      if (!right) {
        merged.push(left);
        continue;
      }
      const out: T[] = [];
      let i = 0;
      let j = 0;
      while (i < left.length && j < right.length) {
        // The left run's item first on a tie: as stable as the native sort.
        out.push(compare(right[j], left[i]) < 0 ? right[j++] : left[i++]);
        if (budget.spend()) yield;
      }
      while (i < left.length) out.push(left[i++]);
      while (j < right.length) out.push(right[j++]);
      merged.push(out);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}
