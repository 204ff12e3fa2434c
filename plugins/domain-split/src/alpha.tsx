/**
 * Domain Split for Backstage's new frontend system: `createApp` from
 * `@backstage/frontend-defaults` installs the default export of this entry point (discovered
 * from the app's dependencies, or passed in `features`). The main entry point keeps the legacy
 * plugin for apps that still use `createApp` from `@backstage/app-defaults`.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Content } from '@backstage/core-components';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import { z } from 'zod';
import { domainSplitApiRef } from './api/DomainSplitApi';
import { DomainSplitClient } from './api/DomainSplitClient';
import { rootRouteRef } from './routes';

/**
 * The kinds whose failure Domain Split can explain (a Group fails with what it owns directly;
 * an API with its providers; a Domain or a System with everything in it).
 */
const failingKinds = ['component', 'api', 'resource', 'domain', 'system'];
/** The kinds architecture rules and annotation problems are reported on. */
const ruleKinds = ['component', 'api', 'resource', 'domain', 'group', 'system'];

/**
 * The client for the Domain Split backend (`api:domain-split`).
 * @alpha
 */
export const domainSplitApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: domainSplitApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DomainSplitClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Domain Split page (`page:domain-split`) at `/domain-split`, with a nav item. Its tabs
 * are the sub-pages below, each on its own URL; `app.extensions` can move the page
 * (`config.path`), rename or disable single tabs.
 * @alpha
 */
export const domainSplitPage = PageBlueprint.make({
  params: {
    path: '/domain-split',
    routeRef: rootRouteRef,
    title: 'Domain Split',
    icon: <CallSplitIcon fontSize="inherit" />,
  },
});

/** One tab of the page: its own URL below the page, its content loaded on first visit. */
function domainSplitTab(
  path: string,
  title: string,
  loader: () => Promise<JSX.Element>,
) {
  return SubPageBlueprint.make({
    name: path,
    params: {
      path,
      title,
      loader: () => loader().then(element => <Content>{element}</Content>),
    },
  });
}

/**
 * The tabs of the Domain Split page (`sub-page:domain-split/<tab>`), in the legacy page's
 * order and with its paths, so links and query-string filters (`?team=`, `?service=`,
 * `?entity=`, ...) work in both kinds of app.
 * @alpha
 */
export const domainSplitTabs = [
  domainSplitTab('map', 'Map', () =>
    import('./components/ContextMapTab').then(m => <m.ContextMapTab />),
  ),
  domainSplitTab('ownership', 'Ownership', () =>
    import('./components/OwnershipTab').then(m => <m.OwnershipTab />),
  ),
  domainSplitTab('releases', 'Releases', () =>
    import('./components/ReleasesTab').then(m => <m.ReleasesTab />),
  ),
  domainSplitTab('failure-isolation', 'Failure isolation', () =>
    import('./components/FailureIsolationTab').then(m => (
      <m.FailureIsolationTab />
    )),
  ),
  domainSplitTab('migration', 'Migration', () =>
    import('./components/MigrationTab').then(m => <m.MigrationTab />),
  ),
  domainSplitTab('rules', 'Rules', () =>
    import('./components/RulesTab').then(m => <m.RulesTab />),
  ),
];

/**
 * Card on Component pages (`entity-card:domain-split/releases`): the live version per
 * environment and the latest deployments (`config.latestDeployments`, default 5).
 * @alpha
 */
export const entityReleasesCard = EntityCardBlueprint.makeWithOverrides({
  name: 'releases',
  configSchema: {
    latestDeployments: z.number().int().min(0).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: { kind: 'component' },
      loader: () =>
        import('./components/EntityReleasesCard').then(m => (
          <m.EntityReleasesCard latestDeployments={config.latestDeployments} />
        )),
    });
  },
});

/**
 * Card (`entity-card:domain-split/failure-impact`) on Components, APIs, Resources, Domains and
 * Systems: what this takes down, what takes it down, and the users.
 * @alpha
 */
export const entityFailureImpactCard = EntityCardBlueprint.make({
  name: 'failure-impact',
  params: {
    filter: { kind: { $in: failingKinds } },
    loader: () =>
      import('./components/EntityFailureImpactCard').then(m => (
        <m.EntityFailureImpactCard />
      )),
  },
});

/**
 * Card on Domain pages (`entity-card:domain-split/domain-migration`): phase, playbook steps
 * with evidence or blockers, schedule.
 * @alpha
 */
export const entityDomainMigrationCard = EntityCardBlueprint.make({
  name: 'domain-migration',
  params: {
    filter: { kind: 'domain' },
    loader: () =>
      import('./components/EntityDomainMigrationCard').then(m => (
        <m.EntityDomainMigrationCard />
      )),
  },
});

/**
 * Card on Group pages (`entity-card:domain-split/team-domains`): the domains this team owns
 * and the ownership problems that concern it.
 * @alpha
 */
export const entityTeamDomainsCard = EntityCardBlueprint.make({
  name: 'team-domains',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityTeamDomainsCard').then(m => (
        <m.EntityTeamDomainsCard />
      )),
  },
});

/**
 * Card on Domain and Group pages (`entity-card:domain-split/context-map`): the neighbourhood
 * of this domain, or of the domains this group owns, on the context map.
 * @alpha
 */
export const entityContextMapCard = EntityCardBlueprint.make({
  name: 'context-map',
  params: {
    filter: { kind: { $in: ['domain', 'group'] } },
    loader: () =>
      import('./components/EntityDomainContextMapCard').then(m => (
        <m.EntityDomainContextMapCard />
      )),
  },
});

/**
 * Card (`entity-card:domain-split/rule-violations`) on every kind a rule or an annotation
 * check can name: the rules this entity breaks and why.
 * @alpha
 */
export const entityRuleViolationsCard = EntityCardBlueprint.make({
  name: 'rule-violations',
  params: {
    filter: { kind: { $in: ruleKinds } },
    loader: () =>
      import('./components/EntityRuleViolationsCard').then(m => (
        <m.EntityRuleViolationsCard />
      )),
  },
});

/**
 * Content tab on Component pages (`entity-content:domain-split/releases`, group
 * `deployment`): live versions and the whole deployment and test-run history.
 * @alpha
 */
export const entityReleasesContent = EntityContentBlueprint.make({
  name: 'releases',
  params: {
    path: '/releases',
    title: 'Releases',
    group: 'deployment',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityReleasesContent').then(m => (
        <m.EntityReleasesContent />
      )),
  },
});

/**
 * Content tab (`entity-content:domain-split/failure-impact`, group `operation`) on the kinds
 * of the failure-impact card: the whole blast radius, side by side.
 * @alpha
 */
export const entityFailureImpactContent = EntityContentBlueprint.make({
  name: 'failure-impact',
  params: {
    path: '/failure-impact',
    title: 'Failure impact',
    group: 'operation',
    filter: { kind: { $in: failingKinds } },
    loader: () =>
      import('./components/EntityFailureImpactContent').then(m => (
        <m.EntityFailureImpactContent />
      )),
  },
});

/**
 * The Domain Split plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'domain-split',
  title: 'Domain Split',
  icon: <CallSplitIcon fontSize="inherit" />,
  routes: { root: rootRouteRef },
  extensions: [
    domainSplitApi,
    domainSplitPage,
    ...domainSplitTabs,
    // Cards in the order they stand on an entity page: what is specific to the kind first.
    entityReleasesCard,
    entityDomainMigrationCard,
    entityTeamDomainsCard,
    entityContextMapCard,
    entityFailureImpactCard,
    entityRuleViolationsCard,
    entityReleasesContent,
    entityFailureImpactContent,
  ],
});
