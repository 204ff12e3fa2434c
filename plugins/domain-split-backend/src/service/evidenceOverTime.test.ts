/*
 * Evidence over time through the routes, on SQLite and PostgreSQL: tracked environments, the
 * violation lifecycle, one version identity, GitHub monorepo payloads, release events in the
 * history.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  DomainMigrationResponse,
  MigrationOverviewResponse,
  ReleaseHistoryResponse,
  ReleasesResponse,
  RuleViolationsResponse,
} from '@internal/plugin-domain-split-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  githubHeaders,
  standardWebhookHeaders,
  startPlugin,
  testConfig,
  testEntities,
} from '../__testUtils__/testBackend';

jest.setTimeout(180_000);

type Server = Parameters<typeof request>[0];

const TRACKED = testConfig({
  environments: ['staging', { name: 'production', production: true }],
  evidence: { window: { days: 30 }, lockstepInterval: { minutes: 30 } },
});

const HOUR = 3_600_000;
/** A time `hours` before now (the plugin judges at the real clock). */
const ago = (hours: number) =>
  new Date(Date.now() - hours * HOUR).toISOString();

let counter = 0;
async function post(server: Server, event: Record<string, unknown>) {
  counter += 1;
  const body = JSON.stringify({
    id: `evt-${counter}`,
    type: 'deployment',
    service: 'orders-service',
    version: '3.2.1',
    environment: 'production',
    status: 'success',
    occurredAt: ago(1),
    ...event,
  });
  const res = await request(server)
    .post('/api/domain-split/webhooks/ci')
    .set(standardWebhookHeaders(body, { id: `msg-${counter}` }))
    .send(body);
  expect([res.status, res.body]).toEqual([202, expect.anything()]);
}

async function get<T>(server: Server, url: string, status = 200): Promise<T> {
  const res = await request(server)
    .get(`/api/domain-split${url}`)
    .set('authorization', mockCredentials.user.header());
  expect([url, res.status]).toEqual([url, status]);
  return res.body as T;
}

async function postGithub(server: Server, event: string, fixture: string) {
  const body = fs.readFileSync(
    path.join(__dirname, '__fixtures__', 'github', fixture),
    'utf8',
  );
  counter += 1;
  const res = await request(server)
    .post('/api/domain-split/webhooks/github')
    .set(githubHeaders(body, event, `delivery-${counter}`))
    .send(body);
  expect(res.status).toBe(202);
}

/** What a reader sees of the violations, without the time of the last analysis. */
const seen = (response: RuleViolationsResponse) =>
  response.violations.map(({ lastSeenAt: _last, ...v }) => v);

