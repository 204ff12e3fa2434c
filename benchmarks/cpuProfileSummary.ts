/*
 * What did the backend's event loop do? Summarises a V8 CPU profile of the built backend
 * (bench:serving with DS_BENCH_PORTAL_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR"; the file is
 * written when the backend stops):
 *
 * - Domain Split's catalog reads found in the profile (seconds from the profile's start), to
 *   pick a window;
 * - the share of the loop's time per part within the window (idle, garbage collection, Domain
 *   Split's catalog read, the catalog backend, the rest of Domain Split, the database driver,
 *   compression, other), each sample counted once, for the first part on its stack in that order;
 * - calls that stayed on the stack for at least --long-ms without a break (one synchronous piece
 *   of work that long holds every request; garbage collections inside it do not break it), with
 *   the innermost frame outside Node's own code and Domain Split's that lasted as long (which
 *   computation held the loop); the first --calls (30);
 * - with --top N, Domain Split's N functions with the most time on the stack in the window
 *   (each sample counted once per function): which of its computations take the loop's time;
 * - with --stalls FILE (the benchmark's output, or any file with `loopStallProbe.cjs`' lines of
 *   the same backend): for each stall of the loop in the profile, the share of its time per
 *   part and the functions outside Node's own code with the most time on the stack in it
 *   (a stall is often many short calls in a row, which the list of long calls cannot find).
 *
 *   node -r sucrase/register benchmarks/cpuProfileSummary.ts FILE.cpuprofile [--from S] [--to S] [--long-ms 300] [--top N] [--calls N] [--stalls FILE]
 */
import fs from 'node:fs';
import { parseArgs } from './lib/args';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const CATALOG_READ = "Domain Split's catalog read (page parsing, fingerprint)";

