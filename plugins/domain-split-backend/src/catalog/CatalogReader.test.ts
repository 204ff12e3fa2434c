import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createHash } from 'node:crypto';
import type { SettledCatalogStore } from '../database/SettledCatalogStore';
import { runInSlices } from '../service/runInSlices';
import {
  CATALOG_KINDS,
  CATALOG_LIST_FIELDS,
  CATALOG_PAGE_SIZE,
  CATALOG_READ_FIELDS,
  CatalogReader,
} from './CatalogReader';

// Called through, and counted: each page of a read is hashed in slices.
jest.mock('../service/runInSlices', () => {
  const actual = jest.requireActual('../service/runInSlices');
  return { ...actual, runInSlices: jest.fn(actual.runInSlices) };
});

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', description: 'not asked for' },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
}

const entities: Entity[] = [
  ...Array.from({ length: CATALOG_PAGE_SIZE + 201 }, (_, i) =>
    component(`service-${i}`),
  ),
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Location',
    metadata: { name: 'a-location', namespace: 'default' },
    spec: { targets: [] },
  },
];

/** The kind a first query asks for (the reader asks kind by kind). */
function kindOf(request: unknown): string | undefined {
  return (request as { filter?: { kind?: string } }).filter?.kind;
}

/** An entity as the catalog serves it: with an etag that changes whenever the entity does. */
function withEtag(entity: Entity): Entity {
  if (entity.metadata.etag) return entity;
  const etag = createHash('sha1').update(JSON.stringify(entity)).digest('hex');
  return { ...entity, metadata: { ...entity.metadata, etag } };
}

/**
 * A page of the test's entities for one kind's first query: the page at `offset` when it asks
 * for one (shifted by `shift`: entities created or deleted between pages), else all of them.
 */
function pageOfKind(request: unknown, all: Entity[], shift = 0) {
  const ofKind = all
    .filter(entity => entity.kind === kindOf(request))
    .map(withEtag);
  const { offset, limit } = request as { offset?: number; limit: number };
  const items =
    offset === undefined
      ? ofKind
      : ofKind.slice(
          Math.max(0, offset + (offset > 0 ? shift : 0)),
          offset + (offset > 0 ? shift : 0) + limit,
        );
  return { items, totalItems: items.length, pageInfo: {} };
}

/** The test's entities asked for by ref (none for a ref it does not hold, as the catalog). */
function byRefs(request: { entityRefs: string[] }, all: Entity[]) {
  const held = new Map(all.map(entity => [stringifyEntityRef(entity), entity]));
  return {
    items: request.entityRefs.map(ref => {
      const entity = held.get(ref);
      return entity ? withEtag(entity) : undefined;
    }),
  };
}

/** A catalog whose entities a test changes (`entities()` is asked at every query). */
function changingCatalog(held: () => Entity[]) {
  return catalogServiceMock.mock({
    queryEntities: jest.fn(async request => pageOfKind(request, held())),
    getEntitiesByRefs: jest.fn(async request => byRefs(request, held())),
  });
}

/** How many whole reads a mocked `queryEntities` served: one first query per kind each. */
function readsOf(queryEntities: unknown) {
  const firstQueries = (queryEntities as jest.Mock).mock.calls.filter(
    ([request]) => !('cursor' in request),
  );
  return firstQueries.length / CATALOG_KINDS.length;
}

/** How many whole reads (not listings) a mocked `queryEntities` served. */
function wholeReadsOf(queryEntities: unknown) {
  const firstQueries = (queryEntities as jest.Mock).mock.calls.filter(
    ([request]) =>
      !('cursor' in request) && request.fields === CATALOG_READ_FIELDS,
  );
  return firstQueries.length / CATALOG_KINDS.length;
}

function fastReader(
  catalog: ReturnType<typeof catalogServiceMock>,
  options: {
    cacheTtlMs?: number;
    now?: () => number;
    settledCatalog?: SettledCatalogStore;
  } = {},
) {
  return new CatalogReader({
    catalog,
    auth: mockServices.auth(),
    cacheTtlMs: options.cacheTtlMs ?? 30_000,
    settleIntervalMs: 1,
    maxSettleReads: 5,
    loadWaitMs: 0,
    now: options.now,
    settledCatalog: options.settledCatalog,
  });
}

