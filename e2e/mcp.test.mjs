// Agents, permissions and notifications against the built portal (one portal for all three):
// - the official MCP TypeScript SDK client lists Domain Split's tools at /api/mcp-actions/v1 and
//   asks what breaks when payments fails (orders waits);
// - a token restricted to the CI webhook posts events but reads nothing; a person the example
//   permission policy denies checkout-orchestrator (tagged `restricted`) never sees its name in
//   any Domain Split answer, while the impact through it is still counted;
// - a regression the test induces (a lockstep deploy without contract tests) reaches the owning
//   group through the notifications backend and shows on the notifications page (Chromium).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSignedInPage } from './lib/browser.mjs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  devServiceToken,
  getJson,
  postDemoEvents,
  repoRoot,
  startBuiltPortal,
  waitFor,
  waitForExampleCatalog,
} from './lib/portal.mjs';

const screenshots = path.join(repoRoot, 'e2e/screenshots');

/** The token of e2e/app-config.reach.yaml that may only post CI events. */
const webhookOnlyToken = 'e2e-webhook-only-token-0123456789abcdef';
const DOMAIN_SPLIT_TOOLS = [
  'domain-split.can-i-deploy',
  'domain-split.get-failure-impact',
  'domain-split.get-migration-status',
  'domain-split.get-ownership',
  'domain-split.get-releases',
  'domain-split.get-rule-violations',
];

let portal;

before(async () => {
  portal = await startBuiltPortal({
    port: Number(process.env.DOMAIN_SPLIT_E2E_PORT ?? 7017),
    extraConfigFiles: [path.join(repoRoot, 'e2e/app-config.reach.yaml')],
  });
  await waitForExampleCatalog(portal.baseUrl);
  postDemoEvents(portal.baseUrl);
});

