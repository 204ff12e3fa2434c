/*
 * Preloaded into the benchmark's backend (`--require`): appends a line to the file named by
 * DS_BENCH_STALL_LOG for every stall of the backend's event loop of at least
 * DS_BENCH_STALL_MS (default 1000), with the CPU time the process used meanwhile (all its
 * threads). A request that waited seconds can then be matched with the backend's own loop: a
 * stall with CPU time close to its length or more is work (the loop's, or garbage collection's);
 * one with little CPU time is the process not running (descheduled by the machine) or waiting
 * in a synchronous call.
 */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { isMainThread } = require('node:worker_threads');

const file = process.env.DS_BENCH_STALL_LOG;
const stallMs = Number(process.env.DS_BENCH_STALL_MS || 1000);
const INTERVAL_MS = 100;

// The serving thread only: a worker (the failure matrix's) computes in long pieces by design.
if (file && isMainThread) {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const heldMs = now - last - INTERVAL_MS;
    if (heldMs >= stallMs) {
      const cpuMs =
        (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
      fs.appendFileSync(
        file,
        `${new Date().toISOString()} pid ${
          process.pid
        }: the event loop was held ${Math.round(
          heldMs,
        )} ms (process CPU meanwhile ${Math.round(cpuMs)} ms)\n`,
      );
    }
    last = now;
    lastCpu = cpu;
  }, INTERVAL_MS).unref();
}
