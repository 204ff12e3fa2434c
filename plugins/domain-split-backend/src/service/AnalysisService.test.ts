import type { Entity } from '@backstage/catalog-model';
import {
  AnalysisRedactor,
  BLAST_RADIUS_LIMIT,
  blastRadiusSteps,
  boundDomainMigration,
  buildCatalogGraph,
  computeBlastRadius,
  contextMapSteps,
  computeFailureMatrix,
  EVERY_ENTITY_VISIBLE,
  EvidenceContext,
  filterViolationsSteps,
  migrationOverview,
  pageFailureMatrix,
  serviceMatrixRowsSteps,
  summariseBlastRadius,
} from '@internal/plugin-domain-split-common';
import {
  CatalogSnapshot,
  CatalogSnapshotSource,
  StaticCatalogSource,
} from '../catalog/CatalogReader';
import type {
  ContextMapNode,
  RecordedVerdict,
  RuleViolation,
} from '@internal/plugin-domain-split-common';
import { mockServices } from '@backstage/backend-test-utils';
import type { StoredEvidence } from '../database/CiStore';
import { deployment, mockStore } from '../__testUtils__/mockStore';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { ServiceAnalysisReader } from '../reader/AnalysisReader';
import {
  AnalysisService,
  DEFAULT_PATH_OPTIONS,
  MAX_PAGE_PATH_CELLS,
  UNMATCHED_EVENTS_DEFAULT_LIMIT,
} from './AnalysisService';
import { FailureMatrixWorker } from './failureMatrixWorker';
import { runInSlices } from './runInSlices';

// Called through, and recorded: which computations ran in the background.
jest.mock('./runInSlices', () => {
  const actual = jest.requireActual('./runInSlices');
  return { ...actual, runInSlices: jest.fn(actual.runInSlices) };
});

// Called through, and counted: when a whole context map is built, when a service-level page's
// rows are computed, when a blast radius is walked, when rule violations are filtered.
jest.mock('@internal/plugin-domain-split-common', () => {
  const actual = jest.requireActual('@internal/plugin-domain-split-common');
  return {
    ...actual,
    blastRadiusSteps: jest.fn(actual.blastRadiusSteps),
    contextMapSteps: jest.fn(actual.contextMapSteps),
    filterViolationsSteps: jest.fn(actual.filterViolationsSteps),
    serviceMatrixRowsSteps: jest.fn(actual.serviceMatrixRowsSteps),
  };
});

/** A catalog source that, like the catalog reader, prepares each generation before serving it. */
function preparingCatalog(first: CatalogSnapshot) {
  let served = first;
  let preparer: ((snapshot: CatalogSnapshot) => Promise<void>) | undefined;
  const catalog: CatalogSnapshotSource = {
    getSnapshot: async () => served,
    prepareEachGeneration: p => {
      preparer = p;
    },
  };
  return {
    catalog,
    hasPreparer: () => preparer !== undefined,
    /** What the reader does with a new generation before it serves it. */
    prepare: (next: CatalogSnapshot) => preparer!(next),
    serve(next: CatalogSnapshot) {
      served = next;
    },
    /** Both, as the reader does with each new generation it reads. */
    async prepareAndServe(next: CatalogSnapshot) {
      await preparer!(next);
      served = next;
    },
  };
}

