/*
 * Preloaded into the benchmark's backend (`--require`): appends a line to the file named by
 * DS_BENCH_STALL_LOG for every stall of the backend's event loop of at least
 * DS_BENCH_STALL_MS (default 1000), with the CPU time the process used meanwhile (all its
 * threads) and the garbage collections of the serving thread's heap that ran in it (major,
 * minor, and the incremental marking steps of a major one). A request
 * that waited seconds can then be matched with the backend's own loop: a stall with CPU time
 * close to its length or more is work (the loop's, or garbage collection's: its share is
 * named); one with little CPU time is the process not running (descheduled by the machine) or
 * waiting in a synchronous call. Each line also names the stall's start and end on the
 * monotonic clock V8's CPU profiles use (µs), so `cpuProfileSummary.ts --stalls` can say what
 * ran in it. Every 10 s it also appends the serving thread's garbage collection so far (a
 * `gc-totals` line of JSON: count and ms of each kind, the heap in use), so a benchmark can
 * say how much collecting a phase cost, stalls or not; and when the process gets SIGUSR2 (the
 * benchmark asks so before and after each route it reads).
 */
const fs = require('node:fs');
const {
  performance,
  PerformanceObserver,
  constants,
} = require('node:perf_hooks');
const { isMainThread } = require('node:worker_threads');
const v8 = require('node:v8');

const file = process.env.DS_BENCH_STALL_LOG;
const stallMs = Number(process.env.DS_BENCH_STALL_MS || 1000);
const INTERVAL_MS = 100;

// The serving thread only: a worker (the failure matrix's) computes in long pieces by design.
if (file && isMainThread) {
  /** The garbage collections of the last seconds: start and duration (ms), major or not. */
  let collections = [];
  /** Every collection since start-up by kind: [count, ms]. */
  const totals = { major: [0, 0], minor: [0, 0], incremental: [0, 0] };
  const KINDS = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  };
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind;
      collections.push({
        start: entry.startTime,
        duration: entry.duration,
        kind,
      });
      const total = totals[KINDS[kind]];
      if (total) {
        total[0] += 1;
        total[1] += entry.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });

  const writeTotals = () => {
    const round = ([count, ms]) => [count, Math.round(ms)];
    fs.appendFileSync(
      file,
      `gc-totals ${JSON.stringify({
        at: new Date().toISOString(),
        pid: process.pid,
        major: round(totals.major),
        minor: round(totals.minor),
        incremental: round(totals.incremental),
        heapUsedMiB: Math.round(
          v8.getHeapStatistics().used_heap_size / 2 ** 20,
        ),
      })}\n`,
    );
  };
  setInterval(writeTotals, 10_000).unref();
  // On demand too: the benchmark asks before and after each route it reads.
  process.on('SIGUSR2', writeTotals);

  /**
   * A stall is written one tick later: the observer hears of the collections that ran in it
   * only after the loop turned again.
   */
  let pending;
  const write = stall => {
    const inStall = collections.filter(
      c => c.start < stall.end && c.start + c.duration > stall.start,
    );
    const ms = list => Math.round(list.reduce((sum, c) => sum + c.duration, 0));
    const ofKind = kind => inStall.filter(c => c.kind === kind);
    const major = ofKind(constants.NODE_PERFORMANCE_GC_MAJOR);
    fs.appendFileSync(
      file,
      `${stall.at} pid ${process.pid}: the event loop was held ${Math.round(
        stall.heldMs,
      )} ms (process CPU meanwhile ${Math.round(
        stall.cpuMs,
      )} ms; garbage collection ${ms(inStall)} ms, of which major ${ms(
        major,
      )} ms in ${major.length}, minor ${ms(
        ofKind(constants.NODE_PERFORMANCE_GC_MINOR),
      )} ms, incremental marking ${ms(
        ofKind(constants.NODE_PERFORMANCE_GC_INCREMENTAL),
      )} ms; monotonic ${stall.startUs}–${stall.endUs} µs)\n`,
    );
  };

  const monotonicUs = () => process.hrtime.bigint() / 1000n;
  let last = performance.now();
  let lastUs = monotonicUs();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const nowUs = monotonicUs();
    const cpu = process.cpuUsage();
    if (pending) write(pending);
    pending = undefined;
    collections = collections.filter(c => c.start + c.duration > now - 10_000);
    const heldMs = now - last - INTERVAL_MS;
    if (heldMs >= stallMs) {
      pending = {
        at: new Date().toISOString(),
        start: last,
        end: now,
        heldMs,
        startUs: lastUs,
        endUs: nowUs,
        cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000,
      };
    }
    last = now;
    lastUs = nowUs;
    lastCpu = cpu;
  }, INTERVAL_MS).unref();
}
