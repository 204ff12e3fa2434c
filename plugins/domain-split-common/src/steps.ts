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
