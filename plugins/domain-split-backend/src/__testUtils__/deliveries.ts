/*
 * Test helpers (used by tests only; nothing in production code imports this file).
 */
import type { AcceptedDelivery, CiEvent } from '../ingest/types';

type DeploymentInput = Partial<Extract<CiEvent, { type: 'deployment' }>>;
type TestRunInput = Partial<Extract<CiEvent, { type: 'test_run' }>>;

/** A stored-ready deployment delivery with sensible defaults. */
export function deploymentDelivery(
  eventId: string,
  overrides: DeploymentInput = {},
): AcceptedDelivery {
  const event: CiEvent = {
    type: 'deployment',
    eventId,
    service: 'orders-service',
    version: '3.2.1',
    environment: 'production',
    status: 'success',
    explicitRollback: false,
    occurredAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  } as CiEvent;
  return delivery(event);
}

/** A stored-ready test-run delivery with sensible defaults. */
export function testRunDelivery(
  eventId: string,
  overrides: TestRunInput = {},
): AcceptedDelivery {
  const event: CiEvent = {
    type: 'test_run',
    eventId,
    service: 'orders-service',
    version: '3.2.1',
    suite: 'contract',
    result: 'passed',
    occurredAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  } as CiEvent;
  return delivery(event);
}

/** Wraps an event into a delivery as the webhook would. */
export function delivery(
  event: CiEvent,
  receivedAt = '2026-11-01T12:00:00.000Z',
): AcceptedDelivery {
  return {
    deliveryId: event.eventId,
    source: 'ci',
    authenticatedBy: 'standard-webhooks',
    headers: { 'webhook-id': event.eventId },
    payload: JSON.stringify(event),
    receivedAt,
    event,
  };
}
