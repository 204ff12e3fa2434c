import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { refs, ruleViolations } from '../../testUtils/fixtures';
import {
  inventoryServiceEntity,
  ordersServiceEntity,
} from '../../testUtils/entities';
import {
  answerRuleViolations,
  mockDomainSplitApi,
  serverError,
} from '../../testUtils/mockApi';
import { MockDomainSplitApi, renderWithApi } from '../../testUtils/render';
import { EntityRuleViolationsCard } from './EntityRuleViolationsCard';

const render = (api: MockDomainSplitApi, entity: Entity) =>
  renderWithApi(<EntityRuleViolationsCard />, api, { entity });

describe('EntityRuleViolationsCard', () => {
  it('lists the rules this entity breaks, with the others involved and why', async () => {
    const api = mockDomainSplitApi();
    answerRuleViolations(api);
    await render(api, inventoryServiceEntity);
    expect(api.getRuleViolations).toHaveBeenCalledWith(refs.inventoryService, {
      limit: 20,
    });
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
    expect(screen.queryByText(/more/)).not.toBeInTheDocument();
  });

  it('lists the first page and says how many more there are', async () => {
    const api = mockDomainSplitApi();
    answerRuleViolations(api, () => ({
      ...ruleViolations,
      violations: Array.from({ length: 45 }, (_, i) => ({
        rule: 'no-cross-domain-db' as const,
        key: `no-cross-domain-db:${i}`,
        entityRefs: [refs.inventoryService, `resource:default/db-${i}`],
        domainRefs: [],
        message: `inventory-service uses db-${i}`,
      })),
    }));
    await render(api, inventoryServiceEntity);
    expect(
      await screen.findByText('No cross-domain DB access (45)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('and 25 more (the Rules tab lists them all)'),
    ).toBeInTheDocument();
  });

  it('says the entity keeps every rule, and lists its annotation problems', async () => {
    const api = mockDomainSplitApi();
    answerRuleViolations(api, () => ({ ...ruleViolations, violations: [] }));
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
