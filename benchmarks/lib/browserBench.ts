/*
 * The map and frontend benchmarks' measuring loop (on lib/browser.ts): one load of a scenario measured from
 * navigation start, medians over runs, and the Domain Split API served from this process.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { frameWhen, launchChromium, signedInPage } from './browser';
import { fmt, median } from './timing';

/** Routes of the Domain Split API → JSON body, for one scenario. */
export type Responses = Record<string, string>;

export interface Scenario {
  name: string;
  path: string;
  /** JS expression: the view is visible. */
  visible: string;
  /** CSS selector clicked once visible, and the JS expression that shows the click's effect. */
  click?: { selector: string; effect: string };
}

export interface Measurement {
  visibleMs: number;
  usableMs: number;
  longTasks: number;
  longestMs: number;
  longTotalMs: number;
}

export async function measure(
  page: Page,
  baseUrl: string,
  s: Scenario,
  timeoutMs: number,
): Promise<Measurement> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}${s.path}`, { waitUntil: 'commit' });
  const visibleMs = await frameWhen(page, s.visible, timeoutMs);
  let usableMs = visibleMs;
  // What the click shows may be shown already (a small catalog's Ownership teams start open).
  if (s.click && !(await page.evaluate(`!!(${s.click.effect})`))) {
    await page.locator(s.click.selector).first().click({ timeout: timeoutMs });
    usableMs = await frameWhen(page, s.click.effect, timeoutMs);
  }
  const tasks = (await page.evaluate('window.__longTasks')) as [
    number,
    number,
  ][];
  const before = tasks.filter(([start]) => start < usableMs);
  return {
    visibleMs,
    usableMs,
    longTasks: before.length,
    longestMs: Math.max(0, ...before.map(([, d]) => d)),
    longTotalMs: before.reduce((sum, [, d]) => sum + d, 0),
  };
}

/**
 * Serves the current scenario's responses on loopback, so large bodies do not cross the
 * DevTools protocol; routes it does not hold go to `fallback` (e.g. /impact-path computed on
 * the scenario's graph), else 404.
 */
export async function startApiServer<G>(
  fallback: (graph: G | undefined, route: string) => string | undefined = () =>
    undefined,
) {
  let responses: Responses = {};
  let graph: G | undefined;
  const server = http.createServer((req, res) => {
    const route = (req.url ?? '').replace(/^\/api\/domain-split/, '');
    const body = responses[route] ?? fallback(graph, route);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: `no ${route} in this benchmark`,
          },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    use: (r: Responses, g?: G) => {
      responses = r;
      graph = g;
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/**
 * Debian's headless Chromium with long tasks recorded, the guest signed in to the portal once
 * (later loads reuse the session) and the Domain Split API routed to `apiUrl`.
 */
export async function openBenchPage(portalUrl: string, apiUrl: string) {
  const browser = await launchChromium();
  const { context, page } = await signedInPage(browser, portalUrl);
  await context.route('**/api/domain-split/**', route => {
    const url = new URL(route.request().url());
    return route.continue({ url: `${apiUrl}${url.pathname}${url.search}` });
  });
  return { browser, page };
}

/** The targets of the issue: usable in under 2 s, no long task over 200 ms. */
export const TARGET_MS = 2000;
export const LONG_TASK_TARGET_MS = 200;

/**
 * One warm-up load (bundle cache, JIT), then `runs` measured loads (stopping after one over
 * 30 s), then a screenshot of the last load when `screenshot` names a file, then one more load
 * under the CDP sampling profiler when `profile` names a file (a .cpuprofile, kept out of the
 * figures: the profiler slows the page); the medians as a
 * table row: label, scenario, visible, usable, long tasks, longest, long tasks total, target
 * met.
 */
export async function benchScenario(options: {
  page: Page;
  baseUrl: string;
  scenario: Scenario;
  runs: number;
  timeoutMs: number;
  label: string;
  screenshot?: string;
  profile?: string;
}): Promise<(string | number)[]> {
  const { page, baseUrl, scenario, runs, timeoutMs, label } = options;
  await measure(page, baseUrl, scenario, timeoutMs);
  const results: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await measure(page, baseUrl, scenario, timeoutMs);
    results.push(m);
    if (m.usableMs > 30_000) break; // one slow load tells enough
  }
  if (options.screenshot) await page.screenshot({ path: options.screenshot });
  if (options.profile) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await measure(page, baseUrl, scenario, timeoutMs);
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(options.profile, JSON.stringify(profile));
    await cdp.detach();
  }
  const med = (f: (m: Measurement) => number) => median(results.map(f));
  return [
    label,
    scenario.name,
    fmt(med(m => m.visibleMs)),
    fmt(med(m => m.usableMs)),
    med(m => m.longTasks),
    fmt(med(m => m.longestMs)),
    fmt(med(m => m.longTotalMs)),
    med(m => m.usableMs) < TARGET_MS &&
    med(m => m.longestMs) <= LONG_TASK_TARGET_MS
      ? 'yes'
      : 'NO',
  ];
}
