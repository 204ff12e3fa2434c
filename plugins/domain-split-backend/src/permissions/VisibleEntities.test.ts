import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { EVERY_ENTITY_VISIBLE } from '@internal/plugin-domain-split-common';
import { VisibleEntities } from './VisibleEntities';

/** A policy that answers `catalog.entity.read` with `result` for everyone. */
const policy = (result: AuthorizeResult = AuthorizeResult.CONDITIONAL) =>
  mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(() =>
        result === AuthorizeResult.CONDITIONAL
          ? {
              result,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_KIND',
                params: { kinds: ['Domain'] },
              },
            }
          : { result },
      ) as any,
  });

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
      permissions: policy(),
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

  it('asks the catalog nothing when the policy allows or denies every entity', async () => {
    const { catalog, calls } = pagedCatalog({
      'user:default/a': [entity('Domain', 'orders')],
    });
    const a = mockCredentials.user('user:default/a');
    const allowed = await new VisibleEntities({
      catalog,
      permissions: policy(AuthorizeResult.ALLOW),
      ttlMs: 1000,
    }).forCredentials(a);
    expect(allowed).toBe(EVERY_ENTITY_VISIBLE);
    expect(allowed.has('component:default/anything')).toBe(true);
    const denied = await new VisibleEntities({
      catalog,
      permissions: policy(AuthorizeResult.DENY),
      ttlMs: 1000,
    }).forCredentials(a);
    expect(denied.has('domain:default/orders')).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it('remembers each reader for the ttl, then serves the last set while one read refreshes it', async () => {
    let now = 0;
    const byUser = {
      'user:default/a': [entity('Domain', 'orders')],
      'user:default/b': [entity('Domain', 'payments')],
    };
    const { catalog, calls } = pagedCatalog(byUser);
    const visible = new VisibleEntities({
      catalog,
      permissions: policy(),
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

    // The catalog now shows the reader another domain: after the ttl the old set is served at once,
    // and the next request gets the new one.
    byUser['user:default/a'].push(entity('Domain', 'search'));
    now = 1500;
    const stale = visible.forCredentials(a);
    const refreshing = visible.forCredentials(a);
    expect((await stale).has('domain:default/search')).toBe(false);
    expect((await refreshing).has('domain:default/search')).toBe(false);
    expect(calls).toHaveLength(3); // one refresh for both
    await new Promise(resolve => setImmediate(resolve));
    expect((await visible.forCredentials(a)).has('domain:default/search')).toBe(
      true,
    );
    expect(calls).toHaveLength(3);
  });

  it('never remembers a failure, and makes the reader wait once the last set is too old', async () => {
    let now = 0;
    const { catalog, calls, failNext } = pagedCatalog({
      'user:default/a': [entity('Domain', 'orders')],
    });
    const visible = new VisibleEntities({
      catalog,
      permissions: policy(),
      ttlMs: 1000,
      now: () => now,
    });
    const a = mockCredentials.user('user:default/a');
    failNext(true);
    await expect(visible.forCredentials(a)).rejects.toThrow('catalog down');
    failNext(false);
    expect((await visible.forCredentials(a)).has('domain:default/orders')).toBe(
      true,
    );
    expect(calls).toHaveLength(2);

    // A failed background refresh keeps the last set for a while...
    failNext(true);
    now = 1500;
    expect((await visible.forCredentials(a)).has('domain:default/orders')).toBe(
      true,
    );
    await new Promise(resolve => setImmediate(resolve));
    expect(calls).toHaveLength(3);
    // ...but not for ever: three ttls after the last good read the reader waits for a read.
    now = 3500;
    await expect(visible.forCredentials(a)).rejects.toThrow('catalog down');
    failNext(false);
    expect((await visible.forCredentials(a)).has('domain:default/orders')).toBe(
      true,
    );
    expect(calls).toHaveLength(5);
  });
});