/** A user token for the guest, who is daniel.okafor of the Payments Team here. */
async function guestToken() {
  const refresh = await fetch(
    `${portal.baseUrl}/api/auth/guest/refresh?env=development`,
    { method: 'POST', headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  assert.equal(refresh.status, 200, await refresh.clone().text());
  return (await refresh.json()).backstageIdentity.token;
}

after(async () => {
  await portal?.stop();
});

async function mcpClient(token) {
  const transport = new StreamableHTTPClientTransport(
    new URL(`${portal.baseUrl}/api/mcp-actions/v1`),
    { requestInit: { headers: { authorization: `Bearer ${token}` } } },
  );
  const client = new Client({ name: 'domain-split-e2e', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** A tool's answer: the structured content, else the JSON in its text content. */
function answerOf(result) {
  assert.ok(!result.isError, `tool error: ${JSON.stringify(result.content)}`);
  if (result.structuredContent) return result.structuredContent;
  return JSON.parse(result.content.find(c => c.type === 'text').text);
}

describe('MCP: Domain Split actions for agents', () => {
  test('lists the read-only tools with their input schemas', async () => {
    const client = await mcpClient(devServiceToken);
    try {
      const { tools } = await client.listTools();
      const ours = tools.filter(t => t.name.startsWith('domain-split.'));
      assert.deepEqual(ours.map(t => t.name).sort(), DOMAIN_SPLIT_TOOLS);
      const impact = ours.find(
        t => t.name === 'domain-split.get-failure-impact',
      );
      assert.match(impact.description, /what else breaks/);
      assert.deepEqual(impact.inputSchema.required, ['entity']);
      assert.equal(impact.annotations?.readOnlyHint, true);
    } finally {
      await client.close();
    }
  });

  test('asks the impact of payments: orders waits', async () => {
    const client = await mcpClient(devServiceToken);
    try {
      const answer = answerOf(
        await client.callTool({
          name: 'domain-split.get-failure-impact',
          arguments: { entity: 'payments' },
        }),
      );
      assert.equal(answer.entityRef, 'domain:default/payments');
      const orders = answer.affectedDomains.find(
        d => d.entityRef === 'domain:default/orders',
      );
      assert.equal(orders?.impact, 'waits', JSON.stringify(answer));
      assert.match(answer.summary, /Orders waits/);
    } finally {
      await client.close();
    }
  });

  test('asks the deploy gate: rolling payments back to 1.9.3 is refused (the demo history)', async () => {
    const client = await mcpClient(devServiceToken);
    try {
      const answer = answerOf(
        await client.callTool({
          name: 'domain-split.can-i-deploy',
          arguments: {
            service: 'payments-service',
            version: '1.9.3',
            environment: 'production',
          },
        }),
      );
      assert.equal(answer.rollback, true, JSON.stringify(answer));
      assert.equal(answer.deployable, false);
      const consumer = answer.reasons.find(
        r =>
          r.check === 'consumer-contract' &&
          r.entityRefs.includes('component:default/orders-service'),
      );
      assert.equal(consumer?.ok, false, JSON.stringify(answer.reasons));
      assert.match(answer.summary, /^No: payments-service may not roll back/);
    } finally {
      await client.close();
    }
  });

  test('answers bad input with a clear error', async () => {
    const client = await mcpClient(devServiceToken);
    try {
      const result = await client.callTool({
        name: 'domain-split.get-migration-status',
        arguments: { domain: 'no-such-domain' },
      });
      assert.equal(result.isError, true);
      assert.match(
        JSON.stringify(result.content),
        /No domain \\"no-such-domain\\" in the catalog/,
      );
    } finally {
      await client.close();
    }
  });

  test('offers no Domain Split tool to a token restricted to the CI webhook', async () => {
    const res = await fetch(`${portal.baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${webhookOnlyToken}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: {},
      }),
    });
    // The token may not call the MCP plugin at all (its accessRestrictions name only domain-split).
    assert.equal(res.status, 403, await res.text());
  });
});

describe('permissions on the built portal', () => {
  test('a token restricted to the webhook posts CI events and reads nothing', async () => {
    const post = await fetch(`${portal.baseUrl}/api/domain-split/webhooks/ci`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${webhookOnlyToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        id: 'e2e-webhook-only-1',
        type: 'deployment',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        service: 'orders-service',
        version: '3.2.9',
        environment: 'staging',
        status: 'success',
      }),
    });
    assert.equal(post.status, 202, await post.text());
    const read = await fetch(`${portal.baseUrl}/api/domain-split/releases`, {
      headers: { authorization: `Bearer ${webhookOnlyToken}` },
    });
    assert.equal(read.status, 403);
  });

  test('a person denied checkout-orchestrator never sees it, yet learns that checkout is blocked', async () => {
    const token = await guestToken();

    // The catalog itself hides it from the Payments Team (the example policy) ...
    const inCatalog = await fetch(
      `${portal.baseUrl}/api/catalog/entities/by-name/component/default/checkout-orchestrator`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    assert.equal(inCatalog.status, 404);
    // ... while a service token still sees it, and so does Domain Split's own analysis.
    const all = await getJson(
      portal.baseUrl,
      '/api/domain-split/failure-matrix?level=service',
    );
    assert.match(JSON.stringify(all), /checkout-orchestrator/);

    for (const route of [
      '/ownership',
      '/releases',
      '/failure-matrix?level=domain',
      '/failure-matrix?level=service',
      '/impact/domain/default/inventory',
      '/impact/component/default/inventory-service',
      '/migration',
      '/migration/history',
      '/rules/violations',
      // checkout-orchestrator consumes inventory-service's API: the gate still checks it.
      '/can-i-deploy?service=inventory-service&version=2.1.0&environment=production',
      '/releases/inventory-service/history',
    ]) {
      const res = await fetch(`${portal.baseUrl}/api/domain-split${route}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await res.text();
      assert.equal(res.status, 200, `${route}: ${text.slice(0, 300)}`);
      assert.doesNotMatch(text, /checkout[- ]orchestrator/i, route);
    }
    // Its own row is answered like a row that does not exist: 404, naming only what was asked.
    const ownRow = await fetch(
      `${
        portal.baseUrl
      }/api/domain-split/failure-matrix?level=service&failing=${encodeURIComponent(
        'component:default/checkout-orchestrator',
      )}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    assert.equal(ownRow.status, 404);
    assert.equal(
      (await ownRow.json()).error.message,
      'No service component:default/checkout-orchestrator in the failure matrix',
    );
    const matrix = await getJson(
      portal.baseUrl,
      '/api/domain-split/failure-matrix?level=domain',
      token,
    );
    // Compact rows: one letter per column (b: blocked).
    const inventory = matrix.rows.find(
      r => r.failing === 'domain:default/inventory',
    );
    assert.equal(
      inventory.impacts[matrix.columns.indexOf('domain:default/checkout')],
      'b',
    );
    const radius = await getJson(
      portal.baseUrl,
      '/api/domain-split/impact/component/default/inventory-service',
      token,
    );
    assert.deepEqual(radius.hiddenTakesDown, { count: 1, impact: 'blocked' });
  });
});

/**
 * Runs the notification task now (the scheduler's trigger route) and waits until that run has
 * ended.
 */
async function runNotificationTask() {
  const tasks = `${portal.baseUrl}/api/domain-split/.backstage/scheduler/v1/tasks`;
  const headers = { authorization: `Bearer ${devServiceToken}` };
  const triggeredAt = Date.now();
  await waitFor(
    async () =>
      (
        await fetch(`${tasks}/domain-split-notifications/trigger`, {
          method: 'POST',
          headers,
        })
      ).ok,
    { timeoutMs: 60_000, what: 'the notification task to accept a trigger' },
  );
  await waitFor(
    async () => {
      const task = (await (await fetch(tasks, { headers })).json()).tasks.find(
        t => t.taskId === 'domain-split-notifications',
      );
      const ended = task?.taskState?.lastRunEndedAt;
      return (
        task?.taskState?.status === 'idle' &&
        ended !== undefined &&
        Date.parse(ended) >= triggeredAt - 1000
      );
    },
    { timeoutMs: 60_000, what: 'the triggered notification run to end' },
  );
}

async function notificationsOf(token) {
  const res = await fetch(
    `${portal.baseUrl}/api/notifications/notifications?limit=100`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  assert.equal(res.status, 200);
  return (await res.json()).notifications;
}

describe('notifications on the built portal', () => {
  test('a regression the test induces reaches the owning group, once', async () => {
    const token = await guestToken();
    // The baseline: a run that has seen the demo history.
    await runNotificationTask();
    const { domain: payments } = await getJson(
      portal.baseUrl,
      '/api/domain-split/migration/domain/default/payments',
    );
    const step4 = payments.steps.find(s => s.step === 4);
    assert.equal(
      step4.criteria.find(c => c.id === 'no-lockstep').met,
      true,
      'payments deploys independently before the test breaks it',
    );

    // payments-service and orders-service go out together (same commit), untested.
    for (const [service, version] of [
      ['payments-service', '1.9.6-e2e'],
      ['orders-service', '3.2.2-e2e'],
    ]) {
      const res = await fetch(
        `${portal.baseUrl}/api/domain-split/webhooks/ci`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${devServiceToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            id: `e2e-lockstep-${service}`,
            type: 'deployment',
            occurredAt: new Date(Date.now() - 1000).toISOString(),
            service,
            version,
            environment: 'production',
            status: 'success',
            commit: 'e2e-lockstep-commit',
          }),
        },
      );
      assert.equal(res.status, 202, await res.text());
    }
    await new Promise(resolve => setTimeout(resolve, 1500)); // the analysis' catalog cache
    await runNotificationTask();

    const notifications = await notificationsOf(token);
    const regression = notifications.find(
      n =>
        n.payload.topic === 'domain-split:phaseRegression' &&
        n.payload.title.startsWith('Payments'),
    );
    assert.ok(
      regression,
      `no phase regression for Payments in ${JSON.stringify(
        notifications.map(n => n.payload.title),
      )}`,
    );
    assert.match(regression.payload.description, /Deploys are not in lockstep/);
    assert.equal(
      regression.payload.link,
      '/domain-split/migration?entity=domain%3Adefault%2Fpayments',
    );
    const untested = notifications.find(
      n =>
        n.payload.topic === 'domain-split:untestedDeploy' &&
        n.payload.title.includes('1.9.6-e2e'),
    );
    assert.ok(untested, 'no notification about the untested deploy');
    assert.equal(untested.payload.severity, 'high');

    // Another run sends nothing again.
    await runNotificationTask();
    const again = await notificationsOf(token);
    assert.equal(again.length, notifications.length);

    // The Payments Team member sees it on the notifications page, in Chromium.
    const { browser, page } = await openSignedInPage(portal.baseUrl);
    try {
      await page.goto(`${portal.baseUrl}/notifications`);
      await page.getByText(regression.payload.title).first().waitFor();
      await page.getByText(untested.payload.title).first().waitFor();
      fs.mkdirSync(screenshots, { recursive: true });
      await page.screenshot({
        path: path.join(screenshots, 'notifications.png'),
        fullPage: true,
      });
    } finally {
      await browser.close();
    }
  });
});
