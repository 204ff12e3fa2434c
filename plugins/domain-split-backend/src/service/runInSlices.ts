import type { Steps } from '@internal/plugin-domain-split-common';
import { performance } from 'node:perf_hooks';

interface SlicedJob {
  steps: Steps<unknown>;
  sliceMs: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The computations waiting for their next slice, in turn. One queue for the process because
 * the event loop is one: each computation yielding with its own `setImmediate` let every
 * computation under way run a slice in the same turn of the loop (after a CI event at 10,000
 * services five at once, 100–200 ms between two turns), so slices are taken one per turn.
 */
const waiting: SlicedJob[] = [];
let scheduled = false;

/** Runs the next waiting computation for one slice, then lets the event loop turn. */
function runNextSlice() {
  const job = waiting.shift();
  if (job) {
    const sliceEnd = performance.now() + job.sliceMs;
    try {
      for (;;) {
        const next = job.steps.next();
        if (next.done) {
          job.resolve(next.value);
          break;
        }
        if (performance.now() >= sliceEnd) {
          waiting.push(job);
          break;
        }
      }
    } catch (error) {
      job.reject(error);
    }
  }
  scheduled = waiting.length > 0;
  if (scheduled) setImmediate(runNextSlice);
}

/**
 * Runs a step generator (common's long computations) in time slices of about `sliceMs`: between
 * slices the event loop answers other requests and I/O, so a graph or matrix that takes
 * seconds at 10,000 services does not hold every other request for seconds. Computations under
 * way at the same time take their slices in turn, one slice per turn of the event loop.
 * @internal
 */
export function runInSlices<T>(steps: Steps<T>, sliceMs = 20): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.push({
      steps,
      sliceMs,
      resolve: resolve as (value: unknown) => void,
      reject,
    });
    if (!scheduled) {
      scheduled = true;
      setImmediate(runNextSlice);
    }
  });
}
