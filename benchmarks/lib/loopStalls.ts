/*
 * Stalls of the benchmark backend's event loop, as `loopStallProbe.cjs` (preloaded into every
 * backend the synthetic portal starts) writes them: one file per benchmark process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The preload script, for NODE_OPTIONS' `--require`. */
export const LOOP_STALL_PROBE = path.join(__dirname, 'loopStallProbe.cjs');

/** Where the probe appends its lines (DS_BENCH_STALL_LOG). */
export const LOOP_STALL_LOG = path.join(
  os.tmpdir(),
  `domain-split-bench-stalls-${process.pid}.log`,
);

/** The shortest stall the probe reports (DS_BENCH_STALL_MS, the probe's own default 1000). */
export const LOOP_STALL_MS = Number(process.env.DS_BENCH_STALL_MS || 1000);

// A benchmark that never takes the stalls (any that starts the synthetic portal) leaves no file.
process.on('exit', () => fs.rmSync(LOOP_STALL_LOG, { force: true }));

/** A backend's garbage collection since its start, as the probe writes it every 10 s. */
export interface GcTotals {
  at: string;
  pid: number;
  /** [count, ms] of each kind. */
  major: [number, number];
  minor: [number, number];
  incremental: [number, number];
  heapUsedMiB: number;
}

const GC_TOTALS = 'gc-totals ';

function gcTotalsIn(lines: string[]): GcTotals[] {
  return lines
    .filter(line => line.startsWith(GC_TOTALS))
    .map(line => JSON.parse(line.slice(GC_TOTALS.length)) as GcTotals);
}

/**
 * A backend's garbage collection so far, written by its probe on demand (SIGUSR2) and read
 * without emptying the file; undefined when the probe did not answer within `waitMs` (a
 * backend without the probe, or its loop held that long).
 */
export async function gcTotalsNow(
  pid: number,
  waitMs = 3000,
): Promise<GcTotals | undefined> {
  const asked = new Date().toISOString();
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 20));
    if (!fs.existsSync(LOOP_STALL_LOG)) continue;
    const answered = gcTotalsIn(
      fs.readFileSync(LOOP_STALL_LOG, 'utf8').split('\n'),
    ).find(totals => totals.pid === pid && totals.at >= asked);
    if (answered) return answered;
  }
  return undefined;
}

/**
 * What the probe wrote since the last call (the file is emptied): the stalls, one line each,
 * and the garbage collection totals.
 */
export function takeLoopProbe(): { stalls: string[]; gcTotals: GcTotals[] } {
  if (!fs.existsSync(LOOP_STALL_LOG)) return { stalls: [], gcTotals: [] };
  const lines = fs
    .readFileSync(LOOP_STALL_LOG, 'utf8')
    .split('\n')
    .filter(Boolean);
  fs.rmSync(LOOP_STALL_LOG, { force: true });
  return {
    stalls: lines.filter(line => !line.startsWith(GC_TOTALS)),
    gcTotals: gcTotalsIn(lines),
  };
}
