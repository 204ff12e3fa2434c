import { screen, within } from '@testing-library/react';
import { paymentsBlastRadius, refs } from '../../testUtils/fixtures';
import { paymentsServiceEntity } from '../../testUtils/entities';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { renderWithApi } from '../../testUtils/render';
import { EntityFailureImpactContent } from './EntityFailureImpactContent';

describe('EntityFailureImpactContent', () => {
  it("shows the entity's whole blast radius and links to the matrix", async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadius.mockResolvedValue(paymentsBlastRadius);
    await renderWithApi(<EntityFailureImpactContent />, api, {
      entity: paymentsServiceEntity,
    });
    expect(api.getBlastRadius).toHaveBeenCalledWith(refs.paymentsService);
    expect(
      await screen.findByText('Users, when payments-service fails'),
    ).toBeInTheDocument();
    expect(screen.getByText('Takes down (1)')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Takes down' })).getByRole(
        'link',
        { name: 'component: orders-service' },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Taken down by (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Failure-isolation matrix/ }),
    ).toHaveAttribute(
      'href',
      `/domain-split/failure-isolation?entity=${encodeURIComponent(
        refs.paymentsService,
      )}`,
    );
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getBlastRadius.mockRejectedValue(await serverError('unknown entity'));
    await renderWithApi(<EntityFailureImpactContent />, api, {
      entity: paymentsServiceEntity,
    });
    expect(
      (await screen.findAllByText(/unknown entity/)).length,
    ).toBeGreaterThan(0);
  });
});
