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
import { CatalogReader } from './catalog/CatalogReader';
import { readDomainSplitConfig } from './config';
import { DatabaseStore } from './database/DatabaseStore';
import { readNotificationsConfig } from './notifications/config';
import { signalCiEvent } from './notifications/ingestSignals';
import { DatabaseNotificationStore } from './notifications/NotificationStore';
import { scheduleNotifications } from './notifications/notificationTask';
import { AnalysisAccess } from './permissions/AnalysisAccess';
import { VisibleEntities } from './permissions/VisibleEntities';
import { ServiceAnalysisReader } from './reader/AnalysisReader';
import { scheduleRawEventPruning } from './service/retention';
import { AnalysisService } from './service/AnalysisService';
import { FailureMatrixWorker } from './service/failureMatrixWorker';
import { createRouter } from './service/router';
import { MigrationHistory } from './service/migrationHistory';
import { scheduleMigrationSnapshots } from './service/snapshots';

/**
 * The Domain Split backend plugin: CI webhooks, release versions, the analysis read API, the
 * daily migration snapshots, permissions, actions for agents, notifications and signals.
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
        lifecycle: coreServices.lifecycle,
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
        lifecycle,
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
          logger,
          cacheTtlMs: durationToMilliseconds(config.catalogCacheTtl),
          settleIntervalMs: durationToMilliseconds(
            config.catalogSettleInterval,
          ),
          // After a restart, the catalog of the last settled read is settled at its first read.
          settledCatalog: store,
        });
        // Read the catalog as soon as the backend serves, so that the first user does not wait.
        lifecycle.addStartupHook(() => {
          reader.whenLoaded();
        });
        // The failure matrices are computed on a worker thread (src/service/failureMatrixWorker.ts).
        const matrixWorker = new FailureMatrixWorker({ logger });
        lifecycle.addShutdownHook(() => matrixWorker.close());
        const analysis = new AnalysisService({
          catalog: reader,
          store,
          verdicts: store,
          monorepoUrl: config.monorepoUrl,
          evidencePolicy: config.evidencePolicy,
          matrixWorker,
        });
        const analysisReader = new ServiceAnalysisReader(analysis);

        // Who may read and post, and what each reader may see (src/permissions).
        permissionsRegistry.addPermissions(domainSplitPermissions);
        const access = new AnalysisAccess({
          httpAuth,
          permissions,
          reader: analysisReader,
          visibleEntities: new VisibleEntities({
            catalog,
            permissions,
            ttlMs: durationToMilliseconds(config.catalogCacheTtl),
          }),
        });

        // Read-only actions for agents (served as MCP tools by the MCP actions backend).
        registerDomainSplitActions({
          actionsRegistry,
          access,
          gate: { store, analysis },
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

        // The snapshot task saves through it, so this backend's history shows a new snapshot at once.
        const migrationHistory = new MigrationHistory(store);
        httpRouter.use(
          await createRouter({
            store,
            snapshots: migrationHistory,
            gate: store,
            analysis,
            httpAuth,
            access,
            // Open pages hear (signals) that new CI data is there.
            onStored: signalCiEvent(signals, logger),
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
          await scheduleNotifications({
            reader: analysisReader,
            store: new DatabaseNotificationStore(await database.getClient()),
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
          analysis,
          snapshots: migrationHistory,
          logger,
          scheduler,
          frequency: config.snapshotFrequency,
        });
      },
    });
  },
});
