import type { Steps } from '@internal/plugin-domain-split-common';
import { performance } from 'node:perf_hooks';

interface SlicedJob {
  steps: Steps<unknown>;
  sliceMs: number;
  background: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** The shortest slice: below it the turns of the loop between slices would cost more than they give. */
export const MIN_SLICE_MS = 2;

/**
 * Slices of work in the foreground run in a row at most this many times while background work
 * waits: then the background gets one, so that it finishes even while requests keep coming.
 */
export const FOREGROUND_SLICES_PER_BACKGROUND_SLICE = 4;

/**
 * The computations waiting for their next slice, in turn. One queue for the process because
 * the event loop is one: each computation yielding with its own `setImmediate` let every
 * computation under way run a slice in the same turn of the loop (after a CI event at 10,000
 * services five at once, 100–200 ms between two turns), so slices are taken one per turn.
 * Work no request waits for (a catalog generation's preparation) waits in its own queue and
 * runs when the foreground's queue is empty, or after
 * {@link FOREGROUND_SLICES_PER_BACKGROUND_SLICE} foreground slices in a row.
 */
const waiting: SlicedJob[] = [];
const waitingInBackground: SlicedJob[] = [];
let foregroundSlicesInARow = 0;
let scheduled = false;
/** When the last slice ended: the loop's other work (requests, I/O) ran since then. */
let lastSliceEnd = 0;
/** The loop's idle and busy time when the last slice ended (see {@link backgroundSliceBudgetMs}). */
let loopAtLastSliceEnd = performance.eventLoopUtilization();

/**
 * Below this much time since the last slice nothing else wanted the loop (it came straight
 * back to the computations): a background slice may then take its whole length.
 */
export const NOTHING_ELSE_MS = 0.5;

/**
 * How long the next slice of a computation requests wait for may run: no longer than half of
 * what the loop has just spent on everything else since the last slice (between MIN_SLICE_MS
 * and the job's sliceMs), so on a busy loop it takes at most about a third of it and requests
 * answered meanwhile wait at most about 1.5 times as long. A loop with nothing else to do runs
 * them in short slices back to back, at nearly full speed. (As long as the other work, half the
 * loop, was measured before: requests during a catalog generation's preparation took about
 * twice as long; benchmarks/README.md, fourteenth and fifteenth sessions.)
 */
export function sliceBudgetMs(sliceMs: number, otherWorkMs: number): number {
  return Math.min(sliceMs, Math.max(MIN_SLICE_MS, otherWorkMs / 2));
}

/**
 * How long the next slice of background work may run, from what the loop did since the last
 * slice: all of the time it was idle, and a quarter of the time it was busy with other work
 * (requests), up to the job's sliceMs; so on a loop busy with requests the background takes
 * about a fifth of it. Undefined: not yet, the loop's other work has not earned it a slice of
 * MIN_SLICE_MS (until the twenty-fifth session it then took MIN_SLICE_MS anyway, up to a
 * third to a half of a loop whose requests each took about a millisecond). When nothing
 * else ran since the last slice, its whole length.
 */
export function backgroundSliceBudgetMs(
  sliceMs: number,
  idleMs: number,
  busyMs: number,
): number | undefined {
  if (idleMs + busyMs < NOTHING_ELSE_MS) return sliceMs;
  const budget = Math.min(sliceMs, idleMs + busyMs / 4);
  return budget >= Math.min(MIN_SLICE_MS, sliceMs) ? budget : undefined;
}

/** The job whose turn it is: the foreground's, but a background one now and then. */
function nextJob(): SlicedJob | undefined {
  const backgroundsTurn =
    waitingInBackground.length > 0 &&
    (waiting.length === 0 ||
      foregroundSlicesInARow >= FOREGROUND_SLICES_PER_BACKGROUND_SLICE);
  if (backgroundsTurn) {
    foregroundSlicesInARow = 0;
    return waitingInBackground.shift();
  }
  const job = waiting.shift();
  if (job && waitingInBackground.length > 0) foregroundSlicesInARow++;
  return job;
}

/**
 * Runs the next waiting computation for one slice, then lets the event loop turn. A background
 * computation whose slice the loop has not earned yet waits (a millisecond, so that an idle loop
 * waits in its poll for I/O rather than turning), keeping its place.
 */
function runNextSlice() {
  const job = nextJob();
  let deferred = false;
  if (job) {
    const sliceStart = performance.now();
    let budget: number | undefined;
    if (job.background) {
      const loop = performance.eventLoopUtilization(loopAtLastSliceEnd);
      budget = backgroundSliceBudgetMs(job.sliceMs, loop.idle, loop.active);
    } else {
      budget = sliceBudgetMs(job.sliceMs, sliceStart - lastSliceEnd);
    }
    if (budget === undefined) {
      waitingInBackground.unshift(job);
      deferred = true;
    } else {
      runSlice(job, sliceStart + budget);
      lastSliceEnd = performance.now();
      loopAtLastSliceEnd = performance.eventLoopUtilization();
    }
  }
  scheduled = waiting.length > 0 || waitingInBackground.length > 0;
  if (!scheduled) return;
  if (deferred && waiting.length === 0) setTimeout(runNextSlice, 1);
  else setImmediate(runNextSlice);
}

/** Runs `job`'s steps until `sliceEnd` or its end; puts it back in its queue if not done. */
function runSlice(job: SlicedJob, sliceEnd: number) {
  try {
    for (;;) {
      const next = job.steps.next();
      if (next.done) {
        job.resolve(next.value);
        return;
      }
      if (performance.now() >= sliceEnd) {
        (job.background ? waitingInBackground : waiting).push(job);
        return;
      }
    }
  } catch (error) {
    job.reject(error);
  }
}

/**
 * Runs a step generator (common's long computations) in time slices of at most `sliceMs`
 * (default 20): between slices the event loop answers other requests and I/O, so a graph or
 * matrix that takes seconds at 10,000 services does not hold every other request for seconds.
 * A slice is no longer than half the loop's other work since the previous slice
 * (`sliceBudgetMs`). Computations under way at the same time take their slices in turn, one
 * slice per turn of the event loop. With `background`, the computation is one no request waits
 * for: it takes a quarter of the loop's busy time (`backgroundSliceBudgetMs`), after the others
 * (see {@link nextJob}).
 * @internal
 */
export function runInSlices<T>(
  steps: Steps<T>,
  options: { sliceMs?: number; background?: boolean } = {},
): Promise<T> {
  const background = options.background ?? false;
  return new Promise<T>((resolve, reject) => {
    (background ? waitingInBackground : waiting).push({
      steps,
      sliceMs: options.sliceMs ?? 20,
      background,
      resolve: resolve as (value: unknown) => void,
      reject,
    });
    if (!scheduled) {
      scheduled = true;
      setImmediate(runNextSlice);
    }
  });
}
