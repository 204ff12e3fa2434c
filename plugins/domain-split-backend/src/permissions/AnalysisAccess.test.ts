import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  buildCatalogGraph,
  CatalogGraph,
  computeOwnership,
  EVERY_ENTITY_VISIBLE,
  EntityVisibility,
} from '@internal/plugin-domain-split-common';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import type { AnalysisView } from '../reader/AnalysisReader';
import { AnalysisAccess } from './AnalysisAccess';
import type { VisibleEntities } from './VisibleEntities';

const HIDDEN = 'component:default/checkout-orchestrator';

/** An access whose readers see what `visibleTo` says, on the graph `current.graph`. */
function accessWith(visibleTo: (user: string) => EntityVisibility) {
  const current = { graph: buildCatalogGraph(loadExampleCatalog()) };
  const access = new AnalysisAccess({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    }),
    reader: {
      read: async () => ({ graph: current.graph } as AnalysisView),
    },
    visibleEntities: {
      forCredentials: async credentials =>
        visibleTo(
          (credentials.principal as { userEntityRef: string }).userEntityRef,
        ),
    } as VisibleEntities,
  });
  const redactorOf = async (user: string) =>
    (await access.viewerOf(mockCredentials.user(user))).redactor;
  return { access, current, redactorOf };
}

describe('AnalysisAccess', () => {
  it("keeps a reader's redactor while the graph and the reader's visible set stay, so what it redacted is reused", async () => {
    const sets = new Map<string, EntityVisibility>();
    const { current, redactorOf } = accessWith(user => {
      if (!sets.has(user)) {
        sets.set(
          user,
          new Set(
            [...current.graph.entities.keys()].filter(ref => ref !== HIDDEN),
          ),
        );
      }
      return sets.get(user)!;
    });
    const first = await redactorOf('user:default/mei');
    expect(first.isHidden(HIDDEN)).toBe(true);
    expect(await redactorOf('user:default/mei')).toBe(first);
    const ownership = computeOwnership(current.graph);
    expect((await redactorOf('user:default/mei')).ownership(ownership)).toBe(
      first.ownership(ownership),
    );

    // Another reader (another set, even with the same refs) has a redactor of their own.
    expect(await redactorOf('user:default/tom')).not.toBe(first);

    // The reader's set read again: a new redactor.
    sets.delete('user:default/mei');
    const reread = await redactorOf('user:default/mei');
    expect(reread).not.toBe(first);
    expect(await redactorOf('user:default/mei')).toBe(reread);

    // A new catalog generation: a new redactor, on the new graph.
    current.graph = buildCatalogGraph(
      loadExampleCatalog().filter(
        e => `component:default/${e.metadata.name}` !== HIDDEN,
      ),
    );
    const onNewGraph = await redactorOf('user:default/mei');
    expect(onNewGraph).not.toBe(reread);
    expect(onNewGraph.isHidden(HIDDEN)).toBe(false);
  });

  it('keeps the redactors of the eight readers asked last', async () => {
    const sets = new Map<string, EntityVisibility>();
    const { redactorOf } = accessWith(user => {
      if (!sets.has(user)) sets.set(user, new Set([user]));
      return sets.get(user)!;
    });
    const users = Array.from({ length: 9 }, (_, i) => `user:default/u${i}`);
    const kept = [];
    for (const user of users.slice(0, 8)) kept.push(await redactorOf(user));
    expect(await redactorOf(users[0])).toBe(kept[0]); // now the last asked
    await redactorOf(users[8]); // the ninth: u1, the least recently asked, leaves
    expect(await redactorOf(users[2])).toBe(kept[2]);
    expect(await redactorOf(users[0])).toBe(kept[0]);
    expect(await redactorOf(users[1])).not.toBe(kept[1]);
  });

  it('gives a reader who sees everything a redactor that changes nothing', async () => {
    const { redactorOf, current } = accessWith(() => EVERY_ENTITY_VISIBLE);
    const redactor = await redactorOf('user:default/admin');
    expect(redactor.seesEverything).toBe(true);
    const ownership = computeOwnership(current.graph as CatalogGraph);
    expect(redactor.ownership(ownership)).toBe(ownership);
  });
});
