import type {
  ReleaseRecord,
  StoredCurrentVersion,
  StoredDeployment,
  TestRunRecord,
  UnmatchedEvent,
} from '@internal/plugin-domain-split-common';
import type { AcceptedDelivery } from '../ingest/types';

/**
 * The outcome of storing one delivery.
 * @internal
 */
export interface IngestResult {
  deliveryId: string;
  /** The delivery id was seen before; nothing was changed. */
  duplicate: boolean;
}

/**
 * Stored CI evidence: deployments and test runs (without catalog matches).
 * @internal
 */
export interface StoredEvidence {
  deployments: StoredDeployment[];
  testRuns: TestRunRecord[];
}

/**
 * Storage of CI events and the state derived from them.
 * @internal
 */
export interface CiStore {
  /**
   * Stores the raw delivery and its derived state in one transaction (which may also hold other
   * deliveries arriving at the same time) and resolves once it committed; rejects when it failed,
   * and then nothing of the delivery was stored. A delivery id seen before changes nothing (also
   * when two copies arrive at once).
   */
  ingest(delivery: AcceptedDelivery): Promise<IngestResult>;

  /** The live version per service and environment. */
  listCurrentVersions(): Promise<StoredCurrentVersion[]>;

  /**
   * The evidence the release flags need for these current versions: live deployments that share
   * a pipeline id or commit with one of them, and the passing contract-test runs of their
   * services.
   */
  getReleaseEvidence(current: StoredCurrentVersion[]): Promise<StoredEvidence>;

  /**
   * A number that changes whenever stored evidence changes (on any replica): computed results
   * are current while it stays the same.
   */
  getEvidenceGeneration(): Promise<number>;

  /** All deployments and test runs (the evidence of the migration analysis and the rules). */
  getEvidence(): Promise<StoredEvidence>;

  /** Everything recorded for the given lower-case service names, newest first. */
  getHistory(
    serviceKeys: string[],
  ): Promise<StoredEvidence & { releases: ReleaseRecord[] }>;

  /** Every service name CI has reported (one spelling per lower-case name). */
  listServiceNames(): Promise<string[]>;

  /** The recorded events of the given lower-case service names, newest first. */
  listEventsOfServices(
    serviceKeys: string[],
    options: { limit: number },
  ): Promise<UnmatchedEvent[]>;

  /**
   * Deletes raw events received before `receivedBefore` (ISO 8601). Derived state is kept.
   * @returns the number of raw events deleted
   */
  pruneRawEvents(receivedBefore: string): Promise<number>;
}
