import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  catalogGraphSteps,
  AnalysisRedactor,
  BlastRadiusPageQuery,
  BlastRadiusPageResponse,
  BlastRadiusSummaryResponse,
  BLAST_RADIUS_LIMIT,
  firstEntriesOfBlastRadius,
  pageBlastRadius,
  summariseBlastRadius,
  CatalogGraph,
  CatalogRuleViolations,
  catalogRuleCheckSteps,
  ruleCheckSteps,
  blastRadiusSteps,
  contextMapSteps,
  focusContextMap,
  outlineContextMap,
  viewContextMap,
  contextMapChoices,
  CONTEXT_MAP_EDGE_KINDS,
  ContextMapChoice,
  ContextMapQuery,
  ContextMapResponse,
  ContextMapViewQuery,
  ContextMapViewResponse,
  currentReleaseSteps,
  currentVersionSteps,
  DEFAULT_EVIDENCE_POLICY,
  DEFAULT_LOCKSTEP_INTERVAL_MS,
  EvidenceContext,
  EvidencePolicy,
  filterViolationsSteps,
  isTrackedEnvironment,
  splitEnvironments,
  failureMatrixSteps,
  releasesOfEntity,
  retitledMatrixSteps,
  blastRadiusFollowsFailureStructure,
  sameFailureStructure,
  sameServiceMatching,
  computeImpactPath,
  migrationStatusSteps,
  ownershipSteps,
  flagDeploysAfterRefusal,
  ImpactPathOptions,
  ImpactPathResponse,
  MigrationStatusResponse,
  OwnershipIndex,
  OwnershipResponse,
  OwnershipPageQuery,
  OwnershipPageResponse,
  indexOwnership,
  ownershipOfTeam,
  pageOwnership,
  ReleaseHistoryResponse,
  RecordedVerdict,
  ReleaseServiceRow,
  ReleasesResponse,
  pageRuleViolations,
  RuleId,
  ReleasesPageQuery,
  ReleasesPageResponse,
  pageReleases,
  releaseRows,
  releaseRowsSteps,
  RuleViolation,
  RuleViolationSelection,
  RuleViolationsPageResponse,
  RuleViolationsResponse,
  selectRuleViolations,
  serviceCatalogIndex,
  ServiceCatalogIndex,
  titlesOfCell,
  deploymentRecordSteps,
  toDeploymentRecords,
  toTestRunRecords,
  testRunRecordSteps,
  UnmatchedEventsResponse,
  FailureMatrixResponse,
  FailureMatrixPageResponse,
  pageFailureMatrix,
  pageOf,
  serviceMatrixRowRefs,
  type FailureMatrixRowQuery,
  matrixPageOfRows,
  serviceMatrixRowsSteps,
  BlastRadiusResponse,
  DomainMigrationResponse,
  DOMAIN_MIGRATION_ITEM_LIMIT,
  domainMigrationOf,
  migrationOverview,
  MigrationOverviewQuery,
  MigrationOverviewResponse,
} from '@internal/plugin-domain-split-common';
import type {
  CatalogSnapshot,
  CatalogSnapshotSource,
} from '../catalog/CatalogReader';
import type { CiStore } from '../database/CiStore';
import type { GateStore } from '../database/GateStore';
import { serviceKeyOf } from '../database/serviceKey';
import { KeptRead } from './keptRead';
import type { FailureMatrixWorker } from './failureMatrixWorker';
import { runInSlices } from './runInSlices';
import { SerialisedResult, SerialisedResults } from './sendJson';

/**
 * How many per-entity results (blast radii, one entity's releases, a team's ownership, pages
 * of a tab) a generation keeps (the least recently asked go first).
 */
const MAX_CACHED_ENTITY_RESULTS = 256;

/**
 * How long the deploy gate's answers of a service history are reused before they are read
 * again: another replica's answers show within it (this backend's at once).
 */
const VERDICTS_RELIST_MS = 5000;

/**
 * Generations whose graphs and results are kept at once: the one served and the one being
 * prepared (the oldest go first).
 */
const GENERATIONS_KEPT = 2;

/**
 * Catalog × evidence generations whose results are kept at once: the one answered from, the
 * one being computed, and one more, so that a burst of CI events does not drop the answers
 * requests are served from meanwhile (see {@link AnalysisService}'s `evidenceWaitMs`).
 */
const EVIDENCE_GENERATIONS_KEPT = 3;

/**
 * Violation listings kept at once (one per rule check): as many as the catalog × evidence
 * generations answered from, computed and prepared.
 */
const VIOLATION_LISTINGS_KEPT = EVIDENCE_GENERATIONS_KEPT;

/**
 * How many text-filtered selections of the rule violations a listing keeps (the least recently
 * asked go first): a filter typed in the Rules tab is asked for by each of its accordions.
 */
const MAX_CACHED_VIOLATION_SELECTIONS = 32;

/**
 * How many pages of the rule violations a listing keeps for readers who see everything (the
 * least recently asked go first): a kept page is the same object for every request, so it is
 * serialised and compressed once (when each violation names dozens of services a page is large,
 * and serialising and compressing it per request was most of its time).
 */
const MAX_CACHED_VIOLATION_PAGES = 64;

/**
 * Summaries and pages of a blast radius are cut from the radius computed without paths (they
 * serve none; GET /impact-path gives one cell's).
 */
const WITHOUT_PATHS: ImpactPathOptions = { paths: false };

/**
 * What one catalog generation gives: the graph and its service index, built once.
 */
interface CatalogState {
  generation: number;
  /** The catalog as read (the failure matrix worker builds its own graph from it). */
  entities: Entity[];
  graph: CatalogGraph;
  services: ServiceCatalogIndex;
  /**
   * The older catalog generation (kept when this one was built) whose graph matches every CI
   * record the same (`sameServiceMatching`): its results that read the catalog only through
   * that matching are carried over (see {@link CARRIED_BY_MATCHING}).
   */
  sameMatchingAs?: number;
  /**
   * The first generation, of those read in a row up to this one, whose graph has the same
   * failure structure (`sameFailureStructure`; this one when the previous differs): the
   * failure-matrix rows computed for any of them are kept for this one, titled again, and so
   * are the blast radii that read nothing else (see `AnalysisService.#perStructure`).
   */
  failureStructureOf: number;
}

/**
 * The results of a catalog × evidence generation that read the catalog only through its
 * service matching (which entity and domain each CI record is), and how one is carried over to
 * a newer catalog generation that matches the same, for the same evidence generation: a
 * catalog edit that changes no matching (a title, an owner, a dependency) neither reads nor
 * matches nor indexes the evidence again, nor computes the releases. Judged evidence keeps the
 * `now` it was scoped at: the window then moves with the next CI event, as between CI events.
 */
const CARRIED_BY_MATCHING: Record<
  string,
  (kept: any, catalog: CatalogState) => unknown
> = {
  evidence: (kept: EvidenceContext, catalog) =>
    kept.withServices(catalog.services),
  'judged-evidence': (kept: JudgedEvidence, catalog): JudgedEvidence => ({
    evidence: kept.evidence.withServices(catalog.services),
    now: kept.now,
  }),
  releases: (kept: ReleasesResponse) => kept,
  'release-rows': (kept: { releases: ReleasesResponse }) => kept,
};

/**
 * The evidence a generation's verdicts judge: scoped at `now` (tracked environments, inside the
 * window or live now) and indexed.
 */
interface JudgedEvidence {
  evidence: EvidenceContext;
  now: Date;
}

/**
 * One listing of the stored violation lifecycle (what a rule check here stored, or read from
 * the store; read again in the background after `violationsRelistMs`) and the answers cut
 * from it.
 */
interface ViolationsListing {
  at: number;
  checked: RuleViolationsResponse;
  violations: Promise<RuleViolation[]>;
  /** By status and entity ref. */
  answers: Map<string, Promise<RuleViolationsResponse>>;
  /** Of those answers, by status, entity ref and text filter (bounded, see getRuleViolationsPage). */
  selections: Map<string, RuleViolationSelection>;
  /** Pages cut from those selections, by selection, rule, limit and offset (bounded, likewise). */
  pages: Map<string, RuleViolationsPageResponse>;
  /** The listed violations, once read. */
  listed?: RuleViolation[];
}

/**
 * Whether two listings say the same (same violations, same lifecycle, in the same order): then
 * the answers cut from the first serve the second. A pass over 27,000 violations takes a few
 * milliseconds; filtering and sorting them again takes ~100.
 */
