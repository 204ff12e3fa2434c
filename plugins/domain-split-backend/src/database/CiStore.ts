import type {
  ReleaseRecord,
  RuleViolation,
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
   * The two newest live deployments of every CI service name × environment (common
   * `currentVersionsOf` turns them into current versions per catalog service identity); with
   * `serviceKeys`, of those CI service names (lower-case) only.
   */
  listLiveHeads(options?: {
    serviceKeys?: string[];
  }): Promise<StoredDeployment[]>;

  /** The environments any service has a live deployment in, sorted. */
  listLiveEnvironments(): Promise<string[]>;

  /**
   * Advances the violation lifecycle by one analysis (common `reconcileViolations`) in one
   * transaction and returns every tracked violation, open and resolved. With `background`, its
   * work on the serving thread (the stored rows turned into records, the reconciliation) runs
   * as background slices (`runInSlices`): a check no request waits for (a catalog generation's
   * preparation) leaves the loop to the requests.
   */
  updateViolations(
    found: RuleViolation[],
    now: Date,
    options?: { background?: boolean },
  ): Promise<RuleViolation[]>;

  /** Every tracked violation, open and resolved. */
  listViolations(): Promise<RuleViolation[]>;

  /**
   * The evidence the release flags need for these current versions: live deployments that share
   * a pipeline id or commit with one of them, and the passing contract-test runs of the same
   * version key or commit.
   */
  getReleaseEvidence(current: StoredCurrentVersion[]): Promise<StoredEvidence>;

  /**
   * A number that changes whenever stored evidence changes (on any replica): computed results
   * are current while it stays the same.
   */
  getEvidenceGeneration(): Promise<number>;

  /**
   * The evidence of the migration analysis, the rules and the deploys after a refusal, for
   * verdicts judged with an evidence window that starts at `since` (ISO 8601) or later:
   * - every deployment that occurred at or after `since` (any status, any environment);
   * - per CI service name × environment, the two newest live deployments (`success`,
   *   `rolled_back`) before `since`: the newest can still be the live one, the second is what
   *   its rollback flag compares with;
   * - for the versions and commits of the live deployments above, per CI service name ×
   *   workflow × version (and × commit): the earliest passing contract-test run (a deploy is
   *   covered when one at or before it exists) and the latest domain-suite run (phase 2 reads
   *   the latest run of the live version or commit);
   * - per CI service name × workflow, the latest domain-suite run (phase 2 of a Component with
   *   nothing live).
   * Newest first. Whatever else is stored cannot change a verdict (see common `scopeEvidence`
   * and `EvidenceContext`).
   */
  getEvidence(options: { since: string }): Promise<StoredEvidence>;

  /**
   * Everything recorded for the given lower-case service names, newest first, plus the test
   * runs of the given GitHub workflow keys (`<owner>/<repo>:<path>` exactly, or `:<path>` in
   * any repository; see common `githubWorkflowKey`).
   */
  getHistory(
    serviceKeys: string[],
    workflowKeys?: string[],
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
