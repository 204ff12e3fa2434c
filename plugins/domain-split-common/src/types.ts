/*
 * The shared vocabulary of Domain Split: what the backend computes and serves and what the
 * frontend renders. Everything here is plain data (JSON-serialisable), free of I/O and React.
 * Entity references are always full, lower-case refs: `component:default/orders-service`.
 */
import type { PageInfo } from './paging';

/**
 * How badly a failure reaches something, ordered from harmless to worst.
 * @public
 */
export type ImpactLevel = 'none' | 'degraded' | 'waits' | 'blocked';

/**
 * Impact levels in ascending order of severity.
 * @public
 */
export const IMPACT_LEVELS: readonly ImpactLevel[] = [
  'none',
  'degraded',
  'waits',
  'blocked',
];

/**
 * The failure-isolation matrix's words for each level (the seed's legend).
 * @public
 */
export const IMPACT_DESCRIPTIONS: Record<ImpactLevel, string> = {
  none: 'no user impact',
  degraded: 'degraded UX',
  waits: 'waits: work queues up and finishes later',
  blocked: 'blocked: the flow stops',
};

/** @public */
export const ANNOTATION_PREFIX = 'domain-split/';
/** On a Component: `provider=impact, ...` overrides the default impact of its dependencies. @public */
export const ANNOTATION_DEPENDENCY_IMPACT = 'domain-split/dependency-impact';
/** On a Component: `"true"` marks a user-facing entry point (gateway, web app). @public */
export const ANNOTATION_USER_FACING = 'domain-split/user-facing';
/** On a Domain: what the architects declared as the user impact of its failure. @public */
export const ANNOTATION_DECLARED_IMPACT = 'domain-split/declared-impact';
/** On a Domain: the phase (0-3) the plan wants by the target date. @public */
export const ANNOTATION_TARGET_PHASE = 'domain-split/target-phase';
/** On a Domain: the date (YYYY-MM-DD) of the target phase. @public */
export const ANNOTATION_TARGET_DATE = 'domain-split/target-date';
/** On a Domain (or its components): where its architecture decision records live. @public */
export const ANNOTATION_ADR_LOCATION = 'domain-split/adr-location';
/** Backstage's own source location annotation. @public */
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
/** On a Component: the service name CI uses when it differs from the Component's name. @public */
export const ANNOTATION_CI_SERVICE_NAME = 'domain-split/ci-service-name';
/**
 * On a Component: the GitHub workflow(s) whose runs test it, comma-separated
 * `<owner>/<repo>:<path>` or `<path>` (e.g. `acme/platform:.github/workflows/orders-contract.yml`),
 * for monorepos whose workflow names do not name the service.
 * @public
 */
export const ANNOTATION_GITHUB_WORKFLOW = 'domain-split/github-workflow';
/** On a User (or Group): the person's role in the organisation, e.g. `staff engineer`. @public */
export const ANNOTATION_ORG_ROLE = 'domain-split/org-role';
/**
 * On a library Component: `contract` (generated contract code) or `platform` (platform glue);
 * either exempts the library from the no-shared-business-library rule.
 * @public
 */
export const ANNOTATION_SHARED_LIBRARY = 'domain-split/shared-library';

/**
 * A problem with an annotation (or a reference) on one entity. Reported, never thrown.
 * @public
 */
export interface AnnotationProblem {
  entityRef: string;
  annotation: string;
  value?: string;
  message: string;
}

// ---------------------------------------------------------------------------------------
// CI records (derived from accepted webhook events; the backend stores them)
// ---------------------------------------------------------------------------------------

/** @public */
export type DeploymentStatus =
  | 'success'
  | 'failure'
  | 'in_progress'
  | 'rolled_back';

/**
 * One deployment of a service version to an environment, as reported by CI.
 * @public
 */
export interface DeploymentRecord {
  /** The id of the accepted event this came from (the delivery id). */
  eventId: string;
  /** The service name as CI reported it. */
  service: string;
  /** The catalog entity it matched, if any. */
  entityRef?: string;
  version: string;
  environment: string;
  status: DeploymentStatus;
  /** Explicitly marked as a rollback, or a lower version replacing a higher one. */
  rollback: boolean;
  /** ISO 8601, the event's own time (not the arrival time). */
  occurredAt: string;
  commit?: string;
  pipelineId?: string;
  pipelineUrl?: string;
  repository?: string;
  /** The environment is not tracked (`domainSplit.environments`): shown, never counted. */
  untracked?: boolean;
}

/** @public */
export type TestSuite = 'domain' | 'contract';
/** @public */
export type TestResult = 'passed' | 'failed';

/**
 * One run of a domain or contract test suite for a service version.
 * @public
 */
export interface TestRunRecord {
  eventId: string;
  service: string;
  entityRef?: string;
  version: string;
  suite: TestSuite;
  result: TestResult;
  occurredAt: string;
  pipelineUrl?: string;
  /** The commit tested; a run covers a deployment of the same commit as well as the same version. */
  commit?: string;
  pipelineId?: string;
  repository?: string;
  /**
   * The GitHub workflow that ran it, `<owner>/<repo>:<path>` (e.g.
   * `acme/platform:.github/workflows/orders-contract.yml`): a Component claims it with
   * `domain-split/github-workflow`.
   */
  workflow?: string;
}

