/*
 * Test helpers: a test backend with the plugin, and Standard Webhooks / GitHub signing computed
 * with node:crypto (independently of the libraries the plugin verifies with).
 * Used by tests only; nothing in production code imports this file.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import { createHmac } from 'node:crypto';
import { Knex } from 'knex';
import { domainSplitPlugin } from '../plugin';

/** Two Standard Webhooks secrets (rotation) and one nobody configured. */
export const SECRET_A = `whsec_${Buffer.from(
  'first-secret-for-tests-0123456',
).toString('base64')}`;
export const SECRET_B = `whsec_${Buffer.from(
  'second-secret-for-tests-654321',
).toString('base64')}`;
export const SECRET_UNKNOWN = `whsec_${Buffer.from(
  'a-secret-nobody-configured-99',
).toString('base64')}`;
export const GITHUB_SECRET = 'github-secret-for-tests';

/** The `domainSplit` config the tests run with unless they say otherwise. */
export function testConfig(overrides: JsonObject = {}): JsonObject {
  return {
    domainSplit: {
      webhooks: {
        maxBodyBytes: 4096,
        standardWebhooks: { secrets: [SECRET_A, SECRET_B] },
        github: { secrets: [GITHUB_SECRET] },
      },
      catalog: {
        cacheTtl: { seconds: 0 },
        settleInterval: { milliseconds: 1 },
      },
      ...overrides,
    },
  };
}

/** A small catalog: two domains, a service in each, one service with a CI alias. */
export const testEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'orders', namespace: 'default' },
    spec: { owner: 'group:default/orders-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'group:default/payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders-service', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/orders-team',
      domain: 'orders',
      lifecycle: 'production',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-service',
      namespace: 'default',
      annotations: { 'domain-split/ci-service-name': 'payments' },
    },
    spec: {
      type: 'service',
      owner: 'group:default/payments-team',
      domain: 'payments',
      lifecycle: 'production',
    },
  },
];

/**
 * Starts the plugin in a test backend. Requests without credentials are anonymous (so that
 * read routes answer 401 unless the test sends `mockCredentials.user.header()`).
 */
export async function startPlugin(options: {
  knex: Knex;
  config?: JsonObject;
  entities?: Entity[];
  catalog?: BackendFeature;
  extraFeatures?: BackendFeature[];
}) {
  return await startTestBackend({
    features: [
      domainSplitPlugin,
      mockServices.rootConfig.factory({ data: options.config ?? testConfig() }),
      mockServices.database.factory({ knex: options.knex }),
      options.catalog ??
        catalogServiceMock.factory({
          entities: options.entities ?? testEntities,
        }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
}

/** Standard Webhooks headers for a body, signed with `secret` at `timestamp` (Unix seconds). */
export function standardWebhookHeaders(
  body: string,
  options: { secret?: string; id?: string; timestamp?: number } = {},
): Record<string, string> {
  const secret = options.secret ?? SECRET_A;
  const id =
    options.id ??
    `msg_${createHmac('sha256', 'id').update(body).digest('hex').slice(0, 16)}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

/** GitHub delivery headers for a body. */
export function githubHeaders(
  body: string,
  event: string,
  delivery: string,
  secret = GITHUB_SECRET,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': delivery,
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret)
      .update(body)
      .digest('hex')}`,
  };
}

/** A generic v1 deployment event (as JSON text) with sensible defaults. */
export function deploymentEvent(
  overrides: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    id: 'evt-1',
    type: 'deployment',
    occurredAt: '2026-11-01T10:00:00.000Z',
    service: 'orders-service',
    version: '3.2.1',
    environment: 'production',
    status: 'success',
    ...overrides,
  });
}

/** Counts the rows of every table the webhooks write. */
export async function rowCounts(knex: Knex): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of [
    'ci_events',
    'deployments',
    'current_versions',
    'test_runs',
    'releases',
  ]) {
    result[table] = (await knex(table)).length;
  }
  return result;
}