function sameListing(a: RuleViolation[], b: RuleViolation[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.key !== y.key ||
      x.status !== y.status ||
      x.firstSeenAt !== y.firstSeenAt ||
      x.lastSeenAt !== y.lastSeenAt ||
      x.resolvedAt !== y.resolvedAt ||
      x.message !== y.message
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The value kept under `key`, computed and kept when missing; beyond `max` the least recently
 * asked leave first (Map keeps insertion order, so most recently used last).
 */
function remembered<T>(
  kept: Map<string, T>,
  key: string,
  max: number,
  compute: () => T,
): T {
  let value = kept.get(key);
  if (value !== undefined) {
    kept.delete(key);
  } else {
    value = compute();
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, value);
  return value;
}

/** What `derive` gives for `source`, computed once while `source` lives. */
function derivedOf<K extends object, V>(
  kept: WeakMap<K, V>,
  source: K,
  derive: (source: K) => V,
): V {
  let value = kept.get(source);
  if (value === undefined) {
    value = derive(source);
    kept.set(source, value);
  }
  return value;
}

/** The key of a generation in a {@link GenerationCache}. */
function generationKey(generation: {
  catalog: number;
  evidence?: number;
}): string {
  return `${generation.catalog}:${generation.evidence ?? ''}`;
}

/**
 * Results computed from input generations, shared by every request until the input changes.
 * A generation is a catalog generation, or a catalog × evidence generation. Results of the
 * catalog generation being prepared (see {@link AnalysisService.prepareGeneration}) live next
 * to those of the one served until {@link GenerationCache.forgetCatalogsBefore} drops the
 * older. Values are promises so that concurrent requests share one computation.
 */
class GenerationCache {
  #generations = new Map<
    string,
    {
      catalog: number;
      evidence?: number;
      values: Map<string, Promise<unknown>>;
      /** The values that resolved (to answer from while a newer generation computes). */
      settled: Map<string, unknown>;
    }
  >();

  /**
   * The newest value of each key that resolved, with its generation: what requests are
   * answered with while a newer generation's value is computed, also once the generation it
   * came from was dropped (a tab asked rarely after several CI events), and how long its
   * computation took. Bounded like a generation's values.
   */
  #latest = new Map<
    string,
    { catalog: number; evidence?: number; value: unknown; computeMs: number }
  >();

  /**
   * @param maxEntries - bound per generation for per-entity results; the least recently used go first.
   * @param generationsKept - generations kept at once (the oldest go first).
   */
  constructor(
    private readonly maxEntries = Infinity,
    private readonly generationsKept = GENERATIONS_KEPT,
  ) {}

  get<T>(
    generation: { catalog: number; evidence?: number },
    key: string,
    compute: () => Promise<T>,
  ) {
    let entry = this.#generations.get(generationKey(generation));
    if (!entry) {
      entry = {
        catalog: generation.catalog,
        evidence: generation.evidence,
        values: new Map(),
        settled: new Map(),
      };
      this.#generations.set(generationKey(generation), entry);
      while (this.#generations.size > this.generationsKept) {
        this.#generations.delete(this.#generations.keys().next().value!);
      }
    }
    const { values, settled } = entry;
    let value = values.get(key) as Promise<T> | undefined;
    if (value) {
      // Most recently used last (Map keeps insertion order).
      values.delete(key);
      values.set(key, value);
      return value;
    }
    const started = performance.now();
    value = compute();
    values.set(key, value);
    const computed = value;
    value.then(
      result => {
        if (values.get(key) === computed) settled.set(key, result);
        this.#keepLatest(generation, key, result, performance.now() - started);
      },
      // A failed computation is not kept: the next request tries again.
      () => {
        if (values.get(key) === computed) values.delete(key);
      },
    );
    if (values.size > this.maxEntries) {
      const evicted = values.keys().next().value as string;
      values.delete(evicted);
      settled.delete(evicted);
    }
    return value;
  }

  #keepLatest(
    generation: { catalog: number; evidence?: number },
    key: string,
    value: unknown,
    computeMs: number,
  ) {
    // Only evidence generations are answered from an older one (see #perEvidenceGeneration).
    if (generation.evidence === undefined) return;
    const known = this.#latest.get(key);
    if (
      known &&
      (known.catalog > generation.catalog ||
        (known.catalog === generation.catalog &&
          (known.evidence ?? 0) > (generation.evidence ?? 0)))
    ) {
      return;
    }
    // Most recently resolved last; beyond the bound the oldest go first.
    this.#latest.delete(key);
    this.#latest.set(key, { ...generation, value, computeMs });
    if (this.#latest.size > this.maxEntries * this.generationsKept) {
      this.#latest.delete(this.#latest.keys().next().value!);
    }
  }

  /** Whether `key` of this generation has been computed. */
  isSettled(generation: { catalog: number; evidence?: number }, key: string) {
    return !!this.#generations.get(generationKey(generation))?.settled.has(key);
  }

  /** The value of `key` of this generation, when computed. */
  settledValue<T>(
    generation: { catalog: number; evidence?: number },
    key: string,
  ): T | undefined {
    return this.#generations
      .get(generationKey(generation))
      ?.settled.get(key) as T | undefined;
  }

  /** Whether `key` of this generation is computed or being computed. */
  has(generation: { catalog: number; evidence?: number }, key: string) {
    return !!this.#generations.get(generationKey(generation))?.values.has(key);
  }

  /**
   * What older evidence generations of the same catalog generation hold for `key`: the newest
   * value that resolved (and how long it took to compute), and whether a computation of it is
   * still running.
   */
  older(
    generation: { catalog: number; evidence?: number },
    key: string,
  ): { settled?: { value: unknown; computeMs: number }; pending: boolean } {
    const isOlder = (other: { catalog: number; evidence?: number }) =>
      other.catalog === generation.catalog &&
      other.evidence !== undefined &&
      generation.evidence !== undefined &&
      other.evidence < generation.evidence;
    let pending = false;
    for (const entry of this.#generations.values()) {
      if (isOlder(entry) && entry.values.has(key) && !entry.settled.has(key)) {
        pending = true;
      }
    }
    const latest = this.#latest.get(key);
    return {
      settled:
        latest && isOlder(latest)
          ? { value: latest.value, computeMs: latest.computeMs }
          : undefined,
      pending,
    };
  }

  /** Drops the results of catalog generations older than the one now served. */
  forgetCatalogsBefore(catalogGeneration: number) {
    for (const [key, entry] of this.#generations) {
      if (entry.catalog < catalogGeneration) this.#generations.delete(key);
    }
    for (const [key, latest] of this.#latest) {
      if (latest.catalog < catalogGeneration) this.#latest.delete(key);
    }
  }
}

/**
 * `value`, or `fallback` when `value` has not settled within `ms` (it goes on either way).
 */
async function settledWithinOr<T>(
  value: Promise<T>,
  ms: number,
  fallback: T,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>(resolve => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([value, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The failure matrix and the blast radius carry each cell's explaining path only up to this
 * many cells (users cells included); a larger result is served with `pathsOmitted` and the
 * client asks GET /impact-path for the one cell it shows. `?paths=true|false` overrides it.
 * Paths were most of the bytes: at 10,000 services a 177 MiB matrix and an 80 MiB blast
 * radius, at 1,000 services about 3 KiB a cell (a 6 MiB blast radius of ~2,000 cells); so up
 * to 1,000 cells a response stays around 3 MiB or less, and the example catalog (at most 126
 * cells) keeps every path inline. See benchmarks/README.md.
 * @internal
 */
export const MAX_PATH_CELLS = 1000;

/**
 * A page of GET /failure-matrix carries its cells' paths only up to this many cells (users
 * cells included): at 1,000 services the 30 rows of the domain matrix (930 cells, inline by
 * {@link MAX_PATH_CELLS}) are ~515 KiB with their paths, ~30 KiB without. The example
 * catalog's domain matrix (at most 110 cells) keeps them.
 * @internal
 */
export const MAX_PAGE_PATH_CELLS = 150;

/**
 * The path options of a plain `GET /failure-matrix` (the routes' default): what the Failure
 * isolation tab asks for, so what a new catalog generation prepares.
 */
export const DEFAULT_PATH_OPTIONS: ImpactPathOptions = {
  maxPathCells: MAX_PATH_CELLS,
};

/**
 * How many unmatched events a plain `GET /events/unmatched` returns (the routes' default and
 * the OpenAPI file's): what the Releases tab asks for, so what a new catalog generation prepares.
 */
export const UNMATCHED_EVENTS_DEFAULT_LIMIT = 200;

/**
 * The deploy gate's answers matched with the catalog now, like the deployments they are lined
 * up with, so a "no" and the deploy after it name the same entity.
 */
function matchedNow(
  verdicts: RecordedVerdict[],
  services: ServiceCatalogIndex,
): RecordedVerdict[] {
  return verdicts.map(verdict => {
    const { entityRef: _asked, ...rest } = verdict;
    const now = services.match(verdict.service)?.entityRef;
    return now ? { ...rest, entityRef: now } : rest;
  });
}

function matrixKey(level: 'domain' | 'service', paths: ImpactPathOptions) {
  return `matrix:${level}:${JSON.stringify(paths)}`;
}

/** A page of matrix rows as a cache key. */
function pageKey({ offset, limit, failing, q, cells }: FailureMatrixRowQuery) {
  return JSON.stringify([offset, limit, failing ?? '', q ?? '', cells ?? 0]);
}

/**
 * Loads the catalog and the CI evidence and computes every analysis result once per change:
 * results that depend on the catalog only (ownership, failure matrices, blast radii) are kept per
 * catalog generation; those that also read CI evidence (releases, migration, rules) per catalog
 * × evidence generation. The evidence generation is a counter the store bumps in every ingest
 * transaction, so every replica sees another replica's events on its next probe.
 * Routes only authenticate, parse and call one method.
 * @internal
 */
export class AnalysisService {
  readonly #catalog: CatalogSnapshotSource;
  readonly #store: CiStore;
  readonly #verdicts?: Pick<GateStore, 'listVerdicts' | 'listVerdictsSince'>;
  readonly #monorepoUrl?: string;
  readonly #policy: EvidencePolicy;
  readonly #now: () => Date;
  readonly #evidenceProbeMs: number;
  readonly #violationsRelistMs: number;
  /** The graphs of the newest catalog generations (served, and being prepared). */
  readonly #catalogStates = new Map<number, Promise<CatalogState>>();
  /** The newest catalog generation requests were served from (0 before the first). */
  #servedGeneration = 0;
  #evidenceProbe?: { at: number; generation: Promise<number> };
  /** The store's reads that do not depend on the catalog, of the newest evidence generation. */
  readonly #evidenceReads = new Map<
    string,
    { evidence: number; read: Promise<unknown> }
  >();
  /**
   * The violation listing of each recent rule check (see #violationsListing), the oldest first:
   * the served generation's and the one being prepared (whose context map reads its answer)
   * each keep theirs, instead of replacing each other's answers in one slot.
   */
  readonly #violationListings = new Map<
    RuleViolationsResponse,
    ViolationsListing
  >();
  /** The listing being read again in the background (see #refreshViolations). */
  #violationsRefresh?: ViolationsListing;
  readonly #catalogResults = new GenerationCache();
  readonly #blastRadii = new GenerationCache(MAX_CACHED_ENTITY_RESULTS);
  /**
   * The domain matrices, the service-level pages' rows and the blast radii that read nothing
   * else, per failure structure (keyed by a catalog state's `failureStructureOf`) with the
   * generation they were computed for: after a catalog edit that changes none of them (a
   * title, an owner) they are kept instead of walked again (see #perStructure). One cache
   * each, so that many pages or radii asked never push a domain matrix out (one per path
   * option, not bounded, like the other per-generation catalog results).
   */
  readonly #byStructure = {
    domainMatrices: new GenerationCache(),
    pageRows: new GenerationCache(MAX_CACHED_ENTITY_RESULTS),
    blastRadii: new GenerationCache(MAX_CACHED_ENTITY_RESULTS),
  };
  readonly #evidenceResults = new GenerationCache(
    Infinity,
    EVIDENCE_GENERATIONS_KEPT,
  );
  /** Per-entity answers of evidence generations (the least recently asked go first). */
  readonly #entityResults = new GenerationCache(
    MAX_CACHED_ENTITY_RESULTS,
    EVIDENCE_GENERATIONS_KEPT,
  );
  readonly #evidenceWaitMs: number;
  readonly #matrixWorker?: FailureMatrixWorker;
  /** A team's ownership and the Ownership tab's pages, per catalog generation (bounded alike). */
  readonly #ownershipAnswers = new GenerationCache(MAX_CACHED_ENTITY_RESULTS);
  /** Shared results as sent: a 10 MB matrix is stringified and compressed once, not per request. */
  readonly #serialised = new SerialisedResults();
  /** When each rule check made here stored its lifecycle (the clock of `violationsRelistMs`). */
  readonly #checkedAt = new WeakMap<RuleViolationsResponse, number>();
  /** The default cut of each blast radius (GET /impact/…), see getFirstEntriesOfBlastRadius. */
  readonly #defaultCutOfRadius = new WeakMap<
    BlastRadiusResponse,
    BlastRadiusResponse
  >();
  /**
   * What the pages of a reader who does not see everything are cut from, by the result as
   * redacted for that reader (kept by its redactor): the ownership's index, the release rows,
   * the rule violations' text selections. They go with the redacted result.
   */
  readonly #indexOfRedacted = new WeakMap<OwnershipResponse, OwnershipIndex>();
  readonly #rowsOfRedacted = new WeakMap<
    ReleasesResponse,
    ReleaseServiceRow[]
  >();
  readonly #selectionsOfRedacted = new WeakMap<
    RuleViolationsResponse,
    Map<string, RuleViolationSelection>
  >();
  /** The deploy gate's answers per service's CI names (the least recently asked go first). */
  readonly #askedOf = new Map<string, KeptRead<RecordedVerdict[]>>();

  constructor(options: {
    catalog: CatalogSnapshotSource;
    store: CiStore;
    /** The deploy gate's recorded answers, listed in each service's history. */
    verdicts?: Pick<GateStore, 'listVerdicts' | 'listVerdictsSince'>;
    monorepoUrl?: string;
    /** Tracked environments, window, lockstep interval (default: every environment counts). */
    evidencePolicy?: EvidencePolicy;
    /** The clock (tests). */
    now?: () => Date;
    /**
     * How long one read of the evidence generation is reused (default 250 ms): every replica
     * starts computing the answers with a CI event at most this long after its 2xx (and
     * answers with it within `evidenceWaitMs` when they are computed by then).
     */
    evidenceProbeMs?: number;
    /**
     * How long one listing of the stored violation lifecycle answers when this replica did not
     * change it (default 30 s): another replica or the snapshot task may have moved it on. A
     * rule check here (a new evidence generation) lists it again at once.
     */
    violationsRelistMs?: number;
    /**
     * How long a request waits for the answer of a new evidence generation (default 1 s)
     * before it is answered from the previous generation's while the new one is computed: at
     * 10,000 services the migration status and the rule check take a second or more after
     * each CI event. A result whose previous generation took longer than this to compute is
     * answered from it at once.
     */
    evidenceWaitMs?: number;
    /**
     * Computes the failure matrices off the event loop (when the dependency structure changed;
     * kept rows are titled again here). Without it, or once it failed, they are computed here
     * in slices.
     */
    matrixWorker?: FailureMatrixWorker;
  }) {
    this.#catalog = options.catalog;
    this.#matrixWorker = options.matrixWorker;
    this.#store = options.store;
    this.#verdicts = options.verdicts;
    this.#monorepoUrl = options.monorepoUrl;
    this.#policy = options.evidencePolicy ?? DEFAULT_EVIDENCE_POLICY;
    this.#now = options.now ?? (() => new Date());
    this.#evidenceProbeMs = options.evidenceProbeMs ?? 250;
    this.#violationsRelistMs = options.violationsRelistMs ?? 30_000;
    this.#evidenceWaitMs = options.evidenceWaitMs ?? 1000;
    this.#catalog.prepareEachGeneration?.(snapshot =>
      this.prepareGeneration(snapshot),
    );
  }

  /** Tracked environments, evidence window and lockstep interval every verdict uses. */
  get evidencePolicy(): EvidencePolicy {
    return this.#policy;
  }

  /** The catalog graph of the latest catalog read (built once per generation). */
  async getCatalog(): Promise<CatalogState> {
    const snapshot = await this.#catalog.getSnapshot();
    this.#servedGeneration = Math.max(
      this.#servedGeneration,
      snapshot.generation,
    );
    this.#forgetCatalogsBefore(snapshot.generation);
    const state = await this.#stateOf(snapshot);
    for (const cache of Object.values(this.#byStructure)) {
      cache.forgetCatalogsBefore(state.failureStructureOf);
    }
    return state;
  }

  /**
   * How a computation for `catalog` runs in slices: one for a generation newer than the one
   * served (its preparation, see {@link prepareGeneration}) in the background, behind what
   * requests wait for. Before any generation was served requests wait for the first one
   * ("still loading"): its preparation is not background work.
   */
  #slicing(catalog: { generation: number }) {
    const served = this.#servedGeneration;
    return { background: served > 0 && catalog.generation > served };
  }

  /** Once a generation is served, the older ones' graphs and results are not needed. */
  #forgetCatalogsBefore(generation: number) {
    for (const kept of this.#catalogStates.keys()) {
      if (kept < generation) this.#catalogStates.delete(kept);
    }
    this.#catalogResults.forgetCatalogsBefore(generation);
    this.#blastRadii.forgetCatalogsBefore(generation);
    this.#evidenceResults.forgetCatalogsBefore(generation);
    this.#entityResults.forgetCatalogsBefore(generation);
    this.#ownershipAnswers.forgetCatalogsBefore(generation);
  }

  #stateOf(snapshot: CatalogSnapshot): Promise<CatalogState> {
    let state = this.#catalogStates.get(snapshot.generation);
    if (!state) {
      // Built in slices: other requests are answered while a large graph is built.
      state = runInSlices(
        catalogGraphSteps(snapshot.entities),
        this.#slicing(snapshot),
      ).then(async graph => {
        const older = await this.#newestOlderState(snapshot.generation);
        return {
          generation: snapshot.generation,
          entities: snapshot.entities,
          graph,
          services: serviceCatalogIndex(graph),
          sameMatchingAs:
            older && sameServiceMatching(older.graph, graph)
              ? older.generation
              : undefined,
          failureStructureOf:
            older && sameFailureStructure(older.graph, graph)
              ? older.failureStructureOf
              : snapshot.generation,
        };
      });
      const built = state;
      this.#catalogStates.set(snapshot.generation, built);
      built.catch(() => {
        if (this.#catalogStates.get(snapshot.generation) === built) {
          this.#catalogStates.delete(snapshot.generation);
        }
      });
      // Older ones if prepared out of order.
      while (this.#catalogStates.size > GENERATIONS_KEPT) {
        this.#catalogStates.delete(Math.min(...this.#catalogStates.keys()));
      }
    }
    return state;
  }

  /** The newest kept generation older than `generation` (its graph built), if any. */
  async #newestOlderState(
    generation: number,
  ): Promise<CatalogState | undefined> {
    const older = [...this.#catalogStates.keys()].filter(
      kept => kept < generation,
    );
    if (older.length === 0) return undefined;
    return await this.#catalogStates
      .get(Math.max(...older))!
      .catch(() => undefined);
  }

  /**
   * Computes a new catalog generation's graph and its most asked results (ownership and its
   * index, the domain matrix as the Failure isolation tab asks for it, the migration status, the
   * rule check, the releases and their rows, the whole context map) before the catalog reader
   * serves it; meanwhile requests get the previous generation's answers at once.
   */
  async prepareGeneration(snapshot: CatalogSnapshot): Promise<void> {
    const state = await this.#stateOf(snapshot);
    await Promise.all([
      this.#ownershipOf(state),
      this.#withCatalog(
        'ownership-index',
        this.#ownershipIndexOf,
        undefined,
        state,
      ),
      this.#domainMatrix(DEFAULT_PATH_OPTIONS, state),
      // And what also reads CI evidence, for the evidence as it is now.
      this.#withEvidence('migration', this.#migrationOf, state),
      this.#withEvidence('rules', this.#rulesOf, state),
      this.#perEvidenceGeneration(
        'releases',
        this.#releasesOf,
        undefined,
        state,
      ),
      this.#perEvidenceGeneration(
        'release-rows',
        this.#releaseRowsOf,
        undefined,
        state,
      ),
      // The whole context map, which the Map tab's views and the map's neighbourhoods are cut
      // from: left to the first request after the switch, those requests waited for it.
      this.#wholeContextMap(state),
      // The Releases tab's unmatched events, as it asks for them (the default limit).
      this.#unmatchedEventsOf(UNMATCHED_EVENTS_DEFAULT_LIMIT, state),
    ]);
  }

  /**
   * A result as sent (JSON, ETag, gzip); for a result shared between requests (same object) it
   * is serialised once (a large one in slices).
   */
  serialised(result: object): Promise<SerialisedResult> {
    return this.#serialised.of(result);
  }

  /** Forgets the last evidence probe, so the next request sees a just-written event. */
  evidenceChanged(): void {
    this.#evidenceProbe = undefined;
  }

  async #evidenceGeneration(): Promise<number> {
    const now = Date.now();
    const probe = this.#evidenceProbe;
    if (probe && now - probe.at < this.#evidenceProbeMs) {
      return await probe.generation;
    }
    const generation = this.#store.getEvidenceGeneration();
    this.#evidenceProbe = { at: now, generation };
    generation.catch(() => {
      if (this.#evidenceProbe?.generation === generation) {
        this.#evidenceProbe = undefined;
      }
    });
    return await generation;
  }

  /**
   * What the store answers to a read that does not depend on the catalog, once per evidence
   * generation: a new catalog generation (prepared while requests are answered) matches the
   * same rows with its catalog instead of reading tens of thousands of them again.
   */
  async #readPerEvidence<T>(key: string, read: () => Promise<T>): Promise<T> {
    const evidence = await this.#evidenceGeneration();
    const kept = this.#evidenceReads.get(key);
    if (kept && kept.evidence === evidence) return (await kept.read) as T;
    const fresh = read();
    this.#evidenceReads.set(key, { evidence, read: fresh });
    fresh.catch(() => {
      if (this.#evidenceReads.get(key)?.read === fresh) {
        this.#evidenceReads.delete(key);
      }
    });
    return await fresh;
  }

  async #withCatalog<T>(
    key: string,
    compute: (catalog: CatalogState) => T | Promise<T>,
    cache = this.#catalogResults,
    state?: CatalogState,
  ): Promise<T> {
    const catalog = state ?? (await this.getCatalog());
    return await cache.get({ catalog: catalog.generation }, key, async () =>
      compute(catalog),
    );
  }

  /** The ownership of a catalog generation (default: the one served), computed once. */
  #ownershipOf(at?: CatalogState): Promise<OwnershipResponse> {
    return this.#withCatalog(
      'ownership',
      // In slices: every entity of the catalog, once per catalog generation.
      catalog =>
        runInSlices(ownershipSteps(catalog.graph), this.#slicing(catalog)),
      undefined,
      at,
    );
  }

  /**
   * A result computed once per catalog × evidence generation (CI events change it; the catalog
   * graph is reused). The evidence itself is one of them (key `evidence`, see
   * {@link #evidenceContext}): read once per generation and kept as one {@link EvidenceContext},
   * whose indexes every result of the generation shares.
   *
   * After a CI event a request waits up to `evidenceWaitMs` for the new generation's result
   * (not at all when the previous generation's took longer than that to compute), then gets
   * the previous generation's while the new one is computed; one computation of a result at a
   * time. Computations themselves (and the preparation of a catalog generation,
   * the snapshot task's rule check) always wait for their own generation's results: only the
   * methods routes call ask with `mode` 'answer', for the result they send.
   */
  async #perEvidenceGeneration<T>(
    key: string,
    /** Computes the result for `catalog` and the evidence generation `evidence`. */
    computeResult: (catalog: CatalogState, evidence: number) => T | Promise<T>,
    cache = this.#evidenceResults,
    /** The catalog generation to compute for (default: the one served). */
    at?: CatalogState,
    /**
     * An answer to a request: after a CI event it may be the previous generation's (see
     * above). Without it (what a computation reads) always this generation's.
     */
    mode: 'answer' | 'fresh' = 'fresh',
  ): Promise<T> {
    const [catalog, evidenceGeneration] = await Promise.all([
      at ?? this.getCatalog(),
      this.#evidenceGeneration(),
    ]);
    const generation = {
      catalog: catalog.generation,
      evidence: evidenceGeneration,
    };
    const compute = () =>
      cache.get(
        generation,
        key,
        async () =>
          this.#carriedOver<T>(cache, key, catalog, evidenceGeneration) ??
          (await computeResult(catalog, evidenceGeneration)),
      );
    // A computation waits for what it reads, of its own generation.
    if (mode === 'fresh') return await compute();
    const older = cache.older(generation, key);
    if (!older.settled) return await compute();
    const previous = older.settled.value as T;
    if (!cache.has(generation, key)) {
      // While an older generation's answer is still being computed, a newer one is not
      // started beside it (one computation at a time, also when CI events arrive faster than
      // a large catalog's answers are computed): the last answer until then.
      if (older.pending) return previous;
      // The request that starts a new generation's answer waits a moment for it, then gets
      // the previous one; the computation goes on. When the previous one took longer than
      // that moment to compute, so will this one most likely: the request would wait only to
      // get the previous answer, so it gets it at once.
      if (older.settled.computeMs > this.#evidenceWaitMs) {
        void compute();
        return previous;
      }
      return await settledWithinOr(compute(), this.#evidenceWaitMs, previous);
    }
    // Being computed (its first request waited already): the previous answer until it is done.
    return cache.isSettled(generation, key) ? await compute() : previous;
  }

  /**
   * The result of `key` already computed for the same evidence generation and an older catalog
   * generation that matches CI records the same, carried over to `catalog` (see
   * {@link CARRIED_BY_MATCHING}); undefined when there is none.
   */
  #carriedOver<T>(
    cache: GenerationCache,
    key: string,
    catalog: CatalogState,
    evidence: number,
  ): T | undefined {
    const carry = CARRIED_BY_MATCHING[key];
    const from = catalog.sameMatchingAs;
    if (!carry || from === undefined || cache !== this.#evidenceResults) {
      return undefined;
    }
    const kept = cache.settledValue({ catalog: from, evidence }, key);
    return kept === undefined ? undefined : (carry(kept, catalog) as T);
  }

  /**
   * What a route sends: {@link #perEvidenceGeneration} with `mode` 'answer', for the catalog
   * generation served (or `at`: the one the request's input was checked against).
   */
  #answer<T>(
    key: string,
    compute: (catalog: CatalogState, evidence: number) => T | Promise<T>,
    cache = this.#evidenceResults,
    at?: CatalogState,
  ): Promise<T> {
    return this.#perEvidenceGeneration(key, compute, cache, at, 'answer');
  }

  /**
   * As {@link #perEvidenceGeneration}, with the evidence the generation's verdicts judge
   * ({@link #judgedEvidence}).
   */
  async #withEvidence<T>(
    key: string,
    compute: (catalog: CatalogState, judged: JudgedEvidence) => T | Promise<T>,
    at?: CatalogState,
    mode: 'answer' | 'fresh' = 'fresh',
  ): Promise<T> {
    return await this.#perEvidenceGeneration(
      key,
      // The evidence matched with the same catalog generation as the result.
      async catalog => compute(catalog, await this.#judgedEvidence(catalog)),
      undefined,
      at,
      mode,
    );
  }

  /**
   * What the migration status and the rule check of a generation judge: the evidence of the
   * window scoped (tracked environments, inside the window or live now) at one `now` and
   * indexed, once for both (each would otherwise scope and index it for itself).
   */
  #judgedEvidence(catalog: CatalogState): Promise<JudgedEvidence> {
    return this.#perEvidenceGeneration(
      'judged-evidence',
      async () => {
        const scope = { policy: this.#policy, now: this.#now() };
        const context = await this.#evidenceContext(catalog);
        const evidence = await runInSlices(
          context.scopedSteps(scope),
          this.#slicing(catalog),
        );
        await runInSlices(
          evidence.indexSteps(
            this.#policy.lockstepIntervalMs ?? DEFAULT_LOCKSTEP_INTERVAL_MS,
          ),
          this.#slicing(catalog),
        );
        return { evidence, now: scope.now };
      },
      undefined,
      catalog,
    );
  }

  #evidenceContext(at?: CatalogState): Promise<EvidenceContext> {
    return this.#perEvidenceGeneration(
      'evidence',
      async catalog => {
        // What any verdict judged from now on reads (see CiStore.getEvidence): the window only
        // moves forward, so later checks of this evidence generation (of any catalog
        // generation) read a subset of it.
        const stored = await this.#readPerEvidence('evidence-window', () =>
          this.#store.getEvidence({
            since: new Date(
              this.#now().getTime() - this.#policy.windowMs,
            ).toISOString(),
          }),
        );
        return new EvidenceContext(catalog.services, {
          // In slices: the window holds tens of thousands of deployments at 10,000 services.
          deployments: await runInSlices(
            deploymentRecordSteps(stored.deployments, catalog.services),
            this.#slicing(catalog),
          ),
          testRuns: await runInSlices(
            testRunRecordSteps(stored.testRuns, catalog.services),
            this.#slicing(catalog),
          ),
        });
      },
      undefined,
      at,
    );
  }

  async getOwnership(
    options: { team?: string } = {},
  ): Promise<OwnershipResponse> {
    const team = options.team;
    if (!team) return await this.#ownershipOf();
    // A team's answer is cut once per generation (the same object for every request, so it
    // is also serialised once).
    const answer = await this.#withCatalog(
      `ownership-team:${team}`,
      async catalog => ownershipOfTeam(await this.#ownershipOf(catalog), team),
      this.#ownershipAnswers,
    );
    if (!answer) {
      throw new NotFoundError(`No team ${team} in the catalog`);
    }
    return answer;
  }

  /**
   * One page of the Ownership tab's team list (GET /ownership), cut from the ownership of this
   * catalog generation (indexed once per generation); with a `redactor` of a reader who does
   * not see everything: cut from the ownership redacted for that reader.
   */
  async getOwnershipPage(
    query: OwnershipPageQuery & { redactor?: AnalysisRedactor },
  ): Promise<OwnershipPageResponse> {
    const { redactor, ...page } = query;
    if (redactor && !redactor.seesEverything) {
      const visible = redactor.ownership(await this.getOwnership());
      return pageOwnership(
        visible,
        derivedOf(this.#indexOfRedacted, visible, indexOwnership),
        page,
      );
    }
    // Each page asked is cut once per generation (and serialised once).
    return await this.#withCatalog(
      `ownership-page:${JSON.stringify(page)}`,
      async catalog => {
        const { all, index } = await this.#withCatalog(
          'ownership-index',
          this.#ownershipIndexOf,
          undefined,
          catalog,
        );
        return pageOwnership(all, index, page);
      },
      this.#ownershipAnswers,
    );
  }

  /** The ownership of a catalog generation with its index (the tab's rows, search texts). */
  readonly #ownershipIndexOf = async (catalog: CatalogState) => {
    const all = await this.#ownershipOf(catalog);
    return { all, index: indexOwnership(all) };
  };

  /**
   * The whole domain-level matrix of this catalog generation. There is no whole service-level
   * matrix: it has a cell per pair of Components reached (about 10,000² at 10,000 services, more
   * than fits in memory), so its pages are computed row by row ({@link getFailureMatrixPage}).
   */
  async getDomainFailureMatrix(
    paths: ImpactPathOptions,
  ): Promise<FailureMatrixResponse> {
    return await this.#domainMatrix(paths);
  }

  /** The domain-level matrix of a catalog generation (default: the one served), computed once. */
  #domainMatrix(
    paths: ImpactPathOptions,
    at?: CatalogState,
  ): Promise<FailureMatrixResponse> {
    return this.#withCatalog(
      matrixKey('domain', paths),
      this.#domainMatrixOf(paths),
      undefined,
      at,
    );
  }

  /**
   * The matrix of a catalog generation, computed once per failure structure (see
   * {@link #rowsPerStructure}): after most catalog edits (a title, an owner) its rows are kept
   * and only titled again; otherwise it is computed on the worker, or here in slices without
   * one (seconds of work at 10,000 services).
   */
  #domainMatrixOf(paths: ImpactPathOptions) {
    const level = 'domain';
    const key = matrixKey(level, paths);
    return (catalog: CatalogState): Promise<FailureMatrixResponse> =>
      this.#rowsPerStructure(
        this.#byStructure.domainMatrices,
        catalog,
        key,
        async () => {
          const worker = this.#matrixWorker;
          if (worker?.available) {
            try {
              return await worker.compute(
                catalog.generation,
                catalog.entities,
                level,
                paths,
                this.#slicing(catalog),
              );
            } catch (error) {
              // A worker that could not start said so in the log: computed here instead. One that
              // stopped on this matrix (out of memory, say) would take this thread down here too.
              if (worker.available) throw error;
            }
          }
          return runInSlices(
            failureMatrixSteps(catalog.graph, level, paths),
            this.#slicing(catalog),
          );
        },
      );
  }

  /**
   * Failure-matrix rows of `key` (a whole domain matrix, or the rows of a service-level page)
   * computed once per failure structure ({@link #perStructure}): a later generation of the same
   * structure titles them again (`retitledMatrixSteps`) instead of walking the graph again.
   */
  async #rowsPerStructure(
    cache: GenerationCache,
    catalog: CatalogState,
    key: string,
    compute: () => Promise<FailureMatrixResponse>,
  ): Promise<FailureMatrixResponse> {
    const computed = await this.#perStructure(cache, catalog, key, compute);
    return computed.generation === catalog.generation
      ? computed.value
      : await runInSlices(
          retitledMatrixSteps(catalog.graph, computed.value),
          this.#slicing(catalog),
        );
  }

  /**
   * A result of `key` that reads nothing but the failure structure, computed once per structure
   * (`CatalogState.failureStructureOf`) and kept with the generation it was computed for.
   */
  #perStructure<T>(
    cache: GenerationCache,
    catalog: CatalogState,
    key: string,
    compute: () => Promise<T>,
  ): Promise<{ generation: number; value: T }> {
    return cache.get(
      { catalog: catalog.failureStructureOf },
      key,
      async () => ({ generation: catalog.generation, value: await compute() }),
    );
  }

  /**
   * One page of the failure matrix's rows (or the one row of `failing`), cut from the matrix
   * kept for this catalog generation. For readers who see everything each page is kept too
   * (so it is serialised once); with a `redactor` of a reader who does not, it is cut from the
   * matrix as that reader sees it.
   */
  async getFailureMatrixPage(
    level: 'domain' | 'service',
    paths: ImpactPathOptions,
    query: FailureMatrixRowQuery & { redactor?: AnalysisRedactor },
  ): Promise<FailureMatrixPageResponse> {
    const { redactor, ...page } = query;
    if (level === 'service') {
      return await this.#serviceMatrixPage(paths, page, redactor);
    }
    if (redactor && !redactor.seesEverything) {
      const matrix = await this.getDomainFailureMatrix(paths);
      return pageFailureMatrix(redactor.failureMatrix(matrix), page, {
        maxPathCells: MAX_PAGE_PATH_CELLS,
      });
    }
    return await this.#withCatalog(
      `${matrixKey(level, paths)}:page:${pageKey(page)}`,
      async catalog => {
        // The matrix of the page's own generation, also if another is served meanwhile.
        const matrix = await this.#domainMatrix(paths, catalog);
        return pageFailureMatrix(matrix, page, {
          maxPathCells: MAX_PAGE_PATH_CELLS,
        });
      },
      this.#blastRadii,
    );
  }

  /**
   * A page of the service-level matrix, its rows computed for the page (common's
   * `serviceMatrixRowsSteps`): the whole matrix has a cell per pair of Components reached,
   * about 10,000² at 10,000 services, more than fits in memory. The rows are the Components the
   * reader sees, in ref order; the rows of a page are kept per catalog generation with the blast
   * radii (by the Components they are of, so readers who see the same rows share them) and
   * redacted for a reader who does not see everything. Paths travel with a page of at most
   * {@link MAX_PAGE_PATH_CELLS} cells, as with the domain level.
   */
  async #serviceMatrixPage(
    paths: ImpactPathOptions,
    query: FailureMatrixRowQuery,
    redactor?: AnalysisRedactor,
  ): Promise<FailureMatrixPageResponse> {
    const catalog = await this.getCatalog();
    const restricted = redactor && !redactor.seesEverything;
    const selected = await this.#withCatalog(
      `service-rows-of:${JSON.stringify([query.failing ?? '', query.q ?? ''])}`,
      ({ graph }) => serviceMatrixRowRefs(graph, query),
      this.#blastRadii,
      catalog,
    );
    const page = pageOf(
      restricted ? selected.filter(ref => !redactor.isHidden(ref)) : selected,
      query,
    );
    const rowOptions = {
      paths: paths.paths,
      maxPathCells: MAX_PAGE_PATH_CELLS,
    };
    const rows = await this.#serviceMatrixRows(catalog, page.items, rowOptions);
    const pageOptions = {
      maxPathCells: MAX_PAGE_PATH_CELLS,
      cells: query.cells,
    };
    if (restricted) {
      return matrixPageOfRows(redactor.failureMatrix(rows), page, pageOptions);
    }
    return await this.#withCatalog(
      `${matrixKey('service', rowOptions)}:page:${pageKey(query)}`,
      async () => matrixPageOfRows(rows, page, pageOptions),
      this.#blastRadii,
      catalog,
    );
  }

  /**
   * The service-level matrix's rows of `componentRefs` for a catalog generation, kept per
   * generation with the blast radii; computed once per failure structure (see
   * {@link #rowsPerStructure}).
   */
  #serviceMatrixRows(
    catalog: CatalogState,
    componentRefs: string[],
    rowOptions: ImpactPathOptions,
  ): Promise<FailureMatrixResponse> {
    const key = `${matrixKey('service', rowOptions)}:rows:${componentRefs.join(
      ' ',
    )}`;
    return this.#withCatalog(
      key,
      state =>
        this.#rowsPerStructure(this.#byStructure.pageRows, state, key, () =>
          runInSlices(
            serviceMatrixRowsSteps(state.graph, componentRefs, rowOptions),
          ),
        ),
      this.#blastRadii,
      catalog,
    );
  }

  /** Undefined when the entity is not in the catalog. */
  async getBlastRadius(
    entityRef: string,
    paths: ImpactPathOptions,
  ): Promise<BlastRadiusResponse | undefined> {
    return await this.#blastRadiusOf(entityRef, paths);
  }

  /**
   * GET /impact/:kind/:namespace/:name: the blast radius with each side cut to its first `limit`
   * entries ({@link firstEntriesOfBlastRadius}). The default cut is kept per catalog generation
   * for readers who see everything (so also serialised once); any other `limit` is cut per
   * request from the kept radius, so that callers asking many limits cannot push other radii
   * out of the cache; for a reader who does not see everything, cut from what that reader may
   * see. Undefined when the entity is not in the catalog.
   */
  async getFirstEntriesOfBlastRadius(
    entityRef: string,
    options: {
      paths: ImpactPathOptions;
      limit: number;
      redactor?: AnalysisRedactor;
    },
  ): Promise<BlastRadiusResponse | undefined> {
    const { paths, limit, redactor } = options;
    if (
      limit !== BLAST_RADIUS_LIMIT.default ||
      (redactor && !redactor.seesEverything)
    ) {
      const radius = await this.getBlastRadius(entityRef, paths);
      return (
        radius &&
        firstEntriesOfBlastRadius(
          redactor?.blastRadius(radius) ?? radius,
          limit,
        )
      );
    }
    return await this.#withCatalog(
      `radius-first:${entityRef}:${JSON.stringify(paths)}:${limit}`,
      async catalog => {
        const radius = await this.#blastRadiusOf(entityRef, paths, catalog);
        // Once per radius: a radius kept across catalog generations keeps its cut, and so
        // the cut's JSON and compression (sendJson keeps those per object).
        return (
          radius &&
          derivedOf(this.#defaultCutOfRadius, radius, kept =>
            firstEntriesOfBlastRadius(kept, BLAST_RADIUS_LIMIT.default),
          )
        );
      },
      this.#blastRadii,
    );
  }

  /**
   * The blast radius in a catalog generation (default: the one served), computed once; that of
   * a Component, Resource or Domain once per failure structure (common's
   * `blastRadiusFollowsFailureStructure`), so kept across an edit that changes no dependency.
   */
  #blastRadiusOf(
    entityRef: string,
    paths: ImpactPathOptions,
    at?: CatalogState,
  ): Promise<BlastRadiusResponse | undefined> {
    const key = `radius:${entityRef}:${JSON.stringify(paths)}`;
    return this.#withCatalog(
      key,
      async catalog => {
        // In slices: one failure reaches most of a 10,000-service catalog, both ways.
        const compute = () =>
          runInSlices(
            blastRadiusSteps(catalog.graph, entityRef, paths),
            this.#slicing(catalog),
          );
        if (!blastRadiusFollowsFailureStructure(catalog.graph, entityRef)) {
          return await compute();
        }
        return (
          await this.#perStructure(
            this.#byStructure.blastRadii,
            catalog,
            key,
            compute,
          )
        ).value;
      },
      this.#blastRadii,
      at,
    );
  }

  /**
   * The blast radius in a bounded answer (the entity card): counts, users, affected domains and
   * the `limit` worst entries of each side, cut from the blast radius kept for this catalog
   * generation (computed without paths, once, shared with {@link getBlastRadiusPage}); the
   * summary itself is kept too for readers who see everything. With a `redactor` of a reader who
   * does not: cut for that reader. Undefined when the entity is not in the catalog.
   */
  async getBlastRadiusSummary(
    entityRef: string,
    options: { limit: number; redactor?: AnalysisRedactor },
  ): Promise<BlastRadiusSummaryResponse | undefined> {
    const { limit, redactor } = options;
    if (redactor && !redactor.seesEverything) {
      const radius = await this.getBlastRadius(entityRef, WITHOUT_PATHS);
      return radius && redactor.blastRadiusSummary(radius, limit);
    }
    // What everyone who sees the whole catalog gets: cut once per generation, kept with the
    // radius it is cut from (of the same generation, also if another is served meanwhile).
    return await this.#withCatalog(
      `summary:${entityRef}:${limit}`,
      async catalog => {
        const radius = await this.#blastRadiusOf(
          entityRef,
          WITHOUT_PATHS,
          catalog,
        );
        return radius && summariseBlastRadius(catalog.graph, radius, { limit });
      },
      this.#blastRadii,
    );
  }

  /**
   * One page of one side of the blast radius (the content tab), cut from the same cached blast
   * radius as {@link getBlastRadiusSummary}. Undefined when the entity is not in the catalog.
   */
  async getBlastRadiusPage(
    entityRef: string,
    query: BlastRadiusPageQuery & { redactor?: AnalysisRedactor },
  ): Promise<BlastRadiusPageResponse | undefined> {
    const catalog = await this.getCatalog();
    const radius = await this.#blastRadiusOf(entityRef, WITHOUT_PATHS, catalog);
    if (!radius) return undefined;
    const { redactor, ...page } = query;
    return redactor
      ? redactor.blastRadiusPage(radius, page)
      : pageBlastRadius(catalog.graph, radius, page);
  }

  /**
   * One cell with its path; throws NotFoundError for an unknown entity or a failure that does
   * not reach the affected entity.
   */
  async getImpactPath(
    failing: string,
    affected: string,
    direction: 'downstream' | 'upstream',
  ): Promise<ImpactPathResponse> {
    const catalog = await this.getCatalog();
    for (const ref of [failing, affected]) {
      if (ref !== 'users' && !catalog.graph.entities.has(ref)) {
        throw new NotFoundError(`No entity ${ref} in the catalog`);
      }
    }
    // Kept with the blast radii (bounded, per catalog generation): in an incident many readers
    // open the same cell, and the walk to a far cell is one synchronous piece of the event loop.
    const cell = await this.#withCatalog(
      `path:${direction}:${failing}:${affected}`,
      ({ graph }) => {
        const found = computeImpactPath(graph, failing, affected, {
          direction,
        });
        return found && { ...found, titles: titlesOfCell(graph, found) };
      },
      this.#blastRadii,
      catalog,
    );
    if (!cell) {
      throw new NotFoundError(
        `The failure of ${failing} does not reach ${affected}`,
      );
    }
    return cell;
  }

  /**
   * Whether the catalog served is settled (false: start-up stopped waiting for two agreeing
   * reads, and it may still be a partial catalog — see CatalogSnapshot.settled).
   */
  async isCatalogSettled(): Promise<boolean> {
    return (await this.#catalog.getSnapshot()).settled !== false;
  }

  async getMigration(): Promise<MigrationStatusResponse> {
    return await this.#withEvidence(
      'migration',
      this.#migrationOf,
      undefined,
      'answer',
    );
  }

  /**
   * The migration status of this evidence generation (what a computation reads), of the catalog
   * generation `at` (default: the one served).
   */
  #migration(at?: CatalogState): Promise<MigrationStatusResponse> {
    return this.#withEvidence('migration', this.#migrationOf, at);
  }

  readonly #migrationOf = (
    catalog: CatalogState,
    { evidence, now }: JudgedEvidence,
  ): Promise<MigrationStatusResponse> =>
    runInSlices(
      migrationStatusSteps(evidence, {
        monorepoUrl: this.#monorepoUrl,
        now,
        policy: this.#policy,
      }),
      this.#slicing(catalog),
    );

  /**
   * GET /migration: a page of domain summaries and the aggregates, cut from this generation's
   * migration status. What readers who see everything get is kept per query (with the status's
   * generation), so repeated requests share one answer, serialised once; with a `redactor` of
   * a reader who does not, cut for that reader per request.
   */
  async getMigrationOverview(
    query: MigrationOverviewQuery,
    redactor?: AnalysisRedactor,
  ): Promise<MigrationOverviewResponse> {
    if (redactor && !redactor.seesEverything) {
      return redactor.migrationOverview(await this.getMigration(), query);
    }
    return await this.#answer(
      `migration-overview:${JSON.stringify(query)}`,
      async catalog => migrationOverview(await this.#migration(catalog), query),
      this.#entityResults,
    );
  }

  /**
   * One domain's migration status with at most `limit` evidence lines and blockers per
   * criterion (see `boundDomainMigration`), cut once per generation and domain. Throws
   * NotFoundError for a domain the catalog does not have.
   */
  async getDomainMigration(
    domainRef: string,
    options: { limit?: number } = {},
  ): Promise<DomainMigrationResponse> {
    const limit = options.limit ?? DOMAIN_MIGRATION_ITEM_LIMIT.default;
    const answer = await this.#answer(
      `migration-domain:${domainRef}:${limit}`,
      async catalog =>
        domainMigrationOf(await this.#migration(catalog), domainRef, limit),
      this.#entityResults,
    );
    if (!answer) {
      throw new NotFoundError(`No domain ${domainRef} in the catalog`);
    }
    return answer;
  }

  /**
   * The rule violations with their lifecycle. Checking the rules (once per catalog × evidence
   * generation, and by the snapshot task) is one step of the lifecycle kept in the store; the
   * answer is filtered by status (`open` by default; `resolved` = resolved inside the
   * evidence window) and entity.
   */
  async getRuleViolations(
    options: { entityRef?: string; status?: 'open' | 'resolved' | 'all' } = {},
  ): Promise<RuleViolationsResponse> {
    return (await this.#ruleAnswer(options, 'answer')).answer;
  }

  /**
   * One page of the rule violations (GET /rules/violations): of one status and entity,
   * matching the text filter `q`, of one `rule` or all, with the counts per rule. Cut from the
   * listing's shared answer; the q-filtered selection is kept with the listing (at most
   * {@link MAX_CACHED_VIOLATION_SELECTIONS}), so a page is a slice, not a pass over 27,000
   * violations, and for readers who see everything the page itself is kept too (at most
   * {@link MAX_CACHED_VIOLATION_PAGES}: the same object, so GET /rules/violations serialises and
   * compresses it once). For a reader the catalog hides entities from, the answer is redacted first and
   * `q` matched on what that reader sees (a hidden name must not select anything).
   */
  async getRuleViolationsPage(options: {
    entityRef?: string;
    status?: 'open' | 'resolved' | 'all';
    rule?: RuleId;
    q?: string;
    limit: number;
    offset: number;
    redactor?: AnalysisRedactor;
  }): Promise<RuleViolationsPageResponse> {
    const { redactor, rule, limit, offset } = options;
    const q = options.q ?? '';
    const page = { limit, offset, ...(rule ? { rule } : {}) };
    const { listing, answer, key } = await this.#ruleAnswer(options, 'answer');
    if (redactor && !redactor.seesEverything) {
      // In slices: the whole listing at 10,000 services was ~¼ s of the loop in one piece.
      const redacted = await runInSlices(redactor.ruleViolationsSteps(answer));
      const selections = derivedOf(
        this.#selectionsOfRedacted,
        redacted,
        () => new Map<string, RuleViolationSelection>(),
      );
      const selection = remembered(
        selections,
        q.trim().toLowerCase(),
        MAX_CACHED_VIOLATION_SELECTIONS,
        () => selectRuleViolations(redacted, q),
      );
      return pageRuleViolations(redacted, selection, page);
    }
    const selectionKey = `${key}|${q.trim().toLowerCase()}`;
    const selection = remembered(
      listing.selections,
      selectionKey,
      MAX_CACHED_VIOLATION_SELECTIONS,
      () => selectRuleViolations(answer, q),
    );
    return remembered(
      listing.pages,
      `${selectionKey}|${rule ?? ''}|${limit}|${offset}`,
      MAX_CACHED_VIOLATION_PAGES,
      () => pageRuleViolations(answer, selection, page),
    );
  }

  async #ruleAnswer(
    options: {
      entityRef?: string;
      status?: 'open' | 'resolved' | 'all';
    },
    mode: 'answer' | 'fresh',
    /** The catalog generation checked (default: the one served). */
    at?: CatalogState,
  ) {
    const checked = await this.#withEvidence('rules', this.#rulesOf, at, mode);
    const listing = this.#violationsListing(checked);
    const violations = await listing.violations;
    const status = options.status ?? 'open';
    // Each answer (per status, and entity) is shared by the requests of one listing:
    // filtered and serialised once, not per request.
    const key = `${status}|${options.entityRef ?? ''}`;
    let answer = listing.answers.get(key);
    if (!answer) {
      const filtered = this.#filterRules(
        { ...checked, violations },
        { status, entityRef: options.entityRef },
        at,
      );
      answer = filtered;
      listing.answers.set(key, filtered);
      filtered.catch(() => {
        if (listing.answers.get(key) === filtered) listing.answers.delete(key);
      });
    }
    return { listing, answer: await answer, key };
  }

  /**
   * The lifecycle as stored now: the snapshot task (or another replica) may have moved it on
   * since this generation's check, so it is listed again after `violationsRelistMs`, not per
   * request. A check made here starts from what its own transaction stored (every violation,
   * open and resolved: not read again); a listing older than the interval is read again in
   * the background while it still answers (at 10,000 services a read of 27,000 violations is
   * ~200 ms of the event loop: re-read every evidence probe interval, 250 ms, it slowed every
   * route).
   */
  #violationsListing(checked: RuleViolationsResponse): ViolationsListing {
    const now = Date.now();
    const listing = this.#violationListings.get(checked);
    if (listing) {
      // A listing being read answers once read; a read one is read again when it is old.
      if (listing.listed && now - listing.at >= this.#violationsRelistMs) {
        this.#refreshViolations(listing, now);
      }
      return listing;
    }
    const checkedAt = this.#checkedAt.get(checked);
    const next =
      checkedAt === undefined
        ? this.#readViolations(checked, now)
        : this.#listingOf(
            checked,
            checkedAt,
            Promise.resolve(checked.violations),
          );
    this.#violationListings.set(checked, next);
    while (this.#violationListings.size > VIOLATION_LISTINGS_KEPT) {
      this.#violationListings.delete(
        this.#violationListings.keys().next().value!,
      );
    }
    next.violations.catch(() => {
      if (this.#violationListings.get(checked) === next) {
        this.#violationListings.delete(checked);
      }
    });
    return next;
  }

  #readViolations(checked: RuleViolationsResponse, at: number) {
    return this.#listingOf(checked, at, this.#store.listViolations());
  }

  #listingOf(
    checked: RuleViolationsResponse,
    at: number,
    violations: Promise<RuleViolation[]>,
  ) {
    const next: ViolationsListing = {
      at,
      checked,
      violations,
      answers: new Map<string, Promise<RuleViolationsResponse>>(),
      selections: new Map<string, RuleViolationSelection>(),
      pages: new Map<string, RuleViolationsPageResponse>(),
    };
    next.violations.then(
      listed => {
        next.listed = listed;
      },
      () => {},
    );
    return next;
  }

  /**
   * Reads the listing again, then serves the new one in its place. When the store says the same,
   * the open answers (and their selections and pages) are kept: not filtered and sorted again (~100 ms
   * at 10,000 services). Resolved ones depend on the clock (resolved inside the window) and are
   * cut again.
   */
  #refreshViolations(current: ViolationsListing, now: number) {
    if (this.#violationsRefresh) return;
    const next = this.#readViolations(current.checked, now);
    this.#violationsRefresh = next;
    next.violations
      .then(listed => {
        if (sameListing(current.listed!, listed)) {
          for (const [key, answer] of current.answers) {
            if (key.startsWith('open|')) next.answers.set(key, answer);
          }
          for (const [key, selection] of current.selections) {
            if (key.startsWith('open|')) next.selections.set(key, selection);
          }
          for (const [key, page] of current.pages) {
            if (key.startsWith('open|')) next.pages.set(key, page);
          }
        }
        next.listed = listed;
        if (this.#violationListings.get(current.checked) === current) {
          this.#violationListings.set(current.checked, next);
        }
      })
      // A failed read: the current listing keeps answering; the next request tries again.
      .catch(() => {})
      .finally(() => {
        if (this.#violationsRefresh === next)
          this.#violationsRefresh = undefined;
      });
  }

  readonly #rulesOf = (
    catalog: CatalogState,
    judged: JudgedEvidence,
  ): Promise<RuleViolationsResponse> => this.#trackRules(catalog, judged);

  /**
   * Checks the rules now, outside the per-generation cache (the snapshot task: the window
   * moves on even when no event arrives), and advances their lifecycle.
   */
  async checkRulesNow(): Promise<RuleViolationsResponse> {
    const catalog = await this.getCatalog();
    return await this.#trackRules(catalog, {
      evidence: await this.#evidenceContext(catalog),
      now: this.#now(),
    });
  }

  /** The rules that read only the catalog: checked once per catalog generation, not per CI event. */
  #catalogRulesOf(catalog: CatalogState): Promise<CatalogRuleViolations> {
    return this.#withCatalog(
      'catalog-rules',
      () =>
        runInSlices(
          catalogRuleCheckSteps(catalog.graph),
          this.#slicing(catalog),
        ),
      undefined,
      catalog,
    );
  }

  /**
   * Checks the rules on the evidence as judged at `now` and advances the violations' lifecycle
   * (at the time of the update: a later check never moves it back).
   */
  async #trackRules(
    catalog: CatalogState,
    { evidence, now }: JudgedEvidence,
  ): Promise<RuleViolationsResponse> {
    // A preparation's check is background work, its store update included (see #slicing).
    const slicing = this.#slicing(catalog);
    const found = await runInSlices(
      ruleCheckSteps(
        evidence,
        { policy: this.#policy, now },
        await this.#catalogRulesOf(catalog),
      ),
      slicing,
    );
    const checked = {
      ...found,
      violations: await this.#store.updateViolations(
        found.violations,
        this.#now(),
        slicing,
      ),
    };
    this.#checkedAt.set(checked, Date.now());
    return checked;
  }

  /**
   * One answer of the violations, filtered and sorted in slices (tens of thousands of them at
   * 10,000 services; in the background for a generation being prepared).
   */
  async #filterRules(
    all: RuleViolationsResponse,
    options: { entityRef?: string; status?: 'open' | 'resolved' | 'all' },
    /** The catalog generation checked (default: the one served). */
    at?: CatalogState,
  ): Promise<RuleViolationsResponse> {
    const { entityRef } = options;
    const filter = {
      status: options.status ?? 'open',
      entityRef,
      // "Resolved" means resolved inside the evidence window.
      resolvedSince: new Date(
        this.#now().getTime() - this.#policy.windowMs,
      ).toISOString(),
    };
    return {
      rules: all.rules,
      violations: await runInSlices(
        filterViolationsSteps(all.violations, filter),
        at ? this.#slicing(at) : {},
      ),
      annotationProblems: entityRef
        ? all.annotationProblems.filter(p => p.entityRef === entityRef)
        : all.annotationProblems,
    };
  }

  /**
   * The context map, whole or around a domain and/or a team (throws NotFoundError when the
   * catalog has no such Domain or Group). Phases and red edges come from the cached migration
   * status and rule check of the same catalog and evidence.
   */
  async getContextMap(
    options: ContextMapQuery = {},
  ): Promise<ContextMapResponse> {
    const checked = await this.#requireFocus(options);
    const { domain, team, neighbours } = options;
    const focused = domain !== undefined || team !== undefined;
    const details = options.details ?? true;
    if (!focused && details) {
      return await this.#wholeContextMap(checked, 'answer');
    }
    return await this.#answer(
      `context-map:${domain ?? ''}:${team ?? ''}:${
        neighbours ?? ''
      }:${details}`,
      async catalog => {
        const whole = await this.#wholeContextMap(catalog);
        const map = focused
          ? focusContextMap(whole, catalog.graph, { domain, team, neighbours })
          : whole;
        return details ? map : outlineContextMap(map);
      },
      // Neighbourhoods are per entity (bounded); the whole map's outline is one shared result.
      focused ? this.#entityResults : this.#evidenceResults,
      checked,
    );
  }

  /**
   * The whole context map, computed once per generation; neighbourhoods and the Map tab's
   * views are cut from it.
   */
  #wholeContextMap(
    at?: CatalogState,
    mode: 'answer' | 'fresh' = 'fresh',
  ): Promise<ContextMapResponse> {
    return this.#perEvidenceGeneration(
      'context-map',
      async catalog => {
        const [{ answer: rules }, migration, ownership] = await Promise.all([
          this.#ruleAnswer({}, 'fresh', catalog),
          this.#migration(catalog),
          this.#ownershipOf(catalog),
        ]);
        // In slices, as the other long computations: a large catalog's whole map is long work.
        return await runInSlices(
          contextMapSteps(catalog.graph, {
            violations: rules.violations,
            migration,
            ownership,
          }),
          this.#slicing(catalog),
        );
      },
      undefined,
      at,
      mode,
    );
  }

  /**
   * The catalog generation served, checked to have the Domain or Group to focus on (throws
   * NotFoundError when it has not): the map is then drawn from that generation, so the answer
   * never focuses on a domain its catalog does not have.
   */
  async #requireFocus(focus: {
    domain?: string;
    team?: string;
  }): Promise<CatalogState> {
    const catalog = await this.getCatalog();
    const { graph } = catalog;
    if (focus.domain && graph.entities.get(focus.domain)?.kind !== 'domain') {
      throw new NotFoundError(`No domain ${focus.domain} in the catalog`);
    }
    if (focus.team && graph.entities.get(focus.team)?.kind !== 'group') {
      throw new NotFoundError(`No group ${focus.team} in the catalog`);
    }
    return catalog;
  }

  /**
   * What the Map tab draws for its filters (common's viewContextMap), cut from the whole map
   * cached for this catalog and evidence, never recomputed per request (throws NotFoundError
   * when the catalog has no such Domain or Group).
   */
  async getContextMapView(
    query: ContextMapViewQuery,
  ): Promise<ContextMapViewResponse> {
    const checked = await this.#requireFocus(query);
    const kinds = CONTEXT_MAP_EDGE_KINDS.filter(k => query.kinds?.includes(k));
    return await this.#answer(
      `context-map-view:${query.domain ?? ''}:${query.team ?? ''}:${kinds.join(
        ',',
      )}:${query.violationsOnly ?? false}`,
      async catalog =>
        viewContextMap(await this.#wholeContextMap(catalog), {
          ...query,
          kinds,
        }),
      this.#entityResults,
      checked,
    );
  }

  /** The map's domains, or the teams owning them, for the Map tab's pickers. */
  async getContextMapChoices(
    kind: 'domains' | 'teams',
  ): Promise<ContextMapChoice[]> {
    return await this.#answer(`context-map-choices:${kind}`, async catalog =>
      contextMapChoices(await this.#wholeContextMap(catalog), kind),
    );
  }

  async getReleases(
    options: { entityRef?: string } = {},
  ): Promise<ReleasesResponse> {
    const entityRef = options.entityRef;
    if (!entityRef) {
      return await this.#answer('releases', this.#releasesOf);
    }
    // Cut from every service's releases when they are computed for this generation already
    // (prepared with a catalog generation, or asked by the Releases tab): nothing is read.
    // Otherwise from its own CI names' rows alone: an entity card after a CI event waits
    // neither for every service's releases nor for every service's live heads.
    return await this.#answer(
      `releases:${entityRef}`,
      (catalog, evidence) => {
        const every = this.#evidenceResults.settledValue<ReleasesResponse>(
          { catalog: catalog.generation, evidence },
          'releases',
        );
        return every
          ? releasesOfEntity(every, entityRef)
          : this.#computeReleases(catalog, entityRef);
      },
      this.#entityResults,
    );
  }

  /**
   * One page of the release grid (GET /releases), cut from the releases of this generation:
   * the rows are grouped and sorted once per generation, each page is filtered and cut per
   * request. With a `redactor` of a reader who does not see everything: cut from the
   * releases redacted for that reader.
   */
  async getReleasesPage(
    query: ReleasesPageQuery & {
      entityRef?: string;
      redactor?: AnalysisRedactor;
    },
  ): Promise<ReleasesPageResponse> {
    const { entityRef, redactor, ...page } = query;
    if (entityRef || (redactor && !redactor.seesEverything)) {
      const releases = await this.getReleases({ entityRef });
      const visible = redactor ? redactor.releases(releases) : releases;
      return pageReleases(
        visible,
        derivedOf(this.#rowsOfRedacted, visible, releaseRows),
        page,
      );
    }
    // Each page asked is cut once per generation (and serialised once).
    return await this.#answer(
      `releases-page:${JSON.stringify(page)}`,
      async catalog => {
        const { releases, rows } = await this.#perEvidenceGeneration(
          'release-rows',
          this.#releaseRowsOf,
          undefined,
          catalog,
        );
        return pageReleases(releases, rows, page);
      },
      this.#entityResults,
    );
  }

  /** The releases of a generation with the grid's rows (grouped, sorted, search texts). */
  readonly #releaseRowsOf = async (catalog: CatalogState) => {
    const releases = await this.#perEvidenceGeneration(
      'releases',
      this.#releasesOf,
      undefined,
      catalog,
    );
    return {
      releases,
      rows: await runInSlices(
        releaseRowsSteps(releases),
        this.#slicing(catalog),
      ),
    };
  };

  readonly #releasesOf = (catalog: CatalogState) =>
    this.#computeReleases(catalog);

  /**
   * Current and previous per service identity (aliases merged), as the history says: of every
   * service, or of one entity (the live heads of the CI names that lead to it: the same
   * current versions as every service's, filtered).
   */
  async #computeReleases(
    catalog: CatalogState,
    entityRef?: string,
  ): Promise<ReleasesResponse> {
    const { services } = catalog;
    const heads = entityRef
      ? await this.#store.listLiveHeads({
          serviceKeys: services.ciNamesOf(entityRef),
        })
      : await this.#readPerEvidence('live-heads', () =>
          this.#store.listLiveHeads(),
        );
    const current = await runInSlices(
      currentVersionSteps(heads, services),
      this.#slicing(catalog),
    );
    // The environment columns are those of every service, also in one entity's answer.
    const environments = entityRef
      ? await this.#readPerEvidence('live-environments', () =>
          this.#store.listLiveEnvironments(),
        )
      : current.map(c => c.environment);
    const stored = await this.#store.getReleaseEvidence(current);
    const evidence = new EvidenceContext(services, {
      deployments: await runInSlices(
        deploymentRecordSteps(stored.deployments, services),
        this.#slicing(catalog),
      ),
      testRuns: await runInSlices(
        testRunRecordSteps(stored.testRuns, services),
        this.#slicing(catalog),
      ),
    });
    return {
      ...splitEnvironments(this.#policy, environments),
      // In slices: every service × environment at 10,000 services, after each CI event.
      current: await runInSlices(
        currentReleaseSteps(current, evidence, {
          policy: this.#policy,
          now: this.#now(),
        }),
        this.#slicing(catalog),
      ),
    };
  }

  /**
   * One service's history (GET /releases/:service/history): what CI reported is read once per
   * catalog × evidence generation (kept per service like the other per-entity answers); the
   * deploy gate's answers are read per request, since asking the gate is no CI event.
   */
  async getReleaseHistory(service: string): Promise<ReleaseHistoryResponse> {
    const { history, serviceKeys } = await this.#perEvidenceGeneration(
      `history:${service}`,
      catalog => this.#readHistory(catalog, service),
      this.#entityResults,
    );
    const asked = await this.#verdictsOf(serviceKeys);
    if (!asked) return history;
    const { services } = await this.getCatalog();
    return {
      ...history,
      verdicts: flagDeploysAfterRefusal(
        matchedNow(asked, services),
        history.deployments,
      ),
    };
  }

  /**
   * The deploy gate's answers about these CI service names, kept between reads
   * ({@link KeptRead}): read again after {@link VERDICTS_RELIST_MS} (another replica's answers),
   * at once after {@link AnalysisService.verdictRecorded}. Undefined without the gate's store.
   */
  #verdictsOf(serviceKeys: string[]): Promise<RecordedVerdict[]> | undefined {
    const verdicts = this.#verdicts;
    if (!verdicts) return undefined;
    return remembered(
      this.#askedOf,
      serviceKeys.join('\u0000'),
      MAX_CACHED_ENTITY_RESULTS,
      () =>
        new KeptRead(() => verdicts.listVerdicts(serviceKeys), {
          relistMs: VERDICTS_RELIST_MS,
        }),
    ).get();
  }

  /** The deploy gate recorded an answer here: every service's history reads them again. */
  verdictRecorded(): void {
    this.#askedOf.clear();
  }

  /** What CI reported of a service (its CI names and claimed workflows), matched with the catalog. */
  async #readHistory(
    { services }: CatalogState,
    service: string,
  ): Promise<{ history: ReleaseHistoryResponse; serviceKeys: string[] }> {
    const match = services.match(service);
    const keys = new Set([serviceKeyOf(service)]);
    if (match) {
      for (const name of services.ciNamesOf(match.entityRef)) {
        keys.add(name);
      }
    }
    const serviceKeys = [...keys];
    const history = await this.#store.getHistory(
      serviceKeys,
      match ? services.workflowsOf(match.entityRef) : [],
    );
    if (
      !match &&
      history.deployments.length === 0 &&
      history.testRuns.length === 0 &&
      history.releases.length === 0
    ) {
      throw new NotFoundError(
        `No CI events for service "${service}", and no such component in the catalog`,
      );
    }
    return {
      serviceKeys,
      history: {
        service,
        ...(match ? { entityRef: match.entityRef } : {}),
        deployments: toDeploymentRecords(history.deployments, services).map(d =>
          isTrackedEnvironment(this.#policy, d.environment)
            ? d
            : { ...d, untracked: true },
        ),
        // Runs of a claimed workflow count for the Component that claims it most precisely.
        testRuns: toTestRunRecords(history.testRuns, services).filter(
          run => !run.workflow || !match || run.entityRef === match.entityRef,
        ),
        releases: history.releases.map(release =>
          match ? { ...release, entityRef: match.entityRef } : release,
        ),
      },
    };
  }

  /**
   * The deploy gate's "no" answers of the evidence window that a deployment followed anyway
   * (each with `deployedAfterRefusal`), matched with the catalog now: what the notifications
   * tell the owners. Empty without the gate's store.
   */
  async getDeploysAfterRefusal(): Promise<RecordedVerdict[]> {
    if (!this.#verdicts) return [];
    const since = new Date(
      this.#now().getTime() - this.#policy.windowMs,
    ).toISOString();
    const [{ services }, asked, evidence] = await Promise.all([
      this.getCatalog(),
      this.#verdicts.listVerdictsSince(since),
      this.#evidenceContext(),
    ]);
    return flagDeploysAfterRefusal(
      matchedNow(asked, services),
      evidence.evidence.deployments,
    ).filter(verdict => verdict.deployedAfterRefusal);
  }

  /**
   * The newest events of services no catalog entity claims (GET /events/unmatched): read once
   * per catalog × evidence generation and limit (they change only with a CI event or the catalog).
   */
  getUnmatchedEvents(limit: number): Promise<UnmatchedEventsResponse> {
    return this.#unmatchedEventsOf(limit);
  }

  #unmatchedEventsOf(
    limit: number,
    at?: CatalogState,
  ): Promise<UnmatchedEventsResponse> {
    return this.#perEvidenceGeneration(
      `unmatched-events:${limit}`,
      async catalog => {
        const unmatched = await this.#perEvidenceGeneration(
          'unmatched-services',
          async ({ services }) =>
            // The names CI sent change only with an event: a catalog change matches them again.
            (
              await this.#readPerEvidence('service-names', () =>
                this.#store.listServiceNames(),
              )
            )
              .filter(name => !services.match(name))
              .map(serviceKeyOf),
          undefined,
          catalog,
        );
        return {
          items:
            unmatched.length > 0
              ? await this.#store.listEventsOfServices(unmatched, { limit })
              : [],
        };
      },
      this.#entityResults,
      at,
    );
  }
}
