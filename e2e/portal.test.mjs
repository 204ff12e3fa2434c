// The built portal, end to end: the backend bundle starts, answers readiness, serves the
// example catalog to a service token, ingests the demo CI events, and a person using headless
// Chromium can read the answers to the four users' questions. Screenshots go to e2e/screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  getJson,
  postDemoEvents,
  repoRoot,
  startBuiltPortal,
  waitForExampleCatalog,
} from './lib/portal.mjs';
import { openSignedInPage } from './lib/browser.mjs';

const screenshots = path.join(repoRoot, 'e2e/screenshots');
let portal;

before(async () => {
  portal = await startBuiltPortal({
    port: Number(process.env.DOMAIN_SPLIT_E2E_PORT ?? 7017),
  });
  // Every view below must compute on the whole example platform.
  await waitForExampleCatalog(portal.baseUrl);
});

after(async () => {
  await portal?.stop();
});

describe('built backend (smoke)', () => {
  test('answers readiness', async () => {
    const res = await fetch(`${portal.baseUrl}/.backstage/health/v1/readiness`);
    assert.equal(res.status, 200);
  });

  test('serves the example catalog to a service token', async () => {
    const domains = await getJson(
      portal.baseUrl,
      '/api/catalog/entities?filter=kind=domain',
    );
    const names = domains.map(d => d.metadata.name);
    for (const domain of [
      'orders',
      'payments',
      'products',
      'inventory',
      'checkout',
      'shipping',
      'coupons',
      'search',
      'notifications',
    ]) {
      assert.ok(names.includes(domain), `domain ${domain} in ${names}`);
    }
  });

  test('refuses reads without credentials', async () => {
    const res = await fetch(`${portal.baseUrl}/api/domain-split/releases`);
    assert.equal(res.status, 401);
  });

  test('ingests the signed demo events and serves current releases', async () => {
    postDemoEvents(portal.baseUrl);
    const releases = await getJson(
      portal.baseUrl,
      '/api/domain-split/releases',
    );
    const live = (service, environment = 'production') =>
      releases.current.find(
        r => r.service === service && r.environment === environment,
      );
    assert.equal(live('orders-service')?.version, '3.2.1');
    assert.equal(live('payments-service')?.version, '1.9.4');
  });

  test("computes the seed's failure-isolation matrix from the catalog", async () => {
    // A page of compact rows: one letter per column (n none, d degraded, w waits, b blocked).
    const matrix = await getJson(
      portal.baseUrl,
      '/api/domain-split/failure-matrix?level=domain',
    );
    assert.equal(matrix.totalItems, matrix.columns.length);
    assert.equal(matrix.rows.length, matrix.totalItems);
    const row = failing =>
      matrix.rows.find(r => r.failing === `domain:default/${failing}`);
    const cell = (failing, affected) =>
      row(failing).impacts[
        matrix.columns.indexOf(`domain:default/${affected}`)
      ];
    assert.equal(cell('payments', 'orders'), 'w');
    assert.equal(cell('inventory', 'checkout'), 'b');
    assert.equal(row('notifications').users.impact, 'none');
    assert.equal(row('search').users.impact, 'degraded');
    // One row on its own (what the Map tab asks when a domain is selected).
    const one = await getJson(
      portal.baseUrl,
      `/api/domain-split/failure-matrix?failing=${encodeURIComponent(
        'domain:default/payments',
      )}`,
    );
    assert.deepEqual(
      one.rows.map(r => r.failing),
      ['domain:default/payments'],
    );
    assert.equal(
      one.rows[0].impacts[one.columns.indexOf('domain:default/orders')],
      'w',
    );
    // Computed off the event loop: the built backend loaded its failure matrix worker.
    const log = fs.readFileSync(portal.logFile, 'utf8');
    assert.match(log, /Failure matrices are computed on a worker thread/);
    assert.doesNotMatch(log, /computed on the event loop/);
  });
});

