import { Entity } from '@backstage/catalog-model';
import { EvidenceContext } from './evidenceContext';
import { serviceCatalogIndex } from './evidence';
import {
  computeBlastRadius,
  computeFailureMatrix,
  computeImpactPath,
  titlesOfCell,
} from './failure';
import { buildCatalogGraph } from './graph';
import { computeMigrationStatus, toMigrationSnapshot } from './migration';
import { migrationOverview } from './migrationSummary';
import { computeOwnership } from './ownership';
import { decideCanIDeploy } from './deployGate';
import {
  AnalysisRedactor,
  describeHiddenEntities,
  EVERY_ENTITY_VISIBLE,
} from './redaction';
import { computeCurrentReleases } from './releases';
import { checkRules } from './rules';
import {
  api,
  component,
  deployment,
  domain,
  library,
  resource,
  team,
} from './testing/entities';

const c = (name: string) => `component:default/${name}`;
const d = (name: string) => `domain:default/${name}`;

function titled(entity: Entity, title: string): Entity {
  return { ...entity, metadata: { ...entity.metadata, title } };
}

/** orders waits on payments; checkout-orchestrator (hidden) sits between inventory and checkout. */
function catalog(): Entity[] {
  return [
    team('orders-team'),
    team('payments-team'),
    team('supply-team'),
    domain('orders', { owner: 'orders-team' }),
    domain('checkout', { owner: 'orders-team' }),
    domain('payments', { owner: 'payments-team' }),
    domain('inventory', { owner: 'supply-team' }),
    api('payments-api', 'openapi'),
    api('stock-api', 'grpc'),
    api('checkout-api', 'openapi'),
    component('payments-service', {
      owner: 'payments-team',
      domain: 'payments',
      providesApis: ['payments-api'],
    }),
    component(
      'orders-service',
      {
        owner: 'orders-team',
        domain: 'orders',
        consumesApis: ['payments-api'],
        dependsOn: ['resource:shared-db'],
      },
      { 'domain-split/dependency-impact': 'payments-service=waits' },
    ),
    component('inventory-service', {
      owner: 'supply-team',
      domain: 'inventory',
      providesApis: ['stock-api'],
    }),
    titled(
      component('checkout-orchestrator', {
        owner: 'orders-team',
        domain: 'checkout',
        providesApis: ['checkout-api'],
        consumesApis: ['stock-api'],
        dependsOn: ['resource:shared-db'],
      }),
      'Checkout orchestrator',
    ),
    component(
      'web-checkout',
      {
        owner: 'orders-team',
        domain: 'checkout',
        consumesApis: ['checkout-api'],
      },
      { 'domain-split/user-facing': 'true' },
    ),
    library('pricing-lib', { owner: 'orders-team', domain: 'checkout' }),
    resource('shared-db', 'database', { domain: 'orders' }),
  ];
}

const graph = buildCatalogGraph(catalog());
const everyone = new Set(graph.entities.keys());
const hidden = c('checkout-orchestrator');
const reader = new Set([...everyone].filter(ref => ref !== hidden));
const redactor = new AnalysisRedactor(graph, reader);

/** No trace of the hidden component anywhere in a response. */
function expectNoTrace(response: unknown) {
  const text = JSON.stringify(response);
  expect(text).not.toMatch(/checkout-orchestrator/i);
  expect(text).not.toMatch(/checkout orchestrator/i);
}