describe('evidence over time', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup(entities: Entity[] = testEntities) {
      const knex = await databases.init(databaseId);
      const backend = await startPlugin({ knex, entities, config: TRACKED });
      return { server: backend.server, knex };
    }

    it('600 deploys to untracked environments change neither Rules, Migration nor the Releases grid', async () => {
      const { server } = await setup();
      await post(server, { version: '3.2.1', occurredAt: ago(50) });
      await post(server, {
        type: 'test_run',
        service: 'payments',
        version: '1.9.4',
        suite: 'contract',
        result: 'passed',
        environment: undefined,
        status: undefined,
        occurredAt: ago(49),
      });
      await post(server, {
        service: 'payments',
        version: '1.9.4',
        environment: 'staging',
        occurredAt: ago(48),
      });

      const rulesBefore = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      const migrationBefore = await get<MigrationOverviewResponse>(
        server,
        '/migration',
      );
      const releasesBefore = await get<ReleasesResponse>(server, '/releases');
      expect(releasesBefore.environments).toEqual(['staging', 'production']);
      expect(releasesBefore.otherEnvironments).toEqual([]);
      expect(
        rulesBefore.violations
          .filter(v => v.rule === 'contract-tests-before-deploy')
          .map(v => v.message),
      ).toEqual([
        'orders-service 3.2.1 was deployed to production without a passing contract-test run for that version before the deploy.',
      ]);

      // 600 untested deploys of orders-service and payments to two throw-away environments,
      // in the same pipeline runs and commits (lockstep there, if it counted).
      const noise = Array.from({ length: 600 }, (_, i) => ({
        service: i % 2 === 0 ? 'orders-service' : 'payments',
        version: `0.${i}.0`,
        environment: `throwaway-${i % 3 === 0 ? 'a' : 'b'}`,
        occurredAt: ago(40 - i / 100),
        commit: `sha-${Math.floor(i / 2)}`,
        pipeline: { id: `run-${Math.floor(i / 2)}`, repository: 'acme/mono' },
      }));
      for (let i = 0; i < noise.length; i += 50) {
        await Promise.all(noise.slice(i, i + 50).map(e => post(server, e)));
      }

      const rulesAfter = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      expect(seen(rulesAfter)).toEqual(seen(rulesBefore));
      const migrationAfter = await get<MigrationOverviewResponse>(
        server,
        '/migration',
      );
      expect(migrationAfter.domains).toEqual(migrationBefore.domains);
      // (Untracked environments' rows come when asked for, as the tab's switch does.)
      const releasesAfter = await get<ReleasesResponse>(
        server,
        '/releases?untracked=true',
      );
      expect(releasesAfter.environments).toEqual(['staging', 'production']);
      expect(releasesAfter.otherEnvironments).toEqual([
        'throwaway-a',
        'throwaway-b',
      ]);
      expect(releasesAfter.current.filter(r => !r.untracked)).toEqual(
        releasesBefore.current,
      );
      expect(
        releasesAfter.current.filter(r => r.untracked).map(r => r.environment),
      ).toEqual(['throwaway-a', 'throwaway-b', 'throwaway-a', 'throwaway-b']);

      // The history still shows every deploy, the untracked ones marked.
      const history = await get<ReleaseHistoryResponse>(
        server,
        '/releases/orders-service/history',
      );
      expect(history.deployments).toHaveLength(301);
      expect(history.deployments.filter(d => d.untracked)).toHaveLength(300);
    });

    it('one version identity: a contract pass for 2.1 covers a deploy of 2.1.0 in /releases and the rules', async () => {
      const { server } = await setup();
      await post(server, {
        type: 'test_run',
        version: '2.1',
        suite: 'contract',
        result: 'passed',
        environment: undefined,
        status: undefined,
        occurredAt: ago(3),
      });
      await post(server, { version: '2.1.0', occurredAt: ago(2) });
      const releases = await get<ReleasesResponse>(server, '/releases');
      expect(releases.current).toEqual([
        expect.objectContaining({
          service: 'orders-service',
          version: '2.1.0',
          withoutContractTests: false,
        }),
      ]);
      const rules = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      expect(
        rules.violations.filter(v => v.rule === 'contract-tests-before-deploy'),
      ).toEqual([]);
    });

    it('violations resolve: open by default, ?status=resolved|all, 400 on another status', async () => {
      const { server } = await setup();
      await post(server, { version: '3.2.1', occurredAt: ago(5) });
      const open = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      const untested = open.violations.find(
        v => v.rule === 'contract-tests-before-deploy',
      )!;
      expect(untested).toMatchObject({
        key: 'contract-tests-before-deploy:component:default/orders-service@v3.2.1',
        status: 'open',
        domainRefs: ['domain:default/orders'],
      });
      expect(untested.firstSeenAt).toBeDefined();
      expect(untested.resolvedAt).toBeUndefined();

      // A tested version replaces it; the untested deploy stays in the window but is no longer
      // live... and it is still inside the window, so it is still a violation.
      await post(server, {
        type: 'test_run',
        version: '3.2.2',
        suite: 'contract',
        result: 'passed',
        environment: undefined,
        status: undefined,
        occurredAt: ago(4),
      });
      await post(server, { version: '3.2.2', occurredAt: ago(3) });
      expect(
        (
          await get<RuleViolationsResponse>(server, '/rules/violations')
        ).violations
          .filter(v => v.rule === 'contract-tests-before-deploy')
          .map(v => v.key),
      ).toEqual([untested.key]);

      // The same untested deploy, but 40 days ago and replaced: out of the window → resolved.
      const { server: later } = await setup();
      await post(later, { version: '3.2.1', occurredAt: ago(40 * 24) });
      const first = await get<RuleViolationsResponse>(
        later,
        '/rules/violations',
      );
      expect(first.violations.map(v => v.key)).toContain(untested.key);
      await post(later, {
        type: 'test_run',
        version: '3.2.2',
        suite: 'contract',
        result: 'passed',
        environment: undefined,
        status: undefined,
        occurredAt: ago(4),
      });
      await post(later, { version: '3.2.2', occurredAt: ago(3) });
      const afterFix = await get<RuleViolationsResponse>(
        later,
        '/rules/violations',
      );
      expect(afterFix.violations.map(v => v.key)).not.toContain(untested.key);
      const resolved = await get<RuleViolationsResponse>(
        later,
        '/rules/violations?status=resolved',
      );
      expect(resolved.violations).toEqual([
        expect.objectContaining({
          key: untested.key,
          status: 'resolved',
          firstSeenAt: first.violations.find(v => v.key === untested.key)!
            .firstSeenAt,
          resolvedAt: expect.any(String),
        }),
      ]);
      const all = await get<RuleViolationsResponse>(
        later,
        '/rules/violations?status=all',
      );
      expect(all.violations.length).toBe(afterFix.violations.length + 1);
      await get(later, '/rules/violations?status=closed', 400);
    });

    it('lockstep by commit only within the interval', async () => {
      const { server } = await setup();
      await post(server, { commit: 'mono-1', occurredAt: ago(30) });
      await post(server, {
        service: 'payments',
        version: '1.9.4',
        commit: 'mono-1',
        occurredAt: ago(2),
      });
      const rules = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      expect(
        rules.violations.filter(v => v.rule === 'independent-deploys'),
      ).toEqual([]);
      await post(server, {
        service: 'payments',
        version: '1.9.5',
        commit: 'mono-1',
        occurredAt: new Date(Date.parse(ago(30)) + 10 * 60_000).toISOString(),
      });
      // 1.9.5 is 10 minutes after orders' deploy of the same commit, but 1.9.4 replaced it
      // later: it is inside the window, so it counts.
      const again = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      expect(
        again.violations
          .filter(v => v.rule === 'independent-deploys')
          .map(v => v.entityRefs),
      ).toEqual([
        [
          'component:default/orders-service',
          'component:default/payments-service',
        ],
      ]);
    });

    it('GitHub monorepo: a contract workflow claimed by a Component covers its deployment by commit SHA', async () => {
      const entities = testEntities.map(e =>
        e.metadata.name === 'orders-service'
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                annotations: {
                  'domain-split/github-workflow':
                    'acme/platform:.github/workflows/orders-contract.yml',
                },
              },
            }
          : e,
      );
      const { server } = await setup(entities);
      await postGithub(
        server,
        'workflow_run',
        'workflow_run.contract.monorepo.json',
      );
      await postGithub(
        server,
        'deployment_status',
        'deployment_status.monorepo.json',
      );
      const releases = await get<ReleasesResponse>(server, '/releases');
      expect(releases.current).toEqual([
        expect.objectContaining({
          service: 'orders-service',
          environment: 'production',
          version: '3.3.0',
          withoutContractTests: false,
          entityRef: 'component:default/orders-service',
        }),
      ]);
      const history = await get<ReleaseHistoryResponse>(
        server,
        '/releases/orders-service/history',
      );
      expect(history.testRuns).toEqual([
        expect.objectContaining({
          service: 'platform',
          entityRef: 'component:default/orders-service',
          version: '9f2c1e7b4a3d5f60718293a4b5c6d7e8f9012345',
          commit: '9f2c1e7b4a3d5f60718293a4b5c6d7e8f9012345',
          workflow: 'acme/platform:.github/workflows/orders-contract.yml',
        }),
      ]);
    });

    it('phase 2 needs the latest domain-suite run of the live version to pass; a failed one is a blocker naming the run', async () => {
      const { server } = await setup();
      await post(server, { version: '3.2.1', occurredAt: ago(10) });
      const orders = async () =>
        (
          await get<DomainMigrationResponse>(
            server,
            '/migration/domain/default/orders?limit=10000',
          )
        ).domain;
      const suite = async () =>
        (await orders()).phaseCriteria[1].criteria.find(
          c => c.id === 'domain-test-suite',
        )!;
      expect((await suite()).blockers).toEqual([
        {
          entityRefs: ['component:default/orders-service'],
          message:
            'CI has reported no domain test-suite run of orders-service for 3.2.1, live in production.',
        },
      ]);
      const run = (result: string, hours: number, id: string) =>
        post(server, {
          type: 'test_run',
          version: 'v3.2.1',
          suite: 'domain',
          result,
          environment: undefined,
          status: undefined,
          occurredAt: ago(hours),
          pipeline: { id, url: `https://ci.example/runs/${id}` },
        });
      await run('passed', 9, 'run-1');
      expect((await suite()).met).toBe(true);
      await run('failed', 8, 'run-2');
      expect((await suite()).blockers).toEqual([
        {
          entityRefs: ['component:default/orders-service'],
          message: expect.stringMatching(
            /^The latest domain test-suite run of orders-service for 3\.2\.1, live in production failed \(run run-2: v3\.2\.1, .*, https:\/\/ci\.example\/runs\/run-2\)\.$/,
          ),
          url: 'https://ci.example/runs/run-2',
        },
      ]);
      // A run of another version, however recent, does not count for the live one.
      await post(server, {
        type: 'test_run',
        version: '3.3.0',
        suite: 'domain',
        result: 'passed',
        environment: undefined,
        status: undefined,
        occurredAt: ago(1),
      });
      expect((await suite()).met).toBe(false);
    });

    it('release events appear in the service history', async () => {
      const { server } = await setup();
      await post(server, {
        type: 'release',
        version: '3.3.0',
        environment: undefined,
        status: undefined,
        commit: 'abc',
        pipeline: {
          id: 'r-1',
          url: 'https://ci/r-1',
          repository: 'acme/orders',
        },
        occurredAt: ago(6),
      });
      const history = await get<ReleaseHistoryResponse>(
        server,
        '/releases/orders-service/history',
      );
      expect(history.releases).toEqual([
        expect.objectContaining({
          service: 'orders-service',
          entityRef: 'component:default/orders-service',
          version: '3.3.0',
          commit: 'abc',
          pipelineUrl: 'https://ci/r-1',
        }),
      ]);
    });
  });
});
