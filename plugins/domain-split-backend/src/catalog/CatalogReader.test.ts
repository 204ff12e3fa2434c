import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CATALOG_FIELDS } from '@internal/plugin-domain-split-common';
import type { SettledCatalogStore } from '../database/SettledCatalogStore';
import { CATALOG_PAGE_SIZE, CatalogReader } from './CatalogReader';

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
  it('pages through the catalog with cursors, asking only for the needed kinds and fields', async () => {
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
    // Two full reads at start-up (a full page + 201 each): the second confirms the first.
    expect(spy).toHaveBeenCalledTimes(4);
    expect(spy.mock.calls[0][0]).toMatchObject({
      filter: { kind: expect.arrayContaining(['Component', 'Domain', 'API']) },
      fields: CATALOG_FIELDS,
      limit: CATALOG_PAGE_SIZE,
    });
    expect(spy.mock.calls[1][0]).toMatchObject({ cursor: expect.any(String) });
    expect(spy.mock.calls[0][1]).toEqual({
      credentials: expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    });
  });

  it('says "still loading" until two reads in a row agree, and starts reading on the first ask', async () => {
    let current = entities.slice(0, 2);
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async () => {
        const items = current;
        // The catalog is still processing: every read finds one more entity, up to 4.
        current = entities.slice(0, Math.min(4, current.length + 1));
        return { items, totalItems: items.length, pageInfo: {} };
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
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async () => {
        const items = names.map(component);
        return { items, totalItems: items.length, pageInfo: {} };
      }),
    });
    const store = settledCatalogStore();
    const first = fastReader(catalog, { settledCatalog: store });
    await first.whenLoaded();
    expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
    expect(store.saveSettledCatalogFingerprint).toHaveBeenCalledTimes(1);

    // Restarted on the same database: one read.
    const restarted = fastReader(catalog, { settledCatalog: store });
    await restarted.whenLoaded();
    expect(catalog.queryEntities).toHaveBeenCalledTimes(3);
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
    expect(catalog.queryEntities).toHaveBeenCalledTimes(5);

    // Restarted while the catalog differs from the kept one: two reads must agree again.
    names = ['a'];
    await fastReader(catalog, { settledCatalog: store }).whenLoaded();
    expect(catalog.queryEntities).toHaveBeenCalledTimes(7);
  });

  it('reads until two reads agree when the settled catalog cannot be read or kept', async () => {
    const catalog = catalogServiceMock({ entities: entities.slice(0, 3) });
    const spy = jest.spyOn(catalog, 'queryEntities');
    const store = settledCatalogStore({ failing: true });
    const reader = fastReader(catalog, { settledCatalog: store });
    await reader.whenLoaded();
    expect(spy).toHaveBeenCalledTimes(2);
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
    expect(spy).toHaveBeenCalledTimes(5);
  });

  it('settles an unsettled start-up read once a later read finds the same non-empty catalog', async () => {
    let names: string[] = [];
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async () => {
        const items = names.map(component);
        return { items, totalItems: items.length, pageInfo: {} };
      }),
    });
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

  it('serves the last read at once after the ttl and refreshes it in the background', async () => {
    let names = ['a', 'b'];
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async () => {
        const items = names.map(component);
        return { items, totalItems: items.length, pageInfo: {} };
      }),
    });
    let now = 1_000;
    const reader = fastReader(catalog, { now: () => now });
    await reader.whenLoaded();
    const first = await reader.getSnapshot();
    expect(first.generation).toBe(1);
    const reads = (catalog.queryEntities as jest.Mock).mock.calls.length;

    now += 29_999;
    expect(await reader.getSnapshot()).toEqual(first);
    expect((catalog.queryEntities as jest.Mock).mock.calls.length).toBe(reads);

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
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async () => {
        const items = names.map(component);
        return { items, totalItems: items.length, pageInfo: {} };
      }),
    });
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
    expect(spy).toHaveBeenCalledTimes(3);
  });
});
