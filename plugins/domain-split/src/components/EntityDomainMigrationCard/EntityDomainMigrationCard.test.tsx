import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { migration } from '../../testUtils/fixtures';
import {
  paymentsDomainEntity,
  searchDomainEntity,
  ordersServiceEntity,
} from '../../testUtils/entities';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityDomainMigrationCard } from './EntityDomainMigrationCard';

const render = (api: MockDomainSplitApi, entity: Entity) =>
  renderWithApi(<EntityDomainMigrationCard />, api, { entity });

/** The backend's GET /migration/domain/...: one domain of the fixture, 404 (undefined) else. */
function answerFromFixture(api: MockDomainSplitApi) {
  api.getDomainMigration.mockImplementation(async domainRef => {
    const domain = migration.domains.find(d => d.domainRef === domainRef);
    return domain
      ? {
          generatedAt: migration.generatedAt,
          domain,
          annotationProblems: migration.annotationProblems.filter(
            p => p.entityRef === domainRef,
          ),
        }
      : undefined;
  });
}

describe('EntityDomainMigrationCard', () => {
  it('shows the phase, schedule and playbook of this domain', async () => {
    const api = mockDomainSplitApi();
    answerFromFixture(api);
    await render(api, paymentsDomainEntity);
    expect(
      await screen.findByRole('heading', { name: 'Phase 2: Logical split' }),
    ).toBeInTheDocument();
    expect(screen.getByText('at risk')).toBeInTheDocument();
    expect(
      screen.getByText('Target: 3 Physical split by 2025-09-30'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Migration progress' }),
    ).toHaveAttribute('aria-valuenow', '55');
    expect(
      screen.getByText('payments-service publishes no events'),
    ).toBeInTheDocument();
    expect(screen.getByText('Step 2: publishes events')).toBeInTheDocument();
    expect(screen.getByText(/provides no asyncapi API/)).toBeInTheDocument();
    expect(
      screen.queryByText('Phase 3: Physical split'),
    ).not.toBeInTheDocument();
    // The card asks for its own domain only (a small answer, not the whole status).
    expect(api.getDomainMigration).toHaveBeenCalledWith(
      'domain:default/payments',
      {},
    );
    expect(api.getMigrationOverview).not.toHaveBeenCalled();
  });

  it('lists annotation problems of this domain', async () => {
    const api = mockDomainSplitApi();
    answerFromFixture(api);
    await render(api, searchDomainEntity);
    expect(await screen.findByText('Phase 0: Monorepo')).toBeInTheDocument();
    expect(screen.getByText('Target: no target')).toBeInTheDocument();
    expect(screen.getByText(/not a date \(YYYY-MM-DD\)/)).toBeInTheDocument();
  });

  it('shows an empty state for an entity without status', async () => {
    const api = mockDomainSplitApi();
    answerFromFixture(api);
    await render(api, ordersServiceEntity);
    expect(
      await screen.findByText('No migration status for this domain'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getDomainMigration.mockRejectedValue(
      await serverError('migration failed'),
    );
    await render(api, paymentsDomainEntity);
    expect(
      (await screen.findAllByText(/migration failed/)).length,
    ).toBeGreaterThan(0);
  });
});
