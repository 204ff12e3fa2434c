/*
 * The deploy gate: "can service S at version V go to environment E?", and the same question
 * backwards for a rollback. Pure: the caller loads the catalog graph, the CI evidence, the
 * pairwise contract verifications and the versions live in E; this module decides.
 *
 * Checks (each one or more `reasons`):
 * - `domain-tests`: the latest domain-suite run of S at V passed;
 * - `provider-contract`: for every Component S consumes (an API it provides, or `dependsOn`;
 *   synchronous and event APIs alike), the version live in E has a passing verification with
 *   S at V;
 * - `consumer-contract`: for every Component that consumes S, its version live in E has a
 *   passing verification with S at V (a consumer not live in E has nothing to break);
 * - `lockstep`: when the request names the pipeline run (or commit) that would deploy, that run
 *   did not deploy services of another domain to E (the rules' definition, `evidence.ts`).
 * Missing evidence is never passing evidence: `unknown` blocks like `failed`, and its detail
 * says what to send. Versions are compared only through `versions.ts` (`versionKey`,
 * `isDowngrade`).
 */
import { ciServiceKey, LIVE_DEPLOYMENT_STATUSES } from './evidence';
import type { EvidenceContext } from './evidenceContext';
import { computeBlastRadius } from './failure';
import { byString, CatalogGraph, domainOf, titleOf } from './graph';
import { maxImpact } from './impact';
import {
  CanIDeployRequest,
  CanIDeployResponse,
  ContractVerification,
  DeploymentRecord,
  GateImpact,
  GateReason,
  IMPACT_LEVELS,
  ImpactLevel,
  RecordedVerdict,
} from './types';
import { isDowngrade, versionKey } from './versions';

/**
 * A version live in an environment: a current-version row (the latest successful deployment of
 * a service there).
 * @public
 */
export interface LiveVersion {
  service: string;
  version: string;
  environment: string;
  occurredAt: string;
}

/** How many affected domains the impact lists (worst first). */
const MAX_IMPACT_DOMAINS = 10;

function latest<T extends { occurredAt: string; eventId: string }>(
  items: T[],
): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (
      !best ||
      item.occurredAt > best.occurredAt ||
      (item.occurredAt === best.occurredAt && item.eventId > best.eventId)
    ) {
      best = item;
    }
  }
  return best;
}

/** What a contract verification looks up: one side at one version. */
interface Side {
  identity: string;
  version: string;
}

/** The pairwise verifications, indexed both ways by (identity, version key). */
class VerificationMatrix {
  private readonly byPair = new Map<string, ContractVerification[]>();
  /** identity + version key → the counterparts it was verified against (identity → versions). */
  private readonly counterparts = new Map<string, Map<string, Set<string>>>();

  constructor(
    verifications: ContractVerification[],
    identity: (service: string) => string,
  ) {
    for (const verification of verifications) {
      const a = {
        identity: identity(verification.service),
        version: verification.version,
      };
      const b = {
        identity: identity(verification.counterpartService),
        version: verification.counterpartVersion,
      };
      this.add(a, b, verification);
      this.add(b, a, verification);
    }
  }

  private static sideKey(side: Side) {
    return `${side.identity}\u0000${versionKey(side.version)}`;
  }

  private add(a: Side, b: Side, verification: ContractVerification) {
    const key = `${VerificationMatrix.sideKey(
      a,
    )}\u0000${VerificationMatrix.sideKey(b)}`;
    const list = this.byPair.get(key) ?? [];
    if (!list.includes(verification)) list.push(verification);
    this.byPair.set(key, list);
    const ofA =
      this.counterparts.get(VerificationMatrix.sideKey(a)) ?? new Map();
    const versions: Set<string> = ofA.get(b.identity) ?? new Set();
    versions.add(b.version);
    ofA.set(b.identity, versions);
    this.counterparts.set(VerificationMatrix.sideKey(a), ofA);
  }

  /** The latest verification of the pair (either way round), if any. */
  verdict(a: Side, b: Side): ContractVerification | undefined {
    return latest(
      this.byPair.get(
        `${VerificationMatrix.sideKey(a)}\u0000${VerificationMatrix.sideKey(
          b,
        )}`,
      ) ?? [],
    );
  }

  /** The versions of `counterpart` that `side` was verified against (any result). */
  versionsVerifiedAgainst(side: Side, counterpart: string): string[] {
    return [
      ...(this.counterparts
        .get(VerificationMatrix.sideKey(side))
        ?.get(counterpart) ?? []),
    ].sort(byString);
  }
}