/**
 * The evidence from CI that the analysis reads next to the catalog.
 * @public
 */
export interface CiEvidence {
  deployments: DeploymentRecord[];
  testRuns: TestRunRecord[];
}

// ---------------------------------------------------------------------------------------
// Read API responses
// ---------------------------------------------------------------------------------------

/**
 * The version currently live for one service in one environment.
 * @public
 */
export interface CurrentRelease {
  service: string;
  entityRef?: string;
  domainRef?: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  deployedAt: string;
  rollback: boolean;
  /** The version it replaced, when known. */
  previousVersion?: string;
  /** No passing contract-test run for this version before the deploy. */
  withoutContractTests: boolean;
  /** Services of other domains deployed by the same pipeline run or commit. */
  lockstepWith: string[];
  pipelineUrl?: string;
  /** The environment is not tracked (`domainSplit.environments`): shown, never counted. */
  untracked?: boolean;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** GET /releases @public */
export interface ReleasesResponse {
  /** The tracked environments, ordered (the grid's columns). */
  environments: string[];
  /** Environments CI deployed to that are not tracked (shown behind a toggle, never counted). */
  otherEnvironments: string[];
  current: CurrentRelease[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * The counts of one domain's header in the release grid, over every service of the domain the
 * search and switches match (not only those of the page).
 * @public
 */
export interface ReleaseDomainSummary {
  /** Absent: the services outside any domain. */
  domainRef?: string;
  services: number;
  rollbacks: number;
  withoutContractTests: number;
  lockstep: number;
}

/**
 * GET /releases: a page of service rows (`totalItems` services match), the releases of its
 * services in `current` (in grid order: by domain, then service, then column), the headers of
 * the page's domains.
 * @public
 */
export interface ReleasesPageResponse {
  environments: string[];
  otherEnvironments: string[];
  current: CurrentRelease[];
  domains: ReleaseDomainSummary[];
  /** How many services match in all (the reader sees). */
  totalItems: number;
  offset: number;
  limit: number;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * A version released (published: tagged, built, pushed) by CI, independent of any deployment.
 * @public
 */
export interface ReleaseRecord {
  eventId: string;
  service: string;
  entityRef?: string;
  version: string;
  occurredAt: string;
  commit?: string;
  pipelineId?: string;
  pipelineUrl?: string;
  repository?: string;
}

/** GET /releases/:service/history @public */
export interface ReleaseHistoryResponse {
  service: string;
  entityRef?: string;
  deployments: DeploymentRecord[];
  testRuns: TestRunRecord[];
  /** Versions published (`type: release` events), newest first. */
  releases: ReleaseRecord[];
  /** The deploy gate's recorded answers for the service, newest first. */
  verdicts?: RecordedVerdict[];
}

/**
 * An accepted event whose service is not in the catalog.
 * @public
 */
export interface UnmatchedEvent {
  eventId: string;
  type: string;
  service: string;
  version?: string;
  environment?: string;
  occurredAt: string;
  receivedAt: string;
}

/** GET /events/unmatched @public */
export interface UnmatchedEventsResponse {
  items: UnmatchedEvent[];
}

/** @public */
export interface OwnershipComponent {
  entityRef: string;
  title: string;
  type?: string;
  ownerRef?: string;
  systemRef?: string;
  apis: string[];
  resources: string[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** @public */
export interface OwnershipDomain {
  entityRef: string;
  title: string;
  ownerRefs: string[];
  systems: string[];
  components: OwnershipComponent[];
  /** APIs (contracts) published by the domain's components. */
  apis: string[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** @public */
export interface OwnershipTeam {
  entityRef: string;
  title: string;
  /** Members with their roles (org role from the User's/Group's metadata). */
  members: { entityRef: string; title: string; role?: string }[];
  domains: string[];
  components: string[];
  /** The Group above it (`spec.parent`, or a Group listing it in `spec.children`). */
  parentRef?: string;
  /** The Groups directly below it (`spec.children`, or Groups naming it as `spec.parent`). */
  childRefs: string[];
  /**
   * Domains owned by this Group or any Group below it, in ref order: a department sees its
   * teams' domains.
   */
  rolledUpDomains: string[];
  /** Components owned by this Group or any Group below it, in ref order. */
  rolledUpComponents: string[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** @public */
export interface OwnershipProblem {
  kind:
    | 'domain-without-owner'
    | 'domain-with-several-owners'
    | 'component-owner-mismatch'
    | 'orphan';
  entityRefs: string[];
  message: string;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** GET /ownership @public */
export interface OwnershipResponse {
  teams: OwnershipTeam[];
  domains: OwnershipDomain[];
  /** Components, APIs and resources that belong to no domain. */
  unassigned: OwnershipComponent[];
  problems: OwnershipProblem[];
  annotationProblems: AnnotationProblem[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * A domain or component of an Ownership row that the search matched.
 * @public
 */
export interface OwnershipPageMatch {
  entityRef: string;
  kind: 'domain' | 'component';
  /** The domain holding a matched component; none for a component outside any domain. */
  domainRef?: string;
}

/**
 * One row of the Ownership tab's team list: counts and the first names (titles in the page's
 * `titles`); GET /ownership?team= gives what it owns.
 * @public
 */
export interface OwnershipPageRow {
  entityRef: string;
  title: string;
  /** `group`: owns nothing itself, has domains through the groups below it. */
  kind: 'team' | 'group';
  parentRef?: string;
  memberCount: number;
  domainCount: number;
  componentCount: number;
  childCount: number;
  rolledUpDomainCount: number;
  rolledUpComponentCount: number;
  /** Its first domains. */
  domains: string[];
  /** Its first groups below, by title. */
  children: string[];
  /** The ownership problems of the group and its domains (messages). */
  problems: string[];
  /** The first of what the search matched in what it owns. */
  matches: OwnershipPageMatch[];
  /** How many it matched in all. */
  matchCount: number;
  /** The row lists only the services the search matched (it did not match the group's name). */
  filtered: boolean;
  /** How many services the row lists when opened. */
  services: number;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * GET /ownership: a page of the team list (the groups above the teams, then the teams, by
 * title) matching the search, and what the tab shows around it.
 * @public
 */
export interface OwnershipPageResponse {
  /** Counts of the whole catalog (the reader sees). */
  summary: {
    teams: number;
    /** Groups above the teams (they own nothing themselves). */
    groups: number;
    domains: number;
    componentsInDomains: number;
    unassigned: number;
    problems: number;
  };
  /** Every group of the list (the team picker). */
  groups: { entityRef: string; title: string }[];
  rows: OwnershipPageRow[];
  /** Titles of the refs the rows and problems name. */
  titles: Record<string, string>;
  /** How many rows match in all. */
  totalItems: number;
  offset: number;
  limit: number;
  /** The first ownership problems, and how many there are. */
  problems: { items: OwnershipProblem[]; total: number };
  /** The first domains no team owns (matching the search), and how many. */
  unownedDomains: { items: OwnershipDomain[]; total: number };
  /** The first entities outside any domain (matching the search, or of the chosen group), and how many. */
  unassigned: { items: OwnershipComponent[]; total: number };
  /** The first annotation problems, and how many. */
  annotationProblems: { items: AnnotationProblem[]; total: number };
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * One step of a path that explains an impact: `consumer` depends on `provider` with `impact`.
 * @public
 */
export interface ImpactEdge {
  consumer: string;
  provider: string;
  impact: ImpactLevel;
  /** How the dependency is declared: `dependsOn`, or the API consumed. */
  via: string;
  /** The impact came from a `domain-split/dependency-impact` override. */
  overridden: boolean;
}

/** @public */
export interface MatrixCell {
  failing: string;
  affected: string;
  impact: ImpactLevel;
  /** The path (failing → ... → affected, as edges) whose bottleneck gives `impact`. */
  path: ImpactEdge[];
}

/**
 * Entities a reader may not see, summarised: impact is computed on the whole catalog, so
 * on-call learns that something is blocked without learning its name.
 * @public
 */
export interface HiddenImpact {
  /** How many entities were left out. */
  count: number;
  /** The worst impact on (or from) them. */
  impact: ImpactLevel;
}

/** @public */
export interface MatrixRow {
  failing: string;
  /** Impact on each affected column (domain ref or service ref); missing = not reached. */
  cells: MatrixCell[];
  /** Impact on user-facing entry points. */
  users: MatrixCell;
  declared?: ImpactLevel;
  /** Declared differs from computed users impact. */
  drift: boolean;
  /** Entities reached that the reader may not see: how many, and the worst impact on them. */
  hiddenAffected?: HiddenImpact;
  /**
   * Cells of this row a page left out (asked with `cells`: it keeps the worst), none of them
   * worse than the least bad cell kept.
   */
  moreCells?: number;
}

/** GET /failure-matrix?level=domain|service @public */
export interface FailureMatrixResponse {
  level: 'domain' | 'service';
  columns: string[];
  rows: MatrixRow[];
  titles: Record<string, string>;
  annotationProblems: AnnotationProblem[];
  /**
   * Set when the cells were served without their paths (every `path` is `[]`, the result is
   * large): GET /impact-path gives the path of one cell.
   */
  pathsOmitted?: boolean;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * A row of GET /failure-matrix in the compact form: a MatrixRow whose cells are one letter per
 * column (see `IMPACT_LETTERS`; `.` not reached) and, when the matrix carries paths, each
 * reached cell's path by its affected ref.
 * @public
 */
export interface MatrixPageRow {
  failing: string;
  /** One letter per column, in the columns' order: `n` none, `d` degraded, `w` waits, `b` blocked, `.` not reached. */
  impacts: string;
  /** The path of each reached cell, by affected ref (absent when the matrix says `pathsOmitted`). */
  paths?: Record<string, ImpactEdge[]>;
  /** Impact on user-facing entry points. */
  users: MatrixCell;
  declared?: ImpactLevel;
  /** Declared differs from computed users impact. */
  drift: boolean;
  /** Entities reached that the reader may not see: how many, and the worst impact on them. */
  hiddenAffected?: HiddenImpact;
  /** Cells left out of the row (asked with `cells`: the page keeps each row's worst). */
  moreCells?: number;
}

/**
 * GET /failure-matrix?level=&limit=&offset=&failing=: one page of the matrix's rows (or the one
 * row asked with `failing`) in the compact form, with its columns, the titles of the columns
 * and of what the page's rows name, and where the page lies (`totalItems` rows in all). At
 * `level=domain` the columns are every Domain and there is one row per column, in the columns'
 * order; at `level=service` they are only the Components the page's rows reach, in the whole
 * matrix's column order (each page has its own).
 * @public
 */
export interface FailureMatrixPageResponse
  extends Omit<FailureMatrixResponse, 'rows'>,
    PageInfo {
  rows: MatrixPageRow[];
}

/**
 * A page of the failure matrix with its rows expanded to MatrixRows (what the client hands
 * the views; see `expandMatrixPage`).
 * @public
 */
export interface FailureMatrixPage extends FailureMatrixResponse, PageInfo {}

/**
 * GET /impact/:kind/:namespace/:name?limit=: each side most severe first, then by ref; over
 * HTTP at most `limit` entries of each (default 500), the rest counted in `moreTakesDown` and
 * `moreTakenDownBy`.
 * @public
 */
export interface BlastRadiusResponse {
  entityRef: string;
  /** What fails when this entity fails, and how badly (with the explaining path). */
  takesDown: MatrixCell[];
  /** Impact on user-facing entry points. */
  users: MatrixCell;
  /** What can take this entity down, and how badly. */
  takenDownBy: MatrixCell[];
  /** Entries of `takesDown` left out by the asked `limit` (GET …/entries pages them). */
  moreTakesDown?: number;
  /** Entries of `takenDownBy` left out by the asked `limit`. */
  moreTakenDownBy?: number;
  /** Set when the cells were served without their paths (see FailureMatrixResponse). */
  pathsOmitted?: boolean;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
  /** What it takes down that the reader may not see: how many, and how badly at worst. */
  hiddenTakesDown?: HiddenImpact;
  /** What can take it down that the reader may not see. */
  hiddenTakenDownBy?: HiddenImpact;
}

/**
 * How many entities of one side of a blast radius are affected at each impact level.
 * @public
 */
export interface ImpactCounts {
  none: number;
  degraded: number;
  waits: number;
  blocked: number;
}

/**
 * One side of a blast radius (what it takes down, or what takes it down) in a few numbers and
 * its worst entries.
 * @public
 */
export interface ImpactListSummary {
  /** How many entries the side lists in all (what the reader sees; the hidden ones are in `hidden`). */
  total: number;
  /** `total` per impact level. */
  byImpact: ImpactCounts;
  /** `total` per entity kind (`component`, `resource`, ...). */
  byKind: Record<string, number>;
  /**
   * The worst entries: most severe first, then by ref (the order of the full blast radius); at
   * most the asked limit. Served without paths (`path: []`): GET /impact-path gives one.
   */
  worst: MatrixCell[];
  /** Entries the reader may not see: how many, and how badly at worst. */
  hidden?: HiddenImpact;
}

/**
 * An affected Domain: the worst impact on any of its entities the failure reaches, and how many
 * of them it reaches.
 * @public
 */
export interface AffectedDomain {
  domainRef: string;
  impact: ImpactLevel;
  /** How many of its entities the failure reaches. */
  count: number;
}

/**
 * GET /impact/:kind/:namespace/:name/summary?limit= — the blast radius of one entity in a
 * bounded answer (the entity card): counts per impact level and kind, the users impact, the
 * affected domains and the worst entries of each side.
 * @public
 */
export interface BlastRadiusSummaryResponse {
  entityRef: string;
  /** Impact on user-facing entry points (served without its path). */
  users: MatrixCell;
  /** What fails when this entity fails. */
  takesDown: ImpactListSummary;
  /** What can take this entity down. */
  takenDownBy: ImpactListSummary;
  /** Affected domains, worst first, then by ref; at most the asked limit. */
  domains: AffectedDomain[];
  /** How many domains are affected in all (those the reader may not see included). */
  domainCount: number;
  /** Titles of the refs this answer names. */
  titles: Record<string, string>;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * GET /impact/:kind/:namespace/:name/entries?direction=&impact=&limit=&offset= — one page of
 * one side of the blast radius, in its order (most severe first, then by ref), without paths.
 * @public
 */
export interface BlastRadiusPageResponse {
  entityRef: string;
  /** `downstream`: what it takes down; `upstream`: what can take it down. */
  direction: 'downstream' | 'upstream';
  /** Only entries of this impact level (when asked). */
  impact?: ImpactLevel;
  /** The entries of the page (`path: []`: GET /impact-path gives one cell's path). */
  items: MatrixCell[];
  /** How many entries match in all (the reader sees). */
  totalItems: number;
  offset: number;
  limit: number;
  /** Titles of the refs the page names. */
  titles: Record<string, string>;
  /** Entries of this side the reader may not see (of every level): how many, and how badly at worst. */
  hidden?: HiddenImpact;
}

/**
 * GET /impact-path?failing=&affected=[&direction=upstream]: one cell with its path, and the
 * titles of the refs it mentions.
 * @public
 */
export interface ImpactPathResponse extends MatrixCell {
  titles: Record<string, string>;
}

/** @public */
export type MigrationPhase = 0 | 1 | 2 | 3;

/** @public */
export const MIGRATION_PHASE_NAMES: Record<MigrationPhase, string> = {
  0: 'Monorepo',
  1: 'Domain ownership',
  2: 'Logical split',
  3: 'Physical split',
};

/**
 * One criterion of a phase or playbook step, with the evidence that meets it or what blocks it.
 * @public
 */
export interface MigrationCriterion {
  id: string;
  label: string;
  met: boolean;
  evidence: string[];
  /** What blocks the criterion; `url` links to the evidence (e.g. the failed CI run). */
  blockers: {
    entityRefs: string[];
    message: string;
    url?: string;
    hiddenEntities?: number;
  }[];
  /**
   * Evidence lines and blockers left out of a bounded answer (GET /migration/domain/…: the first
   * `limit` of each are listed); absent when none were.
   */
  moreEvidence?: number;
  moreBlockers?: number;
}

/** @public */
export interface PlaybookStep {
  step: 1 | 2 | 3 | 4;
  label: string;
  met: boolean;
  criteria: MigrationCriterion[];
}

/** @public */
export interface DomainMigrationStatus {
  domainRef: string;
  title: string;
  phase: MigrationPhase;
  /** Playbook steps 1-4 (phase 3 is reached when all are met). */
  steps: PlaybookStep[];
  /** Criteria of phases 1 and 2. */
  phaseCriteria: {
    phase: 1 | 2;
    met: boolean;
    criteria: MigrationCriterion[];
  }[];
  /** 0..1, share of all criteria met (for progress bars). */
  progress: number;
  targetPhase?: MigrationPhase;
  targetDate?: string;
  /** on-track | at-risk (target date near, phase below target) | late | done | no-target */
  schedule: 'on-track' | 'at-risk' | 'late' | 'done' | 'no-target';
  /** What blocks the next phase or step, in words a manager reads. */
  nextBlockers: string[];
  /** Sentences of `nextBlockers` left out of a bounded answer; absent when none were. */
  moreNextBlockers?: number;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * One domain's row of the Migration tab (GET /migration): its phase, progress, target, schedule,
 * step states and first blockers, without the per-component evidence (GET
 * /migration/domain/:namespace/:name has it).
 * @public
 */
export interface DomainMigrationSummary {
  domainRef: string;
  title: string;
  phase: MigrationPhase;
  progress: number;
  targetPhase?: MigrationPhase;
  targetDate?: string;
  schedule: DomainMigrationStatus['schedule'];
  steps: { step: PlaybookStep['step']; label: string; met: boolean }[];
  /** How many sentences block the next phase or step, and the first few of them. */
  blockerCount: number;
  nextBlockers: string[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * Counts over every domain the reader sees (the Migration tab's phase tiles and charts).
 * @public
 */
export interface MigrationAggregates {
  domainCount: number;
  /** Domains per phase, phases 0-3 in order. */
  phases: { phase: MigrationPhase; domains: number }[];
  /** Domains per schedule state, in the order late, at-risk, on-track, done, no-target. */
  schedules: { schedule: DomainMigrationStatus['schedule']; domains: number }[];
  /** Each target date (earliest first) with how many domains aim for it and the first few. */
  targetDates: {
    targetDate: string;
    domainCount: number;
    domains: { title: string; targetPhase?: MigrationPhase }[];
  }[];
}

/**
 * GET /migration: a page of domain summaries (title order, filtered by `q` and `phase`,
 * `schedule`), with the aggregates over every domain.
 * @public
 */
export interface MigrationOverviewResponse extends PageInfo {
  generatedAt: string;
  domains: DomainMigrationSummary[];
  aggregates: MigrationAggregates;
  annotationProblems: AnnotationProblem[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * The whole migration status of every domain: what `computeMigrationStatus` returns (the
 * snapshots, notifications and context map read it; GET /migration answers pages of it).
 * @public
 */
export interface MigrationStatusResponse {
  generatedAt: string;
  domains: DomainMigrationStatus[];
  annotationProblems: AnnotationProblem[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** GET /migration/domain/:namespace/:name: one domain's status (entity cards) @public */
export interface DomainMigrationResponse {
  generatedAt: string;
  domain: DomainMigrationStatus;
  annotationProblems: AnnotationProblem[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** @public */
export interface MigrationSnapshot {
  takenAt: string;
  domains: {
    domainRef: string;
    phase: MigrationPhase;
    stepsMet: number;
    progress: number;
  }[];
  /** Open rule violations when the snapshot was taken (snapshots from before 2026-11-28 lack it). */
  openViolations?: {
    byRule: Partial<Record<RuleId, number>>;
    /** Domain ref → open violations naming one of its entities. */
    byDomain: Record<string, number>;
  };
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * Where the phase burn-up is heading at the recent pace.
 * @public
 */
export interface MigrationProjection {
  /** Phase points (sum of the domains' phases) gained per day over the pace period. */
  pointsPerDay: number;
  /** The days the pace was measured over (at most `paceDays`, fewer when history is short). */
  paceDays: number;
  /** Phase points now and needed (3 × domains: every domain in phase 3). */
  points: number;
  target: number;
  /** The day every domain reaches phase 3 at this pace; absent when the pace is not positive. */
  phase3On?: string;
  /** In words: `at this pace: phase 3 on 2027-05-02`, or why there is no date. */
  summary: string;
}

/** GET /migration/history @public */
export interface MigrationHistoryResponse {
  snapshots: MigrationSnapshot[];
  /** Absent when there are fewer than two snapshots. */
  projection?: MigrationProjection;
}

/** @public */
export type RuleId =
  | 'no-cross-domain-db'
  | 'no-shared-cache'
  | 'no-shared-business-library'
  | 'events-only-between-domains'
  | 'one-owner-per-domain'
  | 'independent-deploys'
  | 'contract-tests-before-deploy';

/** @public */
export interface RuleDescription {
  id: RuleId;
  title: string;
  description: string;
}

/** @public */
export type ViolationStatus = 'open' | 'resolved';

/** @public */
export interface RuleViolation {
  rule: RuleId;
  /** Stable identity across analyses (rule + what it is about), for the open/resolved lifecycle. */
  key: string;
  entityRefs: string[];
  /** The Domains of the entities named (for the split debt per domain). */
  domainRefs: string[];
  message: string;
  /** Lifecycle (set by the backend, which keeps it): open until an analysis no longer finds it. */
  status?: ViolationStatus;
  /** ISO 8601: when an analysis first found it. */
  firstSeenAt?: string;
  /** ISO 8601: the last analysis that found it. */
  lastSeenAt?: string;
  /** ISO 8601: the first analysis that no longer found it (resolved only). */
  resolvedAt?: string;
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/** GET /rules/violations[?entityRef=][&status=open|resolved|all] @public */
export interface RuleViolationsResponse {
  rules: RuleDescription[];
  violations: RuleViolation[];
  annotationProblems: AnnotationProblem[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
}

/**
 * GET /rules/violations[?entityRef=][&status=][&rule=][&q=][&limit=&offset=] — one page of the
 * violations of that status (and entity) matching `q`, of one rule or all; `counts` per rule
 * ignore `rule` (every rule of `rules` has one).
 * @public
 */
export interface RuleViolationsPageResponse {
  rules: RuleDescription[];
  /** The violations of the page. */
  violations: RuleViolation[];
  annotationProblems: AnnotationProblem[];
  /** Entities left out because the catalog does not show them to the reader (counted, never named). */
  hiddenEntities?: number;
  /** How many violations match in all (of `rule` when asked). */
  totalItems: number;
  offset: number;
  limit: number;
  /** Violations per rule of the same status, entity and `q` (whatever `rule` is). */
  counts: Partial<Record<RuleId, number>>;
}

// ---------------------------------------------------------------------------------------
// Deploy gate (GET /can-i-deploy)
// ---------------------------------------------------------------------------------------

/**
 * One counterpart a contract-test run verified: `{ service: 'payments-service', version:
 * '1.9.4' }` on a run of orders-service 3.2.1 means the contract between the two at those
 * versions was checked, with the run's result.
 * @public
 */
export interface VerifiedCounterpart {
  service: string;
  version: string;
}

/**
 * One pairwise contract verification: the contract between `service` at `version` and
 * `counterpartService` at `counterpartVersion` was checked with `result`. Symmetric: the backend
 * stores every verified pair both ways, and the gate reads a pair either way.
 * @public
 */
export interface ContractVerification {
  /** The test-run event it came from. */
  eventId: string;
  service: string;
  version: string;
  counterpartService: string;
  counterpartVersion: string;
  result: TestResult;
  occurredAt: string;
  pipelineUrl?: string;
}

/**
 * The gate's checks: a passing domain-suite run for the version; a passing contract
 * verification with the version live in the environment of each provider it consumes and of
 * each consumer; no lockstep with another domain.
 * @public
 */
export type GateCheck =
  | 'domain-tests'
  | 'provider-contract'
  | 'consumer-contract'
  | 'lockstep';

/**
 * `passed` and `skipped` (not applicable, e.g. lockstep without a pipeline run) are ok; `failed`
 * and `unknown` (no evidence: missing evidence is never passing evidence) are not.
 * @public
 */
export type GateCheckStatus = 'passed' | 'failed' | 'unknown' | 'skipped';

/**
 * One reason of a gate verdict.
 * @public
 */
export interface GateReason {
  check: GateCheck;
  ok: boolean;
  status: GateCheckStatus;
  /** What was found, and when not ok, what to send or fix. */
  detail: string;
  /** The entities the reason is about (the service, a provider, a consumer, …). */
  entityRefs: string[];
}

/**
 * What is at stake if the deployed version fails: the service's failure impact (its blast
 * radius) on users and on the worst affected domains.
 * @public
 */
export interface GateImpact {
  /** Impact on user-facing entry points. */
  users: ImpactLevel;
  /** Affected domains (other than the service's own), worst first; at most 10. */
  domains: { domainRef: string; impact: ImpactLevel }[];
  /** How many domains are affected in all. */
  domainCount: number;
  /** How many entities it takes down in all. */
  entityCount: number;
}

/**
 * GET /can-i-deploy?service=&version=&environment=[&pipeline=&repository=&commit=]
 * @public
 */
export interface CanIDeployRequest {
  service: string;
  version: string;
  environment: string;
  /** The pipeline run that would deploy it (for the lockstep check). */
  pipelineId?: string;
  /** The repository of that pipeline run (run ids are unique only within one). */
  repository?: string;
  /** The commit it would deploy (for the lockstep check). */
  commit?: string;
}

/**
 * The gate's answer: may `service` at `version` go to `environment`?
 * @public
 */
export interface CanIDeployResponse {
  service: string;
  entityRef: string;
  domainRef?: string;
  version: string;
  environment: string;
  /** The version of the service live in the environment now, if any. */
  liveVersion?: string;
  deployable: boolean;
  /** The version is lower than the live one: the checks say whose contracts a rollback breaks. */
  rollback: boolean;
  reasons: GateReason[];
  impact: GateImpact;
  /** Titles of the refs the answer mentions. */
  titles: Record<string, string>;
  /** The id under which the backend recorded this answer. */
  verdictId?: string;
}

/**
 * A recorded gate answer, as the service's history lists it.
 * @public
 */
export interface RecordedVerdict {
  id: string;
  service: string;
  entityRef?: string;
  version: string;
  environment: string;
  deployable: boolean;
  rollback: boolean;
  reasons: GateReason[];
  /** Who asked: a user entity ref or a service principal's subject. */
  askedBy: string;
  askedAt: string;
  liveVersion?: string;
  /**
   * The verdict was "no", and that version was deployed to that environment afterwards anyway
   * (no later "yes" in between): the deployment that followed.
   */
  deployedAfterRefusal?: { eventId: string; occurredAt: string };
}

// ---------------------------------------------------------------------------------------
// Context map (GET /context-map)
// ---------------------------------------------------------------------------------------

/**
 * How two domains are tied together on the context map: `events` (consuming an asyncapi
 * API), `sync` (consuming any other API, or `dependsOn` a service of the other domain), or
 * sharing a database, a cache or a business-logic library.
 * @public
 */
export type ContextMapEdgeKind =
  | 'events'
  | 'sync'
  | 'shared-database'
  | 'shared-cache'
  | 'shared-library';

/**
 * The edge kinds in the order the map's legend and filters list them.
 * @public
 */
export const CONTEXT_MAP_EDGE_KINDS: readonly ContextMapEdgeKind[] = [
  'events',
  'sync',
  'shared-database',
  'shared-cache',
  'shared-library',
];

/**
 * The words for each edge kind.
 * @public
 */
export const CONTEXT_MAP_EDGE_LABELS: Record<ContextMapEdgeKind, string> = {
  events: 'events',
  sync: 'synchronous calls',
  'shared-database': 'shared database',
  'shared-cache': 'shared cache',
  'shared-library': 'shared library',
};

/**
 * One service-level dependency behind a context-map edge.
 * @public
 */
export interface ContextMapLink {
  /** The Component of the `from` domain that depends on something of the `to` domain. */
  consumer: string;
  /** The Component it calls or listens to, or the shared Resource or library. */
  provider: string;
  /** The API consumed, `dependsOn`, or (shared kinds) the shared entity itself. */
  via: string;
  /** Rules this dependency breaks (from the rule check). */
  rules: RuleId[];
}

/**
 * An edge between two domains, aggregated from the service graph. It points from the
 * downstream domain (the consumer, or the user of a shared thing) to the upstream one (the
 * provider, or the domain the shared thing belongs to). A shared thing that belongs to no
 * domain ties every pair of its users' domains, `from` before `to` in ref order.
 * @public
 */
export interface ContextMapEdge {
  /** `from|to|kind`: stable, unique in one map. */
  id: string;
  from: string;
  to: string;
  kind: ContextMapEdgeKind;
  /**
   * How many dependencies make the edge: consumer → provider API or `dependsOn` links for
   * `events` and `sync`, shared entities for the shared kinds.
   */
  count: number;
  /** The dependencies, at most {@link CONTEXT_MAP_MAX_LINKS}, in order. */
  links: ContextMapLink[];
  /** Dependencies left out of `links`. */
  moreLinks: number;
  /** Rules broken by any dependency of the edge, in the rules' order; empty = not violating. */
  rules: RuleId[];
  /**
   * The violations behind `rules`: indexes into {@link ContextMapResponse.violations} (a
   * shared database breaks one rule once, however many pairs of domains it ties).
   */
  violations: number[];
}

/**
 * How many dependencies an edge lists (the count is always exact).
 * @public
 */
export const CONTEXT_MAP_MAX_LINKS = 10;

/**
 * A domain on the context map.
 * @public
 */
export interface ContextMapNode {
  domainRef: string;
  title: string;
  /** The Domain's `spec.owner` (a team, when the catalog is right). */
  ownerRef?: string;
  /** How many domains its owner owns (more than one: the map groups them). */
  ownerDomainCount: number;
  /** Components of the domain, in ref order. */
  components: string[];
  /** Components that are not libraries: the map sizes the node by their number. */
  serviceCount: number;
  /** APIs (contracts) the domain publishes. */
  apis: string[];
  /** The migration phase, from the migration status (absent when it was not given). */
  phase?: MigrationPhase;
}

/**
 * A team (owning Group) on the context map, with its domains on this map.
 * @public
 */
export interface ContextMapTeam {
  entityRef: string;
  title: string;
  domains: string[];
}

/** GET /context-map[?domain=|team=] @public */
export interface ContextMapResponse {
  nodes: ContextMapNode[];
  edges: ContextMapEdge[];
  /** Owners of the nodes, in ref order. */
  teams: ContextMapTeam[];
  /**
   * With `?domain=` or `?team=`: the domains asked about; the map then holds them, their
   * edges and the domains at the other end of those edges (the neighbourhood).
   */
  focus?: {
    domain?: string;
    team?: string;
    domains: string[];
    /** With `?neighbours=`: the domains tied to the focused ones that were left out. */
    moreNeighbours?: number;
    /**
     * With `?neighbours=` and a team owning more domains than that: its domains left out (the
     * most tied are drawn; `domains` still lists them all).
     */
    moreDomains?: number;
  };
  /** Titles of every ref the map mentions. */
  titles: Record<string, string>;
  /** The violations of the map's edges, as the rule check words them, each once. */
  violations: RuleViolation[];
  /** Entities left out because the catalog does not show them to the caller (counted, never named). */
  hiddenEntities?: number;
  /**
   * Set on an outline (`?details=false`, what an entity card draws): nodes' `components` and
   * `apis`, edges' `links` and `violations`, and `violations` are left empty (`moreLinks` is
   * then the edge's `count`), and `titles` names the domains and teams only.
   */
  detailsOmitted?: boolean;
}

/**
 * Above this many domains the Map tab draws a neighbourhood, never the whole map: 300 domains
 * and their thousands of ties are unreadable (and slow to lay out) in one drawing.
 * @public
 */
export const LARGE_MAP_DOMAINS = 40;

/**
 * At most this many ties are drawn (and listed in the table below the drawing): beyond this
 * the drawing is a hairball and its layout a long task. Rule-breaking ties go first, then the
 * heaviest.
 * @public
 */
export const MAX_DRAWN_TIES = 60;

/**
 * The Map tab's side panel names this many violations of the selected domain's ties, then
 * counts the others.
 * @public
 */
export const CONTEXT_MAP_SELECTED_VIOLATIONS = 10;

/**
 * What the Map tab draws (GET /context-map/view).
 * @public
 */
export interface ContextMapViewQuery {
  /**
   * The selected domain: drawn (with its side panel), and, on a map too large to draw whole,
   * the domain whose neighbourhood is drawn.
   */
  domain?: string;
  /** A team (owning Group): the domains it owns, their ties and the domains at the other ends. */
  team?: string;
  /** Edge kinds to draw; all when absent or empty. */
  kinds?: ContextMapEdgeKind[];
  /** Only ties that break a rule (and the domains they tie). */
  violationsOnly?: boolean;
}

/**
 * GET /context-map/view: the part of the context map the Map tab draws, as in
 * {@link ContextMapResponse} but of the drawn part only, with the edges' links, and only the
 * selected domain's components and APIs; edges' `violations` are empty (their `rules` name
 * what they break) and `violations` holds the selected domain's that `selected` points at.
 * @public
 */
export interface ContextMapViewResponse {
  nodes: ContextMapNode[];
  edges: ContextMapEdge[];
  /** Owners of the drawn nodes, in ref order, with their drawn domains. */
  teams: ContextMapTeam[];
  /** Titles of every ref the response mentions. */
  titles: Record<string, string>;
  /** The violations `selected` points at (the side panel's). */
  violations: RuleViolation[];
  /** Entities left out because the catalog does not show them to the caller (counted, never named). */
  hiddenEntities?: number;
  view: {
    /**
     * `all`: the whole map; `team`: a team's neighbourhood; `neighbourhood`: a large map drawn
     * around one domain (`around`: the selected one, else the one with the most ties).
     */
    mode: 'all' | 'team' | 'neighbourhood';
    around?: string;
    /** Ties that match the filters but were left out to stay under {@link MAX_DRAWN_TIES}. */
    notDrawn: number;
    /** The whole map's size: its domains, teams, ties and ties breaking a rule. */
    domains: number;
    teams: number;
    ties: number;
    violatingTies: number;
    /** Each drawn team's place among all the map's teams (its colour stays with any filter). */
    teamOrder: Record<string, number>;
  };
  /** With `domain`: what its side panel lists beside its node. */
  selected?: {
    domainRef: string;
    /** Every domain its owner owns, itself included. */
    ownerDomains: string[];
    /**
     * The violations of all its ties, drawn or not: indexes into `violations`, at most
     * {@link CONTEXT_MAP_SELECTED_VIOLATIONS}.
     */
    violations: number[];
    /** Its ties' violations left out of `violations`. */
    moreViolations: number;
  };
}

/**
 * A domain or a team the Map tab's pickers offer.
 * @public
 */
export interface ContextMapChoice {
  entityRef: string;
  title: string;
}

/**
 * GET /context-map/domains and GET /context-map/teams: a page of the map's domains, or of the
 * teams owning them, in ref order, those matching `q` (title or ref).
 * @public
 */
export interface ContextMapChoicesResponse {
  items: ContextMapChoice[];
  totalItems: number;
  offset: number;
  limit: number;
}
