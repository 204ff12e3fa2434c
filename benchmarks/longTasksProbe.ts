/*
 * Probe (not part of `yarn bench`): the long tasks of the Ownership tab (until a click on a team
 * shows its domains) and of a domain's entity page (its Domain Split cards shown), with the
 * built frontend against pre-computed answers at one size, and where the main thread's time
 * goes in them: one more load per view under the CDP sampling profiler (its busy stretches), and
 * with --trace one more under Chromium tracing (each main-thread task of 50 ms or more), both
 * mapped to sources through the bundle's source maps (packages/app/dist).
 *
 *   yarn tsc && yarn build:backend
 *   node -r sucrase/register benchmarks/longTasksProbe.ts [--size 10000] [--runs 5] [--port 7170]
 *        [--views ownership,domain] [--screenshots DIR] [--profiles DIR]
 *        [--cpu-hogs N]       # N busy-looping processes meanwhile (a backend busy on the same cores)
 *        [--throttle R]       # Chromium's CPU throttling (R times slower)
 *        [--trace]            # one more load under Chromium tracing: each task of 50 ms or more, what it ran
 *        [--inclusive N]      # the profile's N functions with the most inclusive time
 *
 * As benchmarks/frontend.ts: the real built portal (example catalog) and the Domain Split API
 * answered by this process with what common computes on the synthetic catalog. The domain page
 * is the example catalog's `orders` domain; its cards' requests are answered as for the
 * synthetic `domain-0` (the catalog entity itself does not change what the cards show).
 *
 * Prints figures; asserts nothing about time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { Page } from 'playwright-core';
import {
  BLAST_RADIUS_SUMMARY_LIMIT,
  buildCatalogGraph,
  checkRules,
  computeBlastRadius,
  computeContextMap,
  computeMigrationStatus,
  computeOwnership,
  DOMAIN_MIGRATION_ITEM_LIMIT,
  domainMigrationOf,
  EvidenceContext,
  filterViolations,
  focusContextMap,
  indexOwnership,
  outlineContextMap,
  OWNERSHIP_PAGE_LIMIT,
  ownershipOfTeam,
  pageOwnership,
  pageRuleViolations,
  selectRuleViolations,
  summariseBlastRadius,
} from '@internal/plugin-domain-split-common';
import { openBenchPage, startApiServer } from './lib/browserBench';
import { entityViews, measureView, tabViews, View } from './lib/views';
import { generateCatalog, generateEventStream } from './lib/syntheticCatalog';
import { toEvidence, toStored } from './lib/evidence';
import { machine, parseArgs } from './lib/args';

const MONOREPO = 'https://github.com/synthetic/monorepo';
const NOW = new Date('2027-01-01T00:00:00Z');
const EXAMPLE_DOMAIN = 'orders';
const SYNTHETIC_DOMAIN = 'domain-0';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const portalLib = require(path.join(__dirname, '../e2e/lib/portal.mjs'));

/** The Domain Split API at `size` services, as the backend's routes answer it. */
function syntheticApi(size: number) {
  const catalog = generateCatalog({ services: size });
  const graph = buildCatalogGraph(catalog.entities);
  const evidence = toEvidence(
    graph,
    toStored(
      generateEventStream({
        serviceNames: catalog.serviceNames,
        count: size * 5,
      }),
    ),
  );
  const ownership = computeOwnership(graph);
  const ownershipIndex = indexOwnership(ownership);
  const migration = computeMigrationStatus(
    EvidenceContext.of(graph, evidence),
    {
      monorepoUrl: MONOREPO,
      now: NOW,
    },
  );
  const rules = checkRules(EvidenceContext.of(graph, evidence));
  const wholeMap = computeContextMap(graph, {
    violations: rules.violations,
    migration,
    ownership,
  });
  const domainRef = `domain:default/${SYNTHETIC_DOMAIN}`;
  const radius = computeBlastRadius(graph, domainRef, { paths: false });

  return (route: string): string | undefined => {
    const [routePath, search = ''] = decodeURIComponent(route)
      .replaceAll(
        `domain:default/${EXAMPLE_DOMAIN}`,
        `domain:default/${SYNTHETIC_DOMAIN}`,
      )
      .replaceAll(
        `/domain/default/${EXAMPLE_DOMAIN}`,
        `/domain/default/${SYNTHETIC_DOMAIN}`,
      )
      .split('?');
    const query = new URLSearchParams(search);
    const limit = (fallback: number) => Number(query.get('limit') ?? fallback);
    if (routePath === '/ownership') {
      const team = query.get('team');
      if (team) return JSON.stringify(ownershipOfTeam(ownership, team));
      return JSON.stringify(
        pageOwnership(ownership, ownershipIndex, {
          query: query.get('q') ?? undefined,
          group: query.get('group') ?? undefined,
          limit: limit(OWNERSHIP_PAGE_LIMIT.default),
          offset: Number(query.get('offset') ?? 0),
        }),
      );
    }
    if (routePath === `/migration/domain/default/${SYNTHETIC_DOMAIN}`) {
      return JSON.stringify(
        domainMigrationOf(
          migration,
          domainRef,
          limit(DOMAIN_MIGRATION_ITEM_LIMIT.default),
        ),
      );
    }
    if (routePath === `/impact/domain/default/${SYNTHETIC_DOMAIN}/summary`) {
      return JSON.stringify(
        summariseBlastRadius(graph, radius!, {
          limit: limit(BLAST_RADIUS_SUMMARY_LIMIT.default),
        }),
      );
    }
    if (routePath === '/rules/violations') {
      const entityRef = query.get('entityRef') ?? undefined;
      const answer = {
        rules: rules.rules,
        violations: filterViolations(rules.violations, {
          status: 'open',
          entityRef,
        }),
        annotationProblems: rules.annotationProblems.filter(
          p => !entityRef || p.entityRef === entityRef,
        ),
      };
      return JSON.stringify(
        pageRuleViolations(answer, selectRuleViolations(answer, ''), {
          limit: limit(20),
          offset: Number(query.get('offset') ?? 0),
        }),
      );
    }
    if (routePath === '/context-map' && query.get('domain')) {
      const map = focusContextMap(wholeMap, graph, {
        domain: query.get('domain')!,
        neighbours: Number(query.get('neighbours') ?? 12),
      });
      return JSON.stringify(
        query.get('details') === 'false' ? outlineContextMap(map) : map,
      );
    }
    return undefined;
  };
}

