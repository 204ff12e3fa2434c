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
