import { Entity } from '@backstage/catalog-model';
import { EvidenceContext } from './evidenceContext';
import { buildCatalogGraph } from './graph';
import {
  RULES,
  catalogRuleCheckSteps,
  checkRules,
  filterViolations,
  filterViolationsSteps,
  ruleCheckSteps,
} from './rules';
import { byString } from './refs';
import { ENTITIES_PER_STEP, runToCompletion } from './steps';
import {
  api,
  component,
  deployment,
  domain,
  library,
  noEvidence,
  resource,
  team,
  testRun,
} from './testing/entities';
import { CiEvidence, RuleId, RuleViolation } from './types';

const violationsOf = (
  entities: Entity[],
  rule: RuleId,
  evidence: CiEvidence = noEvidence,
) =>
  checkRules(EvidenceContext.of(buildCatalogGraph(entities), evidence))
    .violations.filter(v => v.rule === rule)
    // The identity fields have their own tests below.
    .map(({ key: _key, domainRefs: _domains, ...rest }) => rest);

/** Two domains with one team each, one service each. */
const base: Entity[] = [
  team('orders-team'),
  team('payments-team'),
  domain('orders', { owner: 'orders-team' }),
  domain('payments', { owner: 'payments-team' }),
];

const withServices = (
  orders: object = {},
  payments: object = {},
  extra: Entity[] = [],
) => [
  ...base,
  component('orders-service', {
    owner: 'orders-team',
    domain: 'orders',
    ...orders,
  }),
  component('payments-service', {
    owner: 'payments-team',
    domain: 'payments',
    ...payments,
  }),
  ...extra,
];

describe('RULES', () => {
  it('describes every rule once, in a fixed order', () => {
    expect(RULES.map(rule => rule.id)).toEqual([
      'no-cross-domain-db',
      'no-shared-cache',
      'no-shared-business-library',
      'events-only-between-domains',
      'one-owner-per-domain',
      'independent-deploys',
      'contract-tests-before-deploy',
    ]);
    expect(RULES.every(rule => rule.title && rule.description)).toBe(true);
  });
});

