import { foldCase } from './refs';
import { runToCompletion, Steps } from './steps';
import {
  CatalogGraph,
  GraphEntity,
  byString,
  componentsDependingOn,
  domainOf,
  entitiesOfKind,
  membersOfDomain,
  titleOf,
} from './graph';
import {
  DEFAULT_EVIDENCE_POLICY,
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  EvidencePolicy,
  EvidenceScope,
  ResolvedDeployment,
  describeDeployment,
  describeLockstepGroup,
  productionFirst,
} from './evidence';
import type { EvidenceContext } from './evidenceContext';
import { versionKey } from './versions';
import {
  ANNOTATION_ADR_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  DomainMigrationStatus,
  MigrationCriterion,
  MigrationPhase,
  MigrationProjection,
  MigrationSnapshot,
  MigrationStatusResponse,
  RuleViolation,
  PlaybookStep,
  TestRunRecord,
} from './types';

type Blocker = MigrationCriterion['blockers'][number];

/** Resources whose sharing the playbook's step 3 forbids. */
export const DATA_RESOURCE_TYPES = ['database', 'cache'];

/** Days before the target date from which a domain below its target phase is at risk. */
const AT_RISK_DAYS = 30;

function criterion(
  id: string,
  label: string,
  evidence: string[],
  blockers: Blocker[],
): MigrationCriterion {
  return { id, label, met: blockers.length === 0, evidence, blockers };
}

/** `url:https://x/y/` → `https://x/y`, lower-case, so prefixes compare reliably. */
function normaliseLocation(location: string): string {
  return foldCase(
    location
      .trim()
      .replace(/^url:/i, '')
      .replace(/\/+$/, '')
      .replace(/\.git$/i, ''),
  );
}

/** Whether a source location lies inside the monorepo (same URL or below it). */
export function isInsideMonorepo(
  sourceLocation: string,
  monorepoUrl: string,
): boolean {
  const location = normaliseLocation(sourceLocation);
  const monorepo = normaliseLocation(monorepoUrl);
  return location === monorepo || location.startsWith(`${monorepo}/`);
}

/**
 * The domains a Resource (or library) is "of": the domains of the components that depend on
 * it. With `includeOwnDomain`, also the domain it declares itself (through spec.domain or its
 * System) — the rules count that; playbook step 3 does not (DESIGN.md: a resource is of the
 * domains of the components that use it).
 */
export function domainsOfDependency(
  graph: CatalogGraph,
  ref: string,
  options: { includeOwnDomain: boolean },
): string[] {
  const users = componentsDependingOn(graph, ref);
  const domains = users.map(u => domainOf(graph, u.ref));
  if (options.includeOwnDomain) domains.push(domainOf(graph, ref));
  return [...new Set(domains.filter((d): d is string => !!d))].sort(byString);
}

function phaseOneCriteria(
  graph: CatalogGraph,
  domain: GraphEntity,
  components: GraphEntity[],
) {
  const owner = domain.ownerRef
    ? graph.entities.get(domain.ownerRef)
    : undefined;
  const ownerIsTeam = owner?.kind === 'group';

  const ownerBlockers: Blocker[] = [];
  if (!owner) {
    ownerBlockers.push({
      entityRefs: [domain.ref],
      message: `${domain.title} has no owner in the catalog.`,
    });
  } else if (!ownerIsTeam) {
    ownerBlockers.push({
      entityRefs: [domain.ref, owner.ref],
      message: `${domain.title} is owned by ${owner.title}, which is not a team.`,
    });
  }
  const ownedByTeam = criterion(
    'domain-owned-by-team',
    'The domain is owned by one team',
    ownerIsTeam
      ? [`${domain.title} is owned by ${owner!.title} (${owner!.ref}).`]
      : [],
    ownerBlockers,
  );

  const componentEvidence: string[] = [];
  const componentBlockers: Blocker[] = [];
  if (components.length === 0) {
    componentBlockers.push({
      entityRefs: [domain.ref],
      message: `No component in the catalog belongs to ${domain.title}.`,
    });
  } else if (!ownerIsTeam) {
    componentBlockers.push({
      entityRefs: [domain.ref],
      message: `${domain.title} has no owning team its components could match.`,
    });
  } else {
    for (const component of components) {
      if (component.ownerRef === owner!.ref) {
        componentEvidence.push(
          `${component.title} is owned by ${owner!.title}.`,
        );
      } else {
        componentBlockers.push({
          entityRefs: [component.ref],
          message: component.ownerRef
            ? `${component.title} is owned by ${titleOf(
                graph,
                component.ownerRef,
              )}, not by ${owner!.title}.`
            : `${component.title} has no owner; it should be owned by ${
                owner!.title
              }.`,
        });
      }
    }
  }
  const componentsOwned = criterion(
    'components-owned-by-domain-team',
    "Every component is owned by the domain's team",
    componentEvidence,
    componentBlockers,
  );
  return [ownedByTeam, componentsOwned];
}

