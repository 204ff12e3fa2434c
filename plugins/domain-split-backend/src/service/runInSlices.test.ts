import type { Steps } from '@internal/plugin-domain-split-common';
import {
  FOREGROUND_SLICES_PER_BACKGROUND_SLICE,
  MIN_SLICE_MS,
  NOTHING_ELSE_MS,
  backgroundSliceBudgetMs,
  runInSlices,
  sliceBudgetMs,
} from './runInSlices';

/** Busy for `ms`, as a computation or a request's handling is. */
function busyFor(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

/** Counts to `n`, pausing after each number; each step takes `stepMs` of busy time. */
function* counting(n: number, stepMs: number, seen: number[]): Steps<number> {
  for (let i = 1; i <= n; i++) {
    busyFor(stepMs);
    seen.push(i);
    yield;
  }
  return n;
}

/**
 * Another task of the event loop, once per turn, busy `otherWorkMs` each time: how many steps
 * (`stepsSoFar`) ran since its last turn, until `stop`.
 */
function watchStepsPerTurn(stepsSoFar: () => number, otherWorkMs = 0) {
  const stepsPerTurn: number[] = [];
  let counted = 0;
  let observing = true;
  const observe = () => {
    stepsPerTurn.push(stepsSoFar() - counted);
    counted = stepsSoFar();
    busyFor(otherWorkMs);
    if (observing) setImmediate(observe);
  };
  setImmediate(observe);
  return {
    stepsPerTurn,
    stop() {
      observing = false;
    },
  };
}

/** Records `tag` in `seen` at each of its `n` steps. */
function* tagged(tag: string, n: number, seen: string[]): Steps<void> {
  for (let i = 0; i < n; i++) {
    seen.push(tag);
    yield;
  }
}

function* failing(): Steps<number> {
  yield;
  throw new Error('bad step');
}

describe('runInSlices', () => {
  it('returns what the steps return, and rejects with what a step throws', async () => {
    expect(await runInSlices(counting(5, 0, []), { sliceMs: 1000 })).toBe(5);
    await expect(runInSlices(failing())).rejects.toThrow('bad step');
    // The next computation is not held up by the failed one.
    expect(await runInSlices(counting(3, 0, []))).toBe(3);
  });

  it('lets other work run between slices', async () => {
    const seen: number[] = [];
    const otherRanAt: number[] = [];
    const timer = setInterval(() => otherRanAt.push(seen.length), 1);
    // 20 steps of 5 ms in slices of 10 ms: timers run while it goes on, not only at the end.
    await runInSlices(counting(20, 5, seen), { sliceMs: 10 });
    clearInterval(timer);
    expect(seen).toHaveLength(20);
    expect(otherRanAt.some(at => at > 0 && at < 20)).toBe(true);
  });

  it('gives computations under way at once their slices in turn, one slice per turn of the event loop', async () => {
    const seen: string[] = [];
    const { stepsPerTurn, stop } = watchStepsPerTurn(() => seen.length);
    // Four computations of 10 steps, in slices of one step (sliceMs 0).
    await Promise.all(
      ['a', 'b', 'c', 'd'].map(tag =>
        runInSlices(tagged(tag, 10, seen), { sliceMs: 0 }),
      ),
    );
    stop();
    expect(seen).toHaveLength(40);
    // One slice per turn, not one per computation under way (four).
    expect(Math.max(...stepsPerTurn)).toBe(1);
    // In turn: every computation has run before any has finished.
    const firstOfEach = ['a', 'b', 'c', 'd'].map(tag => seen.indexOf(tag));
    const lastOfAny = Math.min(
      ...['a', 'b', 'c', 'd'].map(tag => seen.lastIndexOf(tag)),
    );
    expect(Math.max(...firstOfEach)).toBeLessThan(lastOfAny);
  });

  it('takes slices no longer than half of what the loop has just spent on other work', async () => {
    // Another task busy 16 ms per turn of the loop (requests being answered).
    const seen: number[] = [];
    const { stepsPerTurn, stop } = watchStepsPerTurn(() => seen.length, 16);
    // 1 ms steps in slices of up to 40 ms: with 16 ms of other work per turn they are cut to
    // about 8 ms (as long as the other work would be about 16).
    await runInSlices(counting(120, 1, seen), { sliceMs: 40 });
    stop();
    const sorted = stepsPerTurn.filter(n => n > 0).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(12);
    expect(sorted.length).toBeGreaterThan(8);
  });

  it('runs background work after the work requests wait for, with a slice of its own every few slices', async () => {
    const seen: string[] = [];
    // One step per slice (sliceMs 0); the background computation is queued first.
    await Promise.all([
      runInSlices(tagged('background', 10, seen), {
        sliceMs: 0,
        background: true,
      }),
      runInSlices(tagged('foreground', 20, seen), { sliceMs: 0 }),
    ]);
    expect(seen).toHaveLength(30);
    // The foreground finishes first, though queued second and twice as long.
    const foregroundDone = seen.lastIndexOf('foreground');
    expect(seen.lastIndexOf('background')).toBeGreaterThan(foregroundDone);
    // Meanwhile the background got a slice after every FOREGROUND_SLICES_PER_BACKGROUND_SLICE
    // foreground slices (before the last): it does not wait for a loop never free of requests.
    const backgroundMeanwhile = seen
      .slice(0, foregroundDone)
      .filter(tag => tag === 'background').length;
    expect(backgroundMeanwhile).toBe(
      Math.ceil(20 / FOREGROUND_SLICES_PER_BACKGROUND_SLICE) - 1,
    );
  });

  it("gives background work the loop's idle time and a quarter of its busy time, once that makes a slice", () => {
    expect(backgroundSliceBudgetMs(20, 0, 16)).toBe(4);
    expect(backgroundSliceBudgetMs(20, 3, 4)).toBe(4);
    expect(backgroundSliceBudgetMs(20, 0, 500)).toBe(20);
    expect(backgroundSliceBudgetMs(20, 100, 0)).toBe(20);
    // Busy with requests for 4 ms since the last slice: not yet (a 2 ms slice would be a third).
    expect(backgroundSliceBudgetMs(20, 0, 4)).toBeUndefined();
    expect(backgroundSliceBudgetMs(20, 0, 4 * MIN_SLICE_MS)).toBe(MIN_SLICE_MS);
    // Nothing else ran since the last slice: its whole length.
    expect(backgroundSliceBudgetMs(20, 0, NOTHING_ELSE_MS / 2)).toBe(20);
    // A job of shorter slices than MIN_SLICE_MS is not held back by it.
    expect(backgroundSliceBudgetMs(0, 0, 4)).toBe(0);
  });

  it('keeps background work to about a fifth of a loop busy with short requests', async () => {
    // Another task busy 0.5 ms per turn of the loop, as answering a kept result is.
    const seen: number[] = [];
    const { stepsPerTurn, stop } = watchStepsPerTurn(() => seen.length, 0.5);
    // 40 steps of 0.5 ms in the background: with slices of MIN_SLICE_MS at every turn they
    // would take 4 of every 5 ms of the loop.
    await runInSlices(counting(40, 0.5, seen), {
      sliceMs: 20,
      background: true,
    });
    stop();
    expect(seen).toHaveLength(40);
    const turns = stepsPerTurn.length;
    // Steps of 0.5 ms against 0.5 ms of other work per turn: a fifth of the loop is a step
    // every two turns, a third or more (MIN_SLICE_MS at every turn) four steps per turn.
    expect(40 / turns).toBeLessThan(1);
  });

  it('runs background work in long slices on a loop with nothing else to do', async () => {
    const seen: number[] = [];
    const { stepsPerTurn, stop } = watchStepsPerTurn(() => seen.length);
    await runInSlices(counting(100, 0.5, seen), {
      sliceMs: 20,
      background: true,
    });
    stop();
    expect(seen).toHaveLength(100);
    // Slices of up to 20 ms (about 40 steps), not MIN_SLICE_MS (4 steps).
    expect(Math.max(...stepsPerTurn)).toBeGreaterThan(10);
  });

  it('bounds a slice by its job and by the shortest useful slice', () => {
    expect(sliceBudgetMs(20, 10)).toBe(5);
    expect(sliceBudgetMs(20, 500)).toBe(20);
    expect(sliceBudgetMs(20, 0)).toBe(MIN_SLICE_MS);
    expect(sliceBudgetMs(0, 0)).toBe(0);
  });
});