/**
 * Decides whether `request.service` at `request.version` may go to `request.environment`.
 *
 * - `evidence` (with the catalog): at least the domain-suite runs of the service and the successful deployments
 *   that share the request's pipeline run or commit (records matched with the catalog or not:
 *   they are matched here);
 * - `verifications`: at least those of the service at that version (either side), and those
 *   of the counterparts at their live versions with the service (any version: they explain
 *   an `unknown`);
 * - `live`: the current versions (other environments are ignored).
 *
 * Returns undefined when the catalog has no Component for the service.
 * @public
 */
export function decideCanIDeploy(
  evidence: EvidenceContext,
  verifications: ContractVerification[],
  live: LiveVersion[],
  request: CanIDeployRequest,
  options: {
    /** When the deployment would happen: a commit ties only within the lockstep interval. */
    now: Date;
    /** The lockstep interval (`domainSplit.evidence.lockstepInterval`). */
    lockstepIntervalMs?: number;
  },
): CanIDeployResponse | undefined {
  const { graph, services: index } = evidence;
  const own = index.match(request.service);
  if (!own) return undefined;
  const { entityRef, domainRef } = own;
  const identity = (service: string) =>
    index.match(service)?.entityRef ?? `ci:${ciServiceKey(service)}`;
  const name = (ref: string) => graph.entities.get(ref)?.name ?? ref;
  const subject = `${request.service} ${request.version}`;
  const environment = request.environment;

  const liveByEntity = new Map<string, LiveVersion>();
  for (const row of live) {
    if (row.environment !== environment) continue;
    const key = identity(row.service);
    const known = liveByEntity.get(key);
    if (!known || row.occurredAt > known.occurredAt) liveByEntity.set(key, row);
  }
  const ownLive = liveByEntity.get(entityRef);
  const matrix = new VerificationMatrix(verifications, identity);
  const me: Side = { identity: entityRef, version: request.version };

  const reasons: GateReason[] = [
    domainTestsReason(evidence, request, entityRef),
  ];

  const { providers, consumers } = deployGateCounterparts(graph, entityRef);

  const contractReason = (
    check: 'provider-contract' | 'consumer-contract',
    counterpart: string,
  ): GateReason => {
    const counterpartLive = liveByEntity.get(counterpart);
    const role = check === 'provider-contract' ? 'provider' : 'consumer';
    if (!counterpartLive) {
      return check === 'provider-contract'
        ? {
            check,
            ok: false,
            status: 'unknown',
            detail: `No version of ${name(
              counterpart,
            )} (provider) is live in ${environment}: no successful deployment of it was reported there, so nothing says ${subject} works with what it would call. Deploy ${name(
              counterpart,
            )} first, or send its deployment event.`,
            entityRefs: [counterpart],
          }
        : {
            check,
            ok: true,
            status: 'skipped',
            detail: `${name(
              counterpart,
            )} (consumer) is not live in ${environment}: no live version to break.`,
            entityRefs: [counterpart],
          };
    }
    const them: Side = {
      identity: counterpart,
      version: counterpartLive.version,
    };
    const pair = `${subject} and ${name(counterpart)} ${
      counterpartLive.version
    } (${role}, live in ${environment})`;
    const found = matrix.verdict(me, them);
    if (found?.result === 'passed') {
      return {
        check,
        ok: true,
        status: 'passed',
        detail: `The contract between ${pair} was verified (${found.occurredAt}).`,
        entityRefs: [counterpart],
      };
    }
    if (found) {
      return {
        check,
        ok: false,
        status: 'failed',
        detail: `The latest contract verification between ${pair} failed (${found.occurredAt}).`,
        entityRefs: [counterpart],
      };
    }
    // What was verified instead, from both ends: the live counterpart against other versions
    // of this service (a rollback's usual story), this version against other counterpart
    // versions.
    const known: string[] = [];
    const theyWith = matrix
      .versionsVerifiedAgainst(them, entityRef)
      .filter(v => versionKey(v) !== versionKey(request.version));
    if (theyWith.length > 0) {
      known.push(
        `${name(counterpart)} ${counterpartLive.version} was verified against ${
          request.service
        } ${theyWith.join(', ')} only`,
      );
    }
    const meWith = matrix.versionsVerifiedAgainst(me, counterpart);
    if (meWith.length > 0) {
      known.push(
        `${subject} was verified against ${name(counterpart)} ${meWith.join(
          ', ',
        )} only`,
      );
    }
    return {
      check,
      ok: false,
      status: 'unknown',
      detail: `No contract verification between ${pair}${
        known.length > 0 ? `; ${known.join('; ')}` : ''
      }. Send a passing contract test_run of ${subject} with verifiedAgainst [{ "service": "${name(
        counterpart,
      )}", "version": "${
        counterpartLive.version
      }" }] (or the ${role}'s run naming ${subject}).`,
      entityRefs: [counterpart],
    };
  };

  if (providers.length === 0) {
    reasons.push({
      check: 'provider-contract',
      ok: true,
      status: 'skipped',
      detail: `${request.service} consumes no other service.`,
      entityRefs: [],
    });
  }
  reasons.push(...providers.map(p => contractReason('provider-contract', p)));
  if (consumers.length === 0) {
    reasons.push({
      check: 'consumer-contract',
      ok: true,
      status: 'skipped',
      detail: `No other service consumes ${request.service}.`,
      entityRefs: [],
    });
  }
  reasons.push(...consumers.map(c => contractReason('consumer-contract', c)));
  reasons.push(
    lockstepReason(evidence, request, entityRef, domainRef, options),
  );

  const impact = gateImpact(graph, entityRef, domainRef);
  const titles: Record<string, string> = {};
  for (const ref of [
    entityRef,
    ...(domainRef ? [domainRef] : []),
    ...reasons.flatMap(r => r.entityRefs),
    ...impact.domains.map(d => d.domainRef),
  ]) {
    titles[ref] = titleOf(graph, ref);
  }
  return {
    service: request.service,
    entityRef,
    ...(domainRef ? { domainRef } : {}),
    version: request.version,
    environment,
    ...(ownLive ? { liveVersion: ownLive.version } : {}),
    deployable: reasons.every(reason => reason.ok),
    rollback: ownLive ? isDowngrade(ownLive.version, request.version) : false,
    reasons,
    impact,
    titles,
  };
}

