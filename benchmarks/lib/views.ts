/*
 * The portal's Domain Split views as the benchmarks see them: for each tab and entity card, a
 * JS expression that holds once it is usable (its data shown, no progress bar left), and the
 * click that proves a tab answers. Shared by the frontend and serving benchmarks.
 */
import type { Page } from 'playwright-core';
import { fetchedFrom, longTasksUntil, marksWhen } from './browser';

/** No progress bar anywhere on the page (every DataState has its answer). */
const NO_PROGRESS = `!document.querySelector('[data-testid="progress"]')`;

export const MATRIX_VISIBLE = `document.querySelector('[role="gridcell"][aria-label*=" → "]')`;
/** A click on a cell shows the Selected impact panel with the cell's path (inline or fetched). */
export const MATRIX_CLICK = {
  selector: '[role="gridcell"][aria-label*=" → "]',
  effect: `(() => {
    const panel = document.querySelector('[aria-label="Selected impact"]');
    return panel && (panel.querySelector('[aria-label="Impact path"]') ||
      /No dependency path reaches it|The failing entity itself/.test(panel.textContent));
  })()`,
};
/**
 * The Failure isolation tab's service level lists its first page's services, each with its
 * users' impact and what else it reaches ("<service> → <affected>: <impact>"; at 10,000 services
 * the first page's gateways reach only their users).
 */
export const SERVICE_MATRIX_VISIBLE = `document.querySelector('[aria-label="Service-level failure matrix"] [aria-label*=" → "]')`;
/** A click on a service's first impact shows the Selected impact panel with its path. */
export const SERVICE_MATRIX_CLICK = {
  selector: '[aria-label="Service-level failure matrix"] [aria-label*=" → "]',
  effect: MATRIX_CLICK.effect,
};
/** The Ownership tab lists its first team. */
export const OWNERSHIP_VISIBLE = `document.querySelector('section[aria-label^="Team "]')`;
/**
 * A click on the first team's "Show domains and services" shows its domains with their
 * services (rows start closed once a page lists many services; a domain already shown
 * answers without a click).
 */
export const OWNERSHIP_CLICK = {
  selector: 'section[aria-label^="Team "] button[aria-expanded="false"]',
  effect: `document.querySelector('section[aria-label^="Team "] section[aria-label^="Domain "]')`,
};
/** The Ownership tab found who owns `name` (a link to it inside a team's row). */
export function ownershipFound(name: string): string {
  return `[...document.querySelectorAll('section[aria-label^="Team "] a')].some(a => a.textContent.trim() === ${JSON.stringify(
    name,
  )})`;
}
/**
 * The Releases tab lists the rows of its grid's first page and every card of the tab has its
 * answer (the Unmatched CI events below the grid too).
 */
export const RELEASES_VISIBLE = `document.querySelector('[aria-label="Releases by service"] [role="listitem"]') && ${NO_PROGRESS}`;
export const MIGRATION_VISIBLE = `document.querySelector('section[aria-label^="Migration of"]')`;
export const MIGRATION_CLICK = {
  selector:
    'section[aria-label^="Migration of"] [class*="MuiAccordionSummary-root"]',
  effect: `document.querySelector('section[aria-label^="Migration of"] [class*="MuiAccordionSummary-root"][aria-expanded="true"]') && document.querySelector('section[aria-label^="Migration of"] [class*="MuiAccordionDetails-root"]')`,
};

/** The Map tab drew its domains and ties, and listed the ties drawn in its table. */
export const MAP_VISIBLE = `document.querySelector('[data-domain]') && document.querySelector('[data-edge-id]') && document.querySelector('table[aria-label="Ties between domains"] tbody tr')`;
/** A click on a drawn domain selects it, overlays its failure row and lists its services. */
export const MAP_CLICK = {
  selector: '[data-domain]',
  effect: `document.querySelector('[data-domain][data-selected="true"]') && document.querySelector('[data-domain][data-impact]') && /Services \\([1-9]/.test(document.querySelector('section[aria-label^="Domain "]')?.textContent ?? '')`,
};

/**
 * A Backstage InfoCard (MUI v4; class names carry a suffix in the production build) whose
 * title starts with `title` shows its content: no progress bar left in it.
 */
export function cardUsable(title: string): string {
  return `(() => {
    const card = [...document.querySelectorAll('[class*="MuiCard-root"]')].find(c =>
      (c.querySelector('[class*="MuiCardHeader-title"]')?.textContent ?? '').trim().startsWith(${JSON.stringify(
        title,
      )}));
    return !!card && !card.querySelector('[data-testid="progress"]') &&
      (card.querySelector('[class*="MuiCardContent-root"]')?.textContent ?? '').trim().length > 0;
  })()`;
}

/**
 * A card of the catalog's own (Backstage UI: a heading, not an InfoCard) whose heading starts
 * with `title` is shown.
 */
function catalogCardShown(title: string): string {
  return `[...document.querySelectorAll('h3')].some(h => h.textContent.trim().startsWith(${JSON.stringify(
    title,
  )}))`;
}

/** The Domain Split page's header and tab bar are shown (the app has started, signed in). */
const PAGE_SHELL = `[...document.querySelectorAll('header h1, h1')].some(h => h.textContent.includes('Domain Split')) && document.querySelector('[role="tab"][aria-selected="true"]')`;

/** One page load to measure. */
export interface View {
  /** e.g. "tab: Failure isolation" or "component page". */
  name: string;
  path: string;
  /** The floor, in the same load: something on the same page that Domain Split does not serve. */
  floor: { name: string; predicate: string };
  /** Each part (a tab's content, an entity card) and when it is usable. */
  parts: Record<string, string>;
  /** A click once `after` is usable, and what shows that it answered. */
  click?: { after: string; name: string; selector: string; effect: string };
}

