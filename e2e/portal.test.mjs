// The built portal, end to end: the backend bundle starts, answers readiness, serves the
// example catalog to a service token, ingests the demo CI events, and a person using headless
// Chromium can read the answers to the four users' questions. Screenshots go to e2e/screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
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
    const matrix = await getJson(
      portal.baseUrl,
      '/api/domain-split/failure-matrix?level=domain',
    );
    const row = failing =>
      matrix.rows.find(r => r.failing === `domain:default/${failing}`);
    const cell = (failing, affected) =>
      row(failing).cells.find(c => c.affected === `domain:default/${affected}`)
        ?.impact;
    assert.equal(cell('payments', 'orders'), 'waits');
    assert.equal(cell('inventory', 'checkout'), 'blocked');
    assert.equal(row('notifications').users.impact, 'none');
    assert.equal(row('search').users.impact, 'degraded');
  });
});

describe('portal in headless Chromium', () => {
  let browser;
  let page;

  before(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(portal.baseUrl);
    // Guest sign-in (the only provider configured): the sign-in page offers it on a first visit.
    const enter = page.getByRole('button', { name: /enter/i });
    const sidebarItem = page.getByText('Domain Split', { exact: true }).first();
    await Promise.race([enter.waitFor(), sidebarItem.waitFor()]);
    if (await enter.isVisible()) await enter.click();
    await sidebarItem.waitFor();
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
    await page.goto(`${portal.baseUrl}/domain-split/ownership`);
    await page.getByText('Orders Team').first().waitFor();
    await page.getByText('checkout', { exact: false }).first().waitFor();
    await shoot('ownership');
  });

  test('Releases: what runs in production', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/releases`);
    await page.getByText('3.2.1').first().waitFor();
    await page.getByText('1.9.4').first().waitFor();
    await shoot('releases');
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
  });

  test('Migration: which domain is behind and why', async () => {
    await page.goto(`${portal.baseUrl}/domain-split/migration`);
    await page
      .getByText(/physical split|logical split|ownership/i)
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
    await shoot('rules');
  });

  test('Entity page: orders-service shows its releases', async () => {
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/orders-service`,
    );
    await page.getByText('3.2.1').first().waitFor();
    await shoot('entity-orders-service');
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
    await page.screenshot({
      path: path.join(screenshots, 'map-payments.png'),
      fullPage: true,
    });
  });
});
