import {
  DEFAULT_EVIDENCE_WINDOW_MS,
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  EvidencePolicy,
  serviceCatalogIndex,
} from './evidence';
import { EvidenceContext, EvidenceIndex } from './evidenceContext';
import { ENTITIES_PER_STEP } from './steps';
import { buildCatalogGraph } from './graph';
import { checkRules } from './rules';
import {
  component,
  deployment,
  domain,
  team,
  testRun,
} from './testing/entities';
import type { CiEvidence } from './types';

const NOW = new Date('2026-11-28T12:00:00Z');
const DAY = 86_400_000;
const at = (daysAgo: number, minutes = 0) =>
  new Date(NOW.getTime() - daysAgo * DAY + minutes * 60_000).toISOString();

const graph = buildCatalogGraph([
  team('orders-team'),
  team('payments-team'),
  domain('orders', { owner: 'orders-team' }),
  domain('payments', { owner: 'payments-team' }),
  component(
    'orders-service',
    { owner: 'orders-team', domain: 'orders' },
    { 'domain-split/ci-service-name': 'orders-svc' },
  ),
  component('payments-service', { owner: 'payments-team', domain: 'payments' }),
  component('lonely-service', { owner: 'orders-team' }),
]);
const ORDERS = 'component:default/orders-service';
const PAYMENTS = 'component:default/payments-service';

/** orders and payments deployed by one commit, 20 minutes apart. */
function lockstepEvidence(): CiEvidence {
  return {
    deployments: [
      deployment('orders-service', '1.0.0', at(1), { commit: 'abc' }),
      deployment('payments-service', '2.0.0', at(1, 20), { commit: 'abc' }),
    ],
    testRuns: [],
  };
}

