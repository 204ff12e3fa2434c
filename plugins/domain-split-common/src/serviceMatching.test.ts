import { Entity } from '@backstage/catalog-model';
import { DEFAULT_EVIDENCE_POLICY, serviceCatalogIndex } from './evidence';
import { EvidenceContext } from './evidenceContext';
import { buildCatalogGraph } from './graph';
import { CatalogGraph } from './graphModel';
import { computeMigrationStatus } from './migration';
import { checkRules } from './rules';
import { sameServiceMatching } from './serviceMatching';
import {
  annotate,
  component,
  deployment,
  editedCopy,
  specOf as spec,
  system,
  team,
  testRun,
  user,
} from './testing/entities';
import { marketplace } from './testing/failureFixtures';

const WORKFLOW = 'acme/platform:.github/workflows/payments-contract.yml';

/** The marketplace with a CI service name and a workflow claimed. */
const original: Entity[] = editedCopy(
  editedCopy(marketplace(), 'orders-service', e =>
    annotate(e, 'domain-split/ci-service-name', 'orders-svc'),
  ),
  'payments-service',
  e => annotate(e, 'domain-split/github-workflow', WORKFLOW),
);

const edit = (name: string, change: (entity: Entity) => void) =>
  editedCopy(original, name, change);

/** The catalog with annotation `key` moved from one Component to another. */
const moved = (key: string, from: string, to: string, value: string) =>
  editedCopy(
    edit(from, e => {
      delete e.metadata.annotations?.[key];
    }),
    to,
    e => annotate(e, key, value),
  );

/** What a service index answers for CI names, records and Components a change may touch. */
function matchingOf(graph: CatalogGraph) {
  const index = serviceCatalogIndex(graph);
  const names = [
    ...[...graph.entities.values()].map(e => e.name),
    'orders-svc',
    'payments-svc',
    'order-refunds',
    'unknown-service',
  ];
  const refs = [
    ...graph.entities.keys(),
    'component:default/order-refunds',
    'group:default/growth-team',
  ];
  return {
    byName: names.map(name => index.match(name)),
    byRecord: [
      ...refs.map(entityRef => index.matchRecord({ service: 'x', entityRef })),
      index.matchRecord({ service: 'x', workflow: WORKFLOW }),
      index.matchRecord({
        service: 'x',
        workflow: 'acme/platform:.github/workflows/orders-contract.yml',
      }),
    ],
    ciNames: refs.map(ref => index.ciNamesOf(ref)),
    workflows: refs.map(ref => index.workflowsOf(ref)),
  };
}

/** Edits that match every record as before. */
const editsNoMatchingReads: Record<string, () => Entity[]> = {
  "a Component's title and description": () =>
    edit('orders-service', e => {
      e.metadata.title = 'Orders (renamed)';
      e.metadata.description = 'Takes orders';
    }),
  "a Component's owner": () =>
    edit('payments-service', e => {
      spec(e).owner = 'someone-else';
    }),
  'a new dependency': () =>
    edit('notifications-service', e => {
      spec(e).dependsOn = ['resource:inventory-db'];
    }),
  "a Domain's declared impact": () =>
    edit('search', e => {
      annotate(e, 'domain-split/declared-impact', 'degraded');
    }),
  "a team's members": () =>
    edit('platform-team', e => {
      spec(e).members = ['ann'];
    }),
};

/** Edits of each thing the matching reads. */
const editsMatchingReads: Record<string, () => Entity[]> = {
  'a new Component': () => [
    ...original,
    component('order-refunds', { domain: 'orders' }),
  ],
  'a new team and user (records may name any entity)': () => [
    ...original,
    team('growth-team'),
    user('ann'),
  ],
  'a CI service name claimed': () =>
    edit('payments-service', e => {
      annotate(e, 'domain-split/ci-service-name', 'payments-svc');
    }),
  'a CI service name claimed by another Component': () =>
    moved(
      'domain-split/ci-service-name',
      'orders-service',
      'inventory-service',
      'orders-svc',
    ),
  'a workflow claimed by another Component': () =>
    moved(
      'domain-split/github-workflow',
      'payments-service',
      'orders-service',
      WORKFLOW,
    ),
  "a Component's Domain": () =>
    edit('payments-service', e => {
      spec(e).domain = 'orders';
    }),
  "a Component's Domain through its System": () => [
    ...edit('checkout-orchestrator', e => {
      delete spec(e).domain;
      spec(e).system = 'checkout-system';
    }),
    system('checkout-system', { domain: 'payments' }),
  ],
};