describe('checkRules', () => {
  it('finds nothing in an empty catalog, and returns the rules', () => {
    expect(
      checkRules(EvidenceContext.of(buildCatalogGraph([]), noEvidence)),
    ).toEqual({
      rules: RULES,
      violations: [],
      annotationProblems: [],
    });
  });

  it('no-cross-domain-db: a database used by components of two domains', () => {
    const violations = violationsOf(
      withServices(
        { dependsOn: ['resource:shared-db'] },
        { dependsOn: ['resource:shared-db'] },
        [resource('shared-db', 'database')],
      ),
      'no-cross-domain-db',
    );
    expect(violations).toEqual([
      {
        rule: 'no-cross-domain-db',
        entityRefs: [
          'resource:default/shared-db',
          'component:default/orders-service',
          'component:default/payments-service',
        ],
        message:
          'Database shared-db is used across domains (orders, payments): by orders-service (orders), payments-service (payments).',
      },
    ]);
  });

  it('no-cross-domain-db: a database of one domain used by another domain', () => {
    const violations = violationsOf(
      withServices({ dependsOn: ['resource:payments-db'] }, {}, [
        resource('payments-db', 'database', { domain: 'payments' }),
      ]),
      'no-cross-domain-db',
    );
    expect(violations.map(v => v.message)).toEqual([
      'Database payments-db is used across domains (orders, payments): by orders-service (orders); it belongs to payments.',
    ]);
  });

  it('no-cross-domain-db: a database used within its own domain is fine', () => {
    expect(
      violationsOf(
        withServices({ dependsOn: ['resource:orders-db'] }, {}, [
          resource('orders-db', 'database', { domain: 'orders' }),
        ]),
        'no-cross-domain-db',
      ),
    ).toEqual([]);
  });

  it('no-shared-cache: a cache shared by components of different domains (a queue is not a cache)', () => {
    const entities = withServices(
      { dependsOn: ['resource:redis', 'resource:bus'] },
      { dependsOn: ['resource:redis', 'resource:bus'] },
      [resource('redis', 'cache'), resource('bus', 'queue')],
    );
    expect(
      violationsOf(entities, 'no-shared-cache').map(v => v.entityRefs[0]),
    ).toEqual(['resource:default/redis']);
    expect(violationsOf(entities, 'no-cross-domain-db')).toEqual([]);
  });

  it('no-shared-business-library: a library used across domains, unless annotated contract or platform', () => {
    const entities = withServices(
      { dependsOn: ['pricing-lib', 'orders-proto', 'logging'] },
      { dependsOn: ['pricing-lib', 'orders-proto', 'logging'] },
      [
        library('pricing-lib', { domain: 'orders' }),
        library(
          'orders-proto',
          { domain: 'orders' },
          { 'domain-split/shared-library': 'contract' },
        ),
        library('logging', {}, { 'domain-split/shared-library': 'platform' }),
      ],
    );
    expect(violationsOf(entities, 'no-shared-business-library')).toEqual([
      {
        rule: 'no-shared-business-library',
        entityRefs: [
          'component:default/pricing-lib',
          'component:default/orders-service',
          'component:default/payments-service',
        ],
        message:
          'Library pricing-lib is used across domains (orders, payments): by orders-service (orders), payments-service (payments); it belongs to orders.',
      },
    ]);
    // A library dependency is judged by the library rule, not as a synchronous call.
    expect(violationsOf(entities, 'events-only-between-domains')).toEqual([]);
  });

  it('events-only-between-domains: a synchronous API or direct dependency across domains', () => {
    const entities = withServices(
      { consumesApis: ['payments-api', 'payments-events'] },
      { providesApis: ['payments-api', 'payments-events'] },
      [
        api('payments-api', 'openapi'),
        api('payments-events', 'asyncapi'),
        component('refunds-worker', {
          owner: 'payments-team',
          domain: 'payments',
          dependsOn: ['orders-service'],
        }),
      ],
    );
    expect(violationsOf(entities, 'events-only-between-domains')).toEqual([
      {
        rule: 'events-only-between-domains',
        entityRefs: [
          'component:default/orders-service',
          'api:default/payments-api',
          'component:default/payments-service',
        ],
        message:
          'orders-service calls payments-api (openapi) provided by payments-service: synchronous communication from orders to payments.',
      },
      {
        rule: 'events-only-between-domains',
        entityRefs: [
          'component:default/refunds-worker',
          'component:default/orders-service',
        ],
        message:
          'refunds-worker depends directly on orders-service, a synchronous dependency from payments to orders.',
      },
    ]);
  });

  it('events-only-between-domains: user-facing entry points, same-domain calls and domainless callers are allowed', () => {
    const entities = withServices({ providesApis: ['orders-api'] }, {}, [
      api('orders-api', 'grpc'),
      domain('platform', { owner: 'orders-team' }),
      component(
        'api-gateway',
        {
          owner: 'orders-team',
          domain: 'platform',
          consumesApis: ['orders-api'],
        },
        {
          'domain-split/user-facing': 'true',
        },
      ),
      component('orders-worker', {
        owner: 'orders-team',
        domain: 'orders',
        consumesApis: ['orders-api'],
      }),
      component('script', { consumesApis: ['orders-api'] }),
    ]);
    expect(violationsOf(entities, 'events-only-between-domains')).toEqual([]);
  });

  it('one-owner-per-domain: no owning team, or components owned by another team', () => {
    const entities = [
      ...withServices({}, { domain: 'orders' }),
      domain('loose'),
    ];
    expect(violationsOf(entities, 'one-owner-per-domain')).toEqual([
      {
        rule: 'one-owner-per-domain',
        entityRefs: ['domain:default/loose'],
        message: 'loose has no owning team in the catalog.',
      },
      {
        rule: 'one-owner-per-domain',
        entityRefs: [
          'domain:default/orders',
          'group:default/payments-team',
          'component:default/payments-service',
        ],
        message:
          'payments-team owns payments-service in orders, a domain owned by orders-team.',
      },
    ]);
  });

  it('independent-deploys: lockstep by pipeline run or commit, reported once', () => {
    const evidence: CiEvidence = {
      deployments: [
        deployment('orders-service', '3.2.1', '2025-01-01T10:00:00Z', {
          pipelineId: '42',
          commit: 'abc',
        }),
        deployment('payments-service', '1.9.4', '2025-01-01T10:01:00Z', {
          pipelineId: '42',
          commit: 'abc',
        }),
        deployment('orders-service', '3.2.2', '2025-01-02T10:00:00Z', {
          environment: 'staging',
          pipelineId: '43',
        }),
        deployment('payments-service', '1.9.5', '2025-01-02T10:00:00Z', {
          environment: 'production',
          pipelineId: '43',
        }),
      ],
      testRuns: [],
    };
    expect(
      violationsOf(withServices(), 'independent-deploys', evidence),
    ).toEqual([
      {
        rule: 'independent-deploys',
        entityRefs: [
          'component:default/orders-service',
          'component:default/payments-service',
        ],
        message:
          'orders-service 3.2.1 to production, payments-service 1.9.4 to production went out together (pipeline run 42), across orders and payments.',
      },
    ]);
  });

  it('independent-deploys: a pipeline run is the same id, and the same repository when both name one', () => {
    const evidence: CiEvidence = {
      deployments: [
        // One names the repository, the other does not: the same run.
        deployment('orders-service', '3.2.1', '2025-01-01T10:00:00Z', {
          pipelineId: '42',
          repository: 'org/orders',
        }),
        deployment('payments-service', '1.9.4', '2025-01-01T10:01:00Z', {
          pipelineId: '42',
        }),
        // Both name a repository, different ones: runs of two repositories.
        deployment('orders-service', '3.2.2', '2025-01-02T10:00:00Z', {
          environment: 'staging',
          pipelineId: '7',
          repository: 'org/orders',
        }),
        deployment('payments-service', '1.9.5', '2025-01-02T10:00:00Z', {
          environment: 'staging',
          pipelineId: '7',
          repository: 'org/payments',
        }),
      ],
      testRuns: [],
    };
    expect(
      violationsOf(withServices(), 'independent-deploys', evidence),
    ).toEqual([
      {
        rule: 'independent-deploys',
        entityRefs: [
          'component:default/orders-service',
          'component:default/payments-service',
        ],
        message:
          'orders-service 3.2.1 to production, payments-service 1.9.4 to production went out together (pipeline run 42 of org/orders), across orders and payments.',
      },
    ]);
  });

  it('contract-tests-before-deploy: one violation per service version, naming its environments', () => {
    const evidence: CiEvidence = {
      deployments: [
        deployment('orders-service', '3.2.1', '2025-01-01T10:00:00Z', {
          environment: 'staging',
        }),
        deployment('orders-service', '3.2.1', '2025-01-02T10:00:00Z'),
        deployment('payments-service', '1.9.4', '2025-01-02T10:00:00Z'),
        deployment('orders-service', '3.2.2', '2025-01-03T10:00:00Z', {
          status: 'failure',
        }),
        deployment('unknown-service', '1.0.0', '2025-01-03T10:00:00Z'),
      ],
      testRuns: [
        testRun('orders-service', '3.2.1', 'contract', '2025-01-02T11:00:00Z'),
        testRun(
          'payments-service',
          '1.9.4',
          'contract',
          '2025-01-02T09:00:00Z',
        ),
      ],
    };
    expect(
      violationsOf(withServices(), 'contract-tests-before-deploy', evidence),
    ).toEqual([
      {
        rule: 'contract-tests-before-deploy',
        entityRefs: ['component:default/orders-service'],
        message:
          'orders-service 3.2.1 was deployed to production, staging without a passing contract-test run for that version before the deploy.',
      },
    ]);
  });

  it('contract-tests-before-deploy: an unmatched run covers a deployment of the same CI service name', () => {
    const evidence: CiEvidence = {
      deployments: [
        deployment('legacy-orders', '3.2.1', '2025-01-02T10:00:00Z', {
          entityRef: 'component:default/orders-service',
        }),
        deployment('payments-service', '1.9.4', '2025-01-02T10:00:00Z'),
      ],
      testRuns: [
        testRun('legacy-orders', '3.2.1', 'contract', '2025-01-02T09:00:00Z'),
        // Matched to another entity: does not cover payments-service.
        testRun('orders-service', '1.9.4', 'contract', '2025-01-02T09:00:00Z'),
      ],
    };
    expect(
      violationsOf(
        withServices(),
        'contract-tests-before-deploy',
        evidence,
      ).map(v => v.entityRefs),
    ).toEqual([['component:default/payments-service']]);
  });

  it('sorts violations by rule order, then entities', () => {
    const entities = withServices(
      { dependsOn: ['resource:db', 'resource:cache'] },
      { dependsOn: ['resource:db', 'resource:cache'], domain: 'orders' },
      [
        resource('db', 'database', { domain: 'payments' }),
        resource('cache', 'cache', { domain: 'payments' }),
      ],
    );
    const rules = checkRules(
      EvidenceContext.of(buildCatalogGraph(entities), noEvidence),
    ).violations.map(v => v.rule);
    expect(rules).toEqual([
      'no-cross-domain-db',
      'no-shared-cache',
      'one-owner-per-domain',
    ]);
  });
});