describe('EvidenceContext', () => {
  it('builds each index once and keeps it on the context; another context builds its own', () => {
    const evidence = lockstepEvidence();
    const context = EvidenceContext.of(graph, evidence);
    expect(context.successfulDeployments()).toBe(
      context.successfulDeployments(),
    );
    expect(context.liveDeployments()).toBe(context.liveDeployments());
    expect(context.lockstepGroups()).toBe(context.lockstepGroups());

    const other = new EvidenceContext(context.services, evidence);
    expect(other.successfulDeployments()).not.toBe(
      context.successfulDeployments(),
    );
    expect(other.successfulDeployments()).toEqual(
      context.successfulDeployments(),
    );
  });

  it('reads a copy of the evidence: the caller changing its lists afterwards changes nothing', () => {
    const evidence = lockstepEvidence();
    const context = EvidenceContext.of(graph, evidence);
    evidence.deployments.length = 0;
    evidence.testRuns.push(testRun('orders-service', '1.0.0', 'domain', at(2)));
    expect(context.evidence.deployments).toHaveLength(2);
    expect(context.testRunsOf(ORDERS, 'domain')).toEqual([]);
    expect(context.lockstepGroups()).toHaveLength(1);
    // And its own lists cannot be changed under its indexes.
    expect(() =>
      context.evidence.deployments.push(
        deployment('orders-service', '1.0.1', at(0)),
      ),
    ).toThrow(TypeError);
  });

  it('answers for its own evidence only: two contexts over one graph do not share results', () => {
    const services = serviceCatalogIndex(graph);
    const together = new EvidenceContext(services, lockstepEvidence());
    const apart = new EvidenceContext(services, {
      deployments: [
        deployment('orders-service', '1.0.0', at(1), { commit: 'abc' }),
        deployment('payments-service', '2.0.0', at(1, 20), { commit: 'def' }),
      ],
      testRuns: [],
    });
    expect(together.lockstepGroups()).toHaveLength(1);
    expect(apart.lockstepGroups()).toEqual([]);
    expect(checkRules(together).violations.map(v => v.rule)).toContain(
      'independent-deploys',
    );
    expect(checkRules(apart).violations.map(v => v.rule)).not.toContain(
      'independent-deploys',
    );
  });

  it('keeps lockstep groups per interval', () => {
    const context = EvidenceContext.of(graph, lockstepEvidence());
    expect(context.lockstepGroups(DEFAULT_LOCKSTEP_INTERVAL_MS)).toEqual([
      expect.objectContaining({
        sharedBy: 'commit abc',
        domains: ['domain:default/orders', 'domain:default/payments'],
      }),
    ]);
    expect(context.lockstepGroups(10 * 60_000)).toEqual([]);
    expect(context.lockstepGroups(DEFAULT_LOCKSTEP_INTERVAL_MS)).toHaveLength(
      1,
    );
  });

  it("names the other domains' services deployed with a deployment; none for a service without a domain", () => {
    const context = EvidenceContext.of(graph, lockstepEvidence());
    const [orders] = context.evidence.deployments;
    expect(context.lockstepServices(orders)).toEqual([PAYMENTS]);
    expect(context.lockstepServices(orders, 10 * 60_000)).toEqual([]);
    expect(
      context.lockstepServices(
        deployment('lonely-service', '1.0.0', at(1), { commit: 'abc' }),
      ),
    ).toEqual([]);
  });

  it('says whether a passing contract run of the version or commit came before a deployment', () => {
    const deployed = deployment('orders-svc', '1.2.0', at(1), {
      commit: 'AbC1',
    });
    const context = EvidenceContext.of(graph, {
      deployments: [deployed],
      testRuns: [
        // Matched through the alias, by version key (v1.2 = 1.2.0).
        testRun('orders-service', 'v1.2', 'contract', at(2)),
      ],
    });
    const [resolved] = context.successfulDeployments();
    expect(resolved.entityRef).toBe(ORDERS);
    expect(context.hasContractRunBefore(resolved)).toBe(true);

    const after = EvidenceContext.of(graph, {
      deployments: [deployed],
      testRuns: [testRun('orders-service', '1.2.0', 'contract', at(0))],
    });
    expect(after.hasContractRunBefore(after.successfulDeployments()[0])).toBe(
      false,
    );

    const failed = EvidenceContext.of(graph, {
      deployments: [deployed],
      testRuns: [
        testRun('orders-service', '1.2.0', 'contract', at(2), {
          result: 'failed',
        }),
      ],
    });
    expect(failed.hasContractRunBefore(failed.successfulDeployments()[0])).toBe(
      false,
    );

    const byCommit = EvidenceContext.of(graph, {
      deployments: [deployed],
      testRuns: [
        testRun('orders-service', 'main', 'contract', at(2), {
          commit: 'abc1',
        }),
      ],
    });
    expect(
      byCommit.hasContractRunBefore(byCommit.successfulDeployments()[0]),
    ).toBe(true);
  });

  it('answers the contract-test question once per deployment, also for the context carried to a catalog that matches CI records the same', () => {
    const context = EvidenceContext.of(graph, {
      deployments: [deployment('orders-svc', '1.2.0', at(1))],
      testRuns: [testRun('orders-service', '1.2.0', 'contract', at(2))],
    });
    const [resolved] = context.successfulDeployments();
    expect(context.hasContractRunBefore(resolved)).toBe(true);
    // Asked again (the rule check after the migration status; a title edit's new catalog):
    // no run is looked up and no time parsed again.
    const parse = jest.spyOn(Date, 'parse');
    try {
      expect(context.hasContractRunBefore(resolved)).toBe(true);
      const carried = context.withServices(serviceCatalogIndex(graph));
      const [carriedDeployment] = carried.successfulDeployments();
      expect(carriedDeployment).toBe(resolved);
      expect(carried.hasContractRunBefore(carriedDeployment)).toBe(true);
      expect(parse).not.toHaveBeenCalled();
      // Another deployment object is answered on its own.
      expect(carried.hasContractRunBefore({ ...resolved })).toBe(true);
      expect(parse).toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('lists the test runs of a Component by suite, aliases included, in evidence order', () => {
    const runs = [
      testRun('orders-svc', '1.0.0', 'domain', at(3)),
      testRun('orders-service', '1.1.0', 'domain', at(2)),
      testRun('orders-service', '1.1.0', 'contract', at(2)),
      testRun('unknown-service', '1.1.0', 'domain', at(2)),
    ];
    const context = EvidenceContext.of(graph, {
      deployments: [],
      testRuns: runs,
    });
    expect(context.testRunsOf(ORDERS, 'domain')).toEqual([runs[0], runs[1]]);
    expect(context.testRunsOf(ORDERS, 'contract')).toEqual([runs[2]]);
    expect(context.testRunsOf(PAYMENTS, 'domain')).toEqual([]);
  });

  it('picks the live deployment per service identity (aliases merged) and environment', () => {
    const context = EvidenceContext.of(graph, {
      deployments: [
        deployment('orders-service', '1.0.0', at(5)),
        deployment('orders-svc', '1.1.0', at(4)),
        deployment('orders-service', '1.2.0', at(3), { status: 'failure' }),
        deployment('orders-service', '0.9.0', at(6), {
          environment: 'staging',
        }),
      ],
      testRuns: [],
    });
    expect(
      context
        .liveDeployments()
        .map(d => [d.record.environment, d.record.version])
        .sort(),
    ).toEqual([
      ['production', '1.1.0'],
      ['staging', '0.9.0'],
    ]);
  });

  it("answers one Component's or domain's deployments and groups from its indexes, as a scan of the whole lists would", () => {
    const context = EvidenceContext.of(graph, {
      deployments: [
        deployment('payments-service', '2.0.0', at(1, 20), { commit: 'abc' }),
        deployment('orders-service', '1.0.0', at(1), { commit: 'abc' }),
        deployment('orders-svc', '1.1.0', at(3)),
        deployment('lonely-service', '0.1.0', at(2)),
        deployment('orders-service', '1.2.0', at(4), { status: 'failure' }),
        deployment('orders-service', '0.9.0', at(6), {
          environment: 'staging',
        }),
        deployment('unknown-service', '9.9.9', at(2)),
      ],
      testRuns: [],
    });
    const all = context.successfulDeployments();
    const scan = (refs: string[]) =>
      all.filter(d => d.entityRef && refs.includes(d.entityRef));
    const LONELY = 'component:default/lonely-service';
    for (const refs of [
      [ORDERS],
      [PAYMENTS, ORDERS],
      [ORDERS, LONELY, PAYMENTS, ORDERS],
      ['component:default/nobody'],
      [],
    ]) {
      // Oldest first across Components, each once.
      expect(context.successfulDeploymentsOf(refs)).toEqual(scan(refs));
    }
    expect(
      context.successfulDeploymentsOf([ORDERS]).map(d => d.record.version),
    ).toEqual(['0.9.0', '1.1.0', '1.0.0']);
    for (const ref of [ORDERS, PAYMENTS, LONELY, 'component:default/x']) {
      expect(context.liveDeploymentsOf(ref)).toEqual(
        context.liveDeployments().filter(d => d.entityRef === ref),
      );
    }
    for (const domainRef of ['domain:default/orders', 'domain:default/x']) {
      expect(context.lockstepGroupsOf(domainRef)).toEqual(
        context
          .lockstepGroups()
          .filter(group => group.domains.includes(domainRef)),
      );
    }
    expect(context.lockstepGroupsOf('domain:default/payments')).toHaveLength(1);
    // A longer interval is another index: the two deploys are 20 minutes apart.
    expect(
      context.lockstepGroupsOf('domain:default/orders', 10 * 60_000),
    ).toEqual([]);
  });

  it('builds the indexes asked in pieces, pausing every ENTITIES_PER_STEP records, and keeps them', () => {
    const small = EvidenceContext.of(graph, lockstepEvidence());
    // successful (its sort, then done), live, lockstep, contract runs, test runs
    expect([...small.indexSteps()]).toHaveLength(6);
    const successful = small.successfulDeployments();
    // Built already: only the pause after it.
    expect([...small.indexSteps(undefined, ['successful'])]).toHaveLength(1);
    expect(small.successfulDeployments()).toBe(successful);
    expect(small.lockstepGroupsOf('domain:default/orders')).toHaveLength(1);

    const deployments = Array.from({ length: 1200 }, (_, n) =>
      deployment('orders-service', `1.0.${n}`, at(1, n)),
    );
    const testRuns = Array.from({ length: 1200 }, (_, n) =>
      testRun('orders-service', `1.0.${n}`, 'contract', at(2, n)),
    );
    const large = EvidenceContext.of(graph, { deployments, testRuns });
    const pauses = (index: EvidenceIndex) =>
      [...large.indexSteps(undefined, [index])].length;
    const perStep = Math.floor(1200 / ENTITIES_PER_STEP);
    // Resolved (and sorted), then indexed by Component.
    expect(pauses('successful')).toBeGreaterThanOrEqual(2 * perStep + 1);
    expect(pauses('live')).toBeGreaterThanOrEqual(perStep);
    expect(pauses('lockstep')).toBeGreaterThanOrEqual(perStep);
    expect(pauses('contractRuns')).toBeGreaterThanOrEqual(perStep);
    expect(pauses('testRuns')).toBeGreaterThanOrEqual(perStep);
    // The same answers as built at once.
    const atOnce = EvidenceContext.of(graph, { deployments, testRuns });
    expect(large.liveDeployments()).toEqual(atOnce.liveDeployments());
    expect(large.hasContractRunBefore(large.liveDeployments()[0])).toBe(
      atOnce.hasContractRunBefore(atOnce.liveDeployments()[0]),
    );
    expect(large.testRunsOf(ORDERS, 'contract')).toEqual(
      atOnce.testRunsOf(ORDERS, 'contract'),
    );
  });

  describe('scoped', () => {
    const policy: EvidencePolicy = {
      environments: [{ name: 'production' }],
      windowMs: DEFAULT_EVIDENCE_WINDOW_MS,
      lockstepIntervalMs: DEFAULT_LOCKSTEP_INTERVAL_MS,
    };

    it('is the context itself without a scope', () => {
      const context = EvidenceContext.of(graph, lockstepEvidence());
      expect(context.scoped(undefined)).toBe(context);
    });

    it('is a new context of the tracked deployments inside the window or live now, with the same service index', () => {
      const live = deployment('orders-service', '1.0.0', at(90));
      const replaced = deployment('payments-service', '1.0.0', at(90));
      const recent = deployment('payments-service', '1.1.0', at(2));
      const untracked = deployment('orders-service', '1.1.0', at(1), {
        environment: 'preview-7',
      });
      const run = testRun('orders-service', '1.0.0', 'contract', at(100));
      const context = EvidenceContext.of(graph, {
        deployments: [live, replaced, recent, untracked],
        testRuns: [run],
      });
      const scoped = context.scoped({ policy, now: NOW });
      expect(scoped).not.toBe(context);
      expect(scoped.services).toBe(context.services);
      expect(scoped.evidence.deployments).toEqual([live, recent]);
      // Test runs are kept however old: they cover deploys today.
      expect(scoped.evidence.testRuns).toEqual([run]);
      // The unscoped context is unchanged.
      expect(context.successfulDeployments()).toHaveLength(4);
      expect(scoped.successfulDeployments()).toHaveLength(2);
    });

    it('is the context itself when it is that scope already (idempotent), with the indexes it built', () => {
      const context = EvidenceContext.of(graph, {
        deployments: [
          deployment('orders-service', '1.0.0', at(90)),
          deployment('payments-service', '1.1.0', at(2)),
        ],
        testRuns: [],
      });
      const scoped = context.scoped({ policy, now: NOW });
      const live = scoped.liveDeployments();
      // The same policy and the same moment (another Date object): nothing to scope again.
      const again = scoped.scoped({ policy, now: new Date(NOW.getTime()) });
      expect(again).toBe(scoped);
      expect(again.liveDeployments()).toBe(live);
      // What scoping again would give is the same (scoping is idempotent).
      expect(
        EvidenceContext.of(graph, scoped.evidence).scoped({ policy, now: NOW })
          .evidence,
      ).toEqual(scoped.evidence);
      // Another moment, another policy or tracked-only: scoped anew.
      expect(
        scoped.scoped({ policy, now: new Date(NOW.getTime() + 1) }),
      ).not.toBe(scoped);
      expect(scoped.scoped({ policy: { ...policy }, now: NOW })).not.toBe(
        scoped,
      );
      expect(
        scoped.scoped({ policy, now: NOW }, { trackedOnly: true }),
      ).not.toBe(scoped);
      // The context it was scoped from is not that scope's.
      expect(context.scoped({ policy, now: NOW })).not.toBe(scoped);
    });
  });
});

describe('serviceCatalogIndex', () => {
  it('builds a new index per call: nothing is kept beside the graph', () => {
    const first = serviceCatalogIndex(graph);
    const second = serviceCatalogIndex(graph);
    expect(second).not.toBe(first);
    expect(second.match('Orders-Svc')).toEqual(first.match('orders-svc'));
    expect(first.match('orders-svc')).toEqual({
      entityRef: ORDERS,
      domainRef: 'domain:default/orders',
    });
  });
});
