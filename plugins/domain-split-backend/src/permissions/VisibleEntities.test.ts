import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { VisibleEntities } from './VisibleEntities';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
});

/** A catalog that pages two entities at a time and counts its calls per user. */
function pagedCatalog(byUser: Record<string, Entity[]>) {
  const calls: { user: string; fields?: string[] }[] = [];
  let fail = false;
  const catalog = {
    queryEntities: async (request: any, options: any) => {
      const user = options.credentials.principal.userEntityRef;
      calls.push({ user, fields: request.fields });
      if (fail) throw new Error('catalog down');
      const all = byUser[user] ?? [];
      const start = request.cursor ? Number(request.cursor) : 0;
      const items = all.slice(start, start + 2);
      return {
        items,
        totalItems: all.length,
        pageInfo:
          start + 2 < all.length ? { nextCursor: String(start + 2) } : {},
      };
    },
  } as unknown as CatalogService;
  return { catalog, calls, failNext: (value: boolean) => (fail = value) };
}

describe('VisibleEntities', () => {
  it('asks the catalog as the reader, page by page, for three fields only', async () => {
    const { catalog, calls } = pagedCatalog({
      'user:default/a': [
        entity('Component', 'Orders-Service'),
        entity('Domain', 'orders'),
        entity('Group', 'orders-team'),
      ],
    });
    const visible = await new VisibleEntities({
      catalog,
      ttlMs: 1000,
    }).forCredentials(mockCredentials.user('user:default/a'));
    expect([...(visible as Set<string>)].sort()).toEqual([
      'component:default/orders-service',
      'domain:default/orders',
      'group:default/orders-team',
    ]);
    expect(calls).toHaveLength(2);
    expect(calls[0].fields).toEqual([
      'kind',
      'metadata.name',
      'metadata.namespace',
    ]);
  });

  it('remembers each reader for the ttl, separately, and never remembers a failure', async () => {
    let now = 0;
    const { catalog, calls, failNext } = pagedCatalog({
      'user:default/a': [entity('Domain', 'orders')],
      'user:default/b': [entity('Domain', 'payments')],
    });
    const visible = new VisibleEntities({
      catalog,
      ttlMs: 1000,
      now: () => now,
    });
    const a = mockCredentials.user('user:default/a');
    const b = mockCredentials.user('user:default/b');
    expect((await visible.forCredentials(a)).has('domain:default/orders')).toBe(
      true,
    );
    expect((await visible.forCredentials(b)).has('domain:default/orders')).toBe(
      false,
    );
    await visible.forCredentials(a);
    expect(calls).toHaveLength(2);
    now = 1500;
    failNext(true);
    await expect(visible.forCredentials(a)).rejects.toThrow('catalog down');
    failNext(false);
    expect((await visible.forCredentials(a)).has('domain:default/orders')).toBe(
      true,
    );
    expect(calls).toHaveLength(4);
  });
});
