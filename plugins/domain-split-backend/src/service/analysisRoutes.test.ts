import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  OwnershipPageResponse,
  BlastRadiusPageResponse,
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  FailureMatrixPageResponse,
  DomainMigrationResponse,
  MigrationHistoryResponse,
  MigrationOverviewResponse,
  OwnershipResponse,
  RuleViolationsPageResponse,
  RuleViolationsResponse,
} from '@internal/plugin-domain-split-common';
import {
  buildCatalogGraph,
  computeFailureMatrix,
  expandMatrixPage,
} from '@internal/plugin-domain-split-common';
import request from 'supertest';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { startPlugin, testConfig } from '../__testUtils__/testBackend';
import { SNAPSHOT_TASK_ID } from './snapshots';

jest.setTimeout(60_000);

type Server = Parameters<typeof request>[0];

const user = mockCredentials.user.header();

async function get<T>(server: Server, url: string): Promise<T> {
  const res = await request(server)
    .get(`/api/domain-split${url}`)
    .set('authorization', user);
  expect(res.status).toBe(200);
  return res.body as T;
}

/** Posts generic events with a service token. */
async function postEvents(server: Server, events: Record<string, unknown>[]) {
  for (const event of events) {
    await request(server)
      .post('/api/domain-split/webhooks/ci')
      .set({
        'content-type': 'application/json',
        authorization: mockCredentials.service.header(),
      })
      .send(JSON.stringify(event))
      .expect(202);
  }
}

