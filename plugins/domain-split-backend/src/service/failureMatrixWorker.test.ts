import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  buildCatalogGraph,
  computeFailureMatrix,
  MatrixRow,
} from '@internal/plugin-domain-split-common';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { FailureMatrixWorker, rowGroups } from './failureMatrixWorker';

jest.setTimeout(60_000);

/** The TypeScript loader `backstage-cli package start` gives the backend (and so its worker). */
const LOADER = [
  '--require',
  require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
];

function row(failing: string, cells: number): MatrixRow {
  return {
    failing,
    cells: Array.from({ length: cells }, (_, i) => ({
      failing,
      affected: `domain:default/d${i}`,
      impact: 'blocked' as const,
      path: [],
    })),
    users: { failing, affected: 'users', impact: 'none' as const, path: [] },
    drift: false,
  };
}

describe('rowGroups', () => {
  it('sends rows in groups of about 2,000 cells, every row once and in order', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(`r${i}`, 499));
    const groups = rowGroups(rows);
    expect(groups.map(g => g.length)).toEqual([4, 4, 2]);
    expect(groups.flat()).toEqual(rows);
    // A row larger than a group is a group of its own.
    expect(rowGroups([row('big', 5000), row('small', 1)])).toEqual([
      [row('big', 5000)],
      [row('small', 1)],
    ]);
    expect(rowGroups([])).toEqual([]);
  });
});

describe('FailureMatrixWorker', () => {
  const entities = loadExampleCatalog();
  const graph = buildCatalogGraph(entities);

  it('computes the matrices on a worker thread, the same as on this one', async () => {
    const logger = mockServices.logger.mock();
    const worker = new FailureMatrixWorker({ logger, execArgv: LOADER });
    try {
      expect(worker.available).toBe(true);
      for (const [level, options] of [
        ['domain', { paths: true, maxPathCells: 1000 }],
        ['domain', { paths: false }],
        ['service', { paths: true }],
      ] as const) {
        expect(await worker.compute(1, entities, level, options)).toEqual(
          computeFailureMatrix(graph, level, options),
        );
      }
      // Another generation: the worker builds its graph from the new entities.
      const fewer = entities.filter(
        e => e.metadata.name !== 'checkout-orchestrator',
      );
      expect(
        await worker.compute(2, fewer, 'service', { paths: false }),
      ).toEqual(
        computeFailureMatrix(buildCatalogGraph(fewer), 'service', {
          paths: false,
        }),
      );
      expect(logger.warn).not.toHaveBeenCalled();
    } finally {
      await worker.close();
    }
    expect(worker.available).toBe(false);
    await expect(
      worker.compute(3, entities, 'domain', { paths: false }),
    ).rejects.toThrow('The failure matrix worker was stopped');
  });

  it('rejects a matrix its worker ran out of memory on, and starts a new worker for the next', async () => {
    // A chain of services: the service matrix with every path grows with the cube of its length.
    const chain: Entity[] = Array.from({ length: 3000 }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `c${i}` },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/team',
        ...(i > 0 ? { dependsOn: [`component:default/c${i - 1}`] } : {}),
      },
    }));
    const logger = mockServices.logger.mock();
    const worker = new FailureMatrixWorker({
      logger,
      execArgv: LOADER,
      resourceLimits: { maxOldGenerationSizeMb: 128 },
    });
    try {
      await expect(
        worker.compute(1, chain, 'service', { paths: true }),
      ).rejects.toThrow(/memory/i);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/the next matrix starts a new one/),
      );
      expect(worker.available).toBe(true);
      expect(
        await worker.compute(2, entities, 'domain', { paths: false }),
      ).toEqual(computeFailureMatrix(graph, 'domain', { paths: false }));
    } finally {
      await worker.close();
    }
  });

  it('says so and is no longer available when its thread cannot start', async () => {
    const logger = mockServices.logger.mock();
    const worker = new FailureMatrixWorker({
      logger,
      execArgv: ['--require', '/nonexistent/loader.cjs'],
    });
    await expect(
      worker.compute(1, entities, 'domain', { paths: false }),
    ).rejects.toThrow();
    expect(worker.available).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/computed on the event loop from now on/),
    );
    await expect(
      worker.compute(2, entities, 'domain', { paths: false }),
    ).rejects.toThrow('The failure matrix worker could not start');
  });

  it('is not available from source without a TypeScript loader (computed on the event loop)', () => {
    const worker = new FailureMatrixWorker({
      logger: mockServices.logger.mock(),
    });
    expect(worker.available).toBe(false);
  });
});
