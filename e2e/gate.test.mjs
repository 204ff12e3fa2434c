// The deploy gate end to end: the built portal with the example catalog and the demo CI history
// answers "can I deploy?" through the pipeline command (its exit codes: 0 yes, 1 no, 2 portal
// unreachable or bad usage), records every answer in the service's history, and a person in
// headless Chromium asks the same questions from the Releases tab. Screenshots go to
// e2e/screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openSignedInPage } from './lib/browser.mjs';
import {
  devServiceToken,
  getJson,
  postDemoEvents,
  repoRoot,
  startBuiltPortal,
  waitForExampleCatalog,
} from './lib/portal.mjs';

const screenshots = path.join(repoRoot, 'e2e/screenshots');
const command = path.join(
  repoRoot,
  'plugins/domain-split-backend/scripts/can-i-deploy.js',
);
let portal;

before(async () => {
  portal = await startBuiltPortal({
    port: Number(process.env.DOMAIN_SPLIT_E2E_PORT ?? 7017),
  });
  await waitForExampleCatalog(portal.baseUrl);
  postDemoEvents(portal.baseUrl);
});

after(async () => {
  await portal?.stop();
});

/** Runs the pipeline command; returns its exit code and output. */
function canIDeploy(
  args,
  { url = portal.baseUrl, token = devServiceToken } = {},
) {
  const result = spawnSync(
    process.execPath,
    [command, 'can-i-deploy', ...args, '--url', url],
    {
      encoding: 'utf8',
      env: { ...process.env, DOMAIN_SPLIT_TOKEN: token },
      timeout: 60_000,
    },
  );
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** A local port nothing listens on (bound and released again). */
async function closedPort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('can-i-deploy command against the built portal', () => {
  test('exits 0 for orders-service 3.2.1 to production, with the reasons as a table', () => {
    const run = canIDeploy([
      '--service',
      'orders-service',
      '--version',
      '3.2.1',
      '--environment',
      'production',
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /Can orders-service 3\.2\.1 go to production\? YES, deployable/,
    );
    assert.match(run.stdout, /CHECK\s+STATUS\s+ABOUT\s+DETAIL/);
    assert.match(
      run.stdout,
      /ok\s+provider-contract\s+passed\s+payments-service\s+The contract between orders-service 3\.2\.1 and payments-service 1\.9\.4/,
    );
    assert.match(run.stdout, /If orders-service fails: users \w+/);
  });

  test('exits 1 for a payments-service rollback the live orders-service was not verified against', () => {
    const run = canIDeploy([
      '--service',
      'payments-service',
      '--version',
      '1.9.3',
      '--environment',
      'production',
    ]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /NO, not deployable/);
    assert.match(run.stdout, /this is a ROLLBACK/);
    assert.match(
      run.stdout,
      /NO\s+consumer-contract\s+unknown\s+orders-service\s+.*orders-service 3\.2\.1 was verified against payments-service 1\.9\.4 only/,
    );
  });

  test('exits 1 for an unverified version, saying what to send', () => {
    const run = canIDeploy([
      '--service',
      'orders-service',
      '--version',
      '3.3.0',
      '--environment',
      'production',
      '--json',
    ]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const answer = JSON.parse(run.stdout);
    assert.equal(answer.deployable, false);
    const notOk = answer.reasons.filter(r => !r.ok);
    assert.ok(notOk.length > 0);
    assert.ok(notOk.every(r => r.status === 'unknown'));
    assert.match(notOk[0].detail, /verifiedAgainst/);
  });

  test('exits 2 when the portal cannot be reached, for bad usage, an unknown service or a bad token', async () => {
    const unreachable = canIDeploy(
      [
        '--service',
        'orders-service',
        '--version',
        '3.2.1',
        '--environment',
        'production',
      ],
      { url: `http://127.0.0.1:${await closedPort()}` },
    );
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /Could not reach the portal/);

    const usage = canIDeploy(['--service', 'orders-service']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Missing --version, --environment/);

    const unknown = canIDeploy([
      '--service',
      'legacy-billing',
      '--version',
      '0.9.7',
      '--environment',
      'production',
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /404: Unknown service "legacy-billing"/);

    const badToken = canIDeploy(
      [
        '--service',
        'orders-service',
        '--version',
        '3.2.1',
        '--environment',
        'production',
      ],
      { token: 'not-a-token' },
    );
    assert.equal(badToken.code, 2);
    assert.match(badToken.stderr, /401/);
  });

  test('runs as `yarn domain-split can-i-deploy` from the repository root', () => {
    const result = spawnSync(
      'yarn',
      [
        'domain-split',
        'can-i-deploy',
        '--service',
        'orders-service',
        '--version',
        '3.3.0',
        '--environment',
        'production',
        '--url',
        portal.baseUrl,
      ],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, DOMAIN_SPLIT_TOKEN: devServiceToken },
        timeout: 120_000,
      },
    );
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /NO, not deployable/);
  });

  test('records every answer in the service history, with the asker', async () => {
    const history = await getJson(
      portal.baseUrl,
      '/api/domain-split/releases/orders-service/history',
    );
    const asked = history.verdicts.map(
      v => `${v.version} ${v.deployable ? 'yes' : 'no'} ${v.askedBy}`,
    );
    assert.ok(asked.includes('3.2.1 yes ci-pipelines'), asked.join('; '));
    assert.ok(asked.includes('3.3.0 no ci-pipelines'), asked.join('; '));
  });
});

