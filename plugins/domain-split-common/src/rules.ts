import { runToCompletion, sortSteps, Steps, workBudget } from './steps';
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
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  EvidenceScope,
  describeLockstepGroup,
} from './evidence';
import type { EvidenceContext } from './evidenceContext';
import { versionKey } from './versions';
import { domainsOfDependency } from './migration';
import {
  ANNOTATION_SHARED_LIBRARY,
  ANNOTATION_USER_FACING,
  RuleDescription,
  RuleId,
  RuleViolation,
  RuleViolationsResponse,
  ViolationStatus,
} from './types';

/** A violation as the checks find it; {@link checkRules} adds its key and domains. */
type FoundViolation = Pick<RuleViolation, 'rule' | 'entityRefs' | 'message'> & {
  /** What tells it apart from other violations of its rule; default: its entities. */
  subject?: string;
};

/**
 * The principal-level rules, in the order they are reported.
 * @public
 */
export const RULES: RuleDescription[] = [
  {
    id: 'no-cross-domain-db',
    title: 'No cross-domain database access',
    description:
      'A database Resource is used (dependsOn) by components of one domain only, and only by the domain it belongs to.',
  },
  {
    id: 'no-shared-cache',
    title: 'No shared cache',
    description:
      'A cache Resource is used (dependsOn) by components of one domain only, and only by the domain it belongs to.',
  },
  {
    id: 'no-shared-business-library',
    title: 'No shared business-logic library',
    description: `Contracts are the only shared code: a library Component is used (dependsOn) within one domain only, unless it is annotated ${ANNOTATION_SHARED_LIBRARY}: contract (generated contract code) or platform (platform glue).`,
  },
  {
    id: 'events-only-between-domains',
    title: 'Domains talk to each other through events',
    description: `A component does not consume a synchronous API (openapi, grpc, graphql, …) of, or depend directly on, a service of another domain. Only entry points annotated ${ANNOTATION_USER_FACING}: "true" (the gateway, the web app) call domains synchronously.`,
  },
  {
    id: 'one-owner-per-domain',
    title: 'One owner per domain',
    description:
      'Every domain is owned by one team (Group), and no team owns components in a domain it does not own.',
  },
  {
    id: 'independent-deploys',
    title: 'Teams deploy independently',
    description:
      'No successful deployments of services of different domains to the same environment share a pipeline run, or a commit within the lockstep interval (lockstep). Judged on what is live now and deploys inside the evidence window, in tracked environments.',
  },
  {
    id: 'contract-tests-before-deploy',
    title: 'No deploy without passing contract tests',
    description:
      'Every successful deployment has a passing contract-test run for the same service and version (or commit), reported no later than the deployment. Judged on what is live now and deploys inside the evidence window, in tracked environments.',
  },
];

const RULE_ORDER = new Map<RuleId, number>(
  RULES.map((rule, index) => [rule.id, index]),
);

function describeUsers(graph: CatalogGraph, users: GraphEntity[]): string {
  return users
    .map(user => {
      const domain = domainOf(graph, user.ref);
      return `${user.title} (${domain ? titleOf(graph, domain) : 'no domain'})`;
    })
    .join(', ');
}

/**
 * Data Resources and libraries follow one pattern: what they belong to and who depends on them
 * must stay inside one domain.
 */
function sharedAcrossDomains(
  graph: CatalogGraph,
  rule: RuleId,
  shared: GraphEntity[],
  what: string,
): FoundViolation[] {
  const violations: FoundViolation[] = [];
  for (const entity of shared) {
    const domains = domainsOfDependency(graph, entity.ref, {
      includeOwnDomain: true,
    });
    if (domains.length < 2) continue;
    const users = componentsDependingOn(graph, entity.ref);
    const ownDomain = domainOf(graph, entity.ref);
    const belongs = ownDomain
      ? `; it belongs to ${titleOf(graph, ownDomain)}`
      : '';
    violations.push({
      rule,
      entityRefs: [entity.ref, ...users.map(u => u.ref)],
      message: `${what} ${entity.title} is used across domains (${domains
        .map(d => titleOf(graph, d))
        .join(', ')}): by ${
        describeUsers(graph, users) || 'no component'
      }${belongs}.`,
    });
  }
  return violations;
}