describe('sameServiceMatching', () => {
  const before = buildCatalogGraph(original);

  it('is true for the same graph and for a graph built again from the same entities', () => {
    expect(sameServiceMatching(before, before)).toBe(true);
    expect(sameServiceMatching(before, buildCatalogGraph(original))).toBe(true);
  });

  it.each(Object.entries(editsNoMatchingReads))(
    'is true after %s, and every record matches as before',
    (_, entities) => {
      const after = buildCatalogGraph(entities());
      expect(sameServiceMatching(before, after)).toBe(true);
      expect(sameServiceMatching(after, before)).toBe(true);
      expect(matchingOf(after)).toEqual(matchingOf(before));
    },
  );

  it.each(Object.entries(editsMatchingReads))(
    'is false after %s, which does change what records match',
    (_, entities) => {
      const after = buildCatalogGraph(entities());
      expect(sameServiceMatching(before, after)).toBe(false);
      expect(sameServiceMatching(after, before)).toBe(false);
      expect(matchingOf(after)).not.toEqual(matchingOf(before));
    },
  );
});

describe('EvidenceContext.withServices', () => {
  const NOW = new Date('2026-11-28T12:00:00Z');
  const at = (hoursAgo: number) =>
    new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  const evidence = {
    deployments: [
      deployment('orders-svc', '1.0.0', at(5), { commit: 'abc' }),
      deployment('payments-service', '2.0.0', at(5), { commit: 'abc' }),
      deployment('inventory-service', '3.0.0', at(3)),
      deployment('search-readmodels', '4.0.0', at(2), {
        environment: 'staging',
      }),
    ],
    testRuns: [
      testRun('payments-service', '2.0.0', 'contract', at(6)),
      testRun('x', '3.0.0', 'contract', at(4), { workflow: WORKFLOW }),
      testRun('orders-svc', '1.0.0', 'domain', at(6)),
    ],
  };
  const scope = { policy: DEFAULT_EVIDENCE_POLICY, now: NOW };

  it('reads as a context built afresh on the new catalog after an edit that matches the same, sharing the indexes', () => {
    const renamed = buildCatalogGraph(
      edit('orders-service', e => {
        e.metadata.title = 'Orders (renamed)';
        spec(e).owner = 'someone-else';
      }),
    );
    const judged = EvidenceContext.of(
      buildCatalogGraph(original),
      evidence,
    ).scoped(scope);
    for (const _ of judged.indexSteps()) {
      // builds every index
    }
    const kept = judged.withServices(serviceCatalogIndex(renamed));
    const fresh = EvidenceContext.of(renamed, evidence).scoped(scope);

    expect(kept.graph).toBe(renamed);
    expect(kept.evidence.deployments).toBe(judged.evidence.deployments);
    expect(kept.successfulDeployments()).toBe(judged.successfulDeployments());
    expect(kept.lockstepGroups()).toBe(judged.lockstepGroups());
    // Already this scope's: not scoped again.
    expect(kept.scoped(scope)).toBe(kept);
    expect(computeMigrationStatus(kept, scope)).toEqual(
      computeMigrationStatus(fresh, scope),
    );
    expect(checkRules(kept, scope)).toEqual(checkRules(fresh, scope));
    // The new catalog's ownership shows: the owner edit changes the migration status.
    expect(computeMigrationStatus(kept, scope)).not.toEqual(
      computeMigrationStatus(judged, scope),
    );
  });
});
