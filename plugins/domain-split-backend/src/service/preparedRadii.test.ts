/*
 * A new catalog generation prepares the blast radii the entity cards asked for last, so the
 * first card opened after the switch is cut from a radius computed before it.
 */
import * as common from '@internal/plugin-domain-split-common';
import type {
  CatalogSnapshot,
  CatalogSnapshotSource,
} from '../catalog/CatalogReader';
import { mockStore } from '../__testUtils__/mockStore';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { AnalysisService } from './AnalysisService';

jest.mock('@internal/plugin-domain-split-common', () => {
  const actual = jest.requireActual('@internal/plugin-domain-split-common');
  return {
    ...actual,
    computeBlastRadius: jest.fn(actual.computeBlastRadius),
  };
});

const computeBlastRadius = common.computeBlastRadius as jest.Mock;

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
    prepare: (next: CatalogSnapshot) => preparer!(next),
    serve(next: CatalogSnapshot) {
      served = next;
    },
  };
}

describe('AnalysisService: blast radii prepared with a new catalog generation', () => {
  const entities = loadExampleCatalog();
  const components = entities
    .filter(e => e.kind === 'Component')
    .map(e => `component:default/${e.metadata.name}`);

  beforeEach(() => computeBlastRadius.mockClear());

  it('prepares the radii and summaries the entity cards asked for, so nothing is computed when they ask again', async () => {
    const source = preparingCatalog({ entities, generation: 1 });
    const service = new AnalysisService({
      catalog: source.catalog,
      store: mockStore().store,
    });
    const [summarised, paged] = components;
    const before = await service.getBlastRadiusSummary(summarised, {
      limit: 3,
    });
    const beforePage = await service.getBlastRadiusPage(paged, {
      direction: 'downstream',
      limit: 2,
      offset: 0,
    });
    expect(computeBlastRadius).toHaveBeenCalledTimes(2);

    // The next generation (the same entities: the answers are equal, not the same objects).
    const next: CatalogSnapshot = { entities: [...entities], generation: 2 };
    await source.prepare(next);
    expect(computeBlastRadius).toHaveBeenCalledTimes(4);
    expect(
      computeBlastRadius.mock.calls.slice(2).map(([, ref]) => ref),
    ).toEqual([summarised, paged]);

    source.serve(next);
    const after = await service.getBlastRadiusSummary(summarised, {
      limit: 3,
    });
    const afterPage = await service.getBlastRadiusPage(paged, {
      direction: 'downstream',
      limit: 2,
      offset: 0,
    });
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
    expect(afterPage).toEqual(beforePage);
    // Both were cut from the radii prepared for generation 2.
    expect(computeBlastRadius).toHaveBeenCalledTimes(4);
  });

  it('prepares only the most recently asked radii, and one that fails does not stop the others', async () => {
    const source = preparingCatalog({ entities, generation: 1 });
    const service = new AnalysisService({
      catalog: source.catalog,
      store: mockStore().store,
    });
    expect(components.length).toBeGreaterThan(9);
    const asked = components.slice(0, 9);
    for (const ref of asked) {
      await service.getBlastRadiusSummary(ref, { limit: 3 });
    }
    // The first asked again: now the most recent.
    await service.getBlastRadiusSummary(asked[0], { limit: 3 });
    computeBlastRadius.mockClear();

    // One radius fails while generation 2 is prepared.
    computeBlastRadius.mockImplementationOnce(() => {
      throw new Error('out of memory');
    });
    const next: CatalogSnapshot = { entities: [...entities], generation: 2 };
    await source.prepare(next);
    // Eight: the second asked was the least recent and is not prepared.
    expect(computeBlastRadius.mock.calls.map(([, ref]) => ref)).toEqual([
      ...asked.slice(2),
      asked[0],
    ]);

    source.serve(next);
    computeBlastRadius.mockClear();
    // The one that failed (the first prepared) is computed when asked; the others were kept.
    for (const ref of [...asked.slice(2), asked[0]]) {
      expect(
        await service.getBlastRadiusSummary(ref, { limit: 3 }),
      ).toBeDefined();
    }
    expect(computeBlastRadius.mock.calls.map(([, ref]) => ref)).toEqual([
      asked[2],
    ]);
  });
});
