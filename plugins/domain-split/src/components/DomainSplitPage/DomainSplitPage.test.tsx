import { Route, Routes } from 'react-router-dom';
import { screen } from '@testing-library/react';
import { viewContextMap } from '@internal/plugin-domain-split-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { domainSplitApiRef } from '../../api/DomainSplitApi';
import {
  contextMap,
  domainMatrix,
  migration,
  migrationHistory,
  ownership,
  unmatched,
} from '../../testUtils/fixtures';
import {
  answerMatrixPages,
  answerOwnershipFromFixture,
  answerReleasesFromFixture,
  answerRuleViolations,
  mockDomainSplitApi,
} from '../../testUtils/mockApi';
import { serveMigration } from '../../testUtils/migrationApi';
import { DomainSplitPage } from './DomainSplitPage';

function api() {
  const mock = mockDomainSplitApi();
  answerOwnershipFromFixture(mock, ownership);
  answerReleasesFromFixture(mock);
  mock.getUnmatchedEvents.mockResolvedValue(unmatched);
  mock.getFailureMatrix.mockImplementation(
    answerMatrixPages({ domain: domainMatrix }),
  );
  serveMigration(mock, migration);
  mock.getMigrationHistory.mockResolvedValue(migrationHistory);
  answerRuleViolations(mock);
  mock.getContextMapView.mockImplementation(async query =>
    viewContextMap(contextMap, query),
  );
  return mock;
}

async function renderAt(path: string, mock = api()) {
  await renderInTestApp(
    <TestApiProvider apis={[[domainSplitApiRef, mock]]}>
      <Routes>
        <Route path="/domain-split/*" element={<DomainSplitPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return mock;
}

describe('DomainSplitPage', () => {
  it('has a tab per question, each with its own URL', async () => {
    const mock = await renderAt('/domain-split');
    expect(screen.getByText('Domain Split')).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual([
      'Map',
      'Ownership',
      'Releases',
      'Failure isolation',
      'Migration',
      'Rules',
    ]);
    expect(tabs.map(t => t.getAttribute('href'))).toEqual([
      '/domain-split/map',
      '/domain-split/ownership',
      '/domain-split/releases',
      '/domain-split/failure-isolation',
      '/domain-split/migration',
      '/domain-split/rules',
    ]);
    // the first tab, the map, is shown at the page's root
    expect(
      await screen.findByText(/4 domains · 3 teams · 5 ties/),
    ).toBeInTheDocument();
    expect(mock.getOwnership).not.toHaveBeenCalled();
  });

  it.each([
    ['/domain-split/ownership', 'getOwnership', 'Ownership problems (2)'],
    ['/domain-split/releases', 'getReleases', 'Current releases'],
    [
      '/domain-split/failure-isolation',
      'getFailureMatrix',
      'Failure-isolation matrix',
    ],
    ['/domain-split/migration', 'getMigrationOverview', 'Migration status'],
    ['/domain-split/rules', 'getRuleViolations', 'Architecture rules'],
  ] as const)('%s shows its tab', async (path, method, title) => {
    const mock = await renderAt(path);
    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(mock[method]).toHaveBeenCalled();
    expect(mock.getContextMapView).not.toHaveBeenCalled();
    const selected = screen
      .getAllByRole('tab')
      .find(t => t.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveAttribute('href', path);
  });
});