describe('deploy gate in headless Chromium', () => {
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

  test('Releases: "Roll back to this?" on payments-service 1.9.3 is refused, naming orders-service', async () => {
    await page.goto(
      `${portal.baseUrl}/domain-split/releases?service=payments-service`,
    );
    const history = page.getByRole('dialog', {
      name: 'History of payments-service',
    });
    await history.getByText('1.9.3').first().waitFor();
    // The only production deployment of 1.9.3: its row's button.
    const row = history
      .getByRole('row')
      .filter({ hasText: '1.9.3' })
      .filter({ hasText: 'production' });
    await row.getByRole('button', { name: 'Roll back to this?' }).click();
    const gate = page.getByRole('dialog', {
      name: 'Can I deploy payments-service to production?',
    });
    const verdict = gate.getByRole('alert');
    await verdict.waitFor();
    assert.match(
      await verdict.innerText(),
      /No: payments-service 1\.9\.3 cannot go to production/,
    );
    assert.match(await verdict.innerText(), /rollback from 1\.9\.4/);
    // orders-service is both a consumer and a provider of payments-service: two reasons.
    await gate
      .getByText(
        /orders-service 3\.2\.1 was verified against payments-service 1\.9\.4 only/,
      )
      .first()
      .waitFor();
    // The reason links to the entity it names.
    await gate
      .locator('a[href$="/catalog/default/component/orders-service"]')
      .first()
      .waitFor();
    await shoot('gate-rollback-refused');
    await gate.getByRole('button', { name: 'Close' }).click();
  });

  test('Entity page: "Can I deploy…?" for orders-service 3.2.1 to production says yes', async () => {
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/orders-service`,
    );
    const card = page.getByRole('table', { name: 'Current releases' });
    await card.waitFor();
    await card
      .getByRole('row')
      .filter({ hasText: 'production' })
      .getByRole('button', { name: 'Can I deploy…?' })
      .click();
    const gate = page.getByRole('dialog', {
      name: 'Can I deploy orders-service to production?',
    });
    await gate.getByRole('textbox', { name: 'Version' }).fill('3.2.1');
    await gate.getByRole('button', { name: 'Ask' }).click();
    const verdict = gate.getByRole('alert');
    await verdict.waitFor();
    assert.match(
      await verdict.innerText(),
      /Yes: orders-service 3\.2\.1 can go to production/,
    );
    await gate.getByLabel('Impact').waitFor();
    await shoot('gate-orders-deployable');
  });
});