describe('analysis routes (example catalog)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const entities = loadExampleCatalog();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const scheduler = mockServices.scheduler.mock();
      const backend = await startPlugin({
        knex,
        entities,
        config: testConfig({
          monorepo: {
            url: 'https://github.com/aliexpress-platform/aliexpress-platform',
          },
        }),
        extraFeatures: [scheduler.factory],
      });
      /** Runs the scheduled daily snapshot task. */
      const snapshotTask = async () => {
        const task = scheduler.scheduleTask.mock.calls
          .map(([t]) => t)
          .find(t => t.id === SNAPSHOT_TASK_ID);
        await task!.fn(new AbortController().signal);
      };
      return { knex, server: backend.server, snapshotTask };
    }

    it('serves ownership, the failure matrix and the blast radius', async () => {
      const { server } = await setup();
      // The tab's team list, a page at a time, searched on the server.
      const ownership = await get<OwnershipPageResponse>(server, '/ownership');
      expect(ownership.summary.domains).toBeGreaterThan(0);
      expect(ownership.rows.length).toBeGreaterThan(0);
      expect(ownership).toMatchObject({ offset: 0, limit: 25 });
      expect(ownership.totalItems).toBe(ownership.groups.length);
      const paymentsTeam = await get<OwnershipPageResponse>(
        server,
        '/ownership?q=PAYMENTS-service',
      );
      expect(paymentsTeam.rows.map(r => r.entityRef)).toEqual([
        'group:default/payments-team',
      ]);
      expect(paymentsTeam.rows[0].matches).toEqual([
        {
          entityRef: 'component:default/payments-service',
          kind: 'component',
          domainRef: 'domain:default/payments',
        },
      ]);
      const second = await get<OwnershipPageResponse>(
        server,
        '/ownership?limit=1&offset=1',
      );
      expect(second.rows.map(r => r.entityRef)).toEqual([
        ownership.rows[1].entityRef,
      ]);
      expect(second).toMatchObject({
        offset: 1,
        limit: 1,
        totalItems: ownership.totalItems,
      });
      const chosen = await get<OwnershipPageResponse>(
        server,
        `/ownership?group=${encodeURIComponent('group:default/orders-team')}`,
      );
      expect(chosen.rows.map(r => r.entityRef)).toEqual([
        'group:default/orders-team',
      ]);
      for (const query of ['limit=0', 'limit=101', 'offset=-1', 'group=:']) {
        const invalid = await request(server)
          .get(`/api/domain-split/ownership?${query}`)
          .set('authorization', user);
        expect(invalid.status).toBe(400);
      }

      const matrix = expandMatrixPage(
        await get<FailureMatrixPageResponse>(
          server,
          '/failure-matrix?level=domain',
        ),
      );
      expect(matrix.level).toBe('domain');
      const payments = matrix.rows.find(
        r => r.failing === 'domain:default/payments',
      );
      expect(
        payments?.cells.find(c => c.affected === 'domain:default/orders')
          ?.impact,
      ).toBe('waits');
      const services = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?level=service',
      );
      expect(services.level).toBe('service');
      expect(services.columns).toContain('component:default/orders-service');
      // The Services level's filter box: every row whose failing service's ref or title matches.
      const found = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?level=service&q=ORDERS-SERV',
      );
      expect(found.rows.map(r => r.failing)).toEqual([
        'component:default/orders-service',
      ]);
      expect(found.totalItems).toBe(1);
      // A filter given twice is refused, on every route that filters.
      for (const route of [
        '/failure-matrix?level=service&q=a&q=b',
        '/ownership?q=a&q=b',
        '/releases?q=a&q=b',
        '/migration?q=a&q=b',
        '/context-map/domains?q=a&q=b',
      ]) {
        const notText = await request(server)
          .get(`/api/domain-split${route}`)
          .set('authorization', user);
        // The contract's validator or the route's own parser answers.
        expect([route, notText.status]).toEqual([route, 400]);
        expect(notText.body.error.message).toMatch(
          /q must be (string|given once, as text)/,
        );
      }

      const bad = await request(server)
        .get('/api/domain-split/failure-matrix?level=team')
        .set('authorization', user);
      expect(bad.status).toBe(400);
      // `cells`: each row's worst cells only, the others counted.
      const worst = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?level=service&q=payments-service&cells=2',
      );
      expect(worst.rows[0].impacts).toMatch(/^[ndwb]{2}$/);
      expect(worst.columns).toHaveLength(2);
      expect(worst.rows[0].moreCells).toBeGreaterThan(0);
      for (const cells of ['0', 'two', '1.5']) {
        const notCount = await request(server)
          .get(`/api/domain-split/failure-matrix?level=service&cells=${cells}`)
          .set('authorization', user);
        expect([cells, notCount.status]).toEqual([cells, 400]);
        expect(notCount.body.error.message).toMatch(/cells/);
      }

      const radius = await get<BlastRadiusResponse>(
        server,
        '/impact/Component/default/inventory-service',
      );
      expect(radius.entityRef).toBe('component:default/inventory-service');
      expect(radius.takesDown.map(c => c.affected)).toContain(
        'component:default/checkout-orchestrator',
      );
      // Each side's first entries when asked fewer, the rest counted.
      expect(radius.takesDown.length).toBeGreaterThan(1);
      expect(radius.moreTakesDown).toBeUndefined();
      const first = await get<BlastRadiusResponse>(
        server,
        '/impact/component/default/inventory-service?limit=1',
      );
      expect(first.takesDown).toEqual(radius.takesDown.slice(0, 1));
      expect(first.moreTakesDown).toBe(radius.takesDown.length - 1);
      expect(first.takenDownBy).toEqual(radius.takenDownBy.slice(0, 1));
      expect(first.moreTakenDownBy ?? 0).toBe(
        Math.max(radius.takenDownBy.length - 1, 0),
      );
      expect(first.users).toEqual(radius.users);
      for (const limit of ['-1', 'two', '1.5']) {
        const notCount = await request(server)
          .get(
            `/api/domain-split/impact/component/default/inventory-service?limit=${limit}`,
          )
          .set('authorization', user);
        expect([limit, notCount.status]).toEqual([limit, 400]);
        expect(notCount.body.error.message).toMatch(/limit/);
      }
      const missing = await request(server)
        .get('/api/domain-split/impact/component/default/no-such-thing')
        .set('authorization', user);
      expect(missing.status).toBe(404);
    });

    it('serves the failure matrix a page of compact rows at a time, or one row', async () => {
      const { server } = await setup();
      // What the whole matrix is (computed as the backend does, paths inline: a small catalog).
      const whole = computeFailureMatrix(
        buildCatalogGraph(entities),
        'domain',
        {
          maxPathCells: 1000,
        },
      );
      const first = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix',
      );
      // The example catalog's domain matrix is one default page.
      expect(first).toMatchObject({
        level: 'domain',
        columns: whole.columns,
        totalItems: whole.rows.length,
        offset: 0,
        limit: 50,
      });
      expect(expandMatrixPage(first).rows).toEqual(
        whole.rows.map(row => ({
          ...row,
          // Expanded cells come in column order.
          cells: [...row.cells].sort(
            (a, b) =>
              whole.columns.indexOf(a.affected) -
              whole.columns.indexOf(b.affected),
          ),
        })),
      );
      expect(first.rows[0].impacts).toMatch(/^[ndwb.]+$/);
      expect(first.rows[0].impacts).toHaveLength(whole.columns.length);

      const page = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?limit=2&offset=3',
      );
      expect(page).toMatchObject({
        totalItems: whole.rows.length,
        offset: 3,
        limit: 2,
      });
      expect(page.rows.map(r => r.failing)).toEqual(
        whole.rows.slice(3, 5).map(r => r.failing),
      );
      // Titles only of what the page names (the columns and the rows' paths).
      expect(Object.keys(page.titles).length).toBeLessThan(
        Object.keys(whole.titles).length,
      );
      for (const column of whole.columns) {
        expect(page.titles[column]).toBe(whole.titles[column]);
      }

      const one = await get<FailureMatrixPageResponse>(
        server,
        `/failure-matrix?failing=${encodeURIComponent(
          'Domain:default/Payments',
        )}`,
      );
      expect(one.totalItems).toBe(1);
      expect(one.rows.map(r => r.failing)).toEqual(['domain:default/payments']);
      // A ref as typed (`:` and `/` unencoded, as the other ref parameters take it).
      const typed = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?failing=domain:default/payments',
      );
      expect(typed.rows.map(r => r.failing)).toEqual([
        'domain:default/payments',
      ]);
      const orders = whole.columns.indexOf('domain:default/orders');
      expect(one.rows[0].impacts[orders]).toBe('w');
      // A row the matrix does not have: 404 with a message, not an empty page.
      for (const query of [
        `failing=${encodeURIComponent('domain:default/no-such-domain')}`,
        // A service at the domain level.
        `failing=${encodeURIComponent('component:default/payments-service')}`,
      ]) {
        const none = await request(server)
          .get(`/api/domain-split/failure-matrix?${query}`)
          .set('authorization', user);
        expect({ query, status: none.status }).toEqual({ query, status: 404 });
        expect(none.body.error.message).toMatch(
          /^No domain \S+ in the failure matrix$/,
        );
      }
      const countsOnly = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?limit=0',
      );
      expect(countsOnly).toMatchObject({
        totalItems: whole.rows.length,
        rows: [],
      });

      for (const query of [
        'limit=501',
        'limit=-1',
        'limit=two',
        'offset=-1',
        'failing=',
      ]) {
        const bad = await request(server)
          .get(`/api/domain-split/failure-matrix?${query}`)
          .set('authorization', user);
        expect({ query, status: bad.status }).toEqual({ query, status: 400 });
      }
    });

    it('serves the blast radius summarised and in pages, cut from the same radius', async () => {
      const { server } = await setup();
      const whole = await get<BlastRadiusResponse>(
        server,
        '/impact/domain/default/inventory',
      );
      const summary = await get<BlastRadiusSummaryResponse>(
        server,
        '/impact/Domain/default/inventory/summary?limit=2',
      );
      expect(summary.entityRef).toBe('domain:default/inventory');
      expect(summary.users.impact).toBe(whole.users.impact);
      expect(summary.takesDown.total).toBe(whole.takesDown.length);
      for (const level of ['none', 'degraded', 'waits', 'blocked'] as const) {
        expect(summary.takesDown.byImpact[level]).toBe(
          whole.takesDown.filter(c => c.impact === level).length,
        );
      }
      expect(summary.takesDown.worst).toEqual(
        whole.takesDown.slice(0, 2).map(c => ({ ...c, path: [] })),
      );
      // The seed's matrix: inventory down blocks checkout.
      expect(summary.domains).toContainEqual(
        expect.objectContaining({
          domainRef: 'domain:default/checkout',
          impact: 'blocked',
        }),
      );

      // Paging through every entry gives the whole radius, in its order.
      const paged: string[] = [];
      for (let offset = 0; ; offset += 2) {
        const page = await get<BlastRadiusPageResponse>(
          server,
          `/impact/domain/default/inventory/entries?limit=2&offset=${offset}`,
        );
        expect(page.totalItems).toBe(whole.takesDown.length);
        if (page.items.length === 0) break;
        paged.push(...page.items.map(c => `${c.affected} ${c.impact}`));
      }
      expect(paged).toEqual(
        whole.takesDown.map(c => `${c.affected} ${c.impact}`),
      );
      const blocked = await get<BlastRadiusPageResponse>(
        server,
        '/impact/domain/default/inventory/entries?impact=blocked',
      );
      expect(blocked.items.map(c => c.affected)).toEqual(
        whole.takesDown
          .filter(c => c.impact === 'blocked')
          .map(c => c.affected),
      );
      const upstream = await get<BlastRadiusPageResponse>(
        server,
        '/impact/domain/default/inventory/entries?direction=upstream',
      );
      expect(upstream.items.map(c => c.failing)).toEqual(
        whole.takenDownBy.map(c => c.failing),
      );

      for (const [url, message] of [
        ['/summary?limit=500', 'limit'],
        ['/entries?direction=sideways', 'direction'],
        ['/entries?impact=down', 'impact'],
        ['/entries?offset=-1', 'offset'],
      ]) {
        const bad = await request(server)
          .get(`/api/domain-split/impact/domain/default/inventory${url}`)
          .set('authorization', user);
        expect({ url, status: bad.status }).toEqual({ url, status: 400 });
        expect(bad.body.error.message).toContain(message);
      }
      for (const url of ['/summary', '/entries']) {
        const missing = await request(server)
          .get(`/api/domain-split/impact/component/default/no-such-thing${url}`)
          .set('authorization', user);
        expect(missing.status).toBe(404);
      }
    });

    it('serves the migration status with CI evidence, and rule violations filtered by entity', async () => {
      const { server } = await setup();
      const at = '2026-11-01T10:00:00.000Z';
      await postEvents(server, [
        // Lockstep across domains, and no contract tests before deploying.
        ...['checkout-orchestrator', 'inventory-service'].map(service => ({
          id: `dep-${service}`,
          type: 'deployment',
          occurredAt: at,
          service,
          version: '1.0.0',
          environment: 'production',
          status: 'success',
          pipeline: { id: 'train-1', repository: 'org/mono' },
        })),
        {
          id: 'domain-tests-orders',
          type: 'test_run',
          occurredAt: at,
          service: 'orders-service',
          version: '3.2.1',
          suite: 'domain',
          result: 'passed',
        },
      ]);

      const migration = await get<MigrationOverviewResponse>(
        server,
        '/migration',
      );
      expect(migration.domains.map(d => d.domainRef)).toContain(
        'domain:default/orders',
      );
      for (const domain of migration.domains) {
        expect([0, 1, 2, 3]).toContain(domain.phase);
      }

      const all = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      const lockstep = all.violations.filter(
        v => v.rule === 'independent-deploys',
      );
      expect(lockstep.length).toBeGreaterThan(0);
      expect(
        all.violations.some(v => v.rule === 'contract-tests-before-deploy'),
      ).toBe(true);

      const ref = 'component:default/inventory-service';
      const filtered = await get<RuleViolationsResponse>(
        server,
        `/rules/violations?entityRef=${encodeURIComponent(ref)}`,
      );
      expect(filtered.rules).toEqual(all.rules);
      expect(filtered.violations.length).toBeGreaterThan(0);
      expect(filtered.violations.length).toBeLessThan(all.violations.length);
      for (const violation of filtered.violations) {
        expect(violation.entityRefs).toContain(ref);
      }
      // Each read is one step of the lifecycle: the same violations, seen again.
      const withoutLastSeen = (list: RuleViolationsResponse['violations']) =>
        list.map(({ lastSeenAt: _seen, ...v }) => v);
      expect(withoutLastSeen(filtered.violations)).toEqual(
        withoutLastSeen(all.violations.filter(v => v.entityRefs.includes(ref))),
      );

      const bad = await request(server)
        .get('/api/domain-split/rules/violations?entityRef=not-a-ref:')
        .set('authorization', user);
      expect(bad.status).toBe(400);
    });

    it('pages the rule violations, counts them per rule, filters by rule and text', async () => {
      const { server } = await setup();
      const all = await get<RuleViolationsPageResponse>(
        server,
        '/rules/violations?limit=500',
      );
      expect(all.violations.length).toBeGreaterThan(3);
      expect(all.totalItems).toBe(all.violations.length);
      expect(Object.keys(all.counts).sort()).toEqual(
        all.rules.map(r => r.id).sort(),
      );
      for (const rule of all.rules) {
        expect(all.counts[rule.id]).toBe(
          all.violations.filter(v => v.rule === rule.id).length,
        );
      }

      // The overview: counts only.
      const overview = await get<RuleViolationsPageResponse>(
        server,
        '/rules/violations?limit=0',
      );
      expect(overview.violations).toEqual([]);
      expect(overview).toMatchObject({
        totalItems: all.totalItems,
        offset: 0,
        limit: 0,
        counts: all.counts,
      });

      // Pages follow each other in the listing's order.
      const first = await get<RuleViolationsPageResponse>(
        server,
        '/rules/violations?limit=2',
      );
      const second = await get<RuleViolationsPageResponse>(
        server,
        '/rules/violations?limit=2&offset=2',
      );
      const keys = (r: RuleViolationsPageResponse) =>
        r.violations.map(v => v.key);
      expect([...keys(first), ...keys(second)]).toEqual(keys(all).slice(0, 4));
      expect(second).toMatchObject({ offset: 2, limit: 2 });
      expect(first.totalItems).toBe(all.totalItems);
      // The default page.
      const plain = await get<RuleViolationsPageResponse>(
        server,
        '/rules/violations',
      );
      expect(plain.limit).toBe(100);

      // One rule: its violations only; the counts stay those of every rule.
      const rule = all.violations[all.violations.length - 1].rule;
      const ofRule = await get<RuleViolationsPageResponse>(
        server,
        `/rules/violations?rule=${rule}&limit=500`,
      );
      expect(ofRule.violations.map(v => v.key)).toEqual(
        all.violations.filter(v => v.rule === rule).map(v => v.key),
      );
      expect(ofRule.totalItems).toBe(all.counts[rule]);
      expect(ofRule.counts).toEqual(all.counts);

      // Text: case-insensitive over entity refs and message, counts of the matches.
      const ref = 'component:default/inventory-service';
      const q = 'INVENTORY-service';
      const matching = all.violations.filter(
        v =>
          v.message.toLowerCase().includes(q.toLowerCase()) ||
          v.entityRefs.some(r => r.includes(q.toLowerCase())),
      );
      expect(matching.length).toBeGreaterThan(0);
      expect(matching.length).toBeLessThan(all.violations.length);
      const byText = await get<RuleViolationsPageResponse>(
        server,
        `/rules/violations?q=${encodeURIComponent(q)}&limit=500`,
      );
      expect(byText.violations.map(v => v.key)).toEqual(
        matching.map(v => v.key),
      );
      expect(byText.totalItems).toBe(matching.length);
      for (const r of all.rules) {
        expect(byText.counts[r.id]).toBe(
          matching.filter(v => v.rule === r.id).length,
        );
      }
      // With an entity too: both filters.
      const ofEntity = await get<RuleViolationsPageResponse>(
        server,
        `/rules/violations?entityRef=${encodeURIComponent(
          ref,
        )}&q=nothing-matches-this&limit=0`,
      );
      expect(ofEntity.totalItems).toBe(0);

      for (const [query, message] of [
        ['rule=no-such-rule', /rule must be one of "no-cross-domain-db"/],
        ['limit=501', /limit/],
        ['limit=-1', /limit/],
        ['offset=-1', /offset/],
        ['q=a&q=b', /q/],
      ] as const) {
        const bad = await request(server)
          .get(`/api/domain-split/rules/violations?${query}`)
          .set('authorization', user);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(message);
      }
    });

    it('answers entity cards with their entity only', async () => {
      const { server } = await setup();
      await postEvents(server, [
        {
          id: 'dep-payments',
          type: 'deployment',
          occurredAt: '2026-11-01T10:00:00.000Z',
          service: 'payments-service',
          version: '1.9.4',
          environment: 'production',
          status: 'success',
        },
      ]);
      const listed = await get<MigrationOverviewResponse>(
        server,
        '/migration?q=orders',
      );
      const orders = await get<DomainMigrationResponse>(
        server,
        '/migration/domain/default/orders',
      );
      const summary = listed.domains.find(
        d => d.domainRef === 'domain:default/orders',
      )!;
      expect(summary).toMatchObject({
        phase: orders.domain.phase,
        progress: orders.domain.progress,
        schedule: orders.domain.schedule,
        steps: orders.domain.steps.map(({ step, label, met }) => ({
          step,
          label,
          met,
        })),
        nextBlockers: orders.domain.nextBlockers.slice(0, 3),
      });
      // At most `limit` evidence lines and blockers per criterion, the rest counted.
      const criteria = (response: DomainMigrationResponse) => [
        ...response.domain.phaseCriteria.flatMap(p => p.criteria),
        ...response.domain.steps.flatMap(st => st.criteria),
      ];
      const bare = await get<DomainMigrationResponse>(
        server,
        '/migration/domain/default/orders?limit=0',
      );
      expect(criteria(bare).map(c => c.id)).toEqual(
        criteria(orders).map(c => c.id),
      );
      criteria(bare).forEach((c, i) => {
        const whole = criteria(orders)[i];
        expect(c.evidence).toEqual([]);
        expect(c.blockers).toEqual([]);
        expect(c.moreEvidence ?? 0).toBe(
          whole.evidence.length + (whole.moreEvidence ?? 0),
        );
        expect(c.moreBlockers ?? 0).toBe(
          whole.blockers.length + (whole.moreBlockers ?? 0),
        );
      });
      expect(criteria(bare).some(c => (c.moreEvidence ?? 0) > 0)).toBe(true);
      const tooMany = await request(server)
        .get('/api/domain-split/migration/domain/default/orders?limit=10001')
        .set('authorization', user);
      expect(tooMany.status).toBe(400);
      const missing = await request(server)
        .get('/api/domain-split/migration/domain/default/no-such-domain')
        .set('authorization', user);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('no-such-domain');
      const wrongKind = await request(server)
        .get('/api/domain-split/migration/component/default/orders-service')
        .set('authorization', user);
      expect(wrongKind.status).toBe(400);

      const team = await get<OwnershipResponse>(
        server,
        `/ownership?team=${encodeURIComponent('group:default/payments-team')}`,
      );
      expect(team.teams.map(t => t.entityRef)).toEqual([
        'group:default/payments-team',
      ]);
      expect(team.domains.map(d => d.entityRef)).toEqual([
        'domain:default/payments',
      ]);

      const releases = await get<{ current: { service: string }[] }>(
        server,
        `/releases?entityRef=${encodeURIComponent(
          'component:default/payments-service',
        )}`,
      );
      expect(releases.current.map(r => r.service)).toEqual([
        'payments-service',
      ]);
      const none = await get<{ current: unknown[] }>(
        server,
        `/releases?entityRef=${encodeURIComponent(
          'component:default/orders-service',
        )}`,
      );
      expect(none.current).toEqual([]);
    });

    it('shows a CI event in the next answer although results are cached', async () => {
      const { server } = await setup();
      const before = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      expect(
        before.violations.filter(
          v => v.rule === 'contract-tests-before-deploy',
        ),
      ).toEqual([]);
      await postEvents(server, [
        {
          id: 'dep-untested',
          type: 'deployment',
          occurredAt: '2026-11-01T10:00:00.000Z',
          service: 'orders-service',
          version: '9.9.9',
          environment: 'production',
          status: 'success',
        },
      ]);
      const after = await get<RuleViolationsResponse>(
        server,
        '/rules/violations',
      );
      expect(
        after.violations.filter(v => v.rule === 'contract-tests-before-deploy'),
      ).toHaveLength(1);
    });

    it('pages and filters the migration overview, with counts over every domain', async () => {
      const { server } = await setup();
      const first = await get<MigrationOverviewResponse>(server, '/migration');
      const { aggregates } = first;
      expect(first).toMatchObject({ offset: 0, limit: 50 });
      expect(first.totalItems).toBe(aggregates.domainCount);
      expect(first.domains).toHaveLength(Math.min(50, aggregates.domainCount));
      const titles = first.domains.map(d => d.title);
      expect(titles).toEqual(
        [...titles].sort((a, b) => a.localeCompare(b, 'en')),
      );
      expect(aggregates.phases.map(p => p.phase)).toEqual([0, 1, 2, 3]);
      const sum = (counts: { domains: number }[]) =>
        counts.reduce((total, c) => total + c.domains, 0);
      expect(sum(aggregates.phases)).toBe(aggregates.domainCount);
      expect(sum(aggregates.schedules)).toBe(aggregates.domainCount);
      // No per-component evidence in a summary.
      expect(JSON.stringify(first)).not.toContain('"criteria"');

      const second = await get<MigrationOverviewResponse>(
        server,
        '/migration?limit=1&offset=1',
      );
      expect(second.domains.map(d => d.domainRef)).toEqual([
        first.domains[1].domainRef,
      ]);
      expect(second.aggregates).toEqual(aggregates);

      const countsOnly = await get<MigrationOverviewResponse>(
        server,
        '/migration?limit=0',
      );
      expect(countsOnly.domains).toEqual([]);
      expect(countsOnly.totalItems).toBe(aggregates.domainCount);

      const byText = await get<MigrationOverviewResponse>(
        server,
        '/migration?q=PAYM',
      );
      expect(byText.domains.map(d => d.domainRef)).toEqual([
        'domain:default/payments',
      ]);
      expect(byText.totalItems).toBe(1);
      // The counts stay those of every domain: the charts draw them all.
      expect(byText.aggregates).toEqual(aggregates);

      for (const { phase, domains } of aggregates.phases) {
        const inPhase = await get<MigrationOverviewResponse>(
          server,
          `/migration?phase=${phase}&limit=500`,
        );
        expect(inPhase.totalItems).toBe(domains);
        expect(inPhase.domains.every(d => d.phase === phase)).toBe(true);
      }
      for (const { schedule, domains } of aggregates.schedules) {
        const inState = await get<MigrationOverviewResponse>(
          server,
          `/migration?schedule=${schedule}&limit=500`,
        );
        expect(inState.totalItems).toBe(domains);
      }

      for (const bad of [
        'limit=501',
        'limit=-1',
        'limit=x',
        'offset=-1',
        'phase=4',
        'schedule=soon',
      ]) {
        const res = await request(server)
          .get(`/api/domain-split/migration?${bad}`)
          .set('authorization', user);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      }
    });

    it('serves the stored snapshots as the migration history', async () => {
      const { server, snapshotTask } = await setup();
      await snapshotTask();
      const history = await get<MigrationHistoryResponse>(
        server,
        '/migration/history',
      );
      expect(history.snapshots).toHaveLength(1);
      expect(history.snapshots[0].domains.map(d => d.domainRef)).toContain(
        'domain:default/payments',
      );
      // The split debt: the example catalog's open violations per rule and per domain, as the
      // Rules route counts them.
      const open = await get<RuleViolationsPageResponse>(
        server,
        '/rules/violations',
      );
      const byRule: Record<string, number> = {};
      for (const v of open.violations)
        byRule[v.rule] = (byRule[v.rule] ?? 0) + 1;
      expect(history.snapshots[0].openViolations?.byRule).toEqual(byRule);
      expect(
        Object.fromEntries(
          Object.entries(open.counts).filter(([, count]) => count! > 0),
        ),
      ).toEqual(byRule);
      expect(
        history.snapshots[0].openViolations?.byDomain[
          'domain:default/inventory'
        ],
      ).toBeGreaterThan(0);
      // One snapshot: no pace to project from.
      expect(history.projection).toBeUndefined();
    });

    it('requires credentials for every analysis route', async () => {
      const { server } = await setup();
      for (const url of [
        '/ownership',
        '/failure-matrix',
        '/impact/component/default/orders-service',
        '/impact/component/default/orders-service/summary',
        '/impact/component/default/orders-service/entries',
        '/migration',
        '/migration/history',
        '/migration/domain/default/orders',
        '/rules/violations',
      ]) {
        const res = await request(server).get(`/api/domain-split${url}`);
        expect(res.status).toBe(401);
      }
    });
  });
});
