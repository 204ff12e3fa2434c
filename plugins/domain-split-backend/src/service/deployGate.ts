/*
 * The deploy gate's I/O: loads what common's `decideCanIDeploy` reads for one question (the
 * catalog graph, the service's domain-suite runs, the verifications of the service at the
 * version, the live versions of it and its counterparts, the deployments tied to the request's
 * pipeline run or commit), asks it, and records the answer.
 */
import { NotFoundError } from '@backstage/errors';
import {
  CanIDeployRequest,
  CanIDeployResponse,
  decideCanIDeploy,
  deployGateCounterparts,
  EvidenceContext,
  toDeploymentRecords,
  toTestRunRecords,
} from '@internal/plugin-domain-split-common';
import type { GateStore } from '../database/GateStore';
import type { AnalysisService } from './AnalysisService';
import { serviceKeyOf } from '../database/serviceKey';

/**
 * Answers "can `request.service` at `request.version` go to `request.environment`?" and records
 * the answer (asked by `askedBy` at `now`). Throws `NotFoundError` for a service the catalog
 * does not know or `isHidden` hides (nothing is recorded then).
 * @internal
 */
export async function answerCanIDeploy(options: {
  store: GateStore;
  /** The catalog graph and its service index, built once per catalog generation. */
  analysis: Pick<AnalysisService, 'getCatalog'> &
    Partial<Pick<AnalysisService, 'evidencePolicy' | 'verdictRecorded'>>;
  request: CanIDeployRequest;
  askedBy: string;
  now: Date;
  /** The asker may not see this entity: a service they may not see is answered as unknown. */
  isHidden?: (entityRef: string) => boolean;
}): Promise<CanIDeployResponse> {
  const { store, request } = options;
  const { graph, services: index } = await options.analysis.getCatalog();
  const match = index.match(request.service);
  if (!match || options.isHidden?.(match.entityRef)) {
    throw new NotFoundError(
      `Unknown service "${request.service}": no Component in the catalog has that name or claims it with domain-split/ci-service-name`,
    );
  }
  const { providers, consumers } = deployGateCounterparts(
    graph,
    match.entityRef,
  );
  const serviceKeys = [
    ...new Set([
      serviceKeyOf(request.service),
      ...index.ciNamesOf(match.entityRef),
    ]),
  ];
  const stored = await store.getGateEvidence({
    serviceKeys,
    counterpartKeys: [...providers, ...consumers].flatMap(ref =>
      index.ciNamesOf(ref),
    ),
    version: request.version,
    environment: request.environment,
    pipelineId: request.pipelineId,
    commit: request.commit,
  });
  const answer = decideCanIDeploy(
    new EvidenceContext(index, {
      deployments: toDeploymentRecords(stored.tiedDeployments, index),
      testRuns: toTestRunRecords(stored.domainRuns, index),
    }),
    stored.verifications,
    stored.live,
    request,
    {
      now: options.now,
      lockstepIntervalMs: options.analysis.evidencePolicy?.lockstepIntervalMs,
    },
  );
  if (!answer) {
    // The service matched above; the graph is the same object.
    throw new NotFoundError(`Unknown service "${request.service}"`);
  }
  const recorded = await store.recordVerdict({
    service: request.service,
    entityRef: answer.entityRef,
    version: request.version,
    environment: request.environment,
    deployable: answer.deployable,
    rollback: answer.rollback,
    reasons: answer.reasons,
    askedBy: options.askedBy,
    askedAt: options.now.toISOString(),
    ...(answer.liveVersion ? { liveVersion: answer.liveVersion } : {}),
  });
  // The service's history (its "no" answers) shows it at once on this backend.
  options.analysis.verdictRecorded?.();
  return { ...answer, verdictId: recorded.id };
}