/** Every dependency between Components, pausing between pieces of work ({@link workBudget}). */
function* eventsOnly(graph: CatalogGraph): Steps<FoundViolation[]> {
  const violations: FoundViolation[] = [];
  const budget = workBudget();
  for (const edge of graph.edges) {
    if (budget.spend()) yield;
    const consumer = graph.entities.get(edge.consumer)!;
    const provider = graph.entities.get(edge.provider)!;
    if (consumer.kind !== 'component' || provider.kind !== 'component')
      continue;
    if (consumer.userFacing) continue;
    const consumerDomain = domainOf(graph, consumer.ref);
    const providerDomain = domainOf(graph, provider.ref);
    if (!consumerDomain || !providerDomain || consumerDomain === providerDomain)
      continue;
    const across = `from ${titleOf(graph, consumerDomain)} to ${titleOf(
      graph,
      providerDomain,
    )}`;
    if (edge.via === 'dependsOn') {
      // A library is shared code, not a call; the library rule judges it.
      if (provider.type === 'library') continue;
      violations.push({
        rule: 'events-only-between-domains',
        entityRefs: [consumer.ref, provider.ref],
        message: `${consumer.title} depends directly on ${provider.title}, a synchronous dependency ${across}.`,
      });
      continue;
    }
    const api = graph.entities.get(edge.via)!;
    if (api.type === 'asyncapi') continue;
    violations.push({
      rule: 'events-only-between-domains',
      entityRefs: [consumer.ref, api.ref, provider.ref],
      message: `${consumer.title} calls ${api.title} (${
        api.type ?? 'untyped, treated as synchronous'
      }) provided by ${provider.title}: synchronous communication ${across}.`,
    });
  }
  return violations;
}

function oneOwner(graph: CatalogGraph): FoundViolation[] {
  const violations: FoundViolation[] = [];
  for (const domain of entitiesOfKind(graph, 'domain')) {
    const owner = domain.ownerRef
      ? graph.entities.get(domain.ownerRef)
      : undefined;
    const components = membersOfDomain(graph, domain.ref).filter(
      c => c.kind === 'component',
    );
    if (owner?.kind !== 'group') {
      violations.push({
        rule: 'one-owner-per-domain',
        entityRefs: [domain.ref],
        message: owner
          ? `${domain.title} is owned by ${owner.title}, which is not a team.`
          : `${domain.title} has no owning team in the catalog.`,
      });
    }
    const foreignOwners = [
      ...new Set(
        components
          .map(c => c.ownerRef)
          .filter((ref): ref is string => !!ref && ref !== owner?.ref),
      ),
    ].sort(byString);
    for (const foreignOwner of foreignOwners) {
      const owned = components.filter(c => c.ownerRef === foreignOwner);
      violations.push({
        rule: 'one-owner-per-domain',
        entityRefs: [domain.ref, foreignOwner, ...owned.map(c => c.ref)],
        message: `${titleOf(graph, foreignOwner)} owns ${owned
          .map(c => c.title)
          .join(', ')} in ${domain.title}, a domain ${
          owner ? `owned by ${owner.title}` : 'it does not own'
        }.`,
      });
    }
  }
  return violations;
}

function lockstep(
  evidence: EvidenceContext,
  intervalMs: number,
): FoundViolation[] {
  const { graph } = evidence;
  return evidence.lockstepGroups(intervalMs).map(group => ({
    rule: 'independent-deploys',
    // The same burst of deploys keeps its key while more of it arrives.
    subject: `${group.environment}|${group.sharedBy}|${group.deployments[0].record.occurredAt}`,
    ...describeLockstepGroup(graph, group),
  }));
}