/** The parts a sample is counted for, the first that matches its stack. */
const PARTS: { name: string; matches: (frame: CallFrame) => boolean }[] = [
  {
    name: CATALOG_READ,
    matches: f =>
      /domain-split-backend/.test(f.url) &&
      /^(add|#readAll|#readKind)$/.test(f.functionName),
  },
  {
    name: 'catalog backend',
    matches: f => /plugin-catalog-backend/.test(f.url),
  },
  { name: 'Domain Split', matches: f => /domain-split/.test(f.url) },
  {
    name: 'database driver',
    matches: f => /node_modules\/(pg|pg-protocol|knex)\//.test(f.url),
  },
  {
    name: 'compression',
    matches: f => /node_modules\/compression\/|zlib/.test(f.url),
  },
];

function main() {
  const args = parseArgs(process.argv.slice(2));
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    console.log(
      'usage: cpuProfileSummary.ts FILE.cpuprofile [--from S] [--to S] [--long-ms 300] [--top N] [--calls N] [--stalls FILE]',
    );
    process.exit(1);
  }
  const profile: Profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const from = Number(args.from ?? 0);
  const to = Number(args.to ?? Infinity);
  const longMs = Number(args['long-ms'] ?? 300);
  const top = Number(args.top ?? 0);
  const calls = Number(args.calls ?? 30);
  const stallsFile = typeof args.stalls === 'string' ? args.stalls : undefined;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stackOf = (id: number) => {
    const ids: number[] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      ids.push(x);
    }
    return ids; // leaf first
  };
  const partCache = new Map<number, string>();
  const partOf = (id: number) => {
    let part = partCache.get(id);
    if (part === undefined) {
      const leaf = byId.get(id)!.callFrame.functionName;
      const frames = stackOf(id).map(x => byId.get(x)!.callFrame);
      if (leaf === '(idle)') part = 'idle';
      else if (leaf === '(garbage collector)') part = 'garbage collection';
      else {
        part =
          PARTS.find(p => frames.some(p.matches))?.name ??
          (leaf === '(program)' ? 'native (program)' : 'other');
      }
      partCache.set(id, part);
    }
    return part;
  };
  const describe = (frame: CallFrame) =>
    `${frame.functionName || '(anonymous)'} ${frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^.*domain-split-portal-[^/]+\//, '')}:${frame.lineNumber}`;

  const ownCode = (frame: CallFrame) =>
    frame.url !== '' && !frame.url.startsWith('node:');
  /** Adds `ms` to each function of the sample's stack that `keep` takes, once per function. */
  const addTimeOnStack = (
    times: Map<string, number>,
    id: number,
    ms: number,
    keep: (frame: CallFrame) => boolean,
  ) => {
    const names = new Set<string>();
    for (const node of stackOf(id)) {
      const frame = byId.get(node)!.callFrame;
      if (keep(frame)) names.add(describe(frame));
    }
    for (const name of names) times.set(name, (times.get(name) ?? 0) + ms);
  };

  const reads: { start: number; end: number }[] = [];
  const shares = new Map<string, number>();
  /** Domain Split's functions: time on the stack within the window. */
  const ownTimes = new Map<string, number>();
  let windowMs = 0;
  const onStack = new Map<number, number>();
  const longCalls: { start: number; ms: number; frame: CallFrame }[] = [];
  let time = profile.startTime;
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i];
    const at = (time - profile.startTime) / 1e6;
    const part = partOf(id);
    if (part === CATALOG_READ) {
      const last = reads[reads.length - 1];
      if (last && at - last.end < 20) last.end = at;
      else reads.push({ start: at, end: at });
    }
    if (at < from || at > to) return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    shares.set(part, (shares.get(part) ?? 0) + ms);
    windowMs += ms;
    const stack = new Set(stackOf(id));
    if (top > 0) {
      addTimeOnStack(ownTimes, id, ms, frame => /domain-split/.test(frame.url));
    }
    // V8 samples a garbage collection as a stack of its own, though it ran inside the
    // JavaScript that allocated: it does not end the calls on the stack.
    if (byId.get(id)!.callFrame.functionName === '(garbage collector)') return;
    for (const [node, start] of onStack) {
      if (stack.has(node)) continue;
      const lasted = (time - start) / 1000;
      const frame = byId.get(node)!.callFrame;
      if (lasted >= longMs && !frame.functionName.startsWith('(')) {
        longCalls.push({
          start: (start - profile.startTime) / 1e6,
          ms: lasted,
          frame,
        });
      }
      onStack.delete(node);
    }
    for (const node of stack) if (!onStack.has(node)) onStack.set(node, time);
  });

  console.log(
    `profile ${((profile.endTime - profile.startTime) / 1e6).toFixed(
      0,
    )} s; Domain Split's catalog reads (s from its start): ${reads
      .map(r => `${r.start.toFixed(1)}–${r.end.toFixed(1)}`)
      .join(', ')}`,
  );
  console.log(
    `\nwindow ${from}–${Number.isFinite(to) ? to : 'end'} s (${(
      windowMs / 1000
    ).toFixed(1)} s sampled): share of the event loop's time`,
  );
  for (const [part, ms] of [...shares].sort((a, b) => b[1] - a[1])) {
    console.log(
      `  ${((100 * ms) / windowMs).toFixed(1).padStart(5)} %  ${part}`,
    );
  }
  if (top > 0) {
    console.log(
      `\nDomain Split's functions with the most time on the stack (of the window's ${(
        windowMs / 1000
      ).toFixed(1)} s)`,
    );
    for (const [name, ms] of [...ownTimes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)) {
      console.log(
        `  ${((100 * ms) / windowMs).toFixed(1).padStart(5)} %  ${name}`,
      );
    }
  }
  // The outermost call of each nested run is enough: inner frames of one piece start later
  // (of frames that came and went together, the first sampled).
  const outermost = longCalls.filter(
    (call, i) =>
      !longCalls.some(
        (other, j) =>
          other !== call &&
          other.start <= call.start &&
          other.start + other.ms / 1000 >= call.start + call.ms / 1000 &&
          (other.ms > call.ms || (other.ms === call.ms && j < i)),
      ),
  );
  console.log(
    `\ncalls on the stack ≥ ${longMs} ms without a break: ${outermost.length}`,
  );
  for (const call of outermost.slice(0, calls)) {
    // What held the loop: the innermost frame outside Node's own code that lasted as long,
    // and Domain Split's if one did.
    const within = longCalls
      .filter(
        other =>
          ownCode(other.frame) &&
          other.start >= call.start &&
          other.start + other.ms / 1000 <= call.start + call.ms / 1000,
      )
      .sort((a, b) => a.ms - b.ms);
    const inner = within[0];
    const ours = within.find(other => /domain-split/.test(other.frame.url));
    console.log(
      `  ${call.start.toFixed(2)} s  ${call.ms.toFixed(0)} ms  ${describe(
        call.frame,
      )}${
        inner && inner !== ours
          ? `\n      innermost: ${describe(inner.frame)} (${inner.ms.toFixed(
              0,
            )} ms)`
          : ''
      }${
        ours
          ? `\n      in Domain Split: ${describe(
              ours.frame,
            )} (${ours.ms.toFixed(0)} ms)`
          : ''
      }`,
    );
  }

  if (stallsFile) {
    const stalls = fs
      .readFileSync(stallsFile, 'utf8')
      .split('\n')
      .flatMap(line => {
        const found = /held (\d+) ms .*monotonic (\d+)–(\d+) µs/.exec(line);
        if (!found) return [];
        const [startUs, endUs] = [Number(found[2]), Number(found[3])];
        if (startUs < profile.startTime || endUs > profile.endTime) return [];
        return [{ line: line.trim(), startUs, endUs }];
      });
    console.log(
      `\nstalls of the loop in the profile (--stalls ${stallsFile}): ${stalls.length}`,
    );
    for (const stall of stalls) {
      const parts = new Map<string, number>();
      const functions = new Map<string, number>();
      let stallMs = 0;
      let sampleAt = profile.startTime;
      profile.samples.forEach((id, i) => {
        sampleAt += profile.timeDeltas[i];
        if (sampleAt < stall.startUs || sampleAt > stall.endUs) return;
        const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        stallMs += ms;
        const part = partOf(id);
        parts.set(part, (parts.get(part) ?? 0) + ms);
        addTimeOnStack(functions, id, ms, ownCode);
      });
      const percent = (ms: number) =>
        `${((100 * ms) / stallMs).toFixed(0).padStart(3)} %`;
      console.log(
        `\n  at ${((stall.startUs - profile.startTime) / 1e6).toFixed(
          1,
        )} s: ${stall.line.replace(/^.*?: /, '')}\n    ${[...parts]
          .sort((a, b) => b[1] - a[1])
          .map(([part, ms]) => `${percent(ms)} ${part}`)
          .join(' · ')}`,
      );
      for (const [name, ms] of [...functions]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Math.max(top, 8))) {
        console.log(`    ${percent(ms)}  ${name}`);
      }
    }
  }
}

main();