/** Every Domain Split tab. */
export function tabViews(): View[] {
  const floor = { name: 'page header + tabs', predicate: PAGE_SHELL };
  const tab = (
    name: string,
    path: string,
    predicate: string,
    click?: View['click'],
  ): View => ({
    name: `tab: ${name}`,
    path: `/domain-split/${path}`,
    floor,
    parts: { [name]: `(${predicate}) && ${NO_PROGRESS}` },
    click,
  });
  return [
    tab('Ownership', 'ownership', OWNERSHIP_VISIBLE, {
      after: 'Ownership',
      name: 'a team shows its domains',
      ...OWNERSHIP_CLICK,
    }),
    tab(
      'Releases',
      'releases',
      `document.querySelector('[aria-label="Releases by service"], [aria-label="Release grid"]')`,
    ),
    tab('Failure isolation', 'failure-isolation', MATRIX_VISIBLE, {
      after: 'Failure isolation',
      name: 'a cell shows its path',
      ...MATRIX_CLICK,
    }),
    tab(
      'Failure isolation: Services',
      'failure-isolation?level=service',
      SERVICE_MATRIX_VISIBLE,
      {
        after: 'Failure isolation: Services',
        name: "a service's impact shows its path",
        ...SERVICE_MATRIX_CLICK,
      },
    ),
    tab('Migration', 'migration', MIGRATION_VISIBLE, {
      after: 'Migration',
      name: 'a domain expands',
      ...MIGRATION_CLICK,
    }),
    tab(
      'Rules',
      'rules',
      `document.querySelector('section[aria-label^="Rule "]')`,
    ),
    tab('Map', 'map', MAP_VISIBLE, {
      after: 'Map',
      name: 'a domain shows its services and failure row',
      ...MAP_CLICK,
    }),
  ];
}

/** Entity pages holding every Domain Split entity card, with the catalog's own card as floor. */
export function entityViews(names: {
  service: string;
  domain: string;
  team: string;
}): View[] {
  const about = {
    name: 'catalog About card',
    predicate: catalogCardShown('About'),
  };
  const cards = (...titles: string[]) =>
    Object.fromEntries(titles.map(t => [t, cardUsable(t)]));
  return [
    {
      name: `component ${names.service}`,
      path: `/catalog/default/component/${names.service}`,
      floor: about,
      parts: cards('Releases', 'Failure impact', 'Architecture rules'),
    },
    {
      name: `api ${names.service}-api`,
      path: `/catalog/default/api/${names.service}-api`,
      floor: about,
      parts: cards('Failure impact', 'Architecture rules'),
    },
    {
      name: `resource ${names.service}-db`,
      path: `/catalog/default/resource/${names.service}-db`,
      floor: about,
      parts: cards('Failure impact', 'Architecture rules'),
    },
    {
      name: `domain ${names.domain}`,
      path: `/catalog/default/domain/${names.domain}`,
      floor: about,
      parts: cards('Domain migration', 'Failure impact', 'Architecture rules'),
    },
    {
      name: `group ${names.team}`,
      path: `/catalog/default/group/${names.team}`,
      floor: {
        name: 'catalog members card',
        predicate: catalogCardShown(`${names.team} members`),
      },
      parts: cards('Domains', 'Architecture rules'),
    },
  ];
}

/** One load of a view: ms from navigation start. */
export interface ViewMeasurement {
  floorMs?: number;
  parts: Record<string, number | undefined>;
  clickMs?: number;
  longTasks: number;
  longestMs: number;
  /** Domain Split API responses the page fetched: count, largest and total decoded bytes, non-2xx. */
  apiCalls: number;
  apiLargestBytes: number;
  apiTotalBytes: number;
  apiFailed: number;
}

export async function measureView(
  page: Page,
  baseUrl: string,
  view: View,
  timeoutMs: number,
): Promise<ViewMeasurement> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}${view.path}`, { waitUntil: 'commit' });
  const marks = await marksWhen(
    page,
    { __floor: view.floor.predicate, ...view.parts },
    timeoutMs,
  );
  let clickMs: number | undefined;
  if (view.click && marks[view.click.after] !== undefined) {
    if (await page.evaluate(`!!(${view.click.effect})`)) {
      // What the click shows is shown already (a small catalog's teams start expanded).
      clickMs = marks[view.click.after];
    } else {
      await page
        .locator(view.click.selector)
        .first()
        .click({ timeout: timeoutMs });
      const after = await marksWhen(
        page,
        { click: view.click.effect },
        timeoutMs,
      );
      clickMs = after.click;
    }
  }
  const partTimes = Object.keys(view.parts).map(p => marks[p]);
  const lastMs = Math.max(0, clickMs ?? 0, ...partTimes.map(t => t ?? 0));
  const tasks = await longTasksUntil(page, lastMs);
  const fetched = await fetchedFrom(page, '/api/domain-split/');
  return {
    floorMs: marks.__floor,
    parts: Object.fromEntries(Object.keys(view.parts).map(p => [p, marks[p]])),
    clickMs,
    longTasks: tasks.count,
    longestMs: tasks.longestMs,
    apiCalls: fetched.length,
    apiLargestBytes: Math.max(0, ...fetched.map(f => f.bytes)),
    apiTotalBytes: fetched.reduce((sum, f) => sum + f.bytes, 0),
    apiFailed: fetched.filter(
      f => f.status && (f.status < 200 || f.status >= 300),
    ).length,
  };
}
