import type { Steps } from '@internal/plugin-domain-split-common';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';

/**
 * Runs a step generator (common's long computations) in time slices of about `sliceMs`: between
 * slices the event loop answers other requests and I/O, so a graph or matrix that takes
 * seconds at 10,000 services does not hold every other request for seconds.
 * @internal
 */
export async function runInSlices<T>(
  steps: Steps<T>,
  sliceMs = 20,
): Promise<T> {
  for (;;) {
    const sliceEnd = performance.now() + sliceMs;
    do {
      const next = steps.next();
      if (next.done) return next.value;
    } while (performance.now() < sliceEnd);
    await setImmediate();
  }
}
