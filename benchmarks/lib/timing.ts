/* Small timing helpers: benchmarks print figures, they never assert times. */
import { performance } from 'node:perf_hooks';

/** Runs `fn` `runs` times (after one warm-up unless warmup=false) and returns the median ms. */
export function timeSync<T>(
  fn: () => T,
  runs = 3,
  warmup = true,
): { ms: number; result: T } {
  let result = warmup ? fn() : (undefined as T);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

export async function timeAsync<T>(
  fn: () => Promise<T>,
  runs = 3,
): Promise<{ ms: number; result: T }> {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

/**
 * The longest step of a step generator (common's `Steps`) run to its end: the longest piece of
 * the event loop the backend's `runInSlices` cannot cut.
 */
export function longestStepMs(steps: Iterator<unknown>): number {
  let longest = 0;
  for (;;) {
    const start = performance.now();
    const next = steps.next();
    longest = Math.max(longest, performance.now() - start);
    if (next.done) return longest;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

export const fmt = (ms: number) => {
  if (Number.isNaN(ms)) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
};

/** Prints a plain-text table (also valid as a Markdown table). */
export function printTable(headers: string[], rows: (string | number)[][]) {
  const cells = [headers, ...rows.map(r => r.map(String))];
  const widths = headers.map((_, i) =>
    Math.max(...cells.map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  for (const r of cells.slice(1)) console.log(line(r));
}
