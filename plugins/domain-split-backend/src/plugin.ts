import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { durationToMilliseconds } from '@backstage/types';
import { domainSplitPermissions } from '@internal/plugin-domain-split-common';
import { registerDomainSplitActions } from './actions/domainSplitActions';
import { CachedCatalogGraphSource } from './catalog/CatalogGraphSource';
import { CatalogReader } from './catalog/CatalogReader';
import { readDomainSplitConfig } from './config';
import { DatabaseStore } from './database/DatabaseStore';
import { GraphAnalysisReader } from './reader/AnalysisReader';
import { AnalysisAccess } from './permissions/AnalysisAccess';
import { VisibleEntities } from './permissions/VisibleEntities';
import { readNotificationsConfig } from './notifications/config';
import { signallingIngest } from './notifications/ingestSignals';
import { DatabaseNotificationStore } from './notifications/NotificationStore';
import { scheduleNotifications } from './notifications/notificationTask';
import { scheduleRawEventPruning } from './service/retention';
import { createRouter } from './service/router';
import { scheduleMigrationSnapshots } from './service/snapshots';

/**
 * The Domain Split backend plugin: CI webhooks, release versions, the analysis read API and
 * the daily migration snapshots.
 * @public
 */
export const domainSplitPlugin = createBackendPlugin({
  pluginId: 'domain-split',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
      },
      async init({
        rootConfig,
        logger,
        database,
        httpRouter,
        httpAuth,
        auth,
        scheduler,
        permissions,
        permissionsRegistry,
        catalog,
        actionsRegistry,
        notifications,
        signals,
      }) {
        const config = readDomainSplitConfig(rootConfig);
        const store = await DatabaseStore.create({ database });
        const reader = new CatalogReader({
          catalog,
          auth,
          cacheTtlMs: durationToMilliseconds(config.catalogCacheTtl),
        });
        const graphs = new CachedCatalogGraphSource(reader);

        const analysis = new GraphAnalysisReader({
          store,
          graphs,
          monorepoUrl: config.monorepoUrl,
        });
        permissionsRegistry.addPermissions(domainSplitPermissions);
        const access = new AnalysisAccess({
          httpAuth,
          permissions,
          reader: analysis,
          visibleEntities: new VisibleEntities({
            catalog,
            ttlMs: durationToMilliseconds(config.catalogCacheTtl),
          }),
        });

        if (config.standardWebhookSecrets.length === 0) {
          logger.warn(
            'POST /webhooks/ci accepts only Backstage service tokens: no Standard Webhooks ' +
              'secret is configured (domainSplit.webhooks.standardWebhooks.secrets); ' +
              'signed deliveries are refused with 503',
          );
        }
        if (config.githubSecrets.length === 0) {
          logger.warn(
            'POST /webhooks/github is closed: no secret is configured ' +
              '(domainSplit.webhooks.github.secrets); deliveries are refused with 503',
          );
        }

        // Read-only actions for agents (served as MCP tools by the MCP actions backend).
        registerDomainSplitActions({ actionsRegistry, access });

        httpRouter.use(
          await createRouter({
            // Open pages hear (signals) when a CI event was stored.
            store: signallingIngest(store, signals, logger),
            snapshots: store,
            graphs,
            monorepoUrl: config.monorepoUrl,
            httpAuth,
            access,
            logger,
            maxBodyBytes: config.maxBodyBytes,
            standardWebhookSecrets: config.standardWebhookSecrets,
            githubSecrets: config.githubSecrets,
          }),
        );
        // Only the webhooks are reachable without Backstage credentials; they verify a
        // signature (or a service token) themselves.
        httpRouter.addAuthPolicy({
          path: '/webhooks/ci',
          allow: 'unauthenticated',
        });
        httpRouter.addAuthPolicy({
          path: '/webhooks/github',
          allow: 'unauthenticated',
        });

        if (config.retention.raisedToFloor) {
          logger.warn(
            'domainSplit.retention.maxAge is below 3 days; raw events (and their delivery ids) ' +
              'are kept for 3 days so that retried deliveries are still recognised',
          );
        }
        await scheduleRawEventPruning({
          scheduler,
          store,
          logger,
          maxAge: config.retention.maxAge,
          frequency: config.retention.frequency,
        });

        const notificationsConfig = readNotificationsConfig(rootConfig);
        if (notificationsConfig.enabled) {
          const db = await database.getClient();
          await scheduleNotifications({
            reader: analysis,
            store: new DatabaseNotificationStore(db),
            notifications,
            signals,
            logger,
            kinds: notificationsConfig.kinds,
            scheduler,
            frequency: notificationsConfig.frequency,
          });
        } else {
          logger.info(
            'Notifications are off (domainSplit.notifications.enabled: false)',
          );
        }

        await scheduleMigrationSnapshots({
          store,
          snapshots: store,
          graphs,
          logger,
          monorepoUrl: config.monorepoUrl,
          scheduler,
          frequency: config.snapshotFrequency,
        });
      },
    });
  },
});
