/*
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the frontend and
 * serving benchmarks: launch, guest sign-in, long tasks recorded from the start of every
 * document, and "when did this become true" measured on animation frames.
 */
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Records long tasks from the very start of every document (window.__longTasks). */
export const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
`;

export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({
    executablePath: process.env.DOMAIN_SPLIT_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A context with the long-task observer, and a page signed in as guest on `baseUrl`. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
  });
  await context.addInitScript(LONG_TASK_OBSERVER);
  const page = await context.newPage();
  await page.goto(baseUrl);
  const enter = page.getByRole('button', { name: /enter/i });
  const sidebarItem = page.getByText('Domain Split', { exact: true }).first();
  await Promise.race([enter.waitFor(), sidebarItem.waitFor()]);
  if (await enter.isVisible()) await enter.click();
  await sidebarItem.waitFor();
  return { context, page };
}

/** Waits (checked every animation frame) until `predicate` holds; returns performance.now(). */
export async function frameWhen(
  page: Page,
  predicate: string,
  timeoutMs: number,
): Promise<number> {
  const handle = await page.waitForFunction(
    `(() => (${predicate}) ? performance.now() : 0)()`,
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Checks every predicate (JS expressions, by name) on every animation frame and resolves with
 * the performance.now() at which each first held; a predicate that never held within
 * `timeoutMs` is missing from the result.
 */
export async function marksWhen(
  page: Page,
  predicates: Record<string, string>,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const source = `new Promise(resolve => {
    const predicates = {${Object.entries(predicates)
      .map(([name, expr]) => `${JSON.stringify(name)}: () => (${expr})`)
      .join(',\n')}};
    const marks = {};
    const deadline = performance.now() + ${timeoutMs};
    const tick = () => {
      for (const [name, holds] of Object.entries(predicates)) {
        if (!(name in marks)) {
          try { if (holds()) marks[name] = performance.now(); } catch (e) {}
        }
      }
      if (Object.keys(marks).length === Object.keys(predicates).length || performance.now() > deadline) resolve(marks);
      else requestAnimationFrame(tick);
    };
    tick();
  })`;
  return (await page.evaluate(source)) as Record<string, number>;
}

/** Long tasks that started before `untilMs` (performance.now() of the page). */
export async function longTasksUntil(page: Page, untilMs: number) {
  const tasks = (await page.evaluate('window.__longTasks')) as [
    number,
    number,
  ][];
  const before = tasks.filter(([start]) => start < untilMs);
  return {
    count: before.length,
    longestMs: Math.max(0, ...before.map(([, d]) => d)),
    totalMs: before.reduce((sum, [, d]) => sum + d, 0),
  };
}

/** What the page fetched from `pathPart` (Resource Timing: bodies are never copied out). */
export async function fetchedFrom(page: Page, pathPart: string) {
  return (await page.evaluate(`performance.getEntriesByType('resource')
    .filter(e => e.name.includes(${JSON.stringify(pathPart)}))
    .map(e => ({ url: e.name, bytes: e.decodedBodySize, status: e.responseStatus, ms: e.duration }))`)) as {
    url: string;
    bytes: number;
    status: number;
    ms: number;
  }[];
}
