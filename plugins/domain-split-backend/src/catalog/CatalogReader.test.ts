import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CATALOG_FIELDS } from '@internal/plugin-domain-split-common';
import { CatalogReader } from './CatalogReader';

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
  ...Array.from({ length: 1201 }, (_, i) => component(`service-${i}`)),
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Location',
    metadata: { name: 'a-location', namespace: 'default' },
    spec: { targets: [] },
  },
];

describe('CatalogReader', () => {
  it('pages through the catalog with cursors, asking only for the needed kinds and fields', async () => {
    const catalog = catalogServiceMock({ entities });
    const spy = jest.spyOn(catalog, 'queryEntities');
    const reader = new CatalogReader({
      catalog,
      auth: mockServices.auth(),
      cacheTtlMs: 30_000,
    });
    const result = await reader.getEntities();
    expect(result).toHaveLength(1201); // the Location is not asked for
    expect(result[0].metadata.description).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(3); // 500 + 500 + 201
    expect(spy.mock.calls[0][0]).toMatchObject({
      filter: { kind: expect.arrayContaining(['Component', 'Domain', 'API']) },
      fields: CATALOG_FIELDS,
      limit: 500,
    });
    expect(spy.mock.calls[1][0]).toMatchObject({ cursor: expect.any(String) });
    expect(spy.mock.calls[0][1]).toEqual({
      credentials: expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    });
  });

  it('caches for the ttl and shares one in-flight read among concurrent callers', async () => {
    const catalog = catalogServiceMock({ entities: entities.slice(0, 3) });
    const spy = jest.spyOn(catalog, 'queryEntities');
    let now = 1_000;
    const reader = new CatalogReader({
      catalog,
      auth: mockServices.auth(),
      cacheTtlMs: 30_000,
      now: () => now,
    });
    const [a, b] = await Promise.all([
      reader.getEntities(),
      reader.getEntities(),
    ]);
    expect(a).toBe(b);
    expect(spy).toHaveBeenCalledTimes(1);

    now += 29_999;
    expect(await reader.getEntities()).toBe(a);
    expect(spy).toHaveBeenCalledTimes(1);

    now += 1;
    await reader.getEntities();
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failed read', async () => {
    const catalog = catalogServiceMock({ entities: entities.slice(0, 3) });
    const spy = jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValueOnce(new Error('catalog down'));
    const reader = new CatalogReader({
      catalog,
      auth: mockServices.auth(),
      cacheTtlMs: 30_000,
    });
    await expect(reader.getEntities()).rejects.toThrow('catalog down');
    await expect(reader.getEntities()).resolves.toHaveLength(3);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('does not cache an empty catalog (one still loading at start-up)', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const spy = jest.spyOn(catalog, 'queryEntities');
    const reader = new CatalogReader({
      catalog,
      auth: mockServices.auth(),
      cacheTtlMs: 30_000,
    });
    expect(await reader.getEntities()).toEqual([]);
    expect(await reader.getEntities()).toEqual([]);
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