/** Checks each successful deployment, pausing between pieces of work ({@link workBudget}). */
function* contractTests(evidence: EvidenceContext): Steps<FoundViolation[]> {
  const { graph } = evidence;
  // One violation per service version, naming every environment it reached untested.
  const untested = new Map<
    string,
    {
      entityRef: string;
      service: string;
      version: string;
      environments: Set<string>;
    }
  >();
  const budget = workBudget();
  for (const deployment of evidence.successfulDeployments()) {
    if (budget.spend()) yield;
    if (!deployment.entityRef) continue; // unmatched services are listed as unmatched events
    if (evidence.hasContractRunBefore(deployment)) continue;
    const key = `${deployment.entityRef}@${versionKey(
      deployment.record.version,
    )}`;
    const entry = untested.get(key) ?? {
      entityRef: deployment.entityRef,
      service: deployment.record.service,
      version: deployment.record.version,
      environments: new Set<string>(),
    };
    entry.environments.add(deployment.record.environment);
    untested.set(key, entry);
  }
  return [...untested.entries()].map(([subject, entry]) => ({
    rule: 'contract-tests-before-deploy',
    subject,
    entityRefs: [entry.entityRef],
    message: `${titleOf(graph, entry.entityRef)} ${
      entry.version
    } was deployed to ${[...entry.environments]
      .sort(byString)
      .join(
        ', ',
      )} without a passing contract-test run for that version before the deploy.`,
  }));
}

/**
 * Checks the rules on the catalog graph and the CI evidence. Each violation names the rule, the
 * entities and why, with a stable `key` and the domains it concerns; the list is sorted by
 * rule, then entities. With a scope, the deployment rules (lockstep, contract tests before
 * deploy) judge deployments to tracked environments inside the window and the ones live now
 * ({@link EvidenceContext.scoped}); without one, every deployment (tests, benchmarks).
 * @public
 */
export function checkRules(
  context: EvidenceContext,
  scope?: EvidenceScope,
): RuleViolationsResponse {
  return runToCompletion(ruleCheckSteps(context, scope));
}

/**
 * The rules that read only the catalog (shared databases, caches and libraries, events only
 * between domains, one owner per domain): their violations, identified and sorted as
 * {@link checkRules} reports them. A server checks them once per catalog graph and hands them
 * to {@link ruleCheckSteps} for every CI event.
 * @public
 */
export interface CatalogRuleViolations {
  graph: CatalogGraph;
  violations: RuleViolation[];
}

/**
 * The catalog-only rules ({@link CatalogRuleViolations}) one at a time, pausing between
 * pieces of work.
 * @public
 */
export function* catalogRuleCheckSteps(
  graph: CatalogGraph,
): Steps<CatalogRuleViolations> {
  const resources = entitiesOfKind(graph, 'resource');
  const libraries = entitiesOfKind(graph, 'component').filter(
    c => c.type === 'library' && !c.sharedLibrary,
  );
  const found: FoundViolation[] = [];
  const checks: (() => FoundViolation[])[] = [
    () =>
      sharedAcrossDomains(
        graph,
        'no-cross-domain-db',
        resources.filter(r => r.type === 'database'),
        'Database',
      ),
    () =>
      sharedAcrossDomains(
        graph,
        'no-shared-cache',
        resources.filter(r => r.type === 'cache'),
        'Cache',
      ),
    () =>
      sharedAcrossDomains(
        graph,
        'no-shared-business-library',
        libraries,
        'Library',
      ),
    () => oneOwner(graph),
  ];
  for (const check of checks) {
    found.push(...check());
    yield;
  }
  found.push(...(yield* eventsOnly(graph)));
  yield;
  return { graph, violations: yield* identifyAndSortSteps(graph, found) };
}

/**
 * {@link checkRules} one rule at a time: the generator pauses after each rule, so a server can
 * check a large catalog in slices. The catalog-only rules' violations of the same graph, when
 * given, are used as they are (see {@link catalogRuleCheckSteps}).
 * @public
 */
