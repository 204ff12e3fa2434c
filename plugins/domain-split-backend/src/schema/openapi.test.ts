/*
 * The REST contract is src/schema/openapi.yaml. These tests fail when
 * - the generated code (openapi.generated.ts here and in common) is older than the spec;
 * - any read route answers (200 or an error) with a body its schema in the spec does not allow;
 * - a read route of the spec is not exercised here (so a new route gets a check too).
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { SNAPSHOT_TASK_ID } from '../service/snapshots';
import { startPlugin, testConfig } from '../__testUtils__/testBackend';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require('../../scripts/demo-events.js') as {
  demoEvents(now: number): Array<Record<string, unknown> & { id: string }>;
};

jest.setTimeout(120_000);

const backendDir = path.resolve(__dirname, '../..');
const spec = YAML.parse(
  fs.readFileSync(path.join(backendDir, 'src/schema/openapi.yaml'), 'utf8'),
);

type Server = Parameters<typeof request>[0];

/** A validator per response of the spec, by `METHOD template status`. */
function responseValidators() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: spec.components });
  const byRoute = new Map<string, (body: unknown) => string | undefined>();
  for (const [template, methods] of Object.entries<any>(spec.paths)) {
    for (const [method, operation] of Object.entries<any>(methods)) {
      for (const [status, response] of Object.entries<any>(
        operation.responses,
      )) {
        const resolved = response.$ref
          ? spec.components.responses[response.$ref.split('/').pop()]
          : response;
        const schema = resolved.content?.['application/json']?.schema;
        if (!schema) continue;
        const validate = ajv.compile(
          JSON.parse(
            JSON.stringify(schema).replace(
              /"#\/components/g,
              '"openapi#/components',
            ),
          ),
        );
        byRoute.set(`${method.toUpperCase()} ${template} ${status}`, body =>
          validate(body) ? undefined : ajv.errorsText(validate.errors),
        );
      }
    }
  }
  return byRoute;
}

