/*
 * A reader the catalog hides entities from: each page is cut from what was redacted for that
 * reader once (by their redactor), not from a new redaction, index, rows or text selection.
 */
import * as common from '@internal/plugin-domain-split-common';
import { AnalysisRedactor } from '@internal/plugin-domain-split-common';
import { StaticCatalogSource } from '../catalog/CatalogReader';
import { deployment, mockStore } from '../__testUtils__/mockStore';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { AnalysisService } from './AnalysisService';

jest.mock('@internal/plugin-domain-split-common', () => {
  const actual = jest.requireActual('@internal/plugin-domain-split-common');
  return {
    ...actual,
    indexOwnership: jest.fn(actual.indexOwnership),
    releaseRows: jest.fn(actual.releaseRows),
    selectRuleViolations: jest.fn(actual.selectRuleViolations),
  };
});

const HIDDEN = 'component:default/checkout-orchestrator';

async function setup() {
  const { store, setEvidence } = mockStore();
  setEvidence({
    deployments: [
      deployment('orders-service', '3.2.1'),
      deployment('checkout-orchestrator', '1.0.0'),
    ],
    testRuns: [],
  });
  const service = new AnalysisService({
    catalog: new StaticCatalogSource(loadExampleCatalog()),
    store,
    now: () => new Date('2026-11-28T00:00:00Z'),
  });
  const { graph } = await service.getCatalog();
  const visible = new Set([...graph.entities.keys()].filter(r => r !== HIDDEN));
  return { service, graph, visible, setEvidence };
}

describe('pages of a reader who does not see everything', () => {
  beforeEach(() => jest.clearAllMocks());

  it('index the ownership as that reader sees it once per redactor', async () => {
    const { service, graph, visible } = await setup();
    const redactor = new AnalysisRedactor(graph, visible);
    const first = await service.getOwnershipPage({
      limit: 2,
      offset: 0,
      redactor,
    });
    const second = await service.getOwnershipPage({
      limit: 2,
      offset: 2,
      redactor,
    });
    expect(common.indexOwnership).toHaveBeenCalledTimes(1);
    expect(JSON.stringify([first, second])).not.toContain(
      'checkout-orchestrator',
    );
    // The same pages as from a redaction made for this request alone.
    const fresh = new AnalysisRedactor(graph, visible);
    expect(second).toEqual(
      await service.getOwnershipPage({ limit: 2, offset: 2, redactor: fresh }),
    );
    expect(common.indexOwnership).toHaveBeenCalledTimes(2);
  });

  it('group the releases as that reader sees them once per evidence generation', async () => {
    const { service, graph, visible, setEvidence } = await setup();
    const redactor = new AnalysisRedactor(graph, visible);
    const page = await service.getReleasesPage({
      limit: 10,
      offset: 0,
      redactor,
    });
    expect([...new Set(page.current.map(r => r.service))]).toEqual([
      'orders-service',
    ]);
    await service.getReleasesPage({ limit: 1, offset: 0, redactor });
    expect(common.releaseRows).toHaveBeenCalledTimes(1);
    // A CI event: new releases, grouped again for the reader.
    setEvidence({
      deployments: [
        deployment('orders-service', '3.2.2'),
        deployment('checkout-orchestrator', '1.0.1'),
      ],
      testRuns: [],
    });
    service.evidenceChanged();
    const next = await service.getReleasesPage({
      limit: 10,
      offset: 0,
      redactor,
    });
    expect(common.releaseRows).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(next)).toContain('3.2.2');
    expect(JSON.stringify(next)).not.toContain('checkout-orchestrator');
  });

  it('select the rule violations for each text filter once per redactor', async () => {
    const { service, graph, visible } = await setup();
    const redactor = new AnalysisRedactor(graph, visible);
    const inOnePiece = jest.spyOn(redactor, 'ruleViolations');
    const inSteps = jest.spyOn(redactor, 'ruleViolationsSteps');
    const query = { limit: 5, offset: 0, redactor };
    const all = await service.getRuleViolationsPage(query);
    // Redacted in slices of the event loop (27,000 violations at 10,000 services).
    expect(inSteps).toHaveBeenCalled();
    expect(inOnePiece).not.toHaveBeenCalled();
    await service.getRuleViolationsPage({ ...query, offset: 5 });
    expect(common.selectRuleViolations).toHaveBeenCalledTimes(1);
    await service.getRuleViolationsPage({ ...query, q: 'orders' });
    await service.getRuleViolationsPage({ ...query, q: ' Orders ' });
    expect(common.selectRuleViolations).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(all)).not.toContain('checkout-orchestrator');
    expect(all.violations.length).toBeGreaterThan(0);
  });
});