describe('AnalysisRedactor', () => {
  it('hands responses back unchanged to a reader who sees everything', () => {
    const all = new AnalysisRedactor(graph, everyone);
    const matrix = computeFailureMatrix(graph, 'service');
    expect(all.seesEverything).toBe(true);
    expect(all.failureMatrix(matrix)).toBe(matrix);
    expect(all.scrubText('checkout-orchestrator is late')).toBe(
      'checkout-orchestrator is late',
    );
  });

  it('hands responses back unchanged to a reader the policy lets see every entity', () => {
    const all = new AnalysisRedactor(graph, EVERY_ENTITY_VISIBLE);
    const ownership = computeOwnership(graph);
    expect(all.seesEverything).toBe(true);
    expect(all.isHidden('component:default/checkout-orchestrator')).toBe(false);
    expect(all.ownership(ownership)).toBe(ownership);
  });

  it('redacts a shared result once per redactor and result', () => {
    const matrix = computeFailureMatrix(graph, 'service');
    const ownership = computeOwnership(graph);
    const rules = checkRules(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
    );
    const mine = new AnalysisRedactor(graph, reader);
    const once = {
      matrix: mine.failureMatrix(matrix),
      ownership: mine.ownership(ownership),
      rules: mine.ruleViolations(rules),
    };
    expect(once.matrix).not.toBe(matrix);
    // The same result again: what was redacted for this reader, not a second pass.
    expect(mine.failureMatrix(matrix)).toBe(once.matrix);
    expect(mine.ownership(ownership)).toBe(once.ownership);
    expect(mine.ruleViolations(rules)).toBe(once.rules);
    // A new result (the next generation's) is redacted anew, to the same answer.
    const next = computeFailureMatrix(graph, 'service');
    expect(mine.failureMatrix(next)).not.toBe(once.matrix);
    expect(mine.failureMatrix(next)).toEqual(once.matrix);
    // Another redactor redacts for itself, even for the same reader.
    const again = new AnalysisRedactor(graph, reader);
    expect(again.failureMatrix(matrix)).not.toBe(once.matrix);
    expect(again.failureMatrix(matrix)).toEqual(once.matrix);
  });

  it('leaves hidden rows and columns out of the service matrix and counts what they take down', () => {
    const matrix = computeFailureMatrix(graph, 'service');
    const before = matrix.rows.find(r => r.failing === c('inventory-service'))!;
    expect(before.cells.map(cell => cell.affected)).toContain(hidden);

    const redacted = redactor.failureMatrix(matrix);
    expectNoTrace(redacted);
    expect(redacted.columns).not.toContain(hidden);
    expect(redacted.rows.map(r => r.failing)).not.toContain(hidden);
    const inventory = redacted.rows.find(
      r => r.failing === c('inventory-service'),
    )!;
    // The hidden orchestrator is blocked; the reader learns that much, not its name.
    expect(inventory.hiddenAffected).toEqual({ count: 1, impact: 'blocked' });
    // web-checkout is visible; its path runs through the orchestrator, shown as a placeholder.
    const web = inventory.cells.find(
      cell => cell.affected === c('web-checkout'),
    )!;
    expect(web.impact).toBe('blocked');
    expect(web.path.map(e => [e.consumer, e.provider])).toEqual([
      ['hidden:1', c('inventory-service')],
      [c('web-checkout'), 'hidden:1'],
    ]);
    expect(redacted.titles['hidden:1']).toBe('1 entity you cannot see');
    expect(redacted.hiddenEntities).toBe(1);
  });

  it('keeps the domain matrix impact computed through hidden components', () => {
    const matrix = computeFailureMatrix(graph, 'domain');
    const redacted = redactor.failureMatrix(matrix);
    expectNoTrace(redacted);
    const inventory = redacted.rows.find(r => r.failing === d('inventory'))!;
    const checkout = inventory.cells.find(
      cell => cell.affected === d('checkout'),
    )!;
    expect(checkout.impact).toBe('blocked');
    expect(checkout.path.some(e => e.consumer === 'hidden:1')).toBe(true);
    expect(inventory.users.impact).toBe('blocked');
  });

  it('leaves whole hidden domains out of the domain matrix', () => {
    const noCheckout = new AnalysisRedactor(
      graph,
      new Set([...everyone].filter(ref => ref !== d('checkout'))),
    );
    const redacted = noCheckout.failureMatrix(
      computeFailureMatrix(graph, 'domain'),
    );
    expect(redacted.columns).not.toContain(d('checkout'));
    const inventory = redacted.rows.find(r => r.failing === d('inventory'))!;
    expect(inventory.hiddenAffected).toEqual({ count: 1, impact: 'blocked' });
    expect(redacted.titles[d('checkout')]).toBeUndefined();
  });

  it('collapses a run of hidden entities in a path into one placeholder with their number', () => {
    const chain = buildCatalogGraph([
      component('a'),
      component('h1', { dependsOn: ['a'] }),
      component('h2', { dependsOn: ['h1'] }),
      component('b', { dependsOn: ['h2'] }),
    ]);
    const visible = new Set([c('a'), c('b')]);
    const cell = computeImpactPath(chain, c('a'), c('b'))!;
    const redacted = new AnalysisRedactor(chain, visible).impactPath({
      ...cell,
      titles: titlesOfCell(chain, cell),
    });
    expect(redacted.path.map(e => [e.consumer, e.provider])).toEqual([
      ['hidden:2', c('a')],
      [c('b'), 'hidden:2'],
    ]);
    expect(redacted.impact).toBe('blocked');
    expect(redacted.titles).toEqual({
      [c('a')]: 'a',
      [c('b')]: 'b',
      'hidden:2': describeHiddenEntities(2),
    });
  });

  it('summarises what a blast radius takes down and what takes it down', () => {
    const down = redactor.blastRadius(
      computeBlastRadius(graph, c('inventory-service'))!,
    );
    expectNoTrace(down);
    expect(down.hiddenTakesDown).toEqual({ count: 1, impact: 'blocked' });
    expect(down.takesDown.map(cell => cell.affected)).toEqual([
      c('web-checkout'),
    ]);
    const up = redactor.blastRadius(
      computeBlastRadius(graph, c('web-checkout'))!,
    );
    expectNoTrace(up);
    expect(up.hiddenTakenDownBy).toEqual({ count: 1, impact: 'blocked' });
  });

  it('summarises and pages a blast radius without naming a hidden entity, still counting it', () => {
    const whole = computeBlastRadius(graph, c('inventory-service'))!;
    const summary = redactor.blastRadiusSummary(whole, 10);
    expectNoTrace(summary);
    expect(summary.takesDown.total).toBe(1);
    expect(summary.takesDown.worst.map(cell => cell.affected)).toEqual([
      c('web-checkout'),
    ]);
    expect(summary.takesDown.hidden).toEqual({ count: 1, impact: 'blocked' });
    // checkout is reached through the hidden orchestrator and web-checkout: both counted.
    expect(summary.domains).toEqual([
      { domainRef: d('checkout'), impact: 'blocked', count: 2 },
    ]);
    expect(summary.hiddenEntities).toBe(1);

    const page = redactor.blastRadiusPage(whole, {
      direction: 'downstream',
      limit: 10,
      offset: 0,
    });
    expectNoTrace(page);
    expect(page.totalItems).toBe(1);
    expect(page.hidden).toEqual({ count: 1, impact: 'blocked' });

    const up = redactor.blastRadiusPage(
      computeBlastRadius(graph, c('web-checkout'))!,
      { direction: 'upstream', limit: 10, offset: 0 },
    );
    expectNoTrace(up);
    expect(up.hidden).toEqual({ count: 1, impact: 'blocked' });
    expectNoTrace(
      redactor.blastRadiusSummary(
        computeBlastRadius(graph, c('web-checkout'))!,
        10,
      ),
    );
  });

  it('leaves a hidden domain out of a summary, still counted', () => {
    const noCheckout = new AnalysisRedactor(
      graph,
      new Set([...everyone].filter(ref => ref !== d('checkout'))),
    );
    const summary = noCheckout.blastRadiusSummary(
      computeBlastRadius(graph, c('inventory-service'))!,
      10,
    );
    expect(summary.domains).toEqual([]);
    expect(summary.domainCount).toBe(1);
    expect(summary.hiddenEntities).toBe(1);
    expect(JSON.stringify(summary)).not.toContain(d('checkout'));
  });

  it('replaces a hidden user-facing entry point in a summary', () => {
    const noWeb = new AnalysisRedactor(
      graph,
      new Set([...everyone].filter(ref => ref !== c('web-checkout'))),
    );
    const summary = noWeb.blastRadiusSummary(
      computeBlastRadius(graph, c('inventory-service'))!,
      10,
    );
    expect(summary.users.impact).toBe('blocked');
    expect(summary.users.affected).toBe('hidden:1');
    expect(summary.titles['hidden:1']).toBe(describeHiddenEntities(1));
    expect(JSON.stringify(summary)).not.toContain('web-checkout');
  });

  it('leaves hidden components out of ownership, counted on their domain and team', () => {
    const redacted = redactor.ownership(computeOwnership(graph));
    expectNoTrace(redacted);
    const checkout = redacted.domains.find(x => x.entityRef === d('checkout'))!;
    expect(checkout.components.map(x => x.entityRef)).toEqual([
      c('pricing-lib'),
      c('web-checkout'),
    ]);
    expect(checkout.hiddenEntities).toBeGreaterThanOrEqual(1);
    const ordersTeam = redacted.teams.find(
      x => x.entityRef === 'group:default/orders-team',
    )!;
    expect(ordersTeam.components).not.toContain(hidden);
    expect(ordersTeam.hiddenEntities).toBe(1);
    expect(redacted.hiddenEntities).toBeGreaterThanOrEqual(1);
  });

  it('keeps rule violations on hidden entities, counted and scrubbed', () => {
    const rules = checkRules(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
    );
    const shared = rules.violations.find(v => v.rule === 'no-cross-domain-db')!;
    expect(shared.entityRefs).toContain(hidden);
    const redacted = redactor.ruleViolations(rules);
    expectNoTrace(redacted);
    const after = redacted.violations.find(
      v => v.rule === 'no-cross-domain-db',
    )!;
    expect(after.entityRefs).not.toContain(hidden);
    expect(after.entityRefs).toContain('resource:default/shared-db');
    expect(after.hiddenEntities).toBe(1);
  });

  it('redacts a long listing of rule violations in steps, kept once done', () => {
    const rules = checkRules(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
    );
    // As many as at 10,000 services: a pause every 500.
    const many = {
      ...rules,
      violations: Array.from({ length: 2100 }, (_, i) => ({
        ...rules.violations[i % rules.violations.length],
        key: `key-${i}`,
      })),
    };
    const mine = new AnalysisRedactor(graph, reader);
    const steps = mine.ruleViolationsSteps(many);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    expect(pauses).toBe(4);
    expect(next.value).toEqual(
      new AnalysisRedactor(graph, reader).ruleViolations(many),
    );
    expectNoTrace(next.value);
    // Kept: the same object again, without a pause.
    expect(mine.ruleViolations(many)).toBe(next.value);
    expect(mine.ruleViolationsSteps(many).next()).toEqual({
      done: true,
      value: next.value,
    });
  });

  it('cuts the migration overview for the reader: hidden domains out of the page and the counts, listed summaries scrubbed', () => {
    const computed = computeMigrationStatus(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
      { now: new Date('2026-11-28T00:00:00Z') },
    );
    // A first blocker naming the hidden component, so the summaries carry it.
    const status = {
      ...computed,
      domains: computed.domains.map(x => ({
        ...x,
        nextBlockers: ['checkout-orchestrator is late.', ...x.nextBlockers],
      })),
    };
    const query = { limit: 500, offset: 0 };
    expect(JSON.stringify(migrationOverview(status, query))).toMatch(
      /checkout-orchestrator/,
    );
    const all = new AnalysisRedactor(graph, everyone);
    expect(all.migrationOverview(status, query)).toEqual(
      migrationOverview(status, query),
    );
    const page = redactor.migrationOverview(status, query);
    expectNoTrace(page);
    expect(page.domains).toHaveLength(status.domains.length);
    expect(page.hiddenEntities).toBeGreaterThanOrEqual(1);

    const noPayments = new AnalysisRedactor(
      graph,
      new Set([...everyone].filter(ref => ref !== d('payments'))),
    );
    const without = noPayments.migrationOverview(status, query);
    expect(without.domains.map(x => x.domainRef)).not.toContain(d('payments'));
    expect(without.totalItems).toBe(status.domains.length - 1);
    expect(without.aggregates.domainCount).toBe(status.domains.length - 1);
    expect(without.hiddenEntities).toBe(1);
  });

  it('scrubs hidden names from migration evidence and blockers, and leaves hidden domains out', () => {
    const status = computeMigrationStatus(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
      { now: new Date('2026-11-28T00:00:00Z') },
    );
    expect(JSON.stringify(status)).toMatch(/checkout-orchestrator/);
    expectNoTrace(redactor.migration(status));

    const noPayments = new AnalysisRedactor(
      graph,
      new Set([...everyone].filter(ref => ref !== d('payments'))),
    );
    const redacted = noPayments.migration(status);
    expect(redacted.domains.map(x => x.domainRef)).not.toContain(d('payments'));
    expect(redacted.hiddenEntities).toBe(1);
    const rules = checkRules(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
    );
    const debt = toMigrationSnapshot(
      status,
      rules.violations.map(v => ({ ...v, status: 'open' as const })),
    );
    expect(Object.keys(debt.openViolations!.byDomain)).toContain(d('payments'));
    const history = noPayments.migrationHistory({
      snapshots: [debt],
      projection: {
        pointsPerDay: 0,
        paceDays: 0,
        points: 0,
        target: 3,
        summary: 'no progress',
      },
    });
    expect(history.snapshots[0].domains.map(x => x.domainRef)).not.toContain(
      d('payments'),
    );
    // The split debt per domain loses the hidden domain; the per-rule counts stay.
    expect(
      Object.keys(history.snapshots[0].openViolations!.byDomain),
    ).not.toContain(d('payments'));
    expect(history.snapshots[0].openViolations!.byRule).toEqual(
      debt.openViolations!.byRule,
    );
    expect(history.projection?.summary).toBe('no progress');
    expect(history.snapshots[0].hiddenEntities).toBeGreaterThanOrEqual(1);
    // A violation about the hidden domain keeps a stable key that names nothing.
    const violations = noPayments.ruleViolations(rules).violations;
    const aboutPayments = rules.violations.filter(v =>
      v.domainRefs.includes(d('payments')),
    );
    expect(aboutPayments.length).toBeGreaterThan(0);
    for (const v of violations) {
      expect(v.domainRefs).not.toContain(d('payments'));
      expect(v.key).not.toMatch(/payments/);
    }
    expect(noPayments.ruleViolations(rules).violations.map(v => v.key)).toEqual(
      violations.map(v => v.key),
    );
  });

  it('leaves releases of hidden services out and hidden lockstep partners unnamed', () => {
    const index = serviceCatalogIndex(graph);
    const evidence = {
      deployments: [
        deployment('checkout-orchestrator', '2.0.0', '2026-11-20T10:00:00Z', {
          entityRef: hidden,
          commit: 'abc',
        }),
        deployment('orders-service', '3.2.1', '2026-11-20T10:00:00Z', {
          entityRef: c('orders-service'),
          commit: 'abc',
        }),
      ],
      testRuns: [],
    };
    const current = computeCurrentReleases(
      evidence.deployments.map(x => ({
        service: x.service,
        environment: x.environment,
        version: x.version,
        status: x.status,
        occurredAt: x.occurredAt,
        eventId: x.eventId,
        explicitRollback: false,
        commit: x.commit,
      })),
      new EvidenceContext(index, evidence),
    );
    const orders = current.find(r => r.service === 'orders-service')!;
    expect(orders.lockstepWith).toEqual([hidden]);
    const redacted = redactor.releases({
      environments: ['production'],
      otherEnvironments: [],
      current,
    });
    expectNoTrace(redacted);
    expect(redacted.current.map(r => r.service)).toEqual(['orders-service']);
    expect(redacted.current[0].lockstepWith).toEqual([]);
    expect(redacted.current[0].hiddenEntities).toBe(1);
    expect(redacted.hiddenEntities).toBe(1);
  });

  it('scrubs whole names only, and never a name a visible entity shares', () => {
    const noOrdersDomain = new AnalysisRedactor(
      graph,
      new Set([...everyone].filter(ref => ref !== d('orders'))),
    );
    expect(
      noOrdersDomain.scrubText(
        'domain:default/orders shares a database with orders-service.',
      ),
    ).toBe('an entity you cannot see shares a database with orders-service.');
    expect(
      redactor.scrubText('Checkout Orchestrator and checkout-orchestrator.'),
    ).toBe('an entity you cannot see and an entity you cannot see.');
    // "checkout" is the visible domain's name too: it stays.
    expect(redactor.scrubText('checkout is blocked')).toBe(
      'checkout is blocked',
    );
  });

  it('keeps the deploy gate verdict and reasons, without the hidden counterpart name', () => {
    const answer = decideCanIDeploy(
      EvidenceContext.of(graph, { deployments: [], testRuns: [] }),
      [],
      [
        {
          service: 'checkout-orchestrator',
          version: '1.3.0',
          environment: 'production',
          occurredAt: '2026-11-01T00:00:00.000Z',
        },
      ],
      {
        service: 'inventory-service',
        version: '2.1.0',
        environment: 'production',
      },
      { now: new Date('2026-11-03T00:10:00Z') },
    )!;
    const consumer = answer.reasons.find(r => r.check === 'consumer-contract')!;
    expect(consumer.entityRefs).toEqual([hidden]);
    const redacted = redactor.canIDeploy(answer);
    expectNoTrace(redacted);
    expect(redacted.deployable).toBe(false);
    expect(redacted.reasons.map(r => [r.check, r.status])).toEqual(
      answer.reasons.map(r => [r.check, r.status]),
    );
    const redactedConsumer = redacted.reasons.find(
      r => r.check === 'consumer-contract',
    )!;
    expect(redactedConsumer.entityRefs).toEqual([]);
    expect(redactedConsumer.detail).toContain('an entity you cannot see');
    expect(redacted.impact.domainCount).toBe(answer.impact.domainCount);
    expect(new AnalysisRedactor(graph, everyone).canIDeploy(answer)).toBe(
      answer,
    );
  });
});
