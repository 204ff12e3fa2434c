// The ingest benchmark's backend: the catalog (empty), the Domain Split backend plugin from
// source, and the benchmark-only no-op webhook plugin (the floor). Run with sucrase/register.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(require('@backstage/plugin-catalog-backend'));
backend.add(require('@internal/plugin-domain-split-backend'));
backend.add(require('./noopWebhookPlugin.cjs'));

backend.start();