export function* ruleCheckSteps(
  context: EvidenceContext,
  scope?: EvidenceScope,
  catalogViolations?: CatalogRuleViolations,
): Steps<RuleViolationsResponse> {
  const { graph } = context;
  if (catalogViolations && catalogViolations.graph !== graph) {
    throw new Error(
      'ruleCheckSteps: the catalog-only violations were checked on another catalog graph',
    );
  }
  // Not `??`: some transpilers move its right side into a function, where `yield*` is invalid.
  const ofCatalog = catalogViolations
    ? catalogViolations
    : yield* catalogRuleCheckSteps(graph);
  const evidence = yield* context.scopedSteps(scope);
  yield;
  const intervalMs =
    scope?.policy.lockstepIntervalMs ?? DEFAULT_LOCKSTEP_INTERVAL_MS;
  yield* evidence.indexSteps(intervalMs, [
    'successful',
    'lockstep',
    'contractRuns',
  ]);
  const found = lockstep(evidence, intervalMs);
  yield;
  found.push(...(yield* contractTests(evidence)));
  yield;
  const ofEvidence = yield* identifyAndSortSteps(graph, found);
  return {
    rules: RULES,
    // Every catalog-only rule comes before the evidence rules in RULES, so the two sorted
    // lists side by side are sorted.
    violations: [...ofCatalog.violations, ...ofEvidence],
    annotationProblems: graph.annotationProblems,
  };
}

/** Identifies found violations and sorts them ({@link byViolationOrder}). */
function* identifyAndSortSteps(
  graph: CatalogGraph,
  found: FoundViolation[],
): Steps<RuleViolation[]> {
  const violations: RuleViolation[] = [];
  const budget = workBudget();
  for (const { subject, ...rest } of found) {
    violations.push(identify(graph, rest, subject));
    if (budget.spend()) yield;
  }
  const keyed = violations.map(violationSortKey);
  yield;
  keyed.sort(byViolationOrder);
  return keyed.map(k => k.violation);
}

/**
 * A violation with its sort key, built once, not per comparison (tens of thousands of
 * violations at 10,000 services); see {@link byViolationOrder}.
 */
function violationSortKey(violation: RuleViolation) {
  return {
    violation,
    rank: RULE_ORDER.get(violation.rule)!,
    status: violation.status ?? 'open',
    resolvedAt: violation.resolvedAt ?? '',
    entities: violation.entityRefs.join(),
  };
}

/**
 * The order violations are reported in: by rule, open before resolved, the most recently
 * resolved first, then by entities and message.
 */
function byViolationOrder(
  a: ReturnType<typeof violationSortKey>,
  b: ReturnType<typeof violationSortKey>,
): number {
  return (
    a.rank - b.rank ||
    byString(a.status, b.status) ||
    byString(b.resolvedAt, a.resolvedAt) ||
    byString(a.entities, b.entities) ||
    byString(a.violation.message, b.violation.message)
  );
}

function identify(
  graph: CatalogGraph,
  found: Omit<FoundViolation, 'subject'>,
  subject: string | undefined,
): RuleViolation {
  const domains = new Set<string>();
  for (const ref of found.entityRefs) {
    if (graph.entities.get(ref)?.kind === 'domain') domains.add(ref);
    const domain = domainOf(graph, ref);
    if (domain) domains.add(domain);
  }
  return {
    rule: found.rule,
    key: `${found.rule}:${subject ?? found.entityRefs.join(',')}`,
    entityRefs: found.entityRefs,
    domainRefs: [...domains].sort(byString),
    message: found.message,
  };
}

/**
 * Advances the open/resolved lifecycle by one analysis at `now`: a violation found now is open
 * (`firstSeenAt` kept from its first sighting, also when it was resolved and comes back;
 * `lastSeenAt` now); an open one not found any more is resolved at `now`; a resolved one not
 * found stays as it was. Returns all of them, and what a store must write: new and reopened
 * violations, open ones whose rule, message or entities changed, and the newly resolved ones.
 * An open violation found again as it was changes only its `lastSeenAt`, which is `now` for
 * every open violation: a store keeps that once per check, not per violation.
 * @public
 */