/** The live deployment whose version the domain suite must have passed for: see phaseTwo. */
function liveVersionToTest(
  evidence: EvidenceContext,
  policy: EvidencePolicy,
  componentRef: string,
): ResolvedDeployment | undefined {
  const live = evidence.liveDeploymentsOf(componentRef);
  const order = productionFirst(
    policy,
    live.map(d => d.record.environment),
  );
  return live
    .filter(d => order.includes(d.record.environment))
    .sort(
      (a, b) =>
        order.indexOf(a.record.environment) -
        order.indexOf(b.record.environment),
    )[0];
}

function describeRun(run: TestRunRecord): string {
  return `${run.version}, ${run.occurredAt}${
    run.pipelineUrl ? `, ${run.pipelineUrl}` : ''
  }`;
}

function phaseTwoCriteria(
  evidence: EvidenceContext,
  policy: EvidencePolicy,
  domain: GraphEntity,
  components: GraphEntity[],
) {
  const suiteEvidence: string[] = [];
  const suiteBlockers: Blocker[] = [];
  if (components.length === 0) {
    suiteBlockers.push({
      entityRefs: [domain.ref],
      message: `No component in the catalog belongs to ${domain.title}, so no domain test suite can run.`,
    });
  }
  for (const component of components) {
    // The latest run counts, and it must have passed: for the version live in the most
    // production-like tracked environment (same version or commit) when there is one, else
    // for any version.
    const live = liveVersionToTest(evidence, policy, component.ref);
    const runs = evidence
      .testRunsOf(component.ref, 'domain')
      .filter(
        run =>
          !live ||
          versionKey(run.version) === versionKey(live.record.version) ||
          (!!run.commit && run.commit === live.record.commit),
      );
    const latest = [...runs].sort(
      (a, b) =>
        Date.parse(b.occurredAt) - Date.parse(a.occurredAt) ||
        byString(b.eventId, a.eventId),
    )[0];
    const forLive = live
      ? ` for ${live.record.version}, live in ${live.record.environment}`
      : '';
    if (latest?.result === 'passed') {
      suiteEvidence.push(
        `The latest domain test-suite run of ${
          component.title
        }${forLive} passed (${describeRun(latest)}).`,
      );
    } else if (latest) {
      suiteBlockers.push({
        entityRefs: [component.ref],
        message: `The latest domain test-suite run of ${
          component.title
        }${forLive} failed (run ${
          latest.pipelineId ?? latest.eventId
        }: ${describeRun(latest)}).`,
        ...(latest.pipelineUrl ? { url: latest.pipelineUrl } : {}),
      });
    } else {
      suiteBlockers.push({
        entityRefs: [component.ref],
        message: `CI has reported no domain test-suite run of ${component.title}${forLive}.`,
      });
    }
  }
  const adrLocation = domain.annotations[ANNOTATION_ADR_LOCATION]?.trim();
  return [
    criterion(
      'domain-test-suite',
      'The latest domain test-suite run of every component passed',
      suiteEvidence,
      suiteBlockers,
    ),
    criterion(
      'adr-location',
      'Architecture decision records are located',
      adrLocation
        ? [`The ADRs of ${domain.title} live at ${adrLocation}.`]
        : [],
      adrLocation
        ? []
        : [
            {
              entityRefs: [domain.ref],
              message: `${domain.title} has no ${ANNOTATION_ADR_LOCATION} annotation.`,
            },
          ],
    ),
  ];
}

function extractedCriterion(
  domain: GraphEntity,
  components: GraphEntity[],
  monorepoUrl: string | undefined,
) {
  const evidence: string[] = [];
  const blockers: Blocker[] = [];
  if (!monorepoUrl) {
    blockers.push({
      entityRefs: [domain.ref],
      message:
        'The monorepo location is not configured (domainSplit.monorepo.url), so extraction can not be checked.',
    });
  }
  if (components.length === 0) {
    blockers.push({
      entityRefs: [domain.ref],
      message: `No component in the catalog belongs to ${domain.title}.`,
    });
  }
  for (const component of components) {
    const location = component.annotations[ANNOTATION_SOURCE_LOCATION]?.trim();
    if (!location) {
      blockers.push({
        entityRefs: [component.ref],
        message: `${component.title} has no ${ANNOTATION_SOURCE_LOCATION} annotation, so its repository is unknown.`,
      });
    } else if (monorepoUrl && isInsideMonorepo(location, monorepoUrl)) {
      blockers.push({
        entityRefs: [component.ref],
        message: `${component.title} is still in the monorepo (${location}).`,
      });
    } else if (monorepoUrl) {
      evidence.push(
        `${component.title} lives outside the monorepo, at ${location}.`,
      );
    }
  }
  return criterion(
    'extracted',
    'Every component lives in its own repository',
    evidence,
    blockers,
  );
}

