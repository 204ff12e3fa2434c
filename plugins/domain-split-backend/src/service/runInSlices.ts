import type { Steps } from '@internal/plugin-domain-split-common';
import { performance } from 'node:perf_hooks';

interface SlicedJob {
  steps: Steps<unknown>;
  sliceMs: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** The shortest slice: below it the turns of the loop between slices would cost more than they give. */
export const MIN_SLICE_MS = 2;

/**
 * The computations waiting for their next slice, in turn. One queue for the process because
 * the event loop is one: each computation yielding with its own `setImmediate` let every
 * computation under way run a slice in the same turn of the loop (after a CI event at 10,000
 * services five at once, 100–200 ms between two turns), so slices are taken one per turn.
 */
const waiting: SlicedJob[] = [];
let scheduled = false;
/** When the last slice ended: the loop's other work (requests, I/O) ran since then. */
let lastSliceEnd = 0;

/**
 * How long the next slice may run: no longer than half of what the loop has just spent on
 * everything else since the last slice (between MIN_SLICE_MS and the job's sliceMs), so on a
 * busy loop the computations take at most about a third of it and requests answered meanwhile
 * wait at most about 1.5 times as long. A loop with nothing else to do runs them in short
 * slices back to back, at nearly full speed. (As long as the other work, half the loop, was
 * measured before: requests during a catalog generation's preparation took about twice as long;
 * benchmarks/README.md, fourteenth session.)
 */
export function sliceBudgetMs(sliceMs: number, otherWorkMs: number): number {
  return Math.min(sliceMs, Math.max(MIN_SLICE_MS, otherWorkMs / 2));
}

/** Runs the next waiting computation for one slice, then lets the event loop turn. */
function runNextSlice() {
  const job = waiting.shift();
  if (job) {
    const sliceStart = performance.now();
    const sliceEnd =
      sliceStart + sliceBudgetMs(job.sliceMs, sliceStart - lastSliceEnd);
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
    lastSliceEnd = performance.now();
  }
  scheduled = waiting.length > 0;
  if (scheduled) setImmediate(runNextSlice);
}

/**
 * Runs a step generator (common's long computations) in time slices of at most `sliceMs`:
 * between slices the event loop answers other requests and I/O, so a graph or matrix that
 * takes seconds at 10,000 services does not hold every other request for seconds. A slice is
 * no longer than half the loop's other work since the previous slice (`sliceBudgetMs`).
 * Computations under way at the same time take their slices in turn, one slice per turn of
 * the event loop.
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