/**
 * The Components whose contracts with `entityRef` the gate checks: the providers it consumes
 * (through an API it consumes, synchronous or event, or `dependsOn`) and its consumers. Only
 * deployed Components count: a library runs inside its users and a Resource has no contract.
 * Sorted refs.
 * @public
 */
export function deployGateCounterparts(
  graph: CatalogGraph,
  entityRef: string,
): { providers: string[]; consumers: string[] } {
  const isCounterpart = (ref: string) => {
    const entity = graph.entities.get(ref);
    return (
      ref !== entityRef &&
      entity?.kind === 'component' &&
      entity.type !== 'library'
    );
  };
  const providers = [
    ...new Set(
      (graph.edgesByConsumer.get(entityRef) ?? [])
        .map(edge => edge.provider)
        .filter(isCounterpart),
    ),
  ].sort(byString);
  const consumers = [
    ...new Set(
      (graph.edgesByProvider.get(entityRef) ?? [])
        .map(edge => edge.consumer)
        .filter(isCounterpart),
    ),
  ].sort(byString);
  return { providers, consumers };
}

/** `domain-tests`: the latest domain-suite run of the service at this version passed. */
function domainTestsReason(
  evidence: EvidenceContext,
  request: CanIDeployRequest,
  entityRef: string,
): GateReason {
  const key = versionKey(request.version);
  const runs = evidence
    .testRunsOf(entityRef, 'domain')
    .filter(run => versionKey(run.version) === key);
  const run = latest(runs);
  const subject = `${request.service} ${request.version}`;
  if (!run) {
    return {
      check: 'domain-tests',
      ok: false,
      status: 'unknown',
      detail: `No domain-suite run reported for ${subject}. Send a test_run event with "suite": "domain" for version ${request.version}.`,
      entityRefs: [entityRef],
    };
  }
  return run.result === 'passed'
    ? {
        check: 'domain-tests',
        ok: true,
        status: 'passed',
        detail: `The domain suite passed for ${subject} (${run.occurredAt}).`,
        entityRefs: [entityRef],
      }
    : {
        check: 'domain-tests',
        ok: false,
        status: 'failed',
        detail: `The latest domain-suite run of ${subject} failed (${run.occurredAt}).`,
        entityRefs: [entityRef],
      };
}