/** What a database keeps across restarts of the reader. */
function settledCatalogStore(options: { failing?: boolean } = {}) {
  let kept: string | undefined;
  return {
    getSettledCatalogFingerprint: jest.fn(async () => {
      if (options.failing) throw new Error('database gone');
      return kept;
    }),
    saveSettledCatalogFingerprint: jest.fn(async (fingerprint: string) => {
      if (options.failing) throw new Error('database gone');
      kept = fingerprint;
    }),
  };
}

describe('CatalogReader', () => {
  it('pages through the catalog with cursors, asking only for the needed kinds and fields and no count', async () => {
    const catalog = catalogServiceMock({ entities });
    const spy = jest.spyOn(catalog, 'queryEntities');
    const reader = fastReader(catalog);
    await reader.whenLoaded();
    const snapshot = await reader.getSnapshot();
    const { entities: result, generation } = snapshot;
    expect(snapshot).not.toHaveProperty('settled');
    expect(result).toHaveLength(CATALOG_PAGE_SIZE + 201); // the Location is not asked for
    expect(result[0].metadata.description).toBeUndefined();
    expect(generation).toBe(1);
    // Two full reads at start-up, each kind by kind (the Components a full page + 201): the
    // second confirms the first.
    expect(readsOf(spy)).toBe(2);
    expect(spy).toHaveBeenCalledTimes(2 * (CATALOG_KINDS.length + 1));
    const firstRead = spy.mock.calls.slice(0, CATALOG_KINDS.length);
    expect(firstRead.map(([request]) => request)).toEqual(
      CATALOG_KINDS.map(kind => ({
        filter: { kind },
        fields: CATALOG_READ_FIELDS,
        limit: CATALOG_PAGE_SIZE,
        totalItems: 'exclude',
      })),
    );
    expect(spy.mock.calls[CATALOG_KINDS.length][0]).toMatchObject({
      cursor: expect.any(String),
      fields: CATALOG_READ_FIELDS,
    });
    expect(spy.mock.calls[0][1]).toEqual({
      credentials: expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    });
  });

  it('says "still loading" until two reads in a row agree, and starts reading on the first ask', async () => {
    let current = entities.slice(0, 2);
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async request => {
        const page = pageOfKind(request, current);
        // The catalog is still processing: every read finds one more entity, up to 4.
        if (kindOf(request) === CATALOG_KINDS.at(-1)) {
          current = entities.slice(0, Math.min(4, current.length + 1));
        }
        return page;
      }),
    });
    const reader = fastReader(catalog);
    await expect(reader.getSnapshot()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('still loading'),
    });
    await reader.whenLoaded();
    expect((await reader.getSnapshot()).entities).toHaveLength(4);
  });

  it('after a restart, settles a first read that finds the catalog of the last settled read; another catalog is read until two reads agree', async () => {
    let names = ['a', 'b'];
    const catalog = changingCatalog(() => names.map(component));
    const store = settledCatalogStore();
    const first = fastReader(catalog, { settledCatalog: store });
    await first.whenLoaded();
    expect(readsOf(catalog.queryEntities)).toBe(2);
    expect(store.saveSettledCatalogFingerprint).toHaveBeenCalledTimes(1);

    // Restarted on the same database: one read.
    const restarted = fastReader(catalog, { settledCatalog: store });
    await restarted.whenLoaded();
    expect(readsOf(catalog.queryEntities)).toBe(3);
    const snapshot = await restarted.getSnapshot();
    expect(snapshot.entities.map(e => e.metadata.name)).toEqual(['a', 'b']);
    expect(snapshot).not.toHaveProperty('settled');
    // Nothing new to keep.
    expect(store.saveSettledCatalogFingerprint).toHaveBeenCalledTimes(1);

    // A change while it runs is kept too, so the next restart knows it.
    names = ['a', 'b', 'c'];
    await restarted.refreshInBackground();
    expect(store.saveSettledCatalogFingerprint).toHaveBeenCalledTimes(2);
    await fastReader(catalog, { settledCatalog: store }).whenLoaded();
    expect(readsOf(catalog.queryEntities)).toBe(5);

    // Restarted while the catalog differs from the kept one: two reads must agree again.
    names = ['a'];
    await fastReader(catalog, { settledCatalog: store }).whenLoaded();
    expect(readsOf(catalog.queryEntities)).toBe(7);
  });

  it('reads until two reads agree when the settled catalog cannot be read or kept', async () => {
    const catalog = catalogServiceMock({ entities: entities.slice(0, 3) });
    const spy = jest.spyOn(catalog, 'queryEntities');
    const store = settledCatalogStore({ failing: true });
    const reader = fastReader(catalog, { settledCatalog: store });
    await reader.whenLoaded();
    expect(readsOf(spy)).toBe(2);
    expect((await reader.getSnapshot()).entities).toHaveLength(3);
    expect(store.saveSettledCatalogFingerprint).toHaveBeenCalled();
  });

  it('takes the last read after maxSettleReads when the catalog keeps changing or stays empty, marked unsettled', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const spy = jest.spyOn(catalog, 'queryEntities');
    const reader = fastReader(catalog);
    await reader.whenLoaded();
    const snapshot = await reader.getSnapshot();
    expect(snapshot.entities).toEqual([]);
    expect(snapshot.settled).toBe(false);
    expect(readsOf(spy)).toBe(5);
  });

  it('settles an unsettled start-up read once a later read finds the same non-empty catalog', async () => {
    let names: string[] = [];
    const catalog = changingCatalog(() => names.map(component));
    const reader = fastReader(catalog);
    await reader.whenLoaded();
    expect((await reader.getSnapshot()).settled).toBe(false);

    // The catalog has processed its locations: the first read that finds them is still
    // unsettled (it differs from the one before), the next that agrees settles it.
    names = ['a', 'b'];
    await reader.refreshInBackground();
    expect(await reader.getSnapshot()).toMatchObject({
      generation: 2,
      settled: false,
    });
    await reader.refreshInBackground();
    const settled = await reader.getSnapshot();
    expect(settled.generation).toBe(2);
    expect(settled).not.toHaveProperty('settled');

    // Settled stays settled, even when the catalog changes later.
    names = ['a'];
    await reader.refreshInBackground();
    expect(await reader.getSnapshot()).not.toHaveProperty('settled');
  });

  it('takes in each page of a read, and fingerprints each read, in slices, at start-up and in a refresh', async () => {
    let current = entities;
    const catalog = changingCatalog(() => current);
    let now = 1_000;
    const reader = fastReader(catalog, { now: () => now });
    const sliced = jest.mocked(runInSlices);
    const pages = () => (catalog.queryEntities as jest.Mock).mock.calls.length;
    sliced.mockClear();
    await reader.whenLoaded();
    expect(pages()).toBeGreaterThan(0);
    // Each page, then each read's fingerprint.
    expect(sliced.mock.calls).toHaveLength(
      pages() + readsOf(catalog.queryEntities),
    );

    // A refresh that reads one changed entity: its listing's pages, the entity read, the
    // fingerprint.
    sliced.mockClear();
    const before = pages();
    current = [component('service-0-renamed'), ...entities.slice(1)];
    now += 30_000;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(pages()).toBeGreaterThan(before);
    expect(sliced.mock.calls).toHaveLength(pages() - before + 2);
  });

  it('serves the last read at once after the ttl and refreshes it in the background', async () => {
    let names = ['a', 'b'];
    const catalog = changingCatalog(() => names.map(component));
    let now = 1_000;
    const reader = fastReader(catalog, { now: () => now });
    await reader.whenLoaded();
    const first = await reader.getSnapshot();
    expect(first.generation).toBe(1);
    const reads = readsOf(catalog.queryEntities);

    now += 29_999;
    expect(await reader.getSnapshot()).toEqual(first);
    expect(readsOf(catalog.queryEntities)).toBe(reads);

    // The ttl is over: the caller still gets the old read at once, a refresh starts.
    names = ['a', 'b', 'c'];
    now += 1;
    const stale = await reader.getSnapshot();
    expect(stale.entities).toHaveLength(2);
    await reader.refreshInBackground();
    const fresh = await reader.getSnapshot();
    expect(fresh.entities).toHaveLength(3);
    expect(fresh.generation).toBe(2);

    // A refresh that finds the same entities keeps the generation (and the same array).
    now += 30_000;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    const same = await reader.getSnapshot();
    expect(same.generation).toBe(2);
    expect(same.entities).toBe(fresh.entities);
  });

  it('prepares each new generation before serving it, and serves it even when preparing fails', async () => {
    let names = ['a'];
    const catalog = changingCatalog(() => names.map(component));
    let now = 0;
    const reader = fastReader(catalog, { cacheTtlMs: 10, now: () => now });
    const prepared: number[] = [];
    let finishPreparing = () => {};
    let fail = false;
    reader.prepareEachGeneration(async snapshot => {
      prepared.push(snapshot.generation);
      await new Promise<void>(resolve => {
        finishPreparing = resolve;
      });
      if (fail) throw new Error('out of memory');
    });
    const loading = reader.whenLoaded();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(prepared).toEqual([1]);
    expect(reader.loaded).toBe(false); // still "loading" while generation 1 is prepared
    finishPreparing();
    await loading;
    expect((await reader.getSnapshot()).generation).toBe(1);

    // A changed catalog: generation 2 is prepared while generation 1 is served.
    names = ['a', 'b'];
    now += 10;
    await reader.getSnapshot();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(prepared).toEqual([1, 2]);
    expect((await reader.getSnapshot()).generation).toBe(1);
    finishPreparing();
    await reader.refreshInBackground();
    expect((await reader.getSnapshot()).entities).toHaveLength(2);

    // An unchanged read prepares nothing; a failed preparation still serves the new read.
    now += 10;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    expect(prepared).toEqual([1, 2]);
    names = ['a', 'b', 'c'];
    fail = true;
    now += 10;
    await reader.getSnapshot();
    await new Promise(resolve => setTimeout(resolve, 20));
    finishPreparing();
    await reader.refreshInBackground();
    const served = await reader.getSnapshot();
    expect(prepared).toEqual([1, 2, 3]);
    expect(served.generation).toBe(3);
    expect(served.entities).toHaveLength(3);
  });

  it('refreshes by listing refs and etags and reading whole only the changed entities, which gives what a whole read gives', async () => {
    const titled = (name: string, title: string) => {
      const entity = component(name);
      return { ...entity, metadata: { ...entity.metadata, title } };
    };
    const team: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    let current = [component('a'), component('b'), component('c'), team];
    const catalog = changingCatalog(() => current);
    const queries = catalog.queryEntities as jest.Mock;
    const store = settledCatalogStore();
    let now = 0;
    const reader = fastReader(catalog, {
      now: () => now,
      settledCatalog: store,
    });
    await reader.whenLoaded();
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();

    // b's title edited, c deleted, d added.
    current = [component('a'), titled('b', 'B'), team, component('d')];
    queries.mockClear();
    now += 30_000;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    expect(queries.mock.calls.map(([request]) => request)).toEqual(
      CATALOG_KINDS.map(kind => ({
        filter: { kind },
        fields: CATALOG_LIST_FIELDS,
        limit: CATALOG_PAGE_SIZE,
        offset: 0,
        totalItems: 'exclude',
      })),
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      {
        // b and d read, and c asked too: not listed, so it must be gone.
        entityRefs: [
          'component:default/b',
          'component:default/d',
          'component:default/c',
        ],
        fields: CATALOG_READ_FIELDS,
      },
      { credentials: expect.anything() },
    );
    const refreshed = await reader.getSnapshot();
    expect(refreshed.generation).toBe(2);
    expect(
      refreshed.entities.map(e => e.metadata.title ?? e.metadata.name),
    ).toEqual(['team', 'a', 'B', 'd']);
    // The etag is kept beside the entity, not served in it.
    expect(refreshed.entities.some(e => 'etag' in e.metadata)).toBe(false);

    // A whole read of the same catalog: the same entities, and the same fingerprint (a restart
    // on the kept fingerprint settles at its first read).
    queries.mockClear();
    const restarted = fastReader(catalog, { settledCatalog: store });
    await restarted.whenLoaded();
    expect(readsOf(queries)).toBe(1);
    expect((await restarted.getSnapshot()).entities).toEqual(
      refreshed.entities,
    );
  });

  it('keeps the generation and the entities when an etag changes with fields the analysis does not read, and reads that entity once', async () => {
    const tagged = (etag: string): Entity => {
      const entity = component('a');
      return { ...entity, metadata: { ...entity.metadata, etag } };
    };
    let current = [tagged('v1')];
    const catalog = changingCatalog(() => current);
    let now = 0;
    const reader = fastReader(catalog, { now: () => now });
    await reader.whenLoaded();
    const first = await reader.getSnapshot();

    current = [tagged('v2')];
    for (let refresh = 0; refresh < 2; refresh++) {
      now += 30_000;
      await reader.getSnapshot();
      await reader.refreshInBackground();
    }
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    const after = await reader.getSnapshot();
    expect(after.generation).toBe(1);
    expect(after.entities).toBe(first.entities);
  });

  it('reads the whole catalog in a refresh when more than a page changed, or an entity is gone by the time it is read', async () => {
    let current = entities;
    const catalog = changingCatalog(() => current);
    const queries = catalog.queryEntities as jest.Mock;
    let now = 0;
    const reader = fastReader(catalog, { now: () => now });
    await reader.whenLoaded();
    const wholeReads = () => wholeReadsOf(queries);
    const refresh = async () => {
      now += 30_000;
      await reader.getSnapshot();
      await reader.refreshInBackground();
    };
    expect(wholeReads()).toBe(2);

    // Every component retitled: more than a page.
    current = entities.map(entity => ({
      ...entity,
      metadata: { ...entity.metadata, title: 'retitled' },
    }));
    await refresh();
    expect(wholeReads()).toBe(3);
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
    const retitled = await reader.getSnapshot();
    expect(retitled.generation).toBe(2);
    expect(retitled.entities.every(e => e.metadata.title === 'retitled')).toBe(
      true,
    );

    // One edited, but gone when it is read.
    current = [component('service-0'), ...current.slice(1)];
    jest
      .mocked(catalog.getEntitiesByRefs)
      .mockImplementationOnce(async request => ({
        items: request.entityRefs.map(() => undefined),
      }));
    await refresh();
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(wholeReads()).toBe(4);
    const after = await reader.getSnapshot();
    expect(after.generation).toBe(3);
    expect(after.entities[0].metadata.title).toBeUndefined();
  });

  it('lists the pages a kind had at once, by offset, and the next while the last comes back full', async () => {
    let current = entities; // a page of Components and 201 more
    const catalog = changingCatalog(() => current);
    const queries = catalog.queryEntities as jest.Mock;
    let now = 0;
    const reader = fastReader(catalog, { now: () => now });
    await reader.whenLoaded();
    const componentOffsets = () =>
      queries.mock.calls
        .map(([request]) => request)
        .filter(request => kindOf(request) === 'Component')
        .map(request => request.offset);

    queries.mockClear();
    now += 30_000;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    expect(componentOffsets()).toEqual([0, CATALOG_PAGE_SIZE]);

    // Grown to two full pages: the second comes back full, so the third is asked after it.
    current = [
      ...entities,
      ...Array.from({ length: CATALOG_PAGE_SIZE - 201 }, (_, i) =>
        component(`more-${i}`),
      ),
    ];
    queries.mockClear();
    now += 30_000;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    expect(componentOffsets()).toEqual([
      0,
      CATALOG_PAGE_SIZE,
      2 * CATALOG_PAGE_SIZE,
    ]);
    const grown = await reader.getSnapshot();
    expect(grown.entities).toHaveLength(2 * CATALOG_PAGE_SIZE);
    expect(grown.generation).toBe(2);
  });

  it.each([
    ['an entity created between its pages lists one twice', -1],
    ['an entity deleted between its pages leaves one out', 1],
  ])('reads the whole catalog when %s', async (_, shift) => {
    let shifted = false;
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async request =>
        pageOfKind(request, entities, shifted ? shift : 0),
      ),
      getEntitiesByRefs: jest.fn(async request => byRefs(request, entities)),
    });
    const queries = catalog.queryEntities as jest.Mock;
    let now = 0;
    const reader = fastReader(catalog, { now: () => now });
    await reader.whenLoaded();
    const first = await reader.getSnapshot();
    const wholeReads = () => wholeReadsOf(queries);
    expect(wholeReads()).toBe(2);

    shifted = true;
    now += 30_000;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    expect(wholeReads()).toBe(3);
    const after = await reader.getSnapshot();
    expect(after.generation).toBe(1);
    expect(after.entities).toBe(first.entities);
  });

  it('keeps serving the previous read when a refresh fails', async () => {
    const catalog = catalogServiceMock({ entities: entities.slice(0, 3) });
    let now = 0;
    const reader = fastReader(catalog, { cacheTtlMs: 10, now: () => now });
    await reader.whenLoaded();
    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValueOnce(new Error('catalog down'));
    now += 10;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    const after = await reader.getSnapshot();
    expect(after.entities).toHaveLength(3);
    expect(after.generation).toBe(1);
  });

  it('retries a failed start-up read', async () => {
    const catalog = catalogServiceMock({ entities: entities.slice(0, 3) });
    const spy = jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValueOnce(new Error('catalog not up yet'));
    const reader = fastReader(catalog);
    await reader.whenLoaded();
    expect((await reader.getSnapshot()).entities).toHaveLength(3);
    // The failed read and two whole reads.
    expect(readsOf(spy)).toBe(3);
  });

  it('reads every kind at once and keeps the kinds in one order whatever order their reads finish in', async () => {
    const mixed: Entity[] = [
      component('a'),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name: 'payments', namespace: 'default' },
        spec: { owner: 'group:default/team' },
      },
      component('b'),
    ];
    let read = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async request => {
        const kind = kindOf(request) ?? '';
        if (kind === CATALOG_KINDS[0]) read++;
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        // Odd reads finish the kinds in list order, even reads in reverse order.
        const position = CATALOG_KINDS.indexOf(kind);
        const delay = read % 2 ? position : CATALOG_KINDS.length - position;
        await new Promise(resolve => setTimeout(resolve, delay));
        inFlight--;
        return pageOfKind(request, mixed);
      }),
    });
    let now = 0;
    const reader = fastReader(catalog, { cacheTtlMs: 10, now: () => now });
    await reader.whenLoaded();
    // Two start-up reads agreed although their kinds finished in opposite orders.
    expect(readsOf(catalog.queryEntities)).toBe(2);
    expect(mostInFlight).toBe(CATALOG_KINDS.length);
    const first = await reader.getSnapshot();
    const byKind = (kind: string) =>
      first.entities.filter(entity => entity.kind === kind).length;
    expect(first.entities.map(e => e.kind)).toEqual(
      CATALOG_KINDS.flatMap(kind => Array(byKind(kind)).fill(kind)),
    );
    expect(first.entities.map(e => e.metadata.name)).toEqual([
      'team',
      'payments',
      'a',
      'b',
    ]);
    now += 10;
    await reader.getSnapshot();
    await reader.refreshInBackground();
    expect(await reader.getSnapshot()).toEqual(first);
  });

  it('counts the ttl from the start of the read, so a read that took long is refreshed that much sooner', async () => {
    let now = 0;
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async request => {
        // Each read takes 20 s (under load).
        if (kindOf(request) === CATALOG_KINDS[0]) now += 20_000;
        return pageOfKind(request, [component('a')]);
      }),
    });
    const reader = fastReader(catalog, { now: () => now });
    await reader.whenLoaded();
    expect(readsOf(catalog.queryEntities)).toBe(2);
    // The second start-up read started at 20 s and ended at 40 s.
    expect(now).toBe(40_000);
    // A refresh a request starts asks the catalog after a turn or two of the loop.
    const settle = () => new Promise(resolve => setTimeout(resolve, 20));
    now = 49_999;
    await reader.getSnapshot();
    await settle();
    expect(readsOf(catalog.queryEntities)).toBe(2);
    now = 50_000;
    await reader.getSnapshot();
    await settle();
    expect(readsOf(catalog.queryEntities)).toBe(3);
  });
});