// ---- the CPU profile, mapped to sources ----

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const DIST = path.join(__dirname, '../packages/app/dist');
const traceMaps = new Map<string, TraceMap | null>();

function traceMapOf(url: string): TraceMap | null {
  if (!traceMaps.has(url)) {
    const file = `${path.join(DIST, new URL(url).pathname)}.map`;
    traceMaps.set(
      url,
      fs.existsSync(file) ? new TraceMap(fs.readFileSync(file, 'utf8')) : null,
    );
  }
  return traceMaps.get(url)!;
}

/** "where" of a frame: the source file (shortened) and line, or the native category. */
function frameSource(frame: ProfileNode['callFrame']): {
  file: string;
  line: number;
  name: string;
} {
  if (!frame.url) return { file: frame.functionName, line: 0, name: '' };
  const map = frame.url.startsWith('http') ? traceMapOf(frame.url) : null;
  if (!map || frame.lineNumber < 0)
    return {
      file: frame.url,
      line: frame.lineNumber,
      name: frame.functionName,
    };
  let pos: ReturnType<typeof originalPositionFor>;
  try {
    pos = originalPositionFor(map, {
      line: frame.lineNumber + 1,
      column: frame.columnNumber,
    });
  } catch {
    return {
      file: frame.url,
      line: frame.lineNumber,
      name: frame.functionName,
    };
  }
  const file = (pos.source ?? frame.url)
    .replace(/^.*node_modules\//, '')
    .replace(/^.*plugins\/domain-split\/src\//, 'DS:')
    .replace(/^webpack:\/\/\//, '');
  return { file, line: pos.line ?? 0, name: pos.name ?? frame.functionName };
}

/** npm package (or DS:<folder>) of a source file. */
function packageOf(file: string): string {
  if (file.startsWith('DS:')) return file.split('/').slice(0, 2).join('/');
  if (file.startsWith('(')) return file;
  const parts = file.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Busy stretches (consecutive non-idle samples) of at least `minMs`, each with its self time by
 * package and by the nearest Domain Split frame on the stack (inclusive: which of our components
 * or functions the work was done for).
 */
function analyseProfile(
  profile: Profile,
  minMs: number,
  args: Record<string, unknown>,
): string[] {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const sourceCache = new Map<number, ReturnType<typeof frameSource>>();
  const src = (id: number) => {
    if (!sourceCache.has(id))
      sourceCache.set(id, frameSource(byId.get(id)!.callFrame));
    return sourceCache.get(id)!;
  };
  const nearestOurs = (id: number): string => {
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const s = src(at);
      if (s.file.startsWith('DS:')) return `${s.file}:${s.line} ${s.name}`;
    }
    return '(no Domain Split frame)';
  };
  const lines: string[] = [];
  let t = profile.startTime;
  let stretch: { start: number; samples: [number, number][] } | undefined;
  const flush = () => {
    if (!stretch) return;
    const total = stretch.samples.reduce((sum, [, dt]) => sum + dt, 0) / 1000;
    if (total >= minMs) {
      const byPackage = new Map<string, number>();
      const byOurs = new Map<string, number>();
      const byFunction = new Map<string, number>();
      const inclusive = new Map<string, number>();
      for (const [id, dt] of stretch.samples) {
        const onStack = new Set<string>();
        for (
          let at: number | undefined = id;
          at !== undefined;
          at = parent.get(at)
        ) {
          const s = src(at);
          if (s.line > 0) onStack.add(`${s.file}:${s.line} ${s.name}`);
        }
        for (const k of onStack)
          inclusive.set(k, (inclusive.get(k) ?? 0) + dt / 1000);
        const s = src(id);
        const add = (m: Map<string, number>, k: string) =>
          m.set(k, (m.get(k) ?? 0) + dt / 1000);
        add(byPackage, packageOf(s.file));
        add(byOurs, nearestOurs(id));
        add(byFunction, `${s.file}:${s.line} ${s.name}`);
      }
      const top = (m: Map<string, number>, n: number) =>
        [...m.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([k, v]) => `      ${v.toFixed(1).padStart(7)} ms  ${k}`);
      lines.push(
        `  busy stretch at ${(
          (stretch.start - profile.startTime) /
          1000
        ).toFixed(0)} ms: ${total.toFixed(1)} ms`,
        '    self time by package:',
        ...top(byPackage, 12),
        '    inclusive, by the nearest Domain Split frame on the stack:',
        ...top(byOurs, 15),
        '    self time by function:',
        ...top(byFunction, 15),
        ...(args.inclusive
          ? [
              '    inclusive, by function:',
              ...top(inclusive, Number(args.inclusive)),
            ]
          : []),
      );
    }
    stretch = undefined;
  };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i];
    const idle = byId.get(id)!.callFrame.functionName === '(idle)';
    if (idle) flush();
    else {
      stretch ??= { start: t, samples: [] };
      stretch.samples.push([id, dt]);
    }
  });
  flush();
  return lines;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      cpuProfile?: {
        nodes?: (ProfileNode & { parent?: number })[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

/** Trace events whose time is shown per task (nested ones count in their parents too). */
const TRACE_EVENTS = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'MinorGC',
  'MajorGC',
  'UpdateLayoutTree',
  'Layout',
  'Paint',
  'PrePaint',
  'Layerize',
  'ParseHTML',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'RunMicrotasks',
  'HitTest',
]);

/**
 * The renderer main thread's tasks of at least `minMs` in a Chromium trace (devtools.timeline
 * with the v8 CPU profiler), each with its time by trace event (scripting, style, layout, GC)
 * and its JavaScript self time by package and by function, mapped through the source maps.
 */
function analyseTrace(events: TraceEvent[], minMs: number): string[] {
  const rendererMain = events.find(
    e => e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!rendererMain) return ['  (no renderer main thread in the trace)'];
  const onMain = events.filter(
    e => e.pid === rendererMain.pid && e.tid === rendererMain.tid,
  );
  const navigation = onMain
    .filter(e => e.name === 'navigationStart')
    .map(e => e.ts)
    .pop();
  const nodes = new Map<number, ProfileNode & { parent?: number }>();
  const samples: [number, number][] = [];
  const clocks = new Map<string, number>();
  for (const e of events) {
    if (
      e.name === 'Profile' &&
      e.id &&
      e.pid === rendererMain.pid &&
      e.tid === rendererMain.tid
    ) {
      clocks.set(e.id, e.args?.data?.startTime ?? e.ts);
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id || !clocks.has(e.id)) continue;
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    let t = clocks.get(e.id)!;
    (data?.cpuProfile?.samples ?? []).forEach((id, i) => {
      t += data?.timeDeltas?.[i] ?? 0;
      samples.push([t, id]);
    });
    clocks.set(e.id, t);
  }
  samples.sort((a, b) => a[0] - b[0]);
  const sourceOf = new Map<number, ReturnType<typeof frameSource>>();
  const src = (id: number) => {
    if (!sourceOf.has(id)) {
      sourceOf.set(id, frameSource(nodes.get(id)!.callFrame));
    }
    return sourceOf.get(id)!;
  };
  const add = (m: Map<string, number>, k: string, v: number) =>
    m.set(k, (m.get(k) ?? 0) + v);
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `      ${v.toFixed(1).padStart(7)} ms  ${k}`);
  const lines: string[] = [];
  const tasks = onMain.filter(
    e => e.name === 'RunTask' && (e.dur ?? 0) >= minMs * 1000,
  );
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const byEvent = new Map<string, number>();
    for (const e of onMain) {
      if (
        e.ph === 'X' &&
        e.ts >= task.ts &&
        e.ts < end &&
        TRACE_EVENTS.has(e.name)
      ) {
        add(byEvent, e.name, (e.dur ?? 0) / 1000);
      }
    }
    const byPackage = new Map<string, number>();
    const byFunction = new Map<string, number>();
    const ours = new Map<string, number>();
    let previous = task.ts;
    for (const [t, id] of samples) {
      if (t < task.ts || t >= end) continue;
      const dt = (t - previous) / 1000;
      previous = t;
      const s = src(id);
      add(byPackage, packageOf(s.file), dt);
      add(byFunction, `${s.file}:${s.line} ${s.name}`, dt);
      const seen = new Set<string>();
      for (
        let at: number | undefined = id;
        at !== undefined;
        at = nodes.get(at)?.parent
      ) {
        const f = src(at);
        if (f.file.startsWith('DS:')) seen.add(`${f.file}:${f.line} ${f.name}`);
      }
      for (const k of seen) add(ours, k, dt);
    }
    lines.push(
      `  task at ${
        navigation === undefined
          ? '?'
          : ((task.ts - navigation) / 1000).toFixed(0)
      } ms after navigation start: ${(task.dur! / 1000).toFixed(1)} ms`,
      '    trace events inside it:',
      ...top(byEvent, 10),
      '    JavaScript self time by package (sampled):',
      ...top(byPackage, 10),
      '    by function:',
      ...top(byFunction, 12),
      '    Domain Split frames on the stack (inclusive):',
      ...top(ours, 10),
    );
  }
  return lines;
}

