import type {
  DeploymentStatus,
  TestResult,
  TestSuite,
  VerifiedCounterpart,
} from '@internal/plugin-domain-split-common';

/**
 * Fields every accepted CI event carries, normalised (times as ISO 8601 UTC).
 * @internal
 */
export interface CiEventBase {
  /** The idempotency key (see {@link AcceptedDelivery.deliveryId}). */
  eventId: string;
  service: string;
  version: string;
  occurredAt: string;
  commit?: string;
  pipelineId?: string;
  pipelineUrl?: string;
  repository?: string;
}

/** @internal */
export interface DeploymentEvent extends CiEventBase {
  type: 'deployment';
  environment: string;
  status: DeploymentStatus;
  explicitRollback: boolean;
}

/** @internal */
export interface ReleaseEvent extends CiEventBase {
  type: 'release';
}

/** @internal */
export interface TestRunEvent extends CiEventBase {
  type: 'test_run';
  suite: TestSuite;
  result: TestResult;
  /** Contract runs: the counterparts (service, version) whose contract the run checked. */
  verifiedAgainst?: VerifiedCounterpart[];
  /** The GitHub workflow that ran it, `<owner>/<repo>:<path>` (monorepo mapping). */
  workflow?: string;
}

/**
 * A CI event after validation and mapping, whatever webhook it came through.
 * @internal
 */
export type CiEvent = DeploymentEvent | ReleaseEvent | TestRunEvent;

/**
 * How a delivery proved it is authentic.
 * @internal
 */
export type AuthenticatedBy =
  | 'standard-webhooks'
  | 'service-token'
  | 'github-signature';

/**
 * A delivery that passed authentication and validation, ready to be stored.
 * @internal
 */
export interface AcceptedDelivery {
  /** Idempotency key: the generic event's `id`, or `github:<X-GitHub-Delivery>`. */
  deliveryId: string;
  source: 'ci' | 'github';
  authenticatedBy: AuthenticatedBy;
  /** The delivery headers worth keeping for audit (ids, timestamps, event names). */
  headers: Record<string, string>;
  /** The raw body exactly as received. */
  payload: string;
  receivedAt: string;
  event: CiEvent;
}
