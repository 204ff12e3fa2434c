import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  CanIDeployResponse,
  ReleaseHistoryResponse,
} from '@internal/plugin-domain-split-common';
import request from 'supertest';
import {
  rowCounts,
  standardWebhookHeaders,
  startPlugin,
  testEntities,
} from '../__testUtils__/testBackend';
import { parseCanIDeployQuery } from './gateRoutes';

jest.setTimeout(60_000);

type Server = Parameters<typeof request>[0];

/** The test catalog plus APIs: orders-service consumes payments-service's API. */
const apiSpec: Record<string, object> = {
  'orders-service': { consumesApis: ['payments-api'] },
  'payments-service': { providesApis: ['payments-api'] },
};
const entities: Entity[] = [
  ...testEntities.map(entity => ({
    ...entity,
    spec: { ...entity.spec, ...apiSpec[entity.metadata.name] },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
      definition: '-',
    },
  },
];

const day = (d: number) =>
  `2026-11-${String(d).padStart(2, '0')}T10:00:00.000Z`;

async function send(server: Server, event: Record<string, unknown>) {
  const body = JSON.stringify(event);
  const res = await request(server)
    .post('/api/domain-split/webhooks/ci')
    .set(standardWebhookHeaders(body))
    .send(body);
  expect(res.status).toBe(202);
}

const deploy = (
  id: string,
  service: string,
  version: string,
  d: number,
  extra: Record<string, unknown> = {},
) => ({
  id,
  type: 'deployment',
  occurredAt: day(d),
  service,
  version,
  environment: 'production',
  status: 'success',
  ...extra,
});

const testRunEvent = (
  id: string,
  service: string,
  version: string,
  suite: 'domain' | 'contract',
  d: number,
  extra: Record<string, unknown> = {},
) => ({
  id,
  type: 'test_run',
  occurredAt: day(d),
  service,
  version,
  suite,
  result: 'passed',
  ...extra,
});

describe('parseCanIDeployQuery', () => {
  it('names every missing and unknown parameter', () => {
    expect(() => parseCanIDeployQuery({ service: 'a', env: 'x' })).toThrow(
      'Invalid can-i-deploy query: missing parameter(s) version, environment; unknown parameter(s) env',
    );
    expect(() =>
      parseCanIDeployQuery({
        service: 'a',
        version: ['1', '2'],
        environment: 'p',
      }),
    ).toThrow(/version must be given once/);
    expect(
      parseCanIDeployQuery({
        service: ' a ',
        version: '1',
        environment: 'p',
        pipeline: '7',
        repository: 'org/x',
        commit: 'abc',
      }),
    ).toEqual({
      service: 'a',
      version: '1',
      environment: 'p',
      pipelineId: '7',
      repository: 'org/x',
      commit: 'abc',
    });
  });
});

describe('GET /can-i-deploy', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const backend = await startPlugin({ knex, entities });
      const server = backend.server;
      const ask = (query: string, header = mockCredentials.user.header()) =>
        request(server)
          .get(`/api/domain-split/can-i-deploy?${query}`)
          .set('authorization', header);
      return { knex, server, ask };
    }

    /** payments 1.9.4 live; orders 3.2.1 domain-tested and verified against it. */
    async function seed(server: Server) {
      await send(server, deploy('p1', 'payments', '1.9.3', 1));
      await send(server, deploy('p2', 'payments', '1.9.4', 2));
      await send(
        server,
        testRunEvent('od', 'orders-service', '3.2.1', 'domain', 3),
      );
      await send(
        server,
        testRunEvent('oc', 'orders-service', '3.2.1', 'contract', 3, {
          verifiedAgainst: [{ service: 'payments-service', version: 'v1.9.4' }],
        }),
      );
    }

    it('stores each verified pair both ways round', async () => {
      const { knex, server } = await setup();
      await seed(server);
      const rows = await knex('contract_verifications')
        .select(
          'service_key',
          'version_key',
          'counterpart_key',
          'counterpart_version_key',
          'result',
        )
        .orderBy('service_key');
      expect(rows).toEqual([
        {
          service_key: 'orders-service',
          version_key: 'v3.2.1',
          counterpart_key: 'payments-service',
          counterpart_version_key: 'v1.9.4',
          result: 'passed',
        },
        {
          service_key: 'payments-service',
          version_key: 'v1.9.4',
          counterpart_key: 'orders-service',
          counterpart_version_key: 'v3.2.1',
          result: 'passed',
        },
      ]);
    });

    it('answers yes with the reasons and the impact, and records who asked', async () => {
      const { knex, server, ask } = await setup();
      await seed(server);
      const res = await ask(
        'service=orders-service&version=3.2.1&environment=production',
      );
      expect(res.status).toBe(200);
      const body = res.body as CanIDeployResponse;
      expect(body).toMatchObject({
        service: 'orders-service',
        entityRef: 'component:default/orders-service',
        version: '3.2.1',
        environment: 'production',
        deployable: true,
        rollback: false,
        impact: { users: 'none', domains: [], domainCount: 0, entityCount: 0 },
      });
      expect(body.reasons.map(r => [r.check, r.status, r.entityRefs])).toEqual([
        ['domain-tests', 'passed', ['component:default/orders-service']],
        ['provider-contract', 'passed', ['component:default/payments-service']],
        ['consumer-contract', 'skipped', []],
        ['lockstep', 'skipped', []],
      ]);
      const rows = await knex('deploy_verdicts').select();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: body.verdictId,
        service: 'orders-service',
        service_key: 'orders-service',
        entity_ref: 'component:default/orders-service',
        version: '3.2.1',
        version_key: 'v3.2.1',
        environment: 'production',
        asked_by: 'user:default/mock',
      });
      expect(Boolean(rows[0].deployable)).toBe(true);
      expect(JSON.parse(rows[0].reasons)).toEqual(body.reasons);

      // A service token: the asker is the service's subject.
      const asService = await ask(
        'service=orders-service&version=3.2.1&environment=production',
        mockCredentials.service.header(),
      );
      expect(asService.status).toBe(200);
      expect(
        (await knex('deploy_verdicts').select('asked_by'))
          .map(r => r.asked_by)
          .sort(),
      ).toEqual(['external:test-service', 'user:default/mock']);
    });

    it('refuses a rollback whose live consumer was verified against another version only', async () => {
      const { server, ask } = await setup();
      await seed(server);
      await send(server, deploy('o1', 'orders-service', '3.2.1', 4));
      await send(server, testRunEvent('pd', 'payments', '1.9.3', 'domain', 1));
      const res = await ask(
        'service=payments-service&version=1.9.3&environment=production',
      );
      expect(res.status).toBe(200);
      const body = res.body as CanIDeployResponse;
      expect(body).toMatchObject({
        deployable: false,
        rollback: true,
        liveVersion: '1.9.4',
      });
      const consumer = body.reasons.find(r => r.check === 'consumer-contract')!;
      expect(consumer).toMatchObject({
        ok: false,
        status: 'unknown',
        entityRefs: ['component:default/orders-service'],
      });
      expect(consumer.detail).toContain(
        'orders-service 3.2.1 was verified against payments-service v1.9.4 only',
      );
      expect(body.impact.users).toBe('none');
      expect(body.impact.domains).toEqual([
        { domainRef: 'domain:default/orders', impact: 'blocked' },
      ]);
    });

    it('refuses an unverified version, saying what to send', async () => {
      const { server, ask } = await setup();
      await seed(server);
      const res = await ask(
        'service=orders-service&version=3.3.0&environment=production',
      );
      const body = res.body as CanIDeployResponse;
      expect(body.deployable).toBe(false);
      expect(
        body.reasons.filter(r => !r.ok).map(r => [r.check, r.status]),
      ).toEqual([
        ['domain-tests', 'unknown'],
        ['provider-contract', 'unknown'],
      ]);
      expect(body.reasons[0].detail).toMatch(/"suite": "domain"/);
    });

    it('fails the lockstep check for a pipeline run that deployed another domain', async () => {
      const { server, ask } = await setup();
      await seed(server);
      await send(
        server,
        deploy('p3', 'payments', '1.9.4', 5, {
          pipeline: { id: 'run-9', repository: 'org/mono' },
        }),
      );
      const res = await ask(
        'service=orders-service&version=3.2.1&environment=production&pipeline=run-9&repository=org/mono',
      );
      const lockstep = (res.body as CanIDeployResponse).reasons.find(
        r => r.check === 'lockstep',
      )!;
      expect(lockstep).toMatchObject({
        ok: false,
        status: 'failed',
        entityRefs: ['component:default/payments-service'],
      });
      expect(res.body.deployable).toBe(false);
    });

    it('lists the verdicts in the history and flags a deploy that followed a "no"', async () => {
      const { server, ask } = await setup();
      await seed(server);
      const historyOf = () =>
        request(server)
          .get('/api/domain-split/releases/orders-service/history')
          .set('authorization', mockCredentials.user.header());
      // Read before the gate is asked: the answers a history keeps are read again at once
      // after the gate recorded one here.
      expect((await historyOf()).body.verdicts).toEqual([]);
      const no = await ask(
        'service=orders-service&version=3.3.0&environment=production',
      );
      expect(no.body.deployable).toBe(false);
      expect(
        (await historyOf()).body.verdicts.map((v: { id: string }) => v.id),
      ).toEqual([no.body.verdictId]);
      // Deployed anyway, after the answer (the event's own time is now).
      await send(server, {
        ...deploy('o2', 'orders-service', 'v3.3.0', 1),
        occurredAt: new Date(Date.now() + 1000).toISOString(),
      });
      const history = await historyOf();
      expect(history.status).toBe(200);
      const verdicts = (history.body as ReleaseHistoryResponse).verdicts!;
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]).toMatchObject({
        id: no.body.verdictId,
        version: '3.3.0',
        deployable: false,
        askedBy: 'user:default/mock',
        entityRef: 'component:default/orders-service',
        deployedAfterRefusal: { eventId: 'o2' },
      });
    });

    it('answers 400 naming missing/unknown parameters, 404 naming an unknown service, 401 without credentials; records nothing', async () => {
      const { knex, server, ask } = await setup();
      const missing = await ask('service=orders-service&envronment=production');
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toBe(
        'Invalid can-i-deploy query: missing parameter(s) version, environment; unknown parameter(s) envronment (allowed: service, version, environment, pipeline, repository, commit)',
      );
      const unknown = await ask(
        'service=legacy-billing&version=1&environment=production',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toMatch(
        /Unknown service "legacy-billing"/,
      );
      const anonymous = await request(server).get(
        '/api/domain-split/can-i-deploy?service=orders-service&version=1&environment=production',
      );
      expect(anonymous.status).toBe(401);
      expect((await rowCounts(knex)).deploy_verdicts).toBe(0);
    });
  });
});