export function reconcileViolations(
  previous: RuleViolation[],
  found: RuleViolation[],
  now: Date,
): { all: RuleViolation[]; changed: RuleViolation[] } {
  return runToCompletion(reconcileViolationsSteps(previous, found, now));
}

/**
 * {@link reconcileViolations}, pausing between pieces of work ({@link workBudget}): tens of
 * thousands of violations at 10,000 services, reconciled on every rule check.
 * @public
 */
export function* reconcileViolationsSteps(
  previous: RuleViolation[],
  found: RuleViolation[],
  now: Date,
): Steps<{ all: RuleViolation[]; changed: RuleViolation[] }> {
  const at = now.toISOString();
  const budget = workBudget();
  const byKey = new Map<string, RuleViolation>();
  for (const known of previous) {
    byKey.set(known.key, known);
    if (budget.spend()) yield;
  }
  const all = new Map<string, RuleViolation>();
  const changed: RuleViolation[] = [];
  for (const violation of found) {
    const known = byKey.get(violation.key);
    const { resolvedAt: _resolved, ...fresh } = violation;
    const record: RuleViolation = {
      ...fresh,
      status: 'open',
      firstSeenAt: known?.firstSeenAt ?? at,
      lastSeenAt: at,
    };
    all.set(record.key, record);
    if (!known || known.status !== 'open' || !sameFinding(known, record)) {
      changed.push(record);
    }
    if (budget.spend()) yield;
  }
  for (const known of previous) {
    if (!all.has(known.key)) {
      if (known.status === 'open') {
        const resolved: RuleViolation = {
          ...known,
          status: 'resolved',
          resolvedAt: at,
        };
        all.set(known.key, resolved);
        changed.push(resolved);
      } else {
        all.set(known.key, known);
      }
    }
    if (budget.spend()) yield;
  }
  return { all: [...all.values()], changed };
}

/** Whether two records of one violation say the same (apart from when it was seen). */
function sameFinding(a: RuleViolation, b: RuleViolation): boolean {
  return (
    a.rule === b.rule &&
    a.message === b.message &&
    a.entityRefs.join() === b.entityRefs.join() &&
    a.domainRefs.join() === b.domainRefs.join()
  );
}

/**
 * Which tracked violations a reader asks for.
 * @public
 */
export interface ViolationFilter {
  /** `open` (default), `resolved` or `all`. */
  status?: ViolationStatus | 'all';
  /** Only violations naming this entity. */
  entityRef?: string;
  /** Resolved ones only when resolved at or after this time (ISO 8601): the evidence window. */
  resolvedSince?: string;
}

/**
 * The violations a reader asks for, sorted as {@link checkRules} sorts them (resolved ones by
 * rule, then most recently resolved first).
 * @public
 */
export function filterViolations(
  violations: RuleViolation[],
  filter: ViolationFilter,
): RuleViolation[] {
  return runToCompletion(filterViolationsSteps(violations, filter));
}

/**
 * {@link filterViolations} in pieces of {@link workBudget}: tens of thousands of violations at
 * 10,000 services, sorted in pieces too ({@link byViolationOrder}).
 * @public
 */
export function* filterViolationsSteps(
  violations: readonly RuleViolation[],
  filter: ViolationFilter,
): Steps<RuleViolation[]> {
  const status = filter.status ?? 'open';
  const kept: ReturnType<typeof violationSortKey>[] = [];
  const budget = workBudget();
  for (const v of violations) {
    if (budget.spend()) yield;
    if (status !== 'all' && (v.status ?? 'open') !== status) continue;
    if (
      v.status === 'resolved' &&
      filter.resolvedSince &&
      (v.resolvedAt ?? '') < filter.resolvedSince
    ) {
      continue;
    }
    if (filter.entityRef && !v.entityRefs.includes(filter.entityRef)) continue;
    kept.push(violationSortKey(v));
  }
  const sorted = yield* sortSteps(kept, byViolationOrder);
  return sorted.map(entry => entry.violation);
}