describe('portal in headless Chromium', () => {
  let browser;
  let page;

  before(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    ({ browser, page } = await openSignedInPage(portal.baseUrl));
  });

  after(async () => {
    await browser?.close();
  });

  const shoot = name =>
    page.screenshot({
      path: path.join(screenshots, `${name}.png`),
      fullPage: true,
    });

  test('Ownership: who owns checkout', async () => {
    // The backend's answer: Orders Team owns the Checkout domain (its first owner; Growth
    // Team owns a library in it) and its orchestrator.
    const ownership = await getJson(
      portal.baseUrl,
      `/api/domain-split/ownership?team=${encodeURIComponent(
        'group:default/orders-team',
      )}`,
    );
    const checkout = ownership.domains.find(
      d => d.entityRef === 'domain:default/checkout',
    );
    assert.equal(checkout.ownerRefs[0], 'group:default/orders-team');
    assert.ok(
      ownership.teams
        .find(t => t.entityRef === 'group:default/orders-team')
        .domains.includes('domain:default/checkout'),
    );
    assert.ok(
      checkout.components.some(
        c => c.entityRef === 'component:default/checkout-orchestrator',
      ),
    );

    // The map: Orders Team's row holds the Checkout domain with its service, and no other
    // row holds Checkout (the example catalog is small: every row starts open).
    await page.goto(`${portal.baseUrl}/domain-split/ownership`);
    const team = page.getByRole('region', { name: 'Team Orders Team' });
    const domain = team.getByRole('region', { name: 'Domain Checkout' });
    await domain.getByRole('link', { name: 'Checkout orchestrator' }).waitFor();
    assert.equal(
      await page.getByRole('region', { name: 'Domain Checkout' }).count(),
      1,
    );
    await shoot('ownership');

    // The search: "who owns checkout-orchestrator" leaves Orders Team's row alone (the
    // backend's page for that search) and says where the service is.
    const found = await getJson(
      portal.baseUrl,
      '/api/domain-split/ownership?q=checkout-orchestrator',
    );
    assert.deepEqual(
      found.rows.map(r => r.entityRef),
      ['group:default/orders-team'],
    );
    await page
      .getByLabel('Find a team, domain or service')
      .fill('checkout-orchestrator');
    const matches = page.getByLabel('Matches in Orders Team');
    await matches.waitFor();
    assert.equal(
      (await matches.textContent()).trim(),
      'Matches: Checkout orchestrator (in Checkout)',
    );
    const rows = page
      .getByRole('list', { name: 'Teams' })
      .getByRole('listitem')
      .locator('> section');
    assert.deepEqual(
      await rows.evaluateAll(sections =>
        sections.map(s => s.getAttribute('aria-label')),
      ),
      ['Team Orders Team'],
    );
    await shoot('ownership-search');
  });

  test('Releases: what runs in production', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/releases`);
    await page.getByText('3.2.1').first().waitFor();
    await page.getByText('1.9.4').first().waitFor();
    await shoot('releases');
    // Searched by the backend: only payments-service's row is left.
    await page.getByLabel('Filter services or domains').fill('payments-serv');
    const services = page
      .getByRole('list', { name: 'Releases by service' })
      .getByRole('button', { name: /-service$/ });
    await page.waitForFunction(
      () =>
        [
          ...document.querySelectorAll(
            '[aria-label="Releases by service"] button',
          ),
        ]
          .map(b => b.textContent)
          .join() === 'payments-service',
    );
    assert.deepEqual(await services.allTextContents(), ['payments-service']);
    await page.getByText('1.9.4').first().waitFor();
    await shoot('releases-search');
  });

  test('Failure isolation: what breaks if payments is down', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/failure-isolation`);
    // Cells are labelled "<failing> → <affected>: <impact>" with the entities' titles.
    const { titles } = await getJson(
      portal.baseUrl,
      '/api/domain-split/failure-matrix?level=domain',
    );
    const title = name => titles[`domain:default/${name}`];
    const cell = (failing, affected, impact) =>
      page.getByRole('gridcell', {
        name: `${title(failing)} → ${affected}: ${impact}`,
        exact: true,
      });
    await cell('payments', title('orders'), 'waits').waitFor();
    await cell('inventory', title('checkout'), 'blocked').waitFor();
    await cell('notifications', 'Users', 'none').waitFor();
    await cell('search', 'Users', 'degraded').waitFor();
    // The legend speaks the seed's words.
    await page.getByText('no user impact').first().waitFor();
    await page.getByText('degraded UX').first().waitFor();
    await shoot('failure-isolation');
    // A selected cell explains itself with its path.
    await cell('payments', title('orders'), 'waits').click();
    const details = page.getByLabel('Selected impact');
    await details
      .getByText(`When ${title('payments')} fails, ${title('orders')}:`)
      .waitFor();
    await details.getByRole('list', { name: 'Impact path' }).waitFor();
    await shoot('failure-isolation-selected');
  });

  test('Failure isolation, Services: what fails with payments-service', async () => {
    // Every Component of the catalog is a row, each computed for its page.
    const components = await getJson(
      portal.baseUrl,
      '/api/catalog/entities/by-query?filter=kind=component&limit=0',
    );
    const { totalItems: services } = await getJson(
      portal.baseUrl,
      '/api/domain-split/failure-matrix?level=service&limit=0',
    );
    assert.equal(services, components.totalItems);
    const payments = 'component:default/payments-service';
    const orders = 'component:default/orders-service';
    // payments-service's row: what it reaches is its page's columns, titled.
    const { titles, columns } = await getJson(
      portal.baseUrl,
      `/api/domain-split/failure-matrix?level=service&failing=${encodeURIComponent(
        payments,
      )}`,
    );
    assert.ok(columns.includes(orders), columns.join());
    await page.goto(
      `${portal.baseUrl}/domain-split/failure-isolation?level=service`,
    );
    const pages = page.getByLabel('Service pages');
    await pages
      .getByText(`Services 1–${Math.min(25, services)} of ${services}`)
      .waitFor();
    // The filter box finds it among every service (answered by the backend).
    await page.getByLabel('Filter failing services').fill('PAYMENTS-SERV');
    await pages.getByText('Services 1–1 of 1').waitFor();
    // The seed: payments down, orders wait.
    const chip = page
      .getByLabel('Service-level failure matrix')
      .getByRole('button', {
        name: `${titles[payments]} → ${titles[orders]}: waits`,
        exact: true,
      });
    await chip.waitFor();
    await shoot('failure-isolation-services');
    await chip.click();
    const details = page.getByLabel('Selected impact');
    await details
      .getByText(`When ${titles[payments]} fails, ${titles[orders]}:`)
      .waitFor();
    await details.getByRole('list', { name: 'Impact path' }).waitFor();
  });

  test('Migration: which domain is behind and why', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/migration`);
    // A real phase and a named blocker: Orders is in phase 2 (logical split), held back from
    // step 3 by the Redis cache it shares with Checkout and Coupons.
    const orders = page.getByRole('region', { name: 'Migration of Orders' });
    await orders.getByText(/^2 Logical split/).waitFor();
    await orders
      .getByText(/Shared Redis \(cache\) is shared with Checkout, Coupons/)
      .first()
      .waitFor();
    await shoot('migration');
  });

  test('Rules: the shared database is reported', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/rules`);
    await page
      .getByText(/cross-domain database/i)
      .first()
      .waitFor();
    // The violation itself, not only the rule's title: the shared database and why.
    await page
      .getByRole('link', { name: 'legacy-monolith-db' })
      .first()
      .waitFor();
    await page
      .getByText(/Legacy monolith database is used across domains/)
      .first()
      .waitFor();
    // The overview is one limit=0 request; its counts are the page's.
    const overview = await getJson(
      portal.baseUrl,
      '/api/domain-split/rules/violations?limit=0',
    );
    assert.deepEqual(overview.violations, []);
    const broken = Object.values(overview.counts).filter(n => n > 0).length;
    await page
      .getByText(
        `${overview.rules.length} rules · ${broken} broken · ${
          overview.totalItems
        } open violation${overview.totalItems === 1 ? '' : 's'}`,
      )
      .waitFor();
    await shoot('rules');
    // The filter box asks the backend (q), and only matching rules stay.
    const filtered = page.waitForResponse(
      res =>
        res.url().includes('/api/domain-split/rules/violations?') &&
        res.url().includes('q=legacy-monolith') &&
        res.url().includes('limit=0'),
    );
    await page.getByLabel('Filter by entity or reason').fill('legacy-monolith');
    assert.equal((await filtered).status(), 200);
    await page
      .getByText(/open violations? matching “legacy-monolith”/)
      .waitFor();
    await page
      .getByRole('link', { name: 'legacy-monolith-db' })
      .first()
      .waitFor();
    await shoot('rules-filtered');
  });

  test('Navigation: Domain Split is in the sidebar and opens on its first tab', async () => {
    await page.goto(portal.baseUrl);
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Domain Split' })
      .click();
    await page.waitForURL(/\/domain-split\/map$/);
    const tabs = page.getByRole('tablist').first().getByRole('tab');
    await tabs.first().waitFor();
    assert.deepEqual(await tabs.allTextContents(), [
      'Map',
      'Ownership',
      'Releases',
      'Failure isolation',
      'Migration',
      'Rules',
    ]);
    // A tab is a link to its own URL.
    await tabs.filter({ hasText: 'Migration' }).click();
    await page.waitForURL(/\/domain-split\/migration$/);
  });

  // The entity pages: Domain Split's cards (found by their subheaders) and content tabs.
  const cardSubheaders = {
    releases: 'What version of this service runs where',
    failureImpact: 'What breaks when this fails, and what can break it',
    rules: 'Rules of the domain split this entity breaks',
    migration: 'From monorepo to physical split, computed from evidence',
    teamDomains: 'What this team owns in the domain split',
  };
  /** The card (MUI Card of an InfoCard) whose subheader is `subheader`. */
  const card = subheader =>
    page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText(subheader, { exact: true }) });
  /**
   * Waits for the `expected` Domain Split cards, then for the page to settle, and returns which
   * cards the page shows, so a card on the wrong kind (or a missing one) fails the comparison.
   */
  const cardsShown = async expected => {
    for (const name of expected) await card(cardSubheaders[name]).waitFor();
    await page.waitForLoadState('networkidle');
    const shown = [];
    for (const [name, subheader] of Object.entries(cardSubheaders)) {
      if ((await card(subheader).count()) > 0) shown.push(name);
    }
    return shown;
  };
  const contentTab = title =>
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: title, exact: true });
  /** The blast radius of `ref` as the backend computes it (the entity itself left out). */
  const blastRadius = async ref => {
    const [kind, rest] = ref.split(':');
    const radius = await getJson(
      portal.baseUrl,
      `/api/domain-split/impact/${kind}/${rest}`,
    );
    return {
      ...radius,
      takesDown: radius.takesDown.filter(c => c.affected !== ref),
      takenDownBy: radius.takenDownBy.filter(c => c.failing !== ref),
    };
  };
  /**
   * The list item of `ref` in the "Takes down" / "Taken down by" list inside `scope` (found by
   * its link to the entity page: the link shows the entity's title).
   */
  const impactItem = (scope, list, ref) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return scope
      .getByRole('list', { name: list, exact: true })
      .getByRole('listitem')
      .filter({
        has: page.locator(`a[href$="/catalog/${namespace}/${kind}/${name}"]`),
      });
  };
  const LEVELS_MOST_SEVERE_FIRST = ['blocked', 'waits', 'degraded', 'none'];
  /** [level, how many cells of it] for each level the cells reach, most severe first. */
  const levelCounts = cells =>
    LEVELS_MOST_SEVERE_FIRST.map(level => [
      level,
      cells.filter(c => c.impact === level).length,
    ]).filter(([, n]) => n > 0);
  /** The card's counts of one side ("2 blocked", "1 waits") are the backend's radius's. */
  const expectCardCounts = async (scope, list, cells) => {
    if (cells.length === 0) {
      await scope.getByText(`${list} (0)`, { exact: true }).waitFor();
      return;
    }
    const counts = scope.getByRole('list', {
      name: `${list} by impact`,
      exact: true,
    });
    await counts.waitFor();
    assert.deepEqual(
      await counts.getByRole('listitem').allTextContents(),
      levelCounts(cells).map(([level, n]) => `${n} ${level}`),
    );
  };
  /** The tab's level filter of one side ("All (3)", "blocked (2)") counts the radius's cells. */
  const expectTabCounts = async (list, cells) => {
    if (cells.length === 0) {
      await page.getByText(`${list} (0)`, { exact: true }).waitFor();
      return;
    }
    const filter = page.getByRole('group', {
      name: `${list}: impact level`,
      exact: true,
    });
    await filter.waitFor();
    assert.deepEqual(await filter.getByRole('button').allTextContents(), [
      `All (${cells.length})`,
      ...levelCounts(cells).map(([level, n]) => `${level} (${n})`),
    ]);
  };

  test('Component page (orders-service): releases, failure impact and rules cards', async () => {
    const ref = 'component:default/orders-service';
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/orders-service`,
    );
    const componentCards = ['releases', 'failureImpact', 'rules'];
    assert.deepEqual(await cardsShown(componentCards), componentCards);

    // Releases: the live version per environment, as the backend has it (3.2.1 in production).
    const releases = card(cardSubheaders.releases);
    const production = releases
      .getByRole('table', { name: 'Current releases' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'production' }) });
    await production.getByText('3.2.1', { exact: true }).waitFor();
    assert.equal(
      await releases
        .getByRole('link', { name: /Full history/ })
        .getAttribute('href'),
      '/domain-split/releases?service=orders-service',
    );

    // Failure impact: the counts and the worst hits the backend computed.
    const radius = await blastRadius(ref);
    const impact = card(cardSubheaders.failureImpact);
    await impact.getByText(`Takes down (${radius.takesDown.length})`).waitFor();
    await impact
      .getByText(`Taken down by (${radius.takenDownBy.length})`)
      .waitFor();
    // orders-service down blocks the gateway (the seed's synchronous call), as computed.
    const gatewayRef = 'component:default/api-gateway';
    assert.equal(
      radius.takesDown.find(c => c.affected === gatewayRef)?.impact,
      'blocked',
    );
    await impactItem(impact, 'Takes down', gatewayRef)
      .getByText('blocked', { exact: true })
      .waitFor();
    await expectCardCounts(impact, 'Takes down', radius.takesDown);
    await expectCardCounts(impact, 'Taken down by', radius.takenDownBy);

    // Rules: every rule orders-service breaks, by its title, with the count (the route's
    // counts per rule, as the card shows them).
    const { rules, counts, totalItems } = await getJson(
      portal.baseUrl,
      `/api/domain-split/rules/violations?entityRef=${encodeURIComponent(
        ref,
      )}&limit=0`,
    );
    assert.ok(totalItems > 0, 'orders-service breaks rules in the seed');
    const rulesCard = card(cardSubheaders.rules);
    for (const rule of rules) {
      const count = counts[rule.id];
      if (count > 0)
        await rulesCard.getByText(`${rule.title} (${count})`).waitFor();
    }
    await shoot('entity-orders-service');
  });

  test('Component page (orders-service): Releases and Failure impact tabs', async () => {
    const ref = 'component:default/orders-service';
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/orders-service`,
    );
    await contentTab('Releases').click();
    await page.waitForURL(/\/component\/orders-service\/releases$/);
    const history = await getJson(
      portal.baseUrl,
      '/api/domain-split/releases/orders-service/history',
    );
    await page.getByText('History of orders-service').waitFor();
    await page
      .getByText(`Deployments (${history.deployments.length})`)
      .waitFor();
    await page
      .getByRole('table', { name: 'Current releases' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'production' }) })
      .getByText('3.2.1', { exact: true })
      .waitFor();
    await shoot('entity-orders-service-releases');

    await contentTab('Failure impact').click();
    await page.waitForURL(/\/component\/orders-service\/failure-impact$/);
    const radius = await blastRadius(ref);
    await page.getByText(`Takes down (${radius.takesDown.length})`).waitFor();
    await page
      .getByText(`Taken down by (${radius.takenDownBy.length})`)
      .waitFor();
    const storefrontRef = 'component:default/web-storefront';
    assert.equal(
      radius.takesDown.find(c => c.affected === storefrontRef)?.impact,
      'blocked',
    );
    await impactItem(page, 'Takes down', storefrontRef)
      .getByText('blocked', { exact: true })
      .waitFor();
    await expectTabCounts('Takes down', radius.takesDown);
    await expectTabCounts('Taken down by', radius.takenDownBy);
    await shoot('entity-orders-service-failure-impact');

    // The card's link opens the matrix with this entity's blast radius (?entity= kept).
    await page.getByRole('link', { name: /Failure-isolation matrix/ }).click();
    await page.waitForURL(
      `${
        portal.baseUrl
      }/domain-split/failure-isolation?entity=${encodeURIComponent(ref)}`,
    );
    await page.getByText(`Takes down (${radius.takesDown.length})`).waitFor();
    await page
      .getByText(`Taken down by (${radius.takenDownBy.length})`)
      .waitFor();
  });

  test('Domain page (orders): migration phase, failure impact, rules', async () => {
    const ref = 'domain:default/orders';
    await page.goto(`${portal.baseUrl}/catalog/default/domain/orders`);
    const domainCards = ['failureImpact', 'rules', 'migration'];
    assert.deepEqual(await cardsShown(domainCards), domainCards);

    // Migration: the phase the backend computed from the evidence, by its name.
    const { domains } = await getJson(
      portal.baseUrl,
      '/api/domain-split/migration',
    );
    const orders = domains.find(d => d.domainRef === ref);
    const phaseNames = [
      'Monorepo',
      'Domain ownership',
      'Logical split',
      'Physical split',
    ];
    // The card's heading says the current phase.
    await card(cardSubheaders.migration)
      .getByRole('heading', {
        name: `Phase ${orders.phase}: ${phaseNames[orders.phase]}`,
        exact: true,
      })
      .waitFor();

    // Failure impact: Payments' service makes Orders wait (the seed's cell, from below).
    const radius = await blastRadius(ref);
    const payments = radius.takenDownBy.find(
      c => c.failing === 'component:default/payments-service',
    );
    assert.equal(payments?.impact, 'waits');
    await impactItem(
      card(cardSubheaders.failureImpact),
      'Taken down by',
      'component:default/payments-service',
    )
      .getByText('waits', { exact: true })
      .waitFor();
    await expectCardCounts(
      card(cardSubheaders.failureImpact),
      'Taken down by',
      radius.takenDownBy,
    );
    await shoot('entity-domain-orders');

    // The Failure impact tab is there for a Domain too; Releases (a service's) is not.
    await contentTab('Failure impact').waitFor();
    assert.equal(await contentTab('Releases').count(), 0);
    await contentTab('Failure impact').click();
    await page.waitForURL(/\/domain\/orders\/failure-impact$/);
    await page
      .getByText(`Taken down by (${radius.takenDownBy.length})`)
      .waitFor();
    await expectTabCounts('Takes down', radius.takesDown);
    await expectTabCounts('Taken down by', radius.takenDownBy);
    await shoot('entity-domain-orders-failure-impact');
  });

  test("Group page (orders-team): the team's domains and its rules", async () => {
    const ref = 'group:default/orders-team';
    await page.goto(`${portal.baseUrl}/catalog/default/group/orders-team`);
    const groupCards = ['rules', 'teamDomains'];
    assert.deepEqual(await cardsShown(groupCards), groupCards);

    // The domains the backend says the team owns, each with its services.
    const ownership = await getJson(
      portal.baseUrl,
      `/api/domain-split/ownership?team=${encodeURIComponent(ref)}`,
    );
    const team = ownership.teams.find(t => t.entityRef === ref);
    const domainCard = card(cardSubheaders.teamDomains);
    for (const domainRef of team.domains) {
      const domain = ownership.domains.find(d => d.entityRef === domainRef);
      await domainCard
        .getByRole('region', { name: `Domain ${domain.title}`, exact: true })
        .waitFor();
    }
    const ordersDomain = ownership.domains.find(
      d => d.entityRef === 'domain:default/orders',
    );
    const ordersService = ordersDomain.components.find(
      c => c.entityRef === 'component:default/orders-service',
    );
    await domainCard
      .getByRole('region', {
        name: `Domain ${ordersDomain.title}`,
        exact: true,
      })
      .getByRole('link', { name: ordersService.title, exact: true })
      .waitFor();

    // Rules: what the backend reports for the team (none in the seed), said as such.
    const { rules, violations } = await getJson(
      portal.baseUrl,
      `/api/domain-split/rules/violations?entityRef=${encodeURIComponent(ref)}`,
    );
    assert.equal(violations.length, 0);
    await card(cardSubheaders.rules)
      .getByText(`This entity breaks none of the ${rules.length} rules.`)
      .waitFor();
    await shoot('entity-group-orders-team');
  });
});