async function profiled(page: Page, run: () => Promise<unknown>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return profile as unknown as Profile;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const size = Number(args.size ?? 10000);
  const runs = Number(args.runs ?? 5);
  const port = Number(args.port ?? 7170);
  const wanted = args.views
    ? String(args.views).toLowerCase().split(',')
    : undefined;
  const screenshots = args.screenshots ? String(args.screenshots) : undefined;
  const profiles = args.profiles ? String(args.profiles) : undefined;
  for (const dir of [screenshots, profiles]) {
    if (dir) fs.mkdirSync(dir, { recursive: true });
  }
  console.log(
    `# Long-task probe (${machine()}), ${size} services, ${runs} loads per view after a warm-up`,
  );
  const answer = syntheticApi(size);
  const api = await startApiServer((_: unknown, route) => answer(route));
  const portal = await portalLib.startBuiltPortal({ port });
  const { browser, page } = await openBenchPage(portal.baseUrl, api.url);
  const throttle = Number(args.throttle ?? 1);
  if (throttle > 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  const hogs = Array.from({ length: Number(args['cpu-hogs'] ?? 0) }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  console.log(
    `CPU hogs: ${hogs.length} (pids ${hogs
      .map(h => h.pid)
      .join(', ')}); CPU throttling ${throttle}×`,
  );
  const views: View[] = [
    tabViews()[0],
    entityViews({ service: 'x', domain: EXAMPLE_DOMAIN, team: 'x' })[3],
  ].filter(v => !wanted || wanted.some(w => v.name.toLowerCase().includes(w)));
  try {
    for (const view of views) {
      console.log(`\n## ${view.name} (${view.path})`);
      await measureView(page, portal.baseUrl, view, 60_000);
      for (let i = 0; i < runs; i++) {
        const m = await measureView(page, portal.baseUrl, view, 60_000);
        // Long tasks after the view is usable (cards below, effects) are listed apart.
        await page.waitForTimeout(1500);
        const tasks = (await page.evaluate('window.__longTasks')) as [
          number,
          number,
        ][];
        const last = Math.max(
          m.clickMs ?? 0,
          ...Object.values(m.parts).map(p => p ?? 0),
        );
        console.log(
          `  load ${i}: parts ${JSON.stringify(
            Object.fromEntries(
              Object.entries(m.parts).map(([k, v]) => [k, Math.round(v ?? -1)]),
            ),
          )}${
            m.clickMs ? ` click ${Math.round(m.clickMs)}` : ''
          } | long tasks until usable ${m.longTasks}, longest ${Math.round(
            m.longestMs,
          )} ms: ${JSON.stringify(
            tasks
              .filter(([start]) => start < last)
              .map(([s, d]) => [Math.round(s), Math.round(d)]),
          )}, after: ${JSON.stringify(
            tasks
              .filter(([start]) => start >= last)
              .map(([s, d]) => [Math.round(s), Math.round(d)]),
          )} | API ${m.apiCalls} calls, largest ${(
            m.apiLargestBytes / 1024
          ).toFixed(1)} KiB`,
        );
      }
      const slug = view.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      if (screenshots) {
        await page.screenshot({
          path: path.join(screenshots, `${slug}.png`),
          fullPage: true,
        });
      }
      const profile = await profiled(page, () =>
        measureView(page, portal.baseUrl, view, 60_000),
      );
      if (profiles) {
        fs.writeFileSync(
          path.join(profiles, `${slug}.cpuprofile`),
          JSON.stringify(profile),
        );
      }
      console.log(
        '  under the profiler (200 µs sampling), busy stretches ≥ 40 ms:',
      );
      for (const line of analyseProfile(profile, 40, args)) console.log(line);
      if (args.trace) {
        const file = path.join(os.tmpdir(), `long-tasks-${slug}.json`);
        await page.goto('about:blank');
        await browser.startTracing(page, {
          path: file,
          categories: [
            'devtools.timeline',
            'disabled-by-default-devtools.timeline',
            'v8.execute',
            'disabled-by-default-v8.cpu_profiler',
            'blink.user_timing',
          ],
        });
        await measureView(page, portal.baseUrl, view, 60_000);
        await browser.stopTracing();
        const { traceEvents } = JSON.parse(fs.readFileSync(file, 'utf8'));
        console.log(
          '  one more load under tracing: its tasks of 50 ms or more:',
        );
        for (const line of analyseTrace(traceEvents, 50)) console.log(line);
      }
    }
  } finally {
    for (const hog of hogs) hog.kill();
    await browser.close();
    await portal.stop();
    await api.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