describe('catalogRuleCheckSteps', () => {
  // A database and a cache shared across domains, a component owned by another team, and two
  // services deployed without contract tests: violations of catalog and evidence rules.
  const entities = withServices(
    { dependsOn: ['resource:db', 'resource:cache'] },
    { dependsOn: ['resource:db', 'resource:cache'], domain: 'orders' },
    [
      resource('db', 'database', { domain: 'payments' }),
      resource('cache', 'cache', { domain: 'payments' }),
    ],
  );
  const evidence: CiEvidence = {
    deployments: [
      deployment('orders-service', '3.2.1', '2025-01-01T10:00:00Z', {
        pipelineId: '42',
      }),
      deployment('payments-service', '1.9.4', '2025-01-01T10:01:00Z', {
        pipelineId: '42',
      }),
    ],
    testRuns: [],
  };

  it('checks the catalog-only rules once; every CI evidence check reuses them as they are', () => {
    const graph = buildCatalogGraph(entities);
    const ofCatalog = runToCompletion(catalogRuleCheckSteps(graph));
    expect(ofCatalog.violations.map(v => v.rule)).toEqual([
      'no-cross-domain-db',
      'no-shared-cache',
      'one-owner-per-domain',
    ]);

    const context = EvidenceContext.of(graph, evidence);
    const reusing = runToCompletion(
      ruleCheckSteps(context, undefined, ofCatalog),
    );
    expect(reusing).toEqual(checkRules(context));
    expect(reusing.violations.map(v => v.rule)).toEqual([
      'no-cross-domain-db',
      'no-shared-cache',
      'one-owner-per-domain',
      'contract-tests-before-deploy',
      'contract-tests-before-deploy',
    ]);
    ofCatalog.violations.forEach((violation, i) =>
      expect(reusing.violations[i]).toBe(violation),
    );
  });

  it('refuses the catalog-only violations of another graph', () => {
    const ofCatalog = runToCompletion(
      catalogRuleCheckSteps(buildCatalogGraph(entities)),
    );
    const context = EvidenceContext.of(buildCatalogGraph(entities), evidence);
    expect(() =>
      runToCompletion(ruleCheckSteps(context, undefined, ofCatalog)),
    ).toThrow('checked on another catalog graph');
  });
});

