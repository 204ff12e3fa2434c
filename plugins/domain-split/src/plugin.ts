import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { domainSplitApiRef } from './api/DomainSplitApi';
import { DomainSplitClient } from './api/DomainSplitClient';
import { rootRouteRef } from './routes';

/**
 * The Domain Split frontend plugin.
 * @public
 */
export const domainSplitPlugin = createPlugin({
  id: 'domain-split',
  apis: [
    createApiFactory({
      api: domainSplitApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DomainSplitClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The "Domain Split" page: tabs Map, Ownership, Releases, Failure isolation, Migration and
 * Rules, each on its own sub-route (for example `/domain-split/map`).
 * @public
 */
export const DomainSplitPage = domainSplitPlugin.provide(
  createRoutableExtension({
    name: 'DomainSplitPage',
    component: () =>
      import('./components/DomainSplitPage').then(m => m.DomainSplitPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity card (Component pages): the version of this service live in each environment, with
 * rollback, contract-test and lockstep marks, and its latest deployments.
 * @public
 */
export const EntityReleasesCard = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityReleasesCard',
    component: {
      lazy: () =>
        import('./components/EntityReleasesCard').then(
          m => m.EntityReleasesCard,
        ),
    },
  }),
);

/**
 * Entity card (any entity): what this entity takes down when it fails, what takes it down,
 * and the impact on users, each with the path that explains it.
 * @public
 */
export const EntityFailureImpactCard = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityFailureImpactCard',
    component: {
      lazy: () =>
        import('./components/EntityFailureImpactCard').then(
          m => m.EntityFailureImpactCard,
        ),
    },
  }),
);

/**
 * Entity card (Domain pages): the migration phase of this domain, its playbook steps with
 * evidence or blockers, and its schedule.
 * @public
 */
export const EntityDomainMigrationCard = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityDomainMigrationCard',
    component: {
      lazy: () =>
        import('./components/EntityDomainMigrationCard').then(
          m => m.EntityDomainMigrationCard,
        ),
    },
  }),
);

/**
 * Entity card (any entity): the architecture rules this entity breaks, and why, plus problems
 * with its `domain-split/` annotations.
 * @public
 */
export const EntityRuleViolationsCard = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityRuleViolationsCard',
    component: {
      lazy: () =>
        import('./components/EntityRuleViolationsCard').then(
          m => m.EntityRuleViolationsCard,
        ),
    },
  }),
);

/**
 * Entity card (Group pages): the domains this team owns with their services, and the
 * ownership problems that concern it.
 * @public
 */
export const EntityTeamDomainsCard = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamDomainsCard',
    component: {
      lazy: () =>
        import('./components/EntityTeamDomainsCard').then(
          m => m.EntityTeamDomainsCard,
        ),
    },
  }),
);

/**
 * Entity content (Component pages): the live versions of this service and its whole
 * deployment and test-run history.
 * @public
 */
export const EntityReleasesContent = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityReleasesContent',
    component: {
      lazy: () =>
        import('./components/EntityReleasesContent').then(
          m => m.EntityReleasesContent,
        ),
    },
  }),
);

/**
 * Entity content (any entity): the whole blast radius of this entity, side by side.
 * @public
 */
export const EntityFailureImpactContent = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityFailureImpactContent',
    component: {
      lazy: () =>
        import('./components/EntityFailureImpactContent').then(
          m => m.EntityFailureImpactContent,
        ),
    },
  }),
);

/**
 * Entity card (Domain and Group pages): the neighbourhood of this domain, or of the domains
 * this group owns (with the groups below it), on the context map: ties by kind and count, red
 * where they break a rule, and what a selected domain's failure takes down.
 * @public
 */
export const EntityDomainContextMapCard = domainSplitPlugin.provide(
  createComponentExtension({
    name: 'EntityDomainContextMapCard',
    component: {
      lazy: () =>
        import('./components/EntityDomainContextMapCard').then(
          m => m.EntityDomainContextMapCard,
        ),
    },
  }),
);
