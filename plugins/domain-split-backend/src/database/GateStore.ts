import type {
  ContractVerification,
  RecordedVerdict,
  StoredCurrentVersion,
  StoredDeployment,
  TestRunRecord,
} from '@internal/plugin-domain-split-common';

/**
 * What the deploy gate reads for one question (see common `decideCanIDeploy`).
 * @internal
 */
export interface GateEvidence {
  /** Domain-suite runs of the service (every version: the gate compares version keys). */
  domainRuns: TestRunRecord[];
  /** Successful deployments to the environment sharing the request's pipeline run or commit. */
  tiedDeployments: StoredDeployment[];
  /** Verifications of the service at the version (either side). */
  verifications: ContractVerification[];
  /** The live versions in the environment of the service and its counterparts. */
  live: StoredCurrentVersion[];
}

/**
 * A verdict to record (the id and time are the store's).
 * @internal
 */
export type NewVerdict = Omit<RecordedVerdict, 'id' | 'deployedAfterRefusal'>;

/**
 * Storage behind the deploy gate: its evidence, and the recorded verdicts.
 * @internal
 */
export interface GateStore {
  /**
   * The evidence for "can the service (any of `serviceKeys`, lower-case CI names) at `version`
   * go to `environment`": `counterpartKeys` are the CI names of its providers and consumers.
   */
  getGateEvidence(query: {
    serviceKeys: string[];
    counterpartKeys: string[];
    version: string;
    environment: string;
    pipelineId?: string;
    commit?: string;
  }): Promise<GateEvidence>;

  /** Stores one verdict and returns it as recorded. */
  recordVerdict(verdict: NewVerdict): Promise<RecordedVerdict>;

  /** The verdicts asked about the given lower-case service names, newest first. */
  listVerdicts(serviceKeys: string[]): Promise<RecordedVerdict[]>;

  /**
   * The verdicts of every service asked at or after `askedSince` (ISO 8601), newest first: what
   * the notifications compare deployments with ("deployed after a no").
   */
  listVerdictsSince(askedSince: string): Promise<RecordedVerdict[]>;
}