describe('filterViolations', () => {
  const violation = (
    rule: RuleId,
    entityRefs: string[],
    more: Partial<RuleViolation> = {},
  ): RuleViolation => ({
    rule,
    key: `${rule}|${entityRefs.join()}|${more.message ?? ''}`,
    entityRefs,
    domainRefs: [],
    message: 'found',
    status: 'open',
    ...more,
  });
  const ruleIndex = (rule: RuleId) => RULES.findIndex(r => r.id === rule);
  /** The order as one comparison of whole violations gives it (before the pieces). */
  const inOrder = (a: RuleViolation, b: RuleViolation) =>
    ruleIndex(a.rule) - ruleIndex(b.rule) ||
    byString(a.status ?? 'open', b.status ?? 'open') ||
    byString(b.resolvedAt ?? '', a.resolvedAt ?? '') ||
    byString(a.entityRefs.join(), b.entityRefs.join()) ||
    byString(a.message, b.message);

  it('sorts by rule, open before resolved, the most recently resolved first, then entities and message', () => {
    const list = [
      violation('contract-tests-before-deploy', ['component:default/a']),
      violation('no-cross-domain-db', [
        'resource:default/db',
        'component:default/b',
      ]),
      violation(
        'no-cross-domain-db',
        ['resource:default/db', 'component:default/a'],
        { message: 'z' },
      ),
      violation(
        'no-cross-domain-db',
        ['resource:default/db', 'component:default/a'],
        { message: 'a' },
      ),
      violation('no-cross-domain-db', ['resource:default/x'], {
        status: 'resolved',
        resolvedAt: '2026-11-20T00:00:00Z',
      }),
      violation('no-cross-domain-db', ['resource:default/y'], {
        status: 'resolved',
        resolvedAt: '2026-11-25T00:00:00Z',
      }),
    ];
    expect(
      filterViolations(list, { status: 'all' }).map(v => list.indexOf(v)),
    ).toEqual([3, 2, 1, 5, 4, 0]);
    expect(
      filterViolations(list, {
        status: 'resolved',
        resolvedSince: '2026-11-21T00:00:00Z',
      }).map(v => list.indexOf(v)),
    ).toEqual([5]);
    expect(
      filterViolations(list, { entityRef: 'component:default/a' }).map(v =>
        list.indexOf(v),
      ),
    ).toEqual([3, 2, 0]);
  });

  it('filters and sorts a long list in pieces, in the same order', () => {
    const rules: RuleId[] = ['one-owner-per-domain', 'no-shared-cache'];
    const long = Array.from({ length: 3 * ENTITIES_PER_STEP }, (_, i) =>
      violation(rules[i % 2], [`component:default/s${(i * 7919) % 1000}`], {
        message: `found ${i}`,
        ...(i % 3 === 0
          ? {
              status: 'resolved',
              resolvedAt: `2026-11-${10 + (i % 17)}T00:00:00Z`,
            }
          : {}),
      }),
    );
    const steps = filterViolationsSteps(long, { status: 'all' });
    let pauses = 0;
    let next = steps.next();
    while (!next.done) {
      pauses += 1;
      next = steps.next();
    }
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(next.value).toEqual([...long].sort(inOrder));
    // The filtering pauses too: a filter that keeps nothing leaves nothing to sort.
    const none = filterViolationsSteps(long, {
      entityRef: 'component:default/nobody',
    });
    let filterPauses = 0;
    let filtered = none.next();
    while (!filtered.done) {
      filterPauses += 1;
      filtered = none.next();
    }
    expect(filtered.value).toEqual([]);
    expect(filterPauses).toBeGreaterThanOrEqual(2);
  });
});
