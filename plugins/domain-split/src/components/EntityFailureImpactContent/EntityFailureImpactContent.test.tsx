import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  ImpactLevel,
  MatrixCell,
} from '@internal/plugin-domain-split-common';
import {
  paymentsBlastRadius,
  paymentsBlastRadiusSummary,
  refs,
} from '../../testUtils/fixtures';
import { paymentsServiceEntity } from '../../testUtils/entities';
import {
  answerEntriesFromRadius,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { EntityFailureImpactContent } from './EntityFailureImpactContent';

/** 60 services taken down: 35 blocked, then 25 waits, each level in ref order. */
const levels: ImpactLevel[] = [
  ...Array<ImpactLevel>(35).fill('blocked'),
  ...Array<ImpactLevel>(25).fill('waits'),
];
const name = (i: number) => `service-${String(i).padStart(3, '0')}`;
const large: BlastRadiusResponse = {
  ...paymentsBlastRadius,
  takesDown: levels.map(
    (impact, i): MatrixCell => ({
      failing: refs.paymentsService,
      affected: `component:default/${name(i)}`,
      impact,
      path: [],
    }),
  ),
};
const largeSummary: BlastRadiusSummaryResponse = {
  ...paymentsBlastRadiusSummary,
  takesDown: {
    total: 60,
    byImpact: { blocked: 35, waits: 25, degraded: 0, none: 0 },
    byKind: { component: 60 },
    worst: large.takesDown.slice(0, 10),
  },
};

const shownNames = () =>
  within(screen.getByRole('list', { name: 'Takes down' }))
    .getAllByRole('link')
    .map(link => link.textContent);

describe('EntityFailureImpactContent', () => {
  it("lists the entity's whole blast radius a page at a time and links to the matrix", async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockResolvedValue(paymentsBlastRadiusSummary);
    answerEntriesFromRadius(api, paymentsBlastRadius);
    await renderWithApi(<EntityFailureImpactContent />, api, {
      entity: paymentsServiceEntity,
    });
    expect(api.getBlastRadiusSummary).toHaveBeenCalledWith(
      refs.paymentsService,
    );
    expect(
      await screen.findByText('Users, when Payments service fails'),
    ).toBeInTheDocument();
    expect(screen.getByText('Takes down (1)')).toBeInTheDocument();
    expect(
      await within(
        await screen.findByRole('list', { name: 'Takes down' }),
      ).findByRole('link', { name: 'component: orders-service' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Taken down by (1)')).toBeInTheDocument();
    expect(
      await within(
        await screen.findByRole('list', { name: 'Taken down by' }),
      ).findByRole('link', { name: 'resource: payments-db' }),
    ).toBeInTheDocument();
    expect(api.getBlastRadiusEntries).toHaveBeenCalledWith(
      refs.paymentsService,
      { direction: 'upstream', impact: undefined, limit: 50, offset: 0 },
    );
    expect(api.getBlastRadius).not.toHaveBeenCalled();
    expect(
      screen.getByRole('link', { name: /Failure-isolation matrix/ }),
    ).toHaveAttribute(
      'href',
      `/domain-split/failure-isolation?entity=${encodeURIComponent(
        refs.paymentsService,
      )}`,
    );
  });

  it('shows more on demand, in the order of the radius, and never asks for the whole radius', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockResolvedValue(largeSummary);
    answerEntriesFromRadius(api, large);
    await renderWithApi(<EntityFailureImpactContent />, api, {
      entity: paymentsServiceEntity,
    });
    expect(await screen.findByText('50 of 60 shown')).toBeInTheDocument();
    expect(shownNames()).toHaveLength(50);
    await userEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
    await screen.findByText(`component: ${name(59)}`);
    expect(shownNames()).toEqual(levels.map((_, i) => `component: ${name(i)}`));
    expect(screen.queryByRole('button', { name: /Show \d+ more/ })).toBeNull();
    expect(api.getBlastRadiusEntries).toHaveBeenCalledWith(
      refs.paymentsService,
      { direction: 'downstream', impact: undefined, limit: 50, offset: 50 },
    );
    expect(api.getBlastRadius).not.toHaveBeenCalled();
  });

  it('filters by impact level on the server', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockResolvedValue(largeSummary);
    answerEntriesFromRadius(api, large);
    await renderWithApi(<EntityFailureImpactContent />, api, {
      entity: paymentsServiceEntity,
    });
    await screen.findByText('50 of 60 shown');
    const filter = screen.getByRole('group', {
      name: 'Takes down: impact level',
    });
    expect(
      within(filter)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['All (60)', 'blocked (35)', 'waits (25)']);
    await userEvent.click(
      within(filter).getByRole('button', { name: 'waits (25)' }),
    );
    expect(api.getBlastRadiusEntries).toHaveBeenLastCalledWith(
      refs.paymentsService,
      { direction: 'downstream', impact: 'waits', limit: 50, offset: 0 },
    );
    await screen.findByText(`component: ${name(59)}`);
    expect(shownNames()).toEqual(
      levels.slice(35).map((_, i) => `component: ${name(35 + i)}`),
    );
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockRejectedValue(
      await serverError('unknown entity'),
    );
    await renderWithApi(<EntityFailureImpactContent />, api, {
      entity: paymentsServiceEntity,
    });
    expect(
      (await screen.findAllByText(/unknown entity/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows the error of a failed page, with a retry', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadiusSummary.mockResolvedValue(paymentsBlastRadiusSummary);
    api.getBlastRadiusEntries.mockRejectedValue(await serverError('page lost'));
    await renderWithApi(<EntityFailureImpactContent />, api, {
      entity: paymentsServiceEntity,
    });
    const [alert] = await screen.findAllByRole('alert');
    expect(alert).toHaveTextContent('Could not load the list: page lost');
    answerEntriesFromRadius(api, paymentsBlastRadius);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: 'component: orders-service' }),
    ).toBeInTheDocument();
  });
});