describe('the OpenAPI contract', () => {
  it('the generated code is what the spec gives', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(backendDir, 'scripts/generate-openapi.mjs'), '--check'],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('every read route answers with bodies its schema allows, success and errors alike', async () => {
    const knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startPlugin({
      knex,
      entities: loadExampleCatalog(),
      config: testConfig({
        monorepo: {
          url: 'https://github.com/aliexpress-platform/aliexpress-platform',
        },
      }),
      extraFeatures: [scheduler.factory],
    });
    for (const event of demo.demoEvents(Date.now())) {
      await request(server as Server)
        .post('/api/domain-split/webhooks/ci')
        .set({
          'content-type': 'application/json',
          authorization: mockCredentials.service.header(),
        })
        .send(JSON.stringify(event))
        .expect(202);
    }
    const snapshotTask = scheduler.scheduleTask.mock.calls
      .map(([task]) => task)
      .find(task => task.id === SNAPSHOT_TASK_ID);
    await snapshotTask!.fn(new AbortController().signal);

    const validators = responseValidators();
    const exercised = new Set<string>();
    const problems: string[] = [];
    async function check(
      template: string,
      url: string,
      status: number,
      credentials = true,
    ) {
      const req = request(server as Server).get(`/api/domain-split${url}`);
      const res = await (credentials
        ? req.set('authorization', mockCredentials.user.header())
        : req);
      const key = `GET ${template} ${status}`;
      exercised.add(template);
      if (res.status !== status) {
        problems.push(
          `${url}: status ${res.status}, expected ${status}: ${JSON.stringify(
            res.body,
          )}`,
        );
        return;
      }
      const validate = validators.get(key);
      if (!validate) {
        problems.push(
          `${url}: the spec has no ${status} response for ${template}`,
        );
        return;
      }
      const error = validate(res.body);
      if (error) problems.push(`${url} (${status}): ${error}`);
    }

    const orders = encodeURIComponent('component:default/orders-service');
    await check('/releases', '/releases', 200);
    await check('/releases', `/releases?entityRef=${orders}`, 200);
    await check('/releases', '/releases?entityRef=not-a-ref:', 400);
    await check(
      '/releases',
      '/releases?q=orders&marked=true&untracked=true&limit=1&offset=1',
      200,
    );
    await check('/releases', '/releases?limit=0', 400);
    await check('/releases', '/releases?limit=101', 400);
    await check('/releases', '/releases?marked=yes', 400);
    await check('/releases', '/releases', 401, false);
    await check(
      '/releases/{service}/history',
      '/releases/orders-service/history',
      200,
    );
    await check(
      '/releases/{service}/history',
      '/releases/no-such-service/history',
      404,
    );
    await check('/events/unmatched', '/events/unmatched', 200);
    await check('/events/unmatched', '/events/unmatched?limit=0', 400);
    await check('/ownership', '/ownership', 200);
    await check(
      '/ownership',
      `/ownership?team=${encodeURIComponent('group:default/orders-team')}`,
      200,
    );
    await check('/ownership', '/ownership?team=group:default/nobody', 404);
    await check('/ownership', '/ownership?q=checkout&limit=2&offset=0', 200);
    await check(
      '/ownership',
      `/ownership?group=${encodeURIComponent('group:default/orders-team')}`,
      200,
    );
    await check('/ownership', '/ownership?offset=-1', 400);
    await check('/ownership', '/ownership?limit=101', 400);
    await check('/failure-matrix', '/failure-matrix', 200);
    await check('/failure-matrix', '/failure-matrix?level=service', 200);
    await check(
      '/failure-matrix',
      '/failure-matrix?level=service&paths=false',
      200,
    );
    await check('/failure-matrix', '/failure-matrix?level=team', 400);
    await check('/failure-matrix', '/failure-matrix?limit=2&offset=3', 200);
    await check(
      '/failure-matrix',
      `/failure-matrix?failing=${encodeURIComponent(
        'domain:default/payments',
      )}`,
      200,
    );
    await check(
      '/failure-matrix',
      `/failure-matrix?level=service&failing=${encodeURIComponent(
        'component:default/payments-service',
      )}&paths=false`,
      200,
    );
    await check('/failure-matrix', '/failure-matrix?limit=501', 400);
    await check('/failure-matrix', '/failure-matrix?offset=-1', 400);
    await check('/failure-matrix', '/failure-matrix?failing=', 400);
    await check(
      '/failure-matrix',
      `/failure-matrix?failing=${encodeURIComponent('domain:default/nowhere')}`,
      404,
    );
    await check(
      '/impact/{kind}/{namespace}/{name}',
      '/impact/domain/default/payments',
      200,
    );
    await check(
      '/impact/{kind}/{namespace}/{name}',
      '/impact/component/default/no-such-service',
      404,
    );
    const summary = '/impact/{kind}/{namespace}/{name}/summary';
    await check(summary, '/impact/domain/default/payments/summary', 200);
    await check(
      summary,
      '/impact/component/default/inventory-service/summary?limit=2',
      200,
    );
    await check(
      summary,
      '/impact/domain/default/payments/summary?limit=0',
      200,
    );
    await check(
      summary,
      '/impact/domain/default/payments/summary?limit=51',
      400,
    );
    await check(summary, '/impact/component/default/nothing/summary', 404);
    await check(summary, '/impact/domain/default/payments/summary', 401, false);
    const entries = '/impact/{kind}/{namespace}/{name}/entries';
    await check(entries, '/impact/domain/default/payments/entries', 200);
    await check(
      entries,
      '/impact/domain/default/payments/entries?impact=waits&limit=1&offset=0',
      200,
    );
    await check(
      entries,
      '/impact/component/default/orders-service/entries?direction=upstream',
      200,
    );
    await check(
      entries,
      '/impact/domain/default/payments/entries?direction=sideways',
      400,
    );
    await check(
      entries,
      '/impact/domain/default/payments/entries?impact=down',
      400,
    );
    await check(
      entries,
      '/impact/domain/default/payments/entries?limit=0',
      400,
    );
    await check(
      entries,
      '/impact/domain/default/payments/entries?offset=-1',
      400,
    );
    await check(entries, '/impact/component/default/nothing/entries', 404);
    await check(
      '/impact-path',
      `/impact-path?failing=${encodeURIComponent(
        'domain:default/payments',
      )}&affected=${encodeURIComponent('domain:default/orders')}`,
      200,
    );
    await check('/impact-path', '/impact-path?failing=x:', 400);
    await check('/migration', '/migration', 200);
    await check('/migration', '/migration?q=or&phase=0&limit=2&offset=1', 200);
    await check('/migration', '/migration?schedule=no-target&limit=0', 200);
    await check('/migration', '/migration?q=domain:default/orders', 200);
    await check('/migration', '/migration?limit=501', 400);
    await check('/migration', '/migration?phase=7', 400);
    await check('/migration/history', '/migration/history', 200);
    await check(
      '/migration/{kind}/{namespace}/{name}',
      '/migration/domain/default/orders',
      200,
    );
    await check(
      '/migration/{kind}/{namespace}/{name}',
      '/migration/domain/default/orders?limit=0',
      200,
    );
    await check(
      '/migration/{kind}/{namespace}/{name}',
      '/migration/domain/default/orders?limit=-1',
      400,
    );
    await check(
      '/migration/{kind}/{namespace}/{name}',
      '/migration/domain/default/nowhere',
      404,
    );
    await check('/rules/violations', '/rules/violations', 200);
    await check(
      '/rules/violations',
      `/rules/violations?entityRef=${orders}`,
      200,
    );
    await check('/rules/violations', '/rules/violations?unknown=1', 400);
    await check('/rules/violations', '/rules/violations?limit=0', 200);
    await check(
      '/rules/violations',
      '/rules/violations?rule=no-cross-domain-db&q=ORDERS&limit=1&offset=1',
      200,
    );
    await check('/rules/violations', '/rules/violations?rule=nope', 400);
    const gate = (query: string) => `/can-i-deploy?${query}`;
    await check(
      '/can-i-deploy',
      gate('service=orders-service&version=3.2.1&environment=production'),
      200,
    );
    await check(
      '/can-i-deploy',
      gate('service=payments-service&version=1.9.3&environment=production'),
      200,
    );
    await check('/can-i-deploy', gate('service=orders-service'), 400);
    await check(
      '/can-i-deploy',
      gate('service=legacy-billing&version=1&environment=production'),
      404,
    );
    await check(
      '/can-i-deploy',
      gate('service=orders-service&version=1&environment=production'),
      401,
      false,
    );
    await check('/context-map', '/context-map', 200);
    await check(
      '/context-map',
      '/context-map?domain=domain:default/payments',
      200,
    );
    await check('/context-map', '/context-map?team=engineering', 200);
    await check('/context-map', '/context-map?domain=group:default/x', 400);
    await check('/context-map', '/context-map?domain=atlantis', 404);
    await check('/context-map', '/context-map', 401, false);
    await check('/context-map/view', '/context-map/view', 200);
    await check(
      '/context-map/view',
      '/context-map/view?domain=payments&kinds=sync,events&violationsOnly=true',
      200,
    );
    await check(
      '/context-map/view',
      '/context-map/view?team=payments-team',
      200,
    );
    await check('/context-map/view', '/context-map/view?kinds=roads', 400);
    await check('/context-map/view', '/context-map/view?domain=atlantis', 404);
    await check('/context-map/view', '/context-map/view', 401, false);
    await check('/context-map/domains', '/context-map/domains?q=pay', 200);
    await check('/context-map/domains', '/context-map/domains?limit=501', 400);
    await check(
      '/context-map/teams',
      '/context-map/teams?limit=2&offset=1',
      200,
    );
    await check('/context-map/teams', '/context-map/teams', 401, false);

    expect(problems).toEqual([]);
    const readRoutes = Object.entries<any>(spec.paths)
      .filter(([, methods]) => methods.get)
      .map(([template]) => template)
      .sort();
    expect([...exercised].sort()).toEqual(readRoutes);
  });
});
