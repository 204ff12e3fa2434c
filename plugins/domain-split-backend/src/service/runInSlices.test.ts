import type { Steps } from '@internal/plugin-domain-split-common';
import { runInSlices } from './runInSlices';

/** Counts to `n`, pausing after each number; each step takes `stepMs` of busy time. */
function* counting(n: number, stepMs: number, seen: number[]): Steps<number> {
  for (let i = 1; i <= n; i++) {
    const until = Date.now() + stepMs;
    while (Date.now() < until) {
      // busy, as a computation is
    }
    seen.push(i);
    yield;
  }
  return n;
}

function* failing(): Steps<number> {
  yield;
  throw new Error('bad step');
}

describe('runInSlices', () => {
  it('returns what the steps return, and rejects with what a step throws', async () => {
    expect(await runInSlices(counting(5, 0, []), 1000)).toBe(5);
    await expect(runInSlices(failing())).rejects.toThrow('bad step');
    // The next computation is not held up by the failed one.
    expect(await runInSlices(counting(3, 0, []))).toBe(3);
  });

  it('lets other work run between slices', async () => {
    const seen: number[] = [];
    const otherRanAt: number[] = [];
    const timer = setInterval(() => otherRanAt.push(seen.length), 1);
    // 20 steps of 5 ms in slices of 10 ms: timers run while it goes on, not only at the end.
    await runInSlices(counting(20, 5, seen), 10);
    clearInterval(timer);
    expect(seen).toHaveLength(20);
    expect(otherRanAt.some(at => at > 0 && at < 20)).toBe(true);
  });

  it('gives computations under way at once their slices in turn, one slice per turn of the event loop', async () => {
    const seen: string[] = [];
    function* tagged(tag: string, n: number): Steps<void> {
      for (let i = 0; i < n; i++) {
        seen.push(tag);
        yield;
      }
    }
    // Another task of the event loop, once per turn: how many steps ran since its last turn.
    const stepsPerTurn: number[] = [];
    let counted = 0;
    let observing = true;
    const observe = () => {
      stepsPerTurn.push(seen.length - counted);
      counted = seen.length;
      if (observing) setImmediate(observe);
    };
    setImmediate(observe);
    // Four computations of 10 steps, in slices of one step (sliceMs 0).
    await Promise.all(
      ['a', 'b', 'c', 'd'].map(tag => runInSlices(tagged(tag, 10), 0)),
    );
    observing = false;
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
});