describe('AnalysisService', () => {
  const entities = loadExampleCatalog();

  /** The example catalog with a changed copy of orders-service (the others as they are). */
  const withOrders = (change: (orders: Entity) => void) =>
    entities.map(e => {
      if (e.kind !== 'Component' || e.metadata.name !== 'orders-service') {
        return e;
      }
      const copy = structuredClone(e);
      change(copy);
      return copy;
    });

  /** orders-service also claims the CI service name `name`. */
  const claimingCiName = (name: string) => (orders: Entity) => {
    orders.metadata.annotations = {
      ...orders.metadata.annotations,
      'domain-split/ci-service-name': name,
    };
  };

  function setup(
    options: {
      evidenceWaitMs?: number;
      verdicts?: ConstructorParameters<typeof AnalysisService>[0]['verdicts'];
    } = {},
  ) {
    const catalog = new StaticCatalogSource(entities);
    const { store, mocks, setEvidence } = mockStore();
    const service = new AnalysisService({
      catalog,
      store,
      monorepoUrl: 'https://github.com/aliexpress-platform/aliexpress-platform',
      now: () => new Date('2026-11-28T00:00:00Z'),
      evidenceProbeMs: 0,
      ...options,
    });
    return { service, catalog, mocks, setEvidence };
  }

  it("gives notifications (the analysis reader's matrix) the Failure isolation tab's matrix, not a second one with every path", async () => {
    const { service } = setup();
    const view = await new ServiceAnalysisReader(service).read();
    expect(await view.domainFailureMatrix()).toBe(
      await service.getDomainFailureMatrix(DEFAULT_PATH_OPTIONS),
    );
  });

  it('computes a catalog result once per catalog generation and shares it', async () => {
    const { service, catalog } = setup();
    const [a, b] = await Promise.all([
      service.getDomainFailureMatrix({}),
      service.getDomainFailureMatrix({}),
    ]);
    expect(a).toBe(b);
    expect(await service.getDomainFailureMatrix({})).toBe(a);
    expect(await service.getDomainFailureMatrix({ paths: false })).not.toBe(a);

    catalog.setEntities(
      entities.filter(e => e.metadata.name !== 'notifications-service'),
    );
    const changed = await service.getDomainFailureMatrix({});
    expect(changed).not.toBe(a);
    expect(JSON.stringify(changed)).not.toContain('notifications-service');
  });

  it('reads and computes evidence results once per evidence generation', async () => {
    const { service, mocks, setEvidence } = setup();
    const first = await service.getMigration();
    await service.getRuleViolations();
    expect(await service.getMigration()).toBe(first);
    expect(mocks.getEvidence).toHaveBeenCalledTimes(1);

    // A CI event elsewhere (another replica) bumps the generation: recomputed on next read.
    setEvidence({
      deployments: [
        deployment('orders-service', '3.2.2', {
          occurredAt: '2026-11-21T10:00:00.000Z',
        }),
      ],
      testRuns: [],
    });
    const second = await service.getMigration();
    expect(second).not.toBe(first);
    expect(mocks.getEvidence).toHaveBeenCalledTimes(2);
  });

  it('checks the catalog-only rules once per catalog generation and the evidence rules per CI event', async () => {
    const { service, catalog, mocks, setEvidence } = setup();
    const checked = (call: number) => {
      const found: RuleViolation[] = mocks.updateViolations.mock.calls[call][0];
      const isEvidenceRule = (v: RuleViolation) =>
        v.rule === 'independent-deploys' ||
        v.rule === 'contract-tests-before-deploy';
      return {
        ofCatalog: found.filter(v => !isEvidenceRule(v)),
        ofEvidence: found.filter(isEvidenceRule),
      };
    };
    await service.getRuleViolations();
    setEvidence({
      deployments: [
        deployment('orders-service', '3.2.2', {
          occurredAt: '2026-11-21T10:00:00.000Z',
        }),
      ],
      testRuns: [],
    });
    await service.getRuleViolations();
    expect(mocks.updateViolations).toHaveBeenCalledTimes(2);
    const [first, second] = [checked(0), checked(1)];
    expect(first.ofCatalog.length).toBeGreaterThan(0);
    // The same violations, not checked again: the same objects.
    expect(second.ofCatalog).toHaveLength(first.ofCatalog.length);
    second.ofCatalog.forEach((violation, i) =>
      expect(violation).toBe(first.ofCatalog[i]),
    );
    // The evidence rules judged the new deployment.
    expect(first.ofEvidence.map(v => v.message).join()).toContain('3.2.1');
    expect(second.ofEvidence.map(v => v.message).join()).toContain('3.2.2');

    catalog.setEntities(
      entities.filter(e => e.metadata.name !== 'notifications-service'),
    );
    await service.getRuleViolations();
    expect(checked(2).ofCatalog[0]).not.toBe(first.ofCatalog[0]);
    expect(checked(2).ofCatalog[0]).toEqual(first.ofCatalog[0]);
  });

  it("reads a service's history once per evidence generation, and the deploy gate's answers again after a verdict here or after 5 s", async () => {
    let nowMs = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => nowMs);
    try {
      let answers: RecordedVerdict[] = [];
      const verdicts = {
        listVerdicts: jest.fn(async () => answers),
        listVerdictsSince: jest.fn(async () => answers),
      };
      const { service, mocks, setEvidence } = setup({ verdicts });
      const first = await service.getReleaseHistory('orders-service');
      expect(first.deployments.map(d => d.version)).toEqual(['3.2.1']);
      expect(first.verdicts).toEqual([]);
      const refusal = (id: string, version: string): RecordedVerdict => ({
        id,
        service: 'orders-service',
        version,
        environment: 'production',
        deployable: false,
        rollback: false,
        reasons: [],
        askedBy: 'user:default/someone',
        askedAt: '2026-11-21T09:00:00.000Z',
      });

      // The gate says "no" to 3.2.2 here: shown at once, with the history not read again.
      answers = [refusal('verdict-1', '3.2.2')];
      service.verdictRecorded();
      const asked = await service.getReleaseHistory('orders-service');
      expect(asked.verdicts?.map(v => v.version)).toEqual(['3.2.2']);
      expect(asked.verdicts?.[0].deployedAfterRefusal).toBeUndefined();
      expect(mocks.getHistory).toHaveBeenCalledTimes(1);
      expect(verdicts.listVerdicts).toHaveBeenCalledTimes(2);
      // Asked again: the kept answers, no read.
      await service.getReleaseHistory('orders-service');
      expect(verdicts.listVerdicts).toHaveBeenCalledTimes(2);

      // Another replica's "no": shown once the kept answers are 5 s old (read in the
      // background; that request still gets the kept ones).
      answers = [refusal('verdict-1', '3.2.2'), refusal('verdict-2', '3.2.3')];
      nowMs += 5000;
      await service.getReleaseHistory('orders-service');
      await new Promise(resolve => setImmediate(resolve));
      const other = await service.getReleaseHistory('orders-service');
      expect(other.verdicts?.map(v => v.id).sort()).toEqual([
        'verdict-1',
        'verdict-2',
      ]);
      expect(verdicts.listVerdicts).toHaveBeenCalledTimes(3);

      // A CI event (the deploy after the "no"): the history is read again, and lines up with it.
      setEvidence({
        deployments: [
          deployment('orders-service', '3.2.2', {
            occurredAt: '2026-11-21T10:00:00.000Z',
          }),
        ],
        testRuns: [],
      });
      const deployed = await service.getReleaseHistory('orders-service');
      expect(mocks.getHistory).toHaveBeenCalledTimes(2);
      expect(deployed.deployments.map(d => d.version)).toEqual(['3.2.2']);
      expect(
        deployed.verdicts?.find(v => v.id === 'verdict-1')
          ?.deployedAfterRefusal,
      ).toEqual({
        eventId: 'orders-service-3.2.2',
        occurredAt: '2026-11-21T10:00:00.000Z',
      });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('scopes and indexes the evidence once per generation for the migration status and the rule check', async () => {
    const { service, setEvidence } = setup();
    const indexed = jest.spyOn(EvidenceContext.prototype, 'indexSteps');
    try {
      await service.getMigration();
      await service.getRuleViolations();
      // Every index build of the generation ran on one scoped context.
      expect(new Set(indexed.mock.instances).size).toBe(1);

      setEvidence({
        deployments: [deployment('orders-service', '3.2.2')],
        testRuns: [],
      });
      indexed.mockClear();
      await service.getRuleViolations();
      await service.getMigration();
      expect(new Set(indexed.mock.instances).size).toBe(1);
    } finally {
      indexed.mockRestore();
    }
  });

  it('reads the events of unmatched services once per evidence generation and limit', async () => {
    const { service, mocks, setEvidence } = setup();
    expect(await service.getUnmatchedEvents(200)).toEqual({ items: [] });
    // Every service is in the catalog: no events to read.
    expect(mocks.listEventsOfServices).not.toHaveBeenCalled();

    setEvidence({
      deployments: [deployment('legacy-batch', '1.0.0')],
      testRuns: [],
    });
    const first = await service.getUnmatchedEvents(200);
    expect(await service.getUnmatchedEvents(200)).toBe(first);
    expect(mocks.listEventsOfServices).toHaveBeenCalledTimes(1);
    expect(mocks.listEventsOfServices).toHaveBeenLastCalledWith(
      ['legacy-batch'],
      { limit: 200 },
    );
    await service.getUnmatchedEvents(10);
    expect(mocks.listEventsOfServices).toHaveBeenCalledTimes(2);

    setEvidence({
      deployments: [deployment('legacy-batch', '1.0.1')],
      testRuns: [],
    });
    await service.getUnmatchedEvents(200);
    expect(mocks.listEventsOfServices).toHaveBeenCalledTimes(3);
  });

  it('lists the names CI sent once per evidence generation: a catalog change matches them again without reading them', async () => {
    const { service, mocks, catalog, setEvidence } = setup();
    setEvidence({
      deployments: [deployment('legacy-batch', '1.0.0')],
      testRuns: [],
    });
    await service.getUnmatchedEvents(200);
    expect(mocks.listServiceNames).toHaveBeenCalledTimes(1);
    expect(mocks.listEventsOfServices).toHaveBeenLastCalledWith(
      ['legacy-batch'],
      { limit: 200 },
    );

    // The catalog now claims legacy-batch (orders-service's CI name): nothing is unmatched.
    catalog.setEntities(withOrders(claimingCiName('legacy-batch')));
    expect(await service.getUnmatchedEvents(200)).toEqual({ items: [] });
    expect(mocks.listServiceNames).toHaveBeenCalledTimes(1);
    expect(mocks.listEventsOfServices).toHaveBeenCalledTimes(1);

    // A CI event: the names are listed again.
    setEvidence({
      deployments: [deployment('billing-batch', '1.0.0')],
      testRuns: [],
    });
    await service.getUnmatchedEvents(200);
    expect(mocks.listServiceNames).toHaveBeenCalledTimes(2);
    expect(mocks.listEventsOfServices).toHaveBeenLastCalledWith(
      ['billing-batch'],
      { limit: 200 },
    );
  });

  it("cuts a team's ownership and each page of the Ownership and Releases tabs once per generation", async () => {
    const { service, catalog, setEvidence } = setup();
    const team = 'group:default/orders-team';
    const ownership = await service.getOwnership({ team });
    expect(await service.getOwnership({ team })).toBe(ownership);
    const teams = await service.getOwnershipPage({ limit: 2, offset: 0 });
    expect(await service.getOwnershipPage({ limit: 2, offset: 0 })).toBe(teams);
    expect(await service.getOwnershipPage({ limit: 2, offset: 2 })).not.toBe(
      teams,
    );
    const releases = await service.getReleasesPage({ limit: 25, offset: 0 });
    expect(await service.getReleasesPage({ limit: 25, offset: 0 })).toBe(
      releases,
    );
    expect(
      await service.getReleasesPage({ limit: 25, offset: 0, marked: true }),
    ).not.toBe(releases);

    // A CI event: the releases page is cut again, the ownership is kept.
    setEvidence({
      deployments: [deployment('orders-service', '3.2.2')],
      testRuns: [],
    });
    const afterEvent = await service.getReleasesPage({ limit: 25, offset: 0 });
    expect(afterEvent).not.toBe(releases);
    expect(afterEvent.current.map(r => r.version)).toEqual(['3.2.2']);
    expect(await service.getOwnership({ team })).toBe(ownership);
    expect(await service.getOwnershipPage({ limit: 2, offset: 0 })).toBe(teams);

    // A catalog change: both are cut again.
    catalog.setEntities(
      entities.filter(e => e.metadata.name !== 'notifications-service'),
    );
    expect(await service.getOwnership({ team })).not.toBe(ownership);
    expect(await service.getOwnershipPage({ limit: 2, offset: 0 })).not.toBe(
      teams,
    );
  });

  it('reads the evidence of the window (now - 30 days by default) and shares one read between migration, rules and the snapshot check', async () => {
    const { service, mocks } = setup();
    await service.getMigration();
    await service.getRuleViolations();
    await service.checkRulesNow();
    expect(mocks.getEvidence).toHaveBeenCalledTimes(1);
    expect(mocks.getEvidence).toHaveBeenCalledWith({
      since: '2026-10-29T00:00:00.000Z',
    });
  });

  it('keeps the catalog results when only the evidence changes', async () => {
    const { service, setEvidence } = setup();
    const matrix = await service.getDomainFailureMatrix({});
    const releases = await service.getReleases();
    setEvidence({
      deployments: [deployment('payments-service', '1.9.4')],
      testRuns: [],
    });
    expect(await service.getDomainFailureMatrix({})).toBe(matrix);
    const next = await service.getReleases();
    expect(next).not.toBe(releases);
    expect(next.current.map(r => r.service)).toEqual(['payments-service']);
  });

  it('matches the evidence already read with a new catalog generation, and reads it again after a CI event', async () => {
    const { service, catalog, mocks, setEvidence } = setup();
    const migration = await service.getMigration();
    const releases = await service.getReleases();
    expect(mocks.getEvidence).toHaveBeenCalledTimes(1);
    expect(mocks.listLiveHeads).toHaveBeenCalledTimes(1);

    // The catalog changes, the CI evidence does not: recomputed with the new catalog from the
    // rows already read.
    catalog.setEntities(
      entities.filter(e => e.metadata.name !== 'orders-service'),
    );
    const changedMigration = await service.getMigration();
    const changedReleases = await service.getReleases();
    expect(changedMigration).not.toBe(migration);
    expect(changedReleases).not.toBe(releases);
    // orders-service's deployment no longer matches a catalog entity.
    expect(releases.current.map(r => r.entityRef)).toContain(
      'component:default/orders-service',
    );
    expect(changedReleases.current.map(r => r.entityRef)).not.toContain(
      'component:default/orders-service',
    );
    expect(mocks.getEvidence).toHaveBeenCalledTimes(1);
    expect(mocks.listLiveHeads).toHaveBeenCalledTimes(1);

    // A CI event: read again.
    setEvidence({
      deployments: [deployment('payments-service', '1.9.4')],
      testRuns: [],
    });
    await service.getMigration();
    await service.getReleases();
    expect(mocks.getEvidence).toHaveBeenCalledTimes(2);
    expect(mocks.listLiveHeads).toHaveBeenCalledTimes(2);
  });

  it('reuses one evidence probe for evidenceProbeMs, and forgets it after a local write', async () => {
    const catalog = new StaticCatalogSource(entities);
    const { store, mocks } = mockStore();
    const service = new AnalysisService({
      catalog,
      store,
      evidenceProbeMs: 60_000,
    });
    await service.getReleases();
    await service.getReleases();
    expect(mocks.getEvidenceGeneration).toHaveBeenCalledTimes(1);
    service.evidenceChanged();
    await service.getReleases();
    expect(mocks.getEvidenceGeneration).toHaveBeenCalledTimes(2);
  });

  it('keeps at most 256 blast radii, dropping the least recently asked, and never the matrices', async () => {
    const { service } = setup();
    const matrix = await service.getDomainFailureMatrix({});
    // A Group's radius: a Domain's is also kept per failure structure (bounded alike).
    const first = await service.getBlastRadius(
      'group:default/payments-team',
      {},
    );
    const kept = await service.getBlastRadius('domain:default/orders', {});
    // 256 more distinct questions (unknown refs answer undefined, and are cached all the same);
    // orders is asked again half-way, so it is not among the least recently asked.
    const ask = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await service.getBlastRadius(`component:default/nothing-${i}`, {});
      }
    };
    await ask(0, 128);
    const again = await service.getBlastRadius('domain:default/orders', {});
    await ask(128, 256);
    expect(again).toBe(kept);
    expect(await service.getDomainFailureMatrix({})).toBe(matrix);
    expect(await service.getBlastRadius('domain:default/orders', {})).toBe(
      kept,
    );
    const askedAgain = await service.getBlastRadius(
      'group:default/payments-team',
      {},
    );
    expect(askedAgain).toEqual(first);
    expect(askedAgain).not.toBe(first);
  });

  it('cuts the blast radius summary and pages from the one radius cached for the generation', async () => {
    const { service } = setup();
    const ref = 'domain:default/inventory';
    const summary = await service.getBlastRadiusSummary(ref, { limit: 3 });
    const page = await service.getBlastRadiusPage(ref, {
      direction: 'downstream',
      limit: 2,
      offset: 1,
    });
    const radius = (await service.getBlastRadius(ref, { paths: false }))!;
    expect(radius.takesDown.length).toBeGreaterThan(3);
    // The very cells of the cached radius (no path to strip): nothing was computed again.
    expect(summary!.takesDown.worst).toHaveLength(3);
    summary!.takesDown.worst.forEach((cell, i) =>
      expect(cell).toBe(radius.takesDown[i]),
    );
    expect(page!.items[0]).toBe(radius.takesDown[1]);
    // Kept for the generation: the next reader who sees everything gets the same answer.
    expect(await service.getBlastRadiusSummary(ref, { limit: 3 })).toBe(
      summary,
    );
    expect(page!.totalItems).toBe(radius.takesDown.length);
    expect(
      await service.getBlastRadiusSummary('component:default/nothing', {
        limit: 3,
      }),
    ).toBeUndefined();
  });

  it('keeps the default first entries of a blast radius for the generation; other limits are cut from the cached radius', async () => {
    const { service, catalog } = setup();
    // A hub 600 services depend on: more entries than the default cut.
    const consumers = 600;
    const hub: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'hub' },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    };
    catalog.setEntities([
      hub,
      ...Array.from(
        { length: consumers },
        (_, i): Entity => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: `svc-${String(i).padStart(3, '0')}` },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'team-a',
            dependsOn: ['component:hub'],
          },
        }),
      ),
    ]);
    const ref = 'component:default/hub';
    const paths = { paths: false };
    const radius = (await service.getBlastRadius(ref, paths))!;
    expect(radius.takesDown).toHaveLength(consumers);
    const limit = BLAST_RADIUS_LIMIT.default;
    const first = (await service.getFirstEntriesOfBlastRadius(ref, {
      paths,
      limit,
    }))!;
    expect(first.takesDown).toHaveLength(limit);
    first.takesDown.forEach((cell, i) =>
      expect(cell).toBe(radius.takesDown[i]),
    );
    expect(first.moreTakesDown).toBe(consumers - limit);
    // Another limit: cut from the same radius.
    const two = (await service.getFirstEntriesOfBlastRadius(ref, {
      paths,
      limit: 2,
    }))!;
    expect(two.takesDown).toEqual(radius.takesDown.slice(0, 2));
    expect(two.moreTakesDown).toBe(consumers - 2);
    // A limit the whole radius fits in: the radius itself.
    expect(
      await service.getFirstEntriesOfBlastRadius(ref, {
        paths,
        limit: consumers,
      }),
    ).toBe(radius);
    // Many other limits asked (more than the cache holds) push out neither the default cut nor
    // the radius: the next caller gets the same answer (serialised once).
    for (let other = 1; other <= 300; other++) {
      await service.getFirstEntriesOfBlastRadius(ref, { paths, limit: other });
    }
    expect(
      await service.getFirstEntriesOfBlastRadius(ref, { paths, limit }),
    ).toBe(first);
    expect(await service.getBlastRadius(ref, paths)).toBe(radius);
    expect(
      await service.getFirstEntriesOfBlastRadius('component:default/nothing', {
        paths,
        limit,
      }),
    ).toBeUndefined();
    // A new catalog generation: cut again from its own radius.
    catalog.setEntities(entities);
    expect(
      await service.getFirstEntriesOfBlastRadius('domain:default/inventory', {
        paths,
        limit,
      }),
    ).toBe(await service.getBlastRadius('domain:default/inventory', paths));
  });

  it('cuts a blast radius summary and page from the radius of their own generation, also when another is served meanwhile', async () => {
    const source = preparingCatalog({ entities, generation: 1 });
    const { store } = mockStore();
    const service = new AnalysisService({ catalog: source.catalog, store });
    const ref = 'domain:default/inventory';
    const graph = buildCatalogGraph(entities);
    const radius = computeBlastRadius(graph, ref, { paths: false })!;
    // The next generation lacks the first component the domain's failure takes down.
    const dropped = radius.takesDown.find(cell =>
      cell.affected.startsWith('component:'),
    )!.affected;
    const next: CatalogSnapshot = {
      entities: entities.filter(
        e =>
          !(
            e.kind === 'Component' &&
            `component:default/${e.metadata.name}` === dropped
          ),
      ),
      generation: 2,
    };
    const nextRadius = computeBlastRadius(
      buildCatalogGraph(next.entities),
      ref,
      { paths: false },
    )!;
    expect(nextRadius.takesDown.length).toBeLessThan(radius.takesDown.length);

    // Asked of generation 1; generation 2 is served before its radius is computed.
    const summary = service.getBlastRadiusSummary(ref, { limit: 3 });
    const page = service.getBlastRadiusPage(ref, {
      direction: 'downstream',
      limit: 2,
      offset: 0,
    });
    source.serve(next);
    expect(await summary).toEqual(
      summariseBlastRadius(graph, radius, { limit: 3 }),
    );
    expect((await page)!.totalItems).toBe(radius.takesDown.length);
  });

  /** Generation 1 served (the example catalog); generation 2 has no search domain. */
  function searchDomainGoesNext() {
    const source = preparingCatalog({ entities, generation: 1 });
    const { store } = mockStore();
    const service = new AnalysisService({ catalog: source.catalog, store });
    const next: CatalogSnapshot = {
      entities: entities.filter(
        e => !(e.kind === 'Domain' && e.metadata.name === 'search'),
      ),
      generation: 2,
    };
    return { source, service, next };
  }

  it("cuts a domain's migration status from its own catalog generation's status, also when another is served meanwhile", async () => {
    const { source, service, next } = searchDomainGoesNext();
    // Asked of generation 1; generation 2 is served before the status is computed.
    const search = service.getDomainMigration('domain:default/search');
    source.serve(next);
    expect((await search).domain.domainRef).toBe('domain:default/search');
    // Once generation 2 is asked for, it has no such domain.
    await expect(
      service.getDomainMigration('domain:default/search'),
    ).rejects.toThrow('No domain domain:default/search in the catalog');
  });

  it("draws the context map from the catalog generation it checked the focus against, with that generation's phases, also when another is served meanwhile", async () => {
    const { source, service, next } = searchDomainGoesNext();
    const search = 'domain:default/search';
    const searchNode = (map: { nodes: ContextMapNode[] }) =>
      map.nodes.find(node => node.domainRef === search);
    const { store } = mockStore();
    const phaseInGeneration1 = (
      await new AnalysisService({
        catalog: new StaticCatalogSource(entities),
        store,
      }).getMigration()
    ).domains.find(d => d.domainRef === search)!.phase;
    // Asked of generation 1; generation 2 (no search domain) is served while they are drawn.
    const whole = service.getContextMap();
    const focused = service.getContextMap({ domain: search });
    const view = service.getContextMapView({ domain: search });
    source.serve(next);
    // The phase comes from generation 1's migration status (generation 2's has no search).
    expect(searchNode(await whole)?.phase).toBe(phaseInGeneration1);
    expect((await focused).focus?.domains).toEqual([search]);
    expect(searchNode(await focused)?.phase).toBe(phaseInGeneration1);
    expect(searchNode(await view)).toBeDefined();
    // Asked of generation 2: no search node, and no such domain to focus on.
    expect(searchNode(await service.getContextMap())).toBeUndefined();
    await expect(service.getContextMap({ domain: search })).rejects.toThrow(
      `No domain ${search} in the catalog`,
    );
  });

  it('keeps a page of the domain matrix with the generation it was cut from, also when another is served meanwhile', async () => {
    const { source, service, next } = searchDomainGoesNext();
    const query = { offset: 0, limit: 50 };
    const failingRefs = (page: { rows: { failing: string }[] }) =>
      page.rows.map(row => row.failing);
    // Asked of generation 1; generation 2 is served while its matrix is computed.
    const first = service.getFailureMatrixPage(
      'domain',
      DEFAULT_PATH_OPTIONS,
      query,
    );
    source.serve(next);
    expect(failingRefs(await first)).toContain('domain:default/search');
    // Generation 2's page is its own, not generation 1's kept under its key.
    const later = await service.getFailureMatrixPage(
      'domain',
      DEFAULT_PATH_OPTIONS,
      query,
    );
    expect(failingRefs(later)).not.toContain('domain:default/search');
  });

  it('keeps an impact path per catalog generation, and walks again after a catalog change', async () => {
    const { service, catalog } = setup();
    const failing = 'component:default/payments-service';
    const first = await service.getImpactPath(failing, 'users', 'downstream');
    expect(first.failing).toBe(failing);
    expect(first.path.length).toBeGreaterThan(0);
    expect(await service.getImpactPath(failing, 'users', 'downstream')).toBe(
      first,
    );
    const upstream = await service.getImpactPath(
      failing,
      first.affected,
      'upstream',
    );
    expect(upstream).not.toBe(first);
    await expect(
      service.getImpactPath('component:default/nothing', 'users', 'downstream'),
    ).rejects.toThrow('No entity component:default/nothing in the catalog');

    catalog.setEntities(
      entities.filter(e => e.metadata.name !== 'notifications-service'),
    );
    const again = await service.getImpactPath(failing, 'users', 'downstream');
    expect(again).not.toBe(first);
    expect(again.affected).toBe(first.affected);
  });

  it('serialises a shared result once', async () => {
    const { service } = setup();
    const matrix = await service.getDomainFailureMatrix({});
    const first = await service.serialised(matrix);
    expect(JSON.parse(first.json)).toEqual(matrix);
    // Each serialisation is an object of its own: the same one is the one written before.
    expect(
      await service.serialised(await service.getDomainFailureMatrix({})),
    ).toBe(first);
    expect(await service.serialised({ ...matrix })).not.toBe(first);
  });

  describe('after a CI event, while the new generation is computed', () => {
    /**
     * The first answer `done` accepts, asked every 10 ms (a new generation's computation runs
     * meanwhile; how long it takes depends on the machine's load, so no fixed wait).
     */
    async function answeredWhen<T>(
      ask: () => Promise<T>,
      done: (answer: T) => boolean,
    ): Promise<T> {
      for (let i = 0; i < 100; i++) {
        const answer = await ask();
        if (done(answer)) return answer;
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      throw new Error('the new generation was never answered');
    }

    /** A store whose evidence reads wait until the test lets the one asked go. */
    function slowEvidence(mocks: ReturnType<typeof mockStore>['mocks']) {
      const held: (() => void)[] = [];
      const read = mocks.getEvidence.getMockImplementation()!;
      mocks.getEvidence.mockImplementation(
        () =>
          new Promise<StoredEvidence>(resolve => {
            // The evidence as stored when asked, answered when let go.
            const stored = read();
            held.push(() => resolve(stored));
          }),
      );
      return {
        held,
        /** Until a computation reads the evidence (asked every 10 ms, at most 100 times). */
        async asked() {
          for (let i = 0; i < 100 && held.length === 0; i++) {
            await new Promise(resolve => setTimeout(resolve, 10));
          }
          expect(held).toHaveLength(1);
        },
        release: () => held.splice(0).forEach(go => go()),
        restore: () => mocks.getEvidence.mockImplementation(read),
      };
    }
    const nextEvent = (version: string): StoredEvidence => ({
      deployments: [
        deployment('orders-service', version, {
          occurredAt: '2026-11-21T10:00:00.000Z',
        }),
      ],
      testRuns: [],
    });

    it('answers from the previous generation after evidenceWaitMs, and from the new one once it is computed', async () => {
      // Longer than the first generation takes to compute, also on a loaded machine (else the
      // request would not wait).
      const { service, mocks, setEvidence } = setup({ evidenceWaitMs: 1000 });
      const first = await service.getMigration();
      const slow = slowEvidence(mocks);
      setEvidence(nextEvent('3.2.2'));
      // The request that starts the new generation waits evidenceWaitMs, then gets the last.
      const started = Date.now();
      expect(await service.getMigration()).toBe(first);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      // Later requests while it is computed get the last answer at once, and start nothing.
      expect(await service.getMigration()).toBe(first);
      expect(slow.held).toHaveLength(1);
      slow.release();
      slow.restore();
      const second = await answeredWhen(
        () => service.getMigration(),
        answer => answer !== first,
      );
      expect(second).not.toBe(first);
      expect(await service.getMigration()).toBe(second);
    }, 15_000);

    it('answers from the previous generation at once when that one took longer than evidenceWaitMs to compute, and waits again after a quick one', async () => {
      // Longer than a quick generation takes to compute, also on a loaded machine.
      const waitMs = 1000;
      const { service, mocks, setEvidence } = setup({ evidenceWaitMs: waitMs });
      const first = await service.getMigration();
      const waited = async (asked: Promise<unknown>) =>
        await Promise.race([
          asked,
          new Promise(resolve =>
            setTimeout(() => resolve('waited'), waitMs / 2),
          ),
        ]);
      const computed = (previous: unknown) =>
        answeredWhen(
          () => service.getMigration(),
          answer => answer !== previous,
        );

      // Generation 2 takes longer than the wait to compute: its first request waits in vain.
      const slow = slowEvidence(mocks);
      setEvidence(nextEvent('3.2.2'));
      expect(await service.getMigration()).toBe(first);
      await new Promise(resolve => setTimeout(resolve, waitMs));
      slow.release();
      const second = await computed(first);
      expect(JSON.stringify(second)).toContain('3.2.2');

      // Generation 3: the request does not wait for a computation as long as the last one.
      setEvidence(nextEvent('3.2.3'));
      expect(await waited(service.getMigration())).toBe(second);
      // Generation 3 is being computed meanwhile: it reads the evidence.
      await slow.asked();
      slow.release();
      slow.restore();
      const third = await computed(second);
      expect(JSON.stringify(third)).toContain('3.2.3');

      // Generation 3 computed within the wait: the next event's first answer waits for its own.
      setEvidence(nextEvent('3.2.4'));
      expect(JSON.stringify(await service.getMigration())).toContain('3.2.4');
    }, 15_000);

    it('answers from the last computed generation also after newer generations pushed it out of the cache', async () => {
      const { service, mocks, setEvidence } = setup({ evidenceWaitMs: 20 });
      const first = await service.getMigration();
      // Four CI events, each read by another answer only: generation 1 is no longer kept.
      for (const version of ['3.2.2', '3.2.3', '3.2.4', '3.2.5']) {
        setEvidence(nextEvent(version));
        await service.getReleases();
      }
      const slow = slowEvidence(mocks);
      setEvidence(nextEvent('3.2.6'));
      expect(await service.getMigration()).toBe(first);
      slow.release();
      slow.restore();
    });

    it('waits for the new generation when it is computed within evidenceWaitMs', async () => {
      const { service, mocks, setEvidence } = setup({ evidenceWaitMs: 10_000 });
      const first = await service.getMigration();
      const slow = slowEvidence(mocks);
      setEvidence(nextEvent('3.2.2'));
      const asked = service.getMigration();
      await slow.asked();
      slow.release();
      expect(await asked).not.toBe(first);
    });

    it('computes one generation at a time: events during a computation wait for it to end', async () => {
      const { service, mocks, setEvidence } = setup({ evidenceWaitMs: 5 });
      const first = await service.getMigration();
      const slow = slowEvidence(mocks);
      setEvidence(nextEvent('3.2.2'));
      expect(await service.getMigration()).toBe(first);
      setEvidence(nextEvent('3.2.3'));
      setEvidence(nextEvent('3.2.4'));
      // Generation 2 is still being computed: 3 and 4 are not started beside it.
      expect(await service.getMigration()).toBe(first);
      expect(await service.getMigration()).toBe(first);
      expect(slow.held).toHaveLength(1);
      slow.release();
      slow.restore();
      // The first request after generation 2 is computed starts the newest (4), never 3.
      const newest = await answeredWhen(
        () => service.getMigration(),
        answer => JSON.stringify(answer).includes('3.2.4'),
      );
      expect(JSON.stringify(newest)).toContain('3.2.4');
      // Generations 1, 2 and 4 were read; 3 never was.
      expect(mocks.getEvidence).toHaveBeenCalledTimes(3);
    });

    it("never mixes generations: a result computed for the new generation reads that generation's results, not the previous answers", async () => {
      const { service, mocks, setEvidence } = setup({ evidenceWaitMs: 5 });
      const domainRef = 'domain:default/orders';
      const before = await service.getDomainMigration(domainRef);
      const slow = slowEvidence(mocks);
      setEvidence(nextEvent('3.2.2'));
      // The domain's answer of the new generation is cut from the new migration status.
      expect(await service.getDomainMigration(domainRef)).toBe(before);
      // Longer than evidenceWaitMs: what the computation asked for has waited that long too.
      await new Promise(resolve => setTimeout(resolve, 30));
      await slow.asked();
      slow.release();
      slow.restore();
      const after = await answeredWhen(
        () => service.getDomainMigration(domainRef),
        answer => answer !== before,
      );
      expect(after).not.toBe(before);
      expect(JSON.stringify(after)).toContain('3.2.2');
      expect(JSON.stringify(before)).not.toContain('3.2.2');
    });
  });

  it('does not keep a failed computation', async () => {
    const { service, mocks } = setup();
    mocks.getEvidence.mockRejectedValueOnce(new Error('database down'));
    await expect(service.getMigration()).rejects.toThrow('database down');
    await expect(service.getMigration()).resolves.toMatchObject({
      domains: expect.any(Array),
    });
  });

  describe('small answers for entity cards', () => {
    it('one domain of the migration status', async () => {
      const { service } = setup();
      const all = await service.getMigration();
      const one = await service.getDomainMigration('domain:default/orders');
      const whole = all.domains.find(
        d => d.domainRef === 'domain:default/orders',
      )!;
      expect(one.domain).toEqual(boundDomainMigration(whole, 10));
      // Cut once per generation: the same answer (serialised once) for the next reader.
      expect(await service.getDomainMigration('domain:default/orders')).toBe(
        one,
      );
      const everything = await service.getDomainMigration(
        'domain:default/orders',
        { limit: 10_000 },
      );
      expect(everything.domain).toEqual(whole);
      await expect(
        service.getDomainMigration('domain:default/nope'),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('pages of the migration overview, cut from the cached status and kept per query', async () => {
      const { service } = setup();
      const all = await service.getMigration();
      const query = { limit: 1, offset: 0 };
      const page = await service.getMigrationOverview(query);
      expect(page).toEqual(migrationOverview(all, query));
      expect(await service.getMigrationOverview({ ...query })).toBe(page);
      expect(await service.getMigration()).toBe(all);
      const other = await service.getMigrationOverview({
        ...query,
        q: 'orders',
      });
      expect(other).not.toBe(page);
      expect(other.domains.map(d => d.domainRef)).toEqual([
        'domain:default/orders',
      ]);
    });

    it("one team's ownership", async () => {
      const { service } = setup();
      const one = await service.getOwnership({
        team: 'group:default/orders-team',
      });
      expect(one.teams.map(t => t.entityRef)).toEqual([
        'group:default/orders-team',
      ]);
      expect(one.domains.map(d => d.entityRef).sort()).toEqual([
        'domain:default/checkout',
        'domain:default/orders',
      ]);
      await expect(
        service.getOwnership({ team: 'group:default/nope' }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it("one service's releases", async () => {
      const { service, setEvidence } = setup();
      setEvidence({
        deployments: [
          deployment('orders-service', '3.2.1'),
          deployment('payments-service', '1.9.4'),
        ],
        testRuns: [],
      });
      const one = await service.getReleases({
        entityRef: 'component:default/payments-service',
      });
      expect(one.current.map(r => r.version)).toEqual(['1.9.4']);
    });

    it("one service's releases are every service's, filtered, from its own CI names' heads only", async () => {
      // orders-service also claims the CI name orders-svc.
      const catalog = new StaticCatalogSource(
        withOrders(claimingCiName('orders-svc')),
      );
      const { store, mocks, setEvidence } = mockStore();
      const service = new AnalysisService({
        catalog,
        store,
        now: () => new Date('2026-11-28T00:00:00Z'),
      });
      const at = (day: number) => `2026-11-${day}T10:00:00.000Z`;
      setEvidence({
        deployments: [
          // Under its own name and the name it claims: one service, 3.3.0 after 3.2.1.
          deployment('orders-service', '3.2.1', { occurredAt: at(20) }),
          deployment('Orders-Svc', '3.3.0', { occurredAt: at(21) }),
          deployment('orders-service', '3.1.0', {
            environment: 'staging',
            occurredAt: at(19),
          }),
          deployment('payments-service', '1.9.4', { occurredAt: at(20) }),
          deployment('payments-service', '2.0.0', {
            occurredAt: at(22),
            status: 'failure',
          }),
          // Environments only other services (or no catalog entity) deploy to.
          deployment('inventory-service', '0.4.0', {
            environment: 'qa',
            occurredAt: at(20),
          }),
          deployment('not-in-the-catalog', '1.0.0', {
            environment: 'sandbox',
            occurredAt: at(20),
          }),
        ],
        testRuns: [],
      });
      // Every service's releases from another replica: this one computes none.
      const all = await new AnalysisService({
        catalog,
        store,
        now: () => new Date('2026-11-28T00:00:00Z'),
      }).getReleases();
      const entityRefs = [
        ...new Set(
          all.current.flatMap(r => (r.entityRef ? [r.entityRef] : [])),
        ),
      ];
      expect(entityRefs).toEqual(
        expect.arrayContaining([
          'component:default/orders-service',
          'component:default/payments-service',
          'component:default/inventory-service',
        ]),
      );
      mocks.listLiveHeads.mockClear();
      for (const entityRef of entityRefs) {
        const one = await service.getReleases({ entityRef });
        expect(one).toEqual({
          ...all,
          current: all.current.filter(r => r.entityRef === entityRef),
        });
      }
      const ofOrders = await service.getReleases({
        entityRef: 'component:default/orders-service',
      });
      expect(
        ofOrders.current
          .map(r => [r.environment, r.version, r.previousVersion])
          .sort(),
      ).toEqual([
        ['production', '3.3.0', '3.2.1'],
        ['staging', '3.1.0', undefined],
      ]);
      expect(
        [...ofOrders.environments, ...ofOrders.otherEnvironments].sort(),
      ).toEqual(['production', 'qa', 'sandbox', 'staging']);
      // Each entity's heads were read by its CI names, never every service's.
      expect(mocks.listLiveHeads.mock.calls).toEqual(
        expect.arrayContaining([
          [{ serviceKeys: ['orders-service', 'orders-svc'] }],
          [{ serviceKeys: ['payments-service'] }],
        ]),
      );
      expect(
        mocks.listLiveHeads.mock.calls.filter(([options]) => !options),
      ).toEqual([]);
    });

    it("one service's releases are cut from every service's when those of the generation are computed (prepared, or asked by the Releases tab): nothing is read", async () => {
      const { service, mocks, setEvidence } = setup();
      setEvidence({
        deployments: [
          deployment('orders-service', '3.2.1'),
          deployment('payments-service', '1.9.4'),
          deployment('payments-service', '1.9.3', { environment: 'staging' }),
        ],
        testRuns: [],
      });
      const all = await service.getReleases();
      const reads = () => [
        mocks.listLiveHeads.mock.calls.length,
        mocks.getReleaseEvidence.mock.calls.length,
        mocks.listLiveEnvironments.mock.calls.length,
      ];
      const before = reads();
      const entityRef = 'component:default/payments-service';
      const one = await service.getReleases({ entityRef });
      expect(reads()).toEqual(before);
      expect(one).toEqual({
        ...all,
        current: all.current.filter(r => r.entityRef === entityRef),
      });
      expect(one.current.map(r => [r.environment, r.version]).sort()).toEqual([
        ['production', '1.9.4'],
        ['staging', '1.9.3'],
      ]);

      // After a CI event, before every service's releases of it are computed: its own rows.
      setEvidence({
        deployments: [
          deployment('orders-service', '3.2.1'),
          deployment('payments-service', '1.9.5'),
        ],
        testRuns: [],
      });
      const after = await service.getReleases({ entityRef });
      expect(after.current.map(r => r.version)).toEqual(['1.9.5']);
      expect(mocks.listLiveHeads).toHaveBeenLastCalledWith({
        serviceKeys: ['payments-service'],
      });
    });
  });

  it.each([
    ['on the event loop', false],
    ['on the failure matrix worker', true],
  ])(
    "keeps the served generation's domain matrix rows when a catalog edit changes no dependency, and computes them again when one does (%s)",
    async (_, onWorker) => {
      const source = preparingCatalog({ entities, generation: 1 });
      const matrixWorker = onWorker
        ? new FailureMatrixWorker({
            logger: mockServices.logger.mock(),
            execArgv: [
              '--require',
              require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
            ],
          })
        : undefined;
      const computedOnWorker = matrixWorker
        ? jest.spyOn(matrixWorker, 'compute')
        : undefined;
      const service = new AnalysisService({
        catalog: source.catalog,
        store: mockStore().store,
        matrixWorker,
      });
      const serve = async (next: CatalogSnapshot) => {
        await source.prepareAndServe(next);
        return await service.getDomainFailureMatrix(DEFAULT_PATH_OPTIONS);
      };
      const first = await service.getDomainFailureMatrix(DEFAULT_PATH_OPTIONS);

      // A Domain's title: the rows are kept, the titles are the new ones.
      const retitled = entities.map(e =>
        e.kind === 'Domain' && e.metadata.name === 'payments'
          ? { ...e, metadata: { ...e.metadata, title: 'Payments & refunds' } }
          : e,
      );
      const second = await serve({ entities: retitled, generation: 2 });
      expect(second).not.toBe(first);
      expect(second.rows).toBe(first.rows);
      // Rows kept are titled on this thread: the worker computed the first matrix only.
      expect(computedOnWorker?.mock.calls.length).toBe(
        onWorker ? 1 : undefined,
      );
      expect(first.titles['domain:default/payments']).toBe('Payments');
      expect(second.titles['domain:default/payments']).toBe(
        'Payments & refunds',
      );

      // A service gone: its dependencies are, so the rows are computed again.
      const rewired = retitled.filter(
        e => e.metadata.name !== 'notifications-service',
      );
      const third = await serve({ entities: rewired, generation: 3 });
      expect(third.rows).not.toBe(second.rows);
      expect(computedOnWorker?.mock.calls.length).toBe(
        onWorker ? 2 : undefined,
      );
      expect(third).toEqual(
        computeFailureMatrix(
          buildCatalogGraph(rewired),
          'domain',
          DEFAULT_PATH_OPTIONS,
        ),
      );
      expect(third).not.toEqual({ ...second, titles: third.titles });
      await matrixWorker?.close();
    },
  );

  it('keeps the domain matrix across a catalog edit that changes no dependency however many blast radii were asked meanwhile', async () => {
    const source = preparingCatalog({ entities, generation: 1 });
    const service = new AnalysisService({
      catalog: source.catalog,
      store: mockStore().store,
    });
    const first = await service.getDomainFailureMatrix(DEFAULT_PATH_OPTIONS);
    // More radii kept per failure structure than a bounded cache holds (each path option is
    // its own radius).
    for (let maxPathCells = 1; maxPathCells <= 300; maxPathCells++) {
      await service.getBlastRadius('component:default/orders-service', {
        maxPathCells,
      });
    }
    const retitled = entities.map(e =>
      e.kind === 'Domain' && e.metadata.name === 'payments'
        ? { ...e, metadata: { ...e.metadata, title: 'Payments & refunds' } }
        : e,
    );
    await source.prepareAndServe({ entities: retitled, generation: 2 });
    const second = await service.getDomainFailureMatrix(DEFAULT_PATH_OPTIONS);
    expect(second.titles['domain:default/payments']).toBe('Payments & refunds');
    expect(second.rows).toBe(first.rows);
  });

  it("keeps a service-level page's rows when a catalog edit changes no dependency (titled again), and computes them again when one does", async () => {
    const source = preparingCatalog({ entities, generation: 1 });
    const service = new AnalysisService({
      catalog: source.catalog,
      store: mockStore().store,
    });
    const query = { q: 'service', offset: 0, limit: 10 };
    const limits = { maxPathCells: MAX_PAGE_PATH_CELLS };
    const rowBuilds = () =>
      jest.mocked(serviceMatrixRowsSteps).mock.calls.length;
    const pageOf = () =>
      service.getFailureMatrixPage('service', DEFAULT_PATH_OPTIONS, query);
    const expected = (of: Entity[]) =>
      pageFailureMatrix(
        computeFailureMatrix(buildCatalogGraph(of), 'service'),
        query,
        limits,
      );
    const builds = rowBuilds();
    const first = await pageOf();
    expect(rowBuilds()).toBe(builds + 1);

    // A Component's title and a Domain's: the same rows, the new titles.
    const retitled = entities.map(e =>
      e.metadata.name === 'orders-service' || e.metadata.name === 'payments'
        ? { ...e, metadata: { ...e.metadata, title: `${e.metadata.name}!` } }
        : e,
    );
    await source.prepareAndServe({ entities: retitled, generation: 2 });
    const second = await pageOf();
    expect(rowBuilds()).toBe(builds + 1);
    expect(second).toEqual(expected(retitled));
    expect(second).not.toEqual(first);
    expect(second.titles['component:default/orders-service']).toBe(
      'orders-service!',
    );
    // Another edit of the same kind: still the rows first computed.
    const retitledTwice = retitled.map(e =>
      e.metadata.name === 'orders-service'
        ? { ...e, metadata: { ...e.metadata, title: 'Orders' } }
        : e,
    );
    await source.prepareAndServe({ entities: retitledTwice, generation: 3 });
    expect(await pageOf()).toEqual(expected(retitledTwice));
    expect(rowBuilds()).toBe(builds + 1);

    // A service gone: its dependencies are, so the rows are computed again.
    const rewired = retitledTwice.filter(
      e => e.metadata.name !== 'notifications-service',
    );
    await source.prepareAndServe({ entities: rewired, generation: 4 });
    expect(await pageOf()).toEqual(expected(rewired));
    expect(rowBuilds()).toBe(builds + 2);
  });

  it("keeps a Component's and a Domain's blast radius when a catalog edit changes no dependency, and walks a Group's again", async () => {
    // More than the default cut's entries depend on orders-service, so the cut is its own
    // object (the whole radius when it fits).
    const dependents: Entity[] = Array.from(
      { length: BLAST_RADIUS_LIMIT.default + 10 },
      (_, i) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `orders-client-${i}` },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'orders-team',
          domain: 'orders',
          dependsOn: ['component:default/orders-service'],
        },
      }),
    );
    const catalog = [...entities, ...dependents];
    const source = preparingCatalog({ entities: catalog, generation: 1 });
    const service = new AnalysisService({
      catalog: source.catalog,
      store: mockStore().store,
    });
    const refs = [
      'component:default/orders-service',
      'domain:default/orders',
      'group:default/orders-team',
    ];
    const [componentRef, domainRef, groupRef] = refs;
    const walks = (ref: string) =>
      jest.mocked(blastRadiusSteps).mock.calls.filter(([, of]) => of === ref)
        .length;
    const walksBefore = Object.fromEntries(refs.map(ref => [ref, walks(ref)]));
    const walksSince = (ref: string) => walks(ref) - walksBefore[ref];
    const radiusOf = (ref: string) =>
      service.getBlastRadius(ref, DEFAULT_PATH_OPTIONS);
    const expected = (of: Entity[], ref: string) =>
      computeBlastRadius(buildCatalogGraph(of), ref, DEFAULT_PATH_OPTIONS);
    const first = Object.fromEntries(
      await Promise.all(refs.map(async ref => [ref, await radiusOf(ref)])),
    );
    expect(refs.map(walksSince)).toEqual([1, 1, 1]);
    // GET /impact/…'s default cut (kept with the radius, so also its JSON as sent).
    const cutOf = (ref: string) =>
      service.getFirstEntriesOfBlastRadius(ref, {
        paths: DEFAULT_PATH_OPTIONS,
        limit: BLAST_RADIUS_LIMIT.default,
      });
    const firstCuts = Object.fromEntries(
      await Promise.all(refs.map(async ref => [ref, await cutOf(ref)])),
    );
    expect(firstCuts[componentRef]?.moreTakesDown).toBeGreaterThan(0);

    // orders-service moves to another team and gets a title: no dependency changes, but the
    // team it left no longer takes it down.
    const moved = catalog.map(e =>
      e.metadata.name === 'orders-service'
        ? {
            ...e,
            metadata: { ...e.metadata, title: 'Orders' },
            spec: { ...e.spec, owner: 'payments-team' },
          }
        : e,
    );
    await source.prepareAndServe({ entities: moved, generation: 2 });
    for (const ref of refs) {
      expect(await radiusOf(ref)).toEqual(expected(moved, ref));
    }
    expect(refs.map(walksSince)).toEqual([1, 1, 2]);
    expect(await radiusOf(componentRef)).toBe(first[componentRef]);
    expect(await radiusOf(groupRef)).not.toEqual(first[groupRef]);
    expect(await cutOf(componentRef)).toBe(firstCuts[componentRef]);
    expect(await cutOf(domainRef)).toBe(firstCuts[domainRef]);
    expect(await cutOf(groupRef)).not.toEqual(firstCuts[groupRef]);

    // A service gone: its dependencies are, so every radius is walked again.
    const rewired = moved.filter(
      e => e.metadata.name !== 'notifications-service',
    );
    await source.prepareAndServe({ entities: rewired, generation: 3 });
    for (const ref of [componentRef, domainRef]) {
      expect(await radiusOf(ref)).toEqual(expected(rewired, ref));
    }
    expect(refs.map(walksSince)).toEqual([2, 2, 2]);
  });

  it('computes the service-level matrix a page of rows at a time, never whole', async () => {
    const compute = jest.fn();
    const service = new AnalysisService({
      catalog: new StaticCatalogSource(entities),
      store: mockStore().store,
      matrixWorker: {
        available: true,
        compute,
      } as unknown as FailureMatrixWorker,
    });
    const graph = buildCatalogGraph(entities);
    const whole = computeFailureMatrix(graph, 'service');
    const limits = { maxPathCells: MAX_PAGE_PATH_CELLS };
    const query = { limit: 3, offset: 2 };
    const page = await service.getFailureMatrixPage(
      'service',
      DEFAULT_PATH_OPTIONS,
      query,
    );
    expect(page).toEqual(pageFailureMatrix(whole, query, limits));
    expect(page.totalItems).toBe(whole.rows.length);
    // Its columns are the Components its rows reach, each reached by one of them.
    expect(page.columns.length).toBeLessThan(whole.rows.length);
    page.columns.forEach((_column, i) =>
      expect(page.rows.some(row => row.impacts[i] !== '.')).toBe(true),
    );
    // Kept per generation: the same object (serialised once).
    expect(
      await service.getFailureMatrixPage(
        'service',
        DEFAULT_PATH_OPTIONS,
        query,
      ),
    ).toBe(page);
    // With `cells`, each row's worst cells and how many more: kept apart from the whole page.
    const worst = await service.getFailureMatrixPage(
      'service',
      DEFAULT_PATH_OPTIONS,
      { limit: 50, offset: 0, cells: 1 },
    );
    expect(worst).toEqual(
      pageFailureMatrix(whole, { limit: 50, offset: 0, cells: 1 }, limits),
    );
    expect(
      worst.rows.every(row => row.impacts.replace(/\./g, '').length <= 1),
    ).toBe(true);
    expect(worst.rows.some(row => (row.moreCells ?? 0) > 0)).toBe(true);
    expect(
      (
        await service.getFailureMatrixPage('service', DEFAULT_PATH_OPTIONS, {
          limit: 50,
          offset: 0,
        })
      ).rows.some(row => row.moreCells !== undefined),
    ).toBe(false);
    const failing = whole.rows[4].failing;
    expect(
      await service.getFailureMatrixPage('service', DEFAULT_PATH_OPTIONS, {
        limit: 50,
        offset: 0,
        failing,
      }),
    ).toEqual(
      pageFailureMatrix(whole, { limit: 50, offset: 0, failing }, limits),
    );
    expect(
      await service.getFailureMatrixPage('service', DEFAULT_PATH_OPTIONS, {
        limit: 50,
        offset: 0,
        failing: 'domain:default/payments',
      }),
    ).toMatchObject({ totalItems: 0, rows: [] });
    // The filter box: the rows whose failing ref or title contains `q`, among every Component.
    const orders = await service.getFailureMatrixPage(
      'service',
      DEFAULT_PATH_OPTIONS,
      { limit: 1, offset: 1, q: 'SERVICE' },
    );
    expect(orders).toEqual(
      pageFailureMatrix(whole, { limit: 1, offset: 1, q: 'SERVICE' }, limits),
    );
    expect(orders.totalItems).toBeGreaterThan(1);
    expect(orders.totalItems).toBeLessThan(whole.rows.length);
    // Each (failing, q) its own selection, whatever characters the two hold.
    const [kind, rest] = failing.split(':');
    expect(
      await service.getFailureMatrixPage('service', DEFAULT_PATH_OPTIONS, {
        limit: 50,
        offset: 0,
        failing: kind,
        q: `${rest}:`,
      }),
    ).toMatchObject({ totalItems: 0, rows: [] });
    // The rows only: neither the worker nor a whole matrix on the loop.
    expect(compute).not.toHaveBeenCalled();

    // A reader who does not see a service: not a row, nor named, and the pages count without it.
    const hidden = whole.rows[0].failing;
    const redactor = new AnalysisRedactor(graph, {
      has: ref => ref !== hidden,
    });
    const restricted = await service.getFailureMatrixPage(
      'service',
      DEFAULT_PATH_OPTIONS,
      { limit: 25, offset: 0, redactor },
    );
    expect(restricted).toEqual(
      pageFailureMatrix(
        redactor.failureMatrix(whole),
        { limit: 25, offset: 0 },
        limits,
      ),
    );
    expect(restricted.totalItems).toBe(whole.rows.length - 1);
    expect(JSON.stringify(restricted)).not.toContain(hidden);
  });

  it('computes the matrix on the event loop when the failure matrix worker cannot start', async () => {
    const logger = mockServices.logger.mock();
    const matrixWorker = new FailureMatrixWorker({
      logger,
      execArgv: ['--require', '/nonexistent/loader.cjs'],
    });
    const service = new AnalysisService({
      catalog: new StaticCatalogSource(entities),
      store: mockStore().store,
      matrixWorker,
    });
    expect(await service.getDomainFailureMatrix(DEFAULT_PATH_OPTIONS)).toEqual(
      computeFailureMatrix(
        buildCatalogGraph(entities),
        'domain',
        DEFAULT_PATH_OPTIONS,
      ),
    );
    expect(matrixWorker.available).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/computed on the event loop from now on/),
    );
  });

  it('prepares a new catalog generation (graph, ownership, domain matrix, the whole context map, the unmatched events) while the previous one is still served', async () => {
    const source = preparingCatalog({ entities, generation: 1 });
    const { store, mocks, setEvidence } = mockStore();
    // One service no catalog entity claims, so its events are read.
    setEvidence({
      deployments: [
        deployment('orders-service', '3.2.1'),
        deployment('legacy-batch', '1.0.0'),
      ],
      testRuns: [],
    });
    const unmatchedReads = () => [
      mocks.listServiceNames.mock.calls.length,
      mocks.listEventsOfServices.mock.calls.length,
    ];
    const service = new AnalysisService({
      catalog: source.catalog,
      store,
      evidenceProbeMs: 250,
    });
    expect(source.hasPreparer()).toBe(true);
    const oldMatrix = await service.getDomainFailureMatrix({
      maxPathCells: 1000,
    });
    const oldOwnership = await service.getOwnership();

    // The next generation has one team fewer (its domains are then unowned).
    // Its entities count how often they are read (each graph build reads them once).
    const nextEntities = entities.filter(
      e => !(e.kind === 'Group' && e.metadata.name === 'payments-team'),
    );
    let graphBuilds = 0;
    const counted = Object.assign([...nextEntities], {
      [Symbol.iterator]() {
        graphBuilds += 1;
        return nextEntities[Symbol.iterator]();
      },
    });
    const next: CatalogSnapshot = { entities: counted, generation: 2 };
    const mapBuilds = () => jest.mocked(contextMapSteps).mock.calls.length;
    const mapBuildsBefore = mapBuilds();
    const preparing = source.prepare(next);
    // While it is prepared, requests get the served generation's results at once.
    expect(await service.getOwnership()).toBe(oldOwnership);
    expect(await service.getDomainFailureMatrix({ maxPathCells: 1000 })).toBe(
      oldMatrix,
    );
    await preparing;
    expect(graphBuilds).toBe(1);
    const evidenceReads = mocks.getEvidence.mock.calls.length;
    const headReads = mocks.listLiveHeads.mock.calls.length;

    // Once served, the prepared results are there without computing again.
    source.serve(next);
    const newOwnership = await service.getOwnership();
    const newMatrix = await service.getDomainFailureMatrix({
      maxPathCells: 1000,
    });
    expect(newOwnership).not.toBe(oldOwnership);
    expect(newOwnership.teams.map(t => t.entityRef)).not.toContain(
      'group:default/payments-team',
    );
    expect(oldOwnership.teams.map(t => t.entityRef)).toContain(
      'group:default/payments-team',
    );
    expect(newMatrix).not.toBe(oldMatrix);
    expect(graphBuilds).toBe(1); // the requests found the graph built
    // The answers that read CI evidence were prepared too: nothing is read again.
    await service.getMigration();
    await service.getReleases();
    await service.getRuleViolations();
    expect(mocks.getEvidence.mock.calls.length).toBe(evidenceReads);
    expect(mocks.listLiveHeads.mock.calls.length).toBe(headReads);
    // The whole context map too (built once, while prepared): the Map tab's first view and
    // its pickers after the switch are cut from it.
    expect(mapBuilds()).toBe(mapBuildsBefore + 1);
    const view = await service.getContextMapView({});
    expect(view.nodes.map(node => node.domainRef)).toContain(
      'domain:default/payments',
    );
    await service.getContextMapChoices('teams');
    expect(mapBuilds()).toBe(mapBuildsBefore + 1);
    // And the Releases tab's unmatched events (the default limit), read while prepared.
    expect(unmatchedReads()).toEqual([1, 1]);
    expect(
      await service.getUnmatchedEvents(UNMATCHED_EVENTS_DEFAULT_LIMIT),
    ).toEqual({ items: [] });
    expect(unmatchedReads()).toEqual([1, 1]);
  });

  it('carries the evidence and the releases over to a prepared generation that matches CI records the same, and matches them again when it does not', async () => {
    const now = () => new Date('2026-11-28T00:00:00Z');
    // A title and an owner: the migration status changes, no CI record matches otherwise.
    const rename = (orders: Entity) => {
      orders.metadata.title = 'Orders (renamed)';
      (orders.spec as { owner: string }).owner = 'payments-team';
    };
    const renamed = withOrders(rename);
    // And a CI service name claimed: `orders-svc` now matches orders-service.
    const claimed = withOrders(orders => {
      rename(orders);
      claimingCiName('orders-svc')(orders);
    });
    const evidence: StoredEvidence = {
      deployments: [
        deployment('orders-svc', '3.2.1'),
        deployment('payments-service', '1.9.4', {
          occurredAt: '2026-11-21T10:00:00.000Z',
        }),
      ],
      testRuns: [],
    };
    /** What a service computing everything afresh answers for `at`. */
    const afresh = async (at: Entity[]) => {
      const { store, setEvidence } = mockStore();
      setEvidence(evidence);
      const fresh = new AnalysisService({
        catalog: new StaticCatalogSource(at),
        store,
        now,
      });
      return {
        migration: await fresh.getMigration(),
        releases: await fresh.getReleases(),
        rules: await fresh.getRuleViolations(),
      };
    };

    const source = preparingCatalog({ entities, generation: 1 });
    const { store, mocks, setEvidence } = mockStore();
    setEvidence(evidence);
    const service = new AnalysisService({
      catalog: source.catalog,
      store,
      now,
      evidenceProbeMs: 250,
    });
    const firstMigration = await service.getMigration();
    const firstReleases = await service.getReleases();
    expect(
      firstReleases.current.find(r => r.service === 'orders-svc')?.entityRef,
    ).toBeUndefined();
    const releaseReads = mocks.getReleaseEvidence.mock.calls.length;

    const second: CatalogSnapshot = { entities: renamed, generation: 2 };
    await source.prepareAndServe(second);
    // Nothing read or matched again: the releases are the same object.
    expect(mocks.getReleaseEvidence.mock.calls.length).toBe(releaseReads);
    expect(await service.getReleases()).toBe(firstReleases);
    // And what reads the catalog itself is computed with the new one.
    const secondMigration = await service.getMigration();
    expect(secondMigration).not.toEqual(firstMigration);
    expect({
      migration: secondMigration,
      releases: await service.getReleases(),
      rules: await service.getRuleViolations(),
    }).toEqual(await afresh(renamed));

    const third: CatalogSnapshot = { entities: claimed, generation: 3 };
    await source.prepareAndServe(third);
    const thirdReleases = await service.getReleases();
    expect(mocks.getReleaseEvidence.mock.calls.length).toBe(releaseReads + 1);
    expect(
      thirdReleases.current.find(r => r.service === 'orders-svc')?.entityRef,
    ).toBe('component:default/orders-service');
    expect({
      migration: await service.getMigration(),
      releases: thirdReleases,
      rules: await service.getRuleViolations(),
    }).toEqual(await afresh(claimed));
  });

  it("computes a generation's preparation in the background, and what requests ask of the served one (or wait for at start-up) in the foreground", async () => {
    const first: CatalogSnapshot = { entities, generation: 1 };
    const source = preparingCatalog(first);
    const { store, mocks } = mockStore();
    const service = new AnalysisService({
      catalog: source.catalog,
      store,
      evidenceProbeMs: 250,
    });
    const sliced = jest.mocked(runInSlices);
    // The store's own slices (the violation lifecycle read and reconciled) follow the check's.
    const backgroundOfViolationUpdates = () =>
      mocks.updateViolations.mock.calls.map(([, , options]) => options);
    const backgroundOfCalls = () =>
      sliced.mock.calls.map(([, options]) => options?.background ?? false);

    // At start-up nothing is served yet: requests wait for the first generation.
    sliced.mockClear();
    await source.prepare(first);
    expect(sliced.mock.calls.length).toBeGreaterThanOrEqual(8);
    expect(new Set(backgroundOfCalls())).toEqual(new Set([false]));
    expect(backgroundOfViolationUpdates()).toEqual([{ background: false }]);
    await service.getOwnership();

    sliced.mockClear();
    // One Component fewer, so CI records are matched again (nothing is carried over).
    const next: CatalogSnapshot = {
      entities: entities.filter(e => e.metadata.name !== 'coupons-service'),
      generation: 2,
    };
    await source.prepare(next);
    // Graph, ownership, matrix, evidence, migration, rules and releases of generation 2.
    expect(sliced.mock.calls.length).toBeGreaterThanOrEqual(8);
    expect(new Set(backgroundOfCalls())).toEqual(new Set([true]));
    expect(backgroundOfViolationUpdates()).toEqual([
      { background: false },
      { background: true },
    ]);

    // Once served, what a request computes for it is in the foreground.
    source.serve(next);
    sliced.mockClear();
    for (const ref of [
      'component:default/payments-service',
      'domain:default/payments',
    ]) {
      await service.getBlastRadius(ref, DEFAULT_PATH_OPTIONS);
    }
    expect(sliced.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(backgroundOfCalls())).toEqual(new Set([false]));
  });

  it("keeps the served generation's rule answers while a new one is prepared, and answers from the prepared ones once it is served", async () => {
    const first: CatalogSnapshot = { entities, generation: 1 };
    const source = preparingCatalog(first);
    const { store } = mockStore();
    const service = new AnalysisService({
      catalog: source.catalog,
      store,
      evidenceProbeMs: 250,
    });
    await source.prepare(first);
    const served = await service.getRuleViolations();
    const servedPage = await service.getRuleViolationsPage({
      limit: 0,
      offset: 0,
    });
    const filters = () => jest.mocked(filterViolationsSteps).mock.calls.length;

    // A title edit: its preparation checks the rules and builds the context map from them.
    const next: CatalogSnapshot = {
      entities: withOrders(orders => {
        orders.metadata.title = 'Orders, renamed';
      }),
      generation: 2,
    };
    await source.prepare(next);
    // The served answers were not pushed out by the prepared ones (nor filtered again).
    const filtersPrepared = filters();
    expect(await service.getRuleViolations()).toBe(served);
    expect(await service.getRuleViolationsPage({ limit: 0, offset: 0 })).toBe(
      servedPage,
    );
    expect(filters()).toBe(filtersPrepared);

    // Served: the prepared answer, not filtered again.
    source.serve(next);
    const answer = await service.getRuleViolations();
    expect(answer).not.toBe(served);
    expect(filters()).toBe(filtersPrepared);
  });

  it('cuts pages of the rule violations from one kept selection per text filter', async () => {
    const { store, mocks } = mockStore();
    const service = new AnalysisService({
      catalog: new StaticCatalogSource(entities),
      store,
      now: () => new Date('2026-11-28T00:00:00Z'),
    });
    const whole = await service.getRuleViolations();
    const first = await service.getRuleViolationsPage({ limit: 1, offset: 0 });
    expect(first.violations).toEqual(whole.violations.slice(0, 1));
    expect(first.totalItems).toBe(whole.violations.length);
    const again = await service.getRuleViolationsPage({
      q: '',
      limit: 2,
      offset: 1,
    });
    expect(again.violations).toEqual(whole.violations.slice(1, 3));
    // One selection (and its counts) per status, entity and filter, shared by its pages.
    expect(again.counts).toBe(first.counts);
    const upper = await service.getRuleViolationsPage({
      q: 'ORDERS',
      limit: 0,
      offset: 0,
    });
    const lower = await service.getRuleViolationsPage({
      q: ' orders ',
      limit: 0,
      offset: 0,
    });
    expect(lower.counts).toBe(upper.counts);
    expect(upper.totalItems).toBe(
      whole.violations.filter(
        v =>
          v.message.toLowerCase().includes('orders') ||
          v.entityRefs.some(r => r.includes('orders')),
      ).length,
    );
    // The lifecycle this check stored is listed from the check itself, not read again.
    expect(mocks.updateViolations).toHaveBeenCalledTimes(1);
    expect(mocks.listViolations).not.toHaveBeenCalled();
  });

  it('keeps each page of the rule violations per listing for readers who see everything (one object, serialised once)', async () => {
    let nowMs = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => nowMs);
    try {
      const { store, mocks } = mockStore();
      const service = new AnalysisService({
        catalog: new StaticCatalogSource(entities),
        store,
        now: () => new Date('2026-11-28T00:00:00Z'),
        violationsRelistMs: 30_000,
      });
      const { graph } = await service.getCatalog();
      const everyone = new AnalysisRedactor(graph, EVERY_ENTITY_VISIBLE);
      const whole = await service.getRuleViolations();
      const rule = whole.violations[whole.violations.length - 1].rule;
      const query = { rule, limit: 2, offset: 0 };
      const page = await service.getRuleViolationsPage(query);
      expect(page.violations.length).toBeGreaterThan(0);
      expect(page.violations).toEqual(
        whole.violations.filter(v => v.rule === rule).slice(0, 2),
      );
      expect(
        await service.getRuleViolationsPage({ ...query, redactor: everyone }),
      ).toBe(page);
      expect(await service.serialised(page)).toBe(
        await service.serialised(await service.getRuleViolationsPage(query)),
      );
      // Another page, rule, status or filter is another answer.
      expect(
        await service.getRuleViolationsPage({ ...query, offset: 1 }),
      ).not.toBe(page);
      expect(
        await service.getRuleViolationsPage({ ...query, rule: undefined }),
      ).not.toBe(page);
      expect(
        await service.getRuleViolationsPage({ ...query, status: 'all' }),
      ).not.toBe(page);
      expect(
        await service.getRuleViolationsPage({ ...query, q: 'orders' }),
      ).not.toBe(page);
      // A reader the catalog hides entities from gets a page cut for them, never kept.
      const someone = new AnalysisRedactor(
        graph,
        new Set(whole.violations[0].entityRefs),
      );
      const redacted = await service.getRuleViolationsPage({
        ...query,
        redactor: someone,
      });
      expect(redacted).not.toBe(page);
      expect(
        await service.getRuleViolationsPage({ ...query, redactor: someone }),
      ).not.toBe(redacted);
      // A relisting that says the same keeps the open pages; one that moved on cuts them anew.
      nowMs += 30_000;
      await service.getRuleViolationsPage(query);
      await new Promise(resolve => setImmediate(resolve));
      expect(await service.getRuleViolationsPage(query)).toBe(page);
      mocks.listViolations.mockResolvedValueOnce(
        whole.violations.map(v =>
          v.rule === rule
            ? { ...v, lastSeenAt: '2026-11-28T01:00:00.000Z' }
            : v,
        ),
      );
      nowMs += 30_000;
      await service.getRuleViolationsPage(query);
      await new Promise(resolve => setImmediate(resolve));
      const moved = await service.getRuleViolationsPage(query);
      expect(moved).not.toBe(page);
      expect(moved.violations.map(v => v.lastSeenAt)).toEqual(
        page.violations.map(() => '2026-11-28T01:00:00.000Z'),
      );
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('lists the violation lifecycle once per relist interval (in the background) and shares each answer per status and entity', async () => {
    let nowMs = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => nowMs);
    try {
      const { store, mocks } = mockStore();
      const service = new AnalysisService({
        catalog: new StaticCatalogSource(entities),
        store,
        now: () => new Date('2026-11-28T00:00:00Z'),
        evidenceProbeMs: 250,
        violationsRelistMs: 30_000,
      });
      const first = await service.getRuleViolations();
      expect(first.violations.length).toBeGreaterThan(0);
      const listed = mocks.listViolations.mock.calls.length;
      expect(await service.getRuleViolations()).toBe(first);
      expect(await service.getRuleViolations({ status: 'open' })).toBe(first);
      const all = await service.getRuleViolations({ status: 'all' });
      expect(all).not.toBe(first);
      const oneEntity = first.violations[0].entityRefs[0];
      const filtered = await service.getRuleViolations({
        entityRef: oneEntity,
      });
      expect(filtered.violations.length).toBeGreaterThan(0);
      expect(
        filtered.violations.every(v => v.entityRefs.includes(oneEntity)),
      ).toBe(true);
      expect(await service.getRuleViolations({ entityRef: oneEntity })).toBe(
        filtered,
      );
      expect(mocks.listViolations.mock.calls.length).toBe(listed);
      // Not per evidence probe (a listing is ~200 ms of the event loop at 10,000 services)...
      nowMs += 250;
      expect(await service.getRuleViolations()).toBe(first);
      expect(mocks.listViolations.mock.calls.length).toBe(listed);
      // ... but after the relist interval it is listed again (another replica may have moved
      // it), in the background: meanwhile the last listing answers.
      nowMs += 30_000;
      expect(await service.getRuleViolations()).toBe(first);
      expect(mocks.listViolations.mock.calls.length).toBe(listed + 1);
      await new Promise(resolve => setImmediate(resolve));
      // It said the same: the open answers stay (not filtered and sorted again), the others
      // (resolved inside a window that moves) are cut again.
      expect(await service.getRuleViolations()).toBe(first);
      expect(await service.getRuleViolations({ status: 'all' })).not.toBe(all);
      expect(mocks.listViolations.mock.calls.length).toBe(listed + 1);
      // Moved on: the next listing brings a new answer with the new lifecycle.
      const [moved, ...rest] = first.violations;
      mocks.listViolations.mockResolvedValueOnce([
        { ...moved, lastSeenAt: '2026-11-28T01:00:00.000Z' },
        ...rest,
      ]);
      nowMs += 30_000;
      expect(await service.getRuleViolations()).toBe(first);
      await new Promise(resolve => setImmediate(resolve));
      const after = await service.getRuleViolations();
      expect(after).not.toBe(first);
      expect(after.violations[0].lastSeenAt).toBe('2026-11-28T01:00:00.000Z');
      expect(mocks.listViolations.mock.calls.length).toBe(listed + 2);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