function publishesEventsCriterion(
  graph: CatalogGraph,
  domain: GraphEntity,
  components: GraphEntity[],
) {
  const evidence = components.flatMap(component =>
    component.providesApis
      .map(ref => graph.entities.get(ref)!)
      .filter(api => api.type === 'asyncapi')
      .map(api => `${component.title} publishes ${api.title} (asyncapi).`),
  );
  return criterion(
    'publishes-events',
    'Publishes its events through an event API',
    evidence,
    evidence.length > 0
      ? []
      : [
          {
            entityRefs: [domain.ref],
            message: `No component of ${domain.title} provides an event (asyncapi) API.`,
          },
        ],
  );
}

function sharedDataCriterion(
  graph: CatalogGraph,
  domain: GraphEntity,
  components: GraphEntity[],
) {
  const componentRefs = new Set(components.map(c => c.ref));
  const used = new Set(components.flatMap(c => c.dependsOn));
  const dataResources = [...used]
    .sort(byString)
    .map(ref => graph.entities.get(ref)!)
    .filter(
      e => e.kind === 'resource' && DATA_RESOURCE_TYPES.includes(e.type ?? ''),
    );
  const evidence: string[] = [];
  const blockers: Blocker[] = [];
  for (const resource of dataResources) {
    const others = domainsOfDependency(graph, resource.ref, {
      includeOwnDomain: false,
    }).filter(d => d !== domain.ref);
    if (others.length === 0) {
      evidence.push(
        `${resource.title} (${resource.type}) is used by ${domain.title} only.`,
      );
      continue;
    }
    const foreignUsers = componentsDependingOn(graph, resource.ref)
      .filter(e => !componentRefs.has(e.ref))
      .map(e => e.ref);
    blockers.push({
      entityRefs: [resource.ref, ...foreignUsers],
      message: `${resource.title} (${resource.type}) is shared with ${others
        .map(d => titleOf(graph, d))
        .join(', ')}.`,
    });
  }
  if (dataResources.length === 0) {
    evidence.push(
      `No database or cache is used by the components of ${domain.title}.`,
    );
  }
  return criterion(
    'no-shared-data',
    'No database or cache shared with another domain',
    evidence,
    blockers,
  );
}

function deployCriteria(
  evidence: EvidenceContext,
  intervalMs: number,
  domain: GraphEntity,
  components: GraphEntity[],
) {
  const { graph } = evidence;
  const deployments = evidence.successfulDeploymentsOf(
    components.map(c => c.ref),
  );
  const noDeployments: Blocker[] =
    deployments.length === 0
      ? [
          {
            entityRefs: [domain.ref],
            message: `CI has reported no successful deployment of any ${domain.title} component to a tracked environment (live now or inside the evidence window).`,
          },
        ]
      : [];

  const lockstepBlockers: Blocker[] = evidence
    .lockstepGroupsOf(domain.ref, intervalMs)
    .map(group => describeLockstepGroup(graph, group));
  const independent = criterion(
    'no-lockstep',
    "Deploys are not in lockstep with other domains' deploys",
    deployments.length > 0 && lockstepBlockers.length === 0
      ? [
          `${deployments.length} successful deployment(s) of ${domain.title}, none in lockstep with another domain.`,
        ]
      : [],
    [...noDeployments, ...lockstepBlockers],
  );

  const contractBlockers: Blocker[] = [];
  let covered = 0;
  for (const deployment of deployments) {
    if (evidence.hasContractRunBefore(deployment)) {
      covered += 1;
    } else {
      contractBlockers.push({
        entityRefs: [deployment.entityRef!],
        message: `${describeDeployment(deployment)} at ${
          deployment.record.occurredAt
        } had no passing contract-test run for that version before it.`,
      });
    }
  }
  const contracts = criterion(
    'contract-tests-before-deploy',
    'Contract tests pass before every deploy',
    covered > 0
      ? [
          `${covered} of ${deployments.length} successful deployment(s) had passing contract tests before them.`,
        ]
      : [],
    [...noDeployments, ...contractBlockers],
  );
  return [independent, contracts];
}

