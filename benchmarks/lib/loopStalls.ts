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

/** The stalls written since the last call, one line each (the file is emptied). */
export function takeLoopStalls(): string[] {
  if (!fs.existsSync(LOOP_STALL_LOG)) return [];
  const lines = fs
    .readFileSync(LOOP_STALL_LOG, 'utf8')
    .split('\n')
    .filter(Boolean);
  fs.rmSync(LOOP_STALL_LOG, { force: true });
  return lines;
}