/** `lockstep`: the deploying pipeline run (or commit) did not deploy another domain's services. */
function lockstepReason(
  evidence: EvidenceContext,
  request: CanIDeployRequest,
  entityRef: string,
  domainRef: string | undefined,
  options: { now: Date; lockstepIntervalMs?: number },
): GateReason {
  if (!request.pipelineId && !request.commit) {
    return {
      check: 'lockstep',
      ok: true,
      status: 'skipped',
      detail:
        'Not checked: the request names no pipeline run (pipeline=<run id>) or commit.',
      entityRefs: [],
    };
  }
  const tie = request.pipelineId
    ? `pipeline run ${request.pipelineId}${
        request.repository ? ` of ${request.repository}` : ''
      }`
    : `commit ${request.commit}`;
  if (!domainRef) {
    return {
      check: 'lockstep',
      ok: true,
      status: 'skipped',
      detail: `Not checked: ${request.service} belongs to no domain.`,
      entityRefs: [entityRef],
    };
  }
  const planned: DeploymentRecord = {
    eventId: '(planned deployment)',
    service: request.service,
    entityRef,
    version: request.version,
    environment: request.environment,
    status: 'success',
    rollback: false,
    occurredAt: options.now.toISOString(),
    ...(request.pipelineId ? { pipelineId: request.pipelineId } : {}),
    ...(request.repository ? { repository: request.repository } : {}),
    ...(request.commit ? { commit: request.commit } : {}),
  };
  const others = evidence.lockstepServices(planned, options.lockstepIntervalMs);
  if (others.length === 0) {
    return {
      check: 'lockstep',
      ok: true,
      status: 'passed',
      detail: `${tie} deployed no service of another domain to ${request.environment}.`,
      entityRefs: [],
    };
  }
  return {
    check: 'lockstep',
    ok: false,
    status: 'failed',
    detail: `${tie} also deployed ${others
      .map(ref => titleOf(evidence.graph, ref))
      .join(', ')} to ${request.environment}, of another domain: deploying ${
      request.service
    } with it is a lockstep deploy. Deploy it from its own pipeline run.`,
    entityRefs: others,
  };
}

/** The service's failure impact: users, and the other domains it reaches, worst first. */
function gateImpact(
  graph: CatalogGraph,
  entityRef: string,
  domainRef: string | undefined,
): GateImpact {
  const radius = computeBlastRadius(graph, entityRef, {
    paths: false,
    takenDownBy: false,
  });
  if (!radius) {
    return { users: 'none', domains: [], domainCount: 0, entityCount: 0 };
  }
  const byDomain = new Map<string, ImpactLevel>();
  for (const cell of radius.takesDown) {
    const domain = domainOf(graph, cell.affected);
    if (!domain || domain === domainRef) continue;
    byDomain.set(
      domain,
      maxImpact(byDomain.get(domain) ?? 'none', cell.impact),
    );
  }
  const domains = [...byDomain.entries()]
    .map(([ref, impact]) => ({ domainRef: ref, impact }))
    .sort(
      (a, b) =>
        IMPACT_LEVELS.indexOf(b.impact) - IMPACT_LEVELS.indexOf(a.impact) ||
        byString(a.domainRef, b.domainRef),
    );
  return {
    users: radius.users.impact,
    domains: domains.slice(0, MAX_IMPACT_DOMAINS),
    domainCount: domains.length,
    entityCount: radius.takesDown.length,
  };
}

/**
 * Flags the "no" verdicts a deployment went out after anyway: for each successful deployment,
 * the latest verdict asked before it for the same service, version ({@link versionKey}) and
 * environment; when that verdict was "no", it gets `deployedAfterRefusal` (the first such
 * deployment). Deployments and verdicts must be matched with the catalog the same way (their
 * `entityRef`, else the lower-case CI name). Returns the verdicts newest first.
 * @public
 */
export function flagDeploysAfterRefusal(
  verdicts: RecordedVerdict[],
  deployments: DeploymentRecord[],
): RecordedVerdict[] {
  const keyOf = (record: {
    service: string;
    entityRef?: string;
    version: string;
    environment: string;
  }) =>
    `${
      record.entityRef ?? `ci:${ciServiceKey(record.service)}`
    }\u0000${versionKey(record.version)}\u0000${record.environment}`;
  const flagged = verdicts.map(v => {
    const { deployedAfterRefusal: _old, ...rest } = v;
    return rest as RecordedVerdict;
  });
  const byKey = new Map<string, RecordedVerdict[]>();
  for (const verdict of flagged) {
    byKey.set(keyOf(verdict), [...(byKey.get(keyOf(verdict)) ?? []), verdict]);
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => byString(a.askedAt, b.askedAt) || byString(a.id, b.id));
  }
  const chronological = deployments
    .filter(d => LIVE_DEPLOYMENT_STATUSES.includes(d.status))
    .sort(
      (a, b) =>
        byString(a.occurredAt, b.occurredAt) || byString(a.eventId, b.eventId),
    );
  for (const deployment of chronological) {
    const asked = byKey.get(keyOf(deployment)) ?? [];
    let before: RecordedVerdict | undefined;
    for (const verdict of asked) {
      if (verdict.askedAt <= deployment.occurredAt) before = verdict;
    }
    if (before && !before.deployable && !before.deployedAfterRefusal) {
      before.deployedAfterRefusal = {
        eventId: deployment.eventId,
        occurredAt: deployment.occurredAt,
      };
    }
  }
  return flagged.sort(
    (a, b) => byString(b.askedAt, a.askedAt) || byString(b.id, a.id),
  );
}