function schedule(
  phase: MigrationPhase,
  targetPhase: MigrationPhase | undefined,
  targetDate: string | undefined,
  now: Date,
): DomainMigrationStatus['schedule'] {
  if (targetPhase === undefined) return 'no-target';
  if (phase >= targetPhase) return 'done';
  if (!targetDate) return 'on-track';
  const today = now.toISOString().slice(0, 10);
  if (today > targetDate) return 'late';
  const daysLeft =
    (Date.parse(`${targetDate}T00:00:00Z`) - now.getTime()) / 86_400_000;
  return daysLeft <= AT_RISK_DAYS ? 'at-risk' : 'on-track';
}

/** Blocker messages as sentences, each once (two criteria can share a blocker). */
function blockerSentences(
  criteria: MigrationCriterion[],
  prefix = '',
): string[] {
  return [
    ...new Set(
      criteria.flatMap(c => c.blockers.map(b => `${prefix}${b.message}`)),
    ),
  ];
}

function migrationOfDomain(
  evidence: EvidenceContext,
  domain: GraphEntity,
  options: { monorepoUrl?: string; now: Date; policy?: EvidencePolicy },
): DomainMigrationStatus {
  const { graph } = evidence;
  const policy = options.policy ?? DEFAULT_EVIDENCE_POLICY;
  const components = membersOfDomain(graph, domain.ref).filter(
    m => m.kind === 'component',
  );
  const phaseOne = phaseOneCriteria(graph, domain, components);
  const phaseTwo = phaseTwoCriteria(evidence, policy, domain, components);
  const stepCriteria: [PlaybookStep['step'], string, MigrationCriterion[]][] = [
    [
      1,
      'Extracted into its own repository',
      [extractedCriterion(domain, components, options.monorepoUrl)],
    ],
    [
      2,
      'Publishes events',
      [publishesEventsCriterion(graph, domain, components)],
    ],
    [3, 'Database joins cut', [sharedDataCriterion(graph, domain, components)]],
    [
      4,
      'Deploys independently',
      deployCriteria(
        evidence,
        options.policy?.lockstepIntervalMs ?? DEFAULT_LOCKSTEP_INTERVAL_MS,
        domain,
        components,
      ),
    ],
  ];
  const steps: PlaybookStep[] = stepCriteria.map(([step, label, criteria]) => ({
    step,
    label,
    met: criteria.every(c => c.met),
    criteria,
  }));
  const phaseCriteria: DomainMigrationStatus['phaseCriteria'] = [
    { phase: 1, met: phaseOne.every(c => c.met), criteria: phaseOne },
    { phase: 2, met: phaseTwo.every(c => c.met), criteria: phaseTwo },
  ];

  // Phases are cumulative: each one needs every earlier one.
  let phase: MigrationPhase = 0;
  if (phaseCriteria[0].met) phase = 1;
  if (phase === 1 && phaseCriteria[1].met) phase = 2;
  if (phase === 2 && steps.every(s => s.met)) phase = 3;

  let nextBlockers: string[] = [];
  if (phase === 0) nextBlockers = blockerSentences(phaseOne);
  if (phase === 1) nextBlockers = blockerSentences(phaseTwo);
  if (phase === 2) {
    nextBlockers = steps
      .filter(s => !s.met)
      .flatMap(s =>
        blockerSentences(s.criteria, `Step ${s.step} (${s.label}): `),
      );
  }

  const allCriteria = [
    ...phaseOne,
    ...phaseTwo,
    ...steps.flatMap(s => s.criteria),
  ];
  return {
    domainRef: domain.ref,
    title: domain.title,
    phase,
    steps,
    phaseCriteria,
    progress: allCriteria.filter(c => c.met).length / allCriteria.length,
    targetPhase: domain.targetPhase,
    targetDate: domain.targetDate,
    schedule: schedule(
      phase,
      domain.targetPhase,
      domain.targetDate,
      options.now,
    ),
    nextBlockers,
  };
}

/**
 * The migration phase of every Domain, computed from the catalog and CI evidence (see
 * DESIGN.md "Migration phases"), with evidence and blockers for each criterion. With a
 * `policy`, the deployment evidence (phase 2's live version, step 4) is what is live now and
 * what was deployed inside the window, in tracked environments ({@link EvidenceContext.scoped},
 * judged at `now`); without one, every deployment counts.
 * @public
 */
