/*
 * Who used the machine's cores while something was measured (Linux /proc): the backend
 * process(es), this benchmark process (its readers fetch and decompress every answer),
 * PostgreSQL, and the rest of the machine. On a 2-core machine the backend shares its cores
 * with all of them, so a request can be slow because the backend waited for a core, not
 * because it had work to do; these shares tell which.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Cumulative CPU seconds at one moment. */
interface CpuReading {
  /** Epoch ms (the Date.now clock the request samples use). */
  at: number;
  /** The backend processes read (a restart changes them: no share across it). */
  backendPids: string;
  backend: number;
  benchmark: number;
  postgres: number;
  /** Every core's busy time (user, nice, system, irq, softirq, steal). */
  machineBusy: number;
  /** Every core's time, busy or idle. */
  machineTotal: number;
}

/** CPU seconds used in a window, and the window's length. */
export interface CpuShare {
  wallS: number;
  cores: number;
  backendS: number;
  benchmarkS: number;
  postgresS: number;
  /** Busy time of the machine not used by the three above. */
  otherS: number;
  idleS: number;
}

function clockTicksPerSecond(): number {
  try {
    return (
      Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    );
  } catch {
    return 100;
  }
}

const TICKS = clockTicksPerSecond();

/** Fields after the command name of /proc/PID/stat (the name may hold spaces). */
function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone meanwhile
  }
}

/**
 * A process's CPU seconds: its own (user + system, every thread) and, with `children`, what its
 * exited children used once reaped (PostgreSQL's postmaster reaps its connections' processes, so
 * their time is kept when they end).
 */
function processCpuS(pid: number | 'self', children = false): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // Fields 14–17 of stat (utime, stime, cutime, cstime); index 0 here is field 3.
  const own = Number(fields[11]) + Number(fields[12]);
  const reaped = children ? Number(fields[13]) + Number(fields[14]) : 0;
  return (own + reaped) / TICKS;
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') {
        pids.push(Number(name));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function machineCpuS(): { busy: number; total: number; cores: number } {
  const stat = fs.readFileSync('/proc/stat', 'utf8');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = stat
    .split('\n')[0]
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const cores = stat.split('\n').filter(line => /^cpu\d+ /.test(line)).length;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / TICKS, total: (busy + idle + iowait) / TICKS, cores };
}

/**
 * Reads every `intervalMs` the CPU seconds of the backend(s) (`backendPids()`, asked at each
 * reading: a restart changes them), this process, PostgreSQL and the machine; `between(from,
 * to)` gives the shares in a window (epoch ms), from the readings nearest outside it (`mark()`
 * reads at a window's ends, for windows shorter than the interval).
 */
export function watchCpuShares(
  backendPids: () => number[],
  intervalMs = 250,
): {
  between(from: number, to: number): CpuShare | undefined;
  mark(): number;
  stop(): void;
} {
  const readings: CpuReading[] = [];
  let pgPids = postgresPids();
  let readingsSincePgScan = 0;
  let cores = 1;
  const read = () => {
    // PostgreSQL starts a process per connection: look for new ones every few seconds.
    if (++readingsSincePgScan * intervalMs >= 5000) {
      pgPids = postgresPids();
      readingsSincePgScan = 0;
    }
    const machine = machineCpuS();
    cores = machine.cores;
    const pids = [...new Set(backendPids())].sort();
    readings.push({
      at: Date.now(),
      backendPids: pids.join(','),
      backend: pids.reduce((sum, pid) => sum + processCpuS(pid), 0),
      benchmark: processCpuS('self'),
      postgres: pgPids.reduce((sum, pid) => sum + processCpuS(pid, true), 0),
      machineBusy: machine.busy,
      machineTotal: machine.total,
    });
  };
  read();
  const timer = setInterval(read, intervalMs);
  timer.unref();
  return {
    between(from, to) {
      // A window that ends now: read now rather than at the next tick.
      if (readings[readings.length - 1].at < to && to <= Date.now()) read();
      const start = readings.findLast(r => r.at <= from);
      const end = readings.find(r => r.at >= to);
      if (!start || !end || end.at <= start.at) return undefined;
      if (start.backendPids !== end.backendPids) return undefined;
      const d = (key: Exclude<keyof CpuReading, 'backendPids'>) =>
        end[key] - start[key];
      // A PostgreSQL process that ended before it was reaped makes a difference negative.
      const backendS = Math.max(0, d('backend'));
      const benchmarkS = Math.max(0, d('benchmark'));
      const postgresS = Math.max(0, d('postgres'));
      const busy = d('machineBusy');
      return {
        wallS: (end.at - start.at) / 1000,
        cores,
        backendS,
        benchmarkS,
        postgresS,
        otherS: Math.max(0, busy - backendS - benchmarkS - postgresS),
        idleS: Math.max(0, d('machineTotal') - busy),
      };
    },
    /** Reads now and returns the time read: a window from one mark to another is exact. */
    mark() {
      read();
      return readings[readings.length - 1].at;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** `s` CPU seconds as a percentage of every core's time in the share's window. */
function percentOfCores(share: CpuShare, s: number): number {
  return Math.round((100 * s) / (share.wallS * share.cores));
}

/** "backend 1.2 s (31 %), benchmark …": each part's CPU and its share of every core's time. */
export function describeCpuShare(share: CpuShare | undefined): string {
  if (!share)
    return 'not measured (no reading before it, or the backend restarted in it)';
  const part = (name: string, s: number) =>
    `${name} ${s.toFixed(1)} s (${percentOfCores(share, s)} %)`;
  return [
    part('backend', share.backendS),
    part('this benchmark (its readers)', share.benchmarkS),
    part('PostgreSQL', share.postgresS),
    part('other', share.otherS),
    part('idle', share.idleS),
  ].join(', ');
}

/** "61 · 24 · 9 · 3 · 3": the same parts as percentages of the cores, for a table column. */
export function cpuPercents(share: CpuShare | undefined): string {
  if (!share) return '-';
  return [
    share.backendS,
    share.benchmarkS,
    share.postgresS,
    share.otherS,
    share.idleS,
  ]
    .map(s => percentOfCores(share, s))
    .join(' · ');
}