describe('context map in headless Chromium', () => {
  let browser;
  let page;
  const domain = name => `domain:default/${name}`;

  before(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    ({ browser, page } = await openSignedInPage(portal.baseUrl));
  });

  after(async () => {
    await browser?.close();
  });

  test('Map: a shared-database edge is red and names its rule', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/map`);
    // products-service uses the platform's legacy monolith database.
    const edge = page.locator(
      `[data-edge-id="${domain('products')}|${domain(
        'platform',
      )}|shared-database"]`,
    );
    await edge.waitFor();
    assert.equal(await edge.getAttribute('data-violating'), 'true');
    const line = edge.locator('.context-map-edge-line');
    assert.equal(
      await line.evaluate(el => getComputedStyle(el).stroke),
      'rgb(211, 47, 47)',
    );
    assert.match(
      await edge.getAttribute('aria-label'),
      /Products → Platform: shared database ×1; breaks No cross-domain database access/,
    );
    // The rule shows on focus (keyboard) as on hover.
    await edge.focus();
    await edge
      .locator('.context-map-edge-rule')
      .getByText('No cross-domain database access')
      .waitFor();
    // A tie through events is not red.
    const events = page.locator(
      `[data-edge-id="${domain('orders')}|${domain('payments')}|events"]`,
    );
    assert.equal(await events.getAttribute('data-violating'), 'false');
    await page.screenshot({
      path: path.join(screenshots, 'map-rule.png'),
      fullPage: true,
    });
  });

  test('Domain page (payments): the context-map card draws its neighbourhood', async () => {
    await page.goto(`${portal.baseUrl}/catalog/default/domain/payments`);
    const mapCard = page.locator('.MuiCard-root').filter({
      has: page.getByText('This domain and the domains tied to it', {
        exact: true,
      }),
    });
    const call = mapCard.locator(
      `[data-edge-id="${domain('orders')}|${domain('payments')}|sync"]`,
    );
    await call.waitFor();
    assert.equal(await call.getAttribute('data-violating'), 'true');
    await mapCard.locator(`[data-domain="${domain('orders')}"]`).waitFor();
    await mapCard.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: path.join(screenshots, 'map-card-payments.png'),
      fullPage: true,
    });
  });

  test('Map: selecting Payments colours Orders as waits', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/map`);
    await page.locator(`[data-domain="${domain('payments')}"]`).click();
    const orders = page.locator(
      `[data-domain="${domain('orders')}"][data-impact="waits"]`,
    );
    await orders.waitFor();
    assert.equal(
      await orders
        .locator('.context-map-node')
        .evaluate(el => getComputedStyle(el).fill),
      'rgb(239, 108, 0)',
    );
    assert.match(page.url(), /[?&]domain=domain%3Adefault%2Fpayments/);
    const panel = page.getByRole('region', { name: 'Domain Payments' });
    await panel.getByRole('link', { name: 'Payments Team' }).waitFor();
    await panel.getByText(/P\d /).first().waitFor();
    // The tab fetched the outline of the map: the domain's services come with its details.
    await panel.getByRole('link', { name: 'Payments service' }).waitFor();
    await page.screenshot({
      path: path.join(screenshots, 'map-payments.png'),
      fullPage: true,
    });
  });
});
