import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import catalogImportPlugin from '@backstage/plugin-catalog-import/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import domainSplitPlugin from '@internal/plugin-domain-split/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * What the portal is made of, on Backstage's new frontend system. Features are listed here
 * rather than discovered (`app.packages`), so the app, its tests and its build see the same
 * set; pages, cards and tabs are configured under `app.extensions` in app-config.yaml.
 */
export const portalFeatures = [
  catalogPlugin,
  catalogImportPlugin,
  catalogGraphPlugin,
  orgPlugin,
  apiDocsPlugin,
  notificationsPlugin,
  signalsPlugin,
  domainSplitPlugin,
  navModule,
];

/** The portal, with the guest sign-in of local development. */
export default createApp({
  features: [...portalFeatures, signInModule],
});