export function computeMigrationStatus(
  context: EvidenceContext,
  options: { monorepoUrl?: string; now: Date; policy?: EvidencePolicy },
): MigrationStatusResponse {
  return runToCompletion(migrationStatusSteps(context, options));
}

/**
 * {@link computeMigrationStatus} one domain at a time: the generator pauses after each domain,
 * so a server can compute a large catalog's status in slices.
 * @public
 */
export function* migrationStatusSteps(
  context: EvidenceContext,
  options: { monorepoUrl?: string; now: Date; policy?: EvidencePolicy },
): Steps<MigrationStatusResponse> {
  const { graph } = context;
  const scope: EvidenceScope | undefined = options.policy
    ? { policy: options.policy, now: options.now }
    : undefined;
  const evidence = yield* context.scopedSteps(scope);
  yield;
  yield* evidence.indexSteps(
    options.policy?.lockstepIntervalMs ?? DEFAULT_LOCKSTEP_INTERVAL_MS,
  );
  const domains = [];
  for (const domain of entitiesOfKind(graph, 'domain')) {
    domains.push(migrationOfDomain(evidence, domain, options));
    yield;
  }
  return {
    generatedAt: options.now.toISOString(),
    domains,
    annotationProblems: graph.annotationProblems,
  };
}

/**
 * The part of a migration status worth keeping over time (for the burn-up chart).
 * @public
 */
export function toMigrationSnapshot(
  status: MigrationStatusResponse,
  /** The violations open at the time (their counts per rule and per domain are kept). */
  openViolations?: RuleViolation[],
): MigrationSnapshot {
  const snapshot: MigrationSnapshot = {
    takenAt: status.generatedAt,
    domains: status.domains.map(domain => ({
      domainRef: domain.domainRef,
      phase: domain.phase,
      stepsMet: domain.steps.filter(step => step.met).length,
      progress: domain.progress,
    })),
  };
  if (openViolations) {
    const byRule: Record<string, number> = {};
    const byDomain: Record<string, number> = {};
    for (const violation of openViolations) {
      if ((violation.status ?? 'open') !== 'open') continue;
      byRule[violation.rule] = (byRule[violation.rule] ?? 0) + 1;
      for (const domain of violation.domainRefs) {
        byDomain[domain] = (byDomain[domain] ?? 0) + 1;
      }
    }
    snapshot.openViolations = { byRule, byDomain };
  }
  return snapshot;
}

const DAY_MS = 86_400_000;

/**
 * Where the burn-up is heading: phase points (the sum of the domains' phases) gained per day
 * between the latest snapshot and the last one at least `paceDays` before it (the first
 * snapshot when history is shorter), extended to 3 points per domain (every domain in phase 3).
 * Undefined with fewer than two snapshots. The date is a UTC day, rounded up.
 * @public
 */
export function projectMigration(
  snapshots: MigrationSnapshot[],
  options: { paceDays?: number } = {},
): MigrationProjection | undefined {
  const paceDays = options.paceDays ?? 28;
  const sorted = [...snapshots]
    .filter(s => !isNaN(Date.parse(s.takenAt)))
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  if (sorted.length < 2) return undefined;
  const latest = sorted[sorted.length - 1];
  const latestAt = Date.parse(latest.takenAt);
  const startCandidates = sorted.filter(
    s => Date.parse(s.takenAt) <= latestAt - paceDays * DAY_MS,
  );
  const start = startCandidates[startCandidates.length - 1] ?? sorted[0];
  const points = (s: MigrationSnapshot) =>
    s.domains.reduce((sum, d) => sum + d.phase, 0);
  const days = (latestAt - Date.parse(start.takenAt)) / DAY_MS;
  const now = points(latest);
  const target = 3 * latest.domains.length;
  const pointsPerDay = days > 0 ? (now - points(start)) / days : 0;
  const base = {
    pointsPerDay,
    paceDays: Math.round(days * 10) / 10,
    points: now,
    target,
  };
  if (now >= target) {
    return {
      ...base,
      phase3On: latest.takenAt.slice(0, 10),
      summary: `every domain is in phase 3 (since ${latest.takenAt.slice(
        0,
        10,
      )})`,
    };
  }
  if (!(pointsPerDay > 0)) {
    return {
      ...base,
      summary: `no progress over the last ${base.paceDays} day(s): no date for phase 3 at this pace`,
    };
  }
  const day = new Date(
    latestAt + Math.ceil((target - now) / pointsPerDay) * DAY_MS,
  )
    .toISOString()
    .slice(0, 10);
  return { ...base, phase3On: day, summary: `at this pace: phase 3 on ${day}` };
}
