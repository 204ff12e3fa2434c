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

describe('runInSlices', () => {
  it('returns what the steps return', async () => {
    expect(await runInSlices(counting(5, 0, []), 1000)).toBe(5);
  });

  it('lets other work run between slices', async () => {
    const seen: number[] = [];
    let otherRanAt: number | undefined;
    setImmediate(() => {
      otherRanAt = seen.length;
    });
    // 20 steps of 5 ms in slices of 10 ms: other work runs after the first slice, not at the end.
    await runInSlices(counting(20, 5, seen), 10);
    expect(seen).toHaveLength(20);
    expect(otherRanAt).toBeGreaterThan(0);
    expect(otherRanAt).toBeLessThan(20);
  });
});
