import { mockServices } from '@backstage/backend-test-utils';
import type { MigrationStatusResponse } from '@internal/plugin-domain-split-common';
import type { SnapshotStore } from '../database/SnapshotStore';
import { takeMigrationSnapshot } from './snapshots';

const status: MigrationStatusResponse = {
  generatedAt: '2026-11-28T00:00:00.000Z',
  domains: [
    {
      domainRef: 'domain:default/orders',
      title: 'orders',
      phase: 'ownership',
      steps: [],
      phaseCriteria: [],
      progress: 0.25,
      nextBlockers: [],
    },
  ],
  annotationProblems: [],
} as unknown as MigrationStatusResponse;

function setup(settled: boolean) {
  const saveSnapshot = jest.fn(async () => {});
  const analysis = {
    isCatalogSettled: jest.fn(async () => settled),
    getMigration: jest.fn(async () => status),
    checkRulesNow: jest.fn(async () => ({
      rules: [],
      violations: [],
      annotationProblems: [],
    })),
  };
  const snapshots = { saveSnapshot } as unknown as SnapshotStore;
  return { analysis, saveSnapshot, snapshots };
}

describe('takeMigrationSnapshot', () => {
  it('stores the snapshot of a settled catalog', async () => {
    const { analysis, snapshots, saveSnapshot } = setup(true);
    await expect(
      takeMigrationSnapshot({
        analysis: analysis as any,
        snapshots,
        logger: mockServices.logger.mock(),
        now: new Date(),
      }),
    ).resolves.toBe(true);
    expect(saveSnapshot).toHaveBeenCalledTimes(1);
  });

  it('takes none while the start-up read has not settled (it may be a partial catalog)', async () => {
    const { analysis, snapshots, saveSnapshot } = setup(false);
    const logger = mockServices.logger.mock();
    await expect(
      takeMigrationSnapshot({
        analysis: analysis as any,
        snapshots,
        logger,
        now: new Date(),
      }),
    ).resolves.toBe(false);
    expect(saveSnapshot).not.toHaveBeenCalled();
    expect(analysis.checkRulesNow).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('has not settled'),
    );
  });
});
