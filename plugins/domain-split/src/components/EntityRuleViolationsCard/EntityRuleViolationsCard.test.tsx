import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { refs, ruleViolations } from '../../testUtils/fixtures';
import {
  inventoryServiceEntity,
  ordersServiceEntity,
} from '../../testUtils/entities';
import { mockDomainSplitApi, serverError } from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityRuleViolationsCard } from './EntityRuleViolationsCard';

const render = (api: MockDomainSplitApi, entity: Entity) =>
  renderWithApi(<EntityRuleViolationsCard />, api, { entity });

describe('EntityRuleViolationsCard', () => {
  it('lists the rules this entity breaks, with the others involved and why', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockResolvedValue(ruleViolations);
    await render(api, inventoryServiceEntity);
    expect(api.getRuleViolations).toHaveBeenCalledWith(refs.inventoryService);
    expect(
      await screen.findByText('No cross-domain DB access (1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Events only between domains (1)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'orders-db' })).toBeInTheDocument();
    expect(
      screen.getByText(
        'checkout-orchestrator calls inventory-service synchronously',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/One owner per domain/)).not.toBeInTheDocument();
  });

  it('says the entity keeps every rule, and lists its annotation problems', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockResolvedValue({
      ...ruleViolations,
      violations: [],
    });
    await render(api, ordersServiceEntity);
    expect(
      await screen.findByText('This entity breaks none of the 3 rules.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/must be "true" or "false"/)).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockDomainSplitApi();
    api.getRuleViolations.mockRejectedValue(await serverError('rules broke'));
    await render(api, ordersServiceEntity);
    expect((await screen.findAllByText(/rules broke/)).length).toBeGreaterThan(
      0,
    );
  });
});
