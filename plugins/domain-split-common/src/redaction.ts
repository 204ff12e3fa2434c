/*
 * No leak through the analysis: everything is computed on the whole catalog (on-call must know
 * that something is blocked), then each response is redacted for one reader. An entity the
 * catalog does not show that reader is never named: it is left out of lists and counted
 * (`hiddenEntities`), summarised with its worst impact (`hiddenAffected`, `hiddenTakesDown`),
 * replaced in explaining paths by a placeholder ref (`hidden:<count>`) and scrubbed from
 * sentences ("an entity you cannot see").
 */
import { foldCase } from './refs';
import { mapSteps, runToCompletion, type Steps } from './steps';
import { serviceCatalogIndex } from './evidence';
import type { CatalogGraph } from './graph';
import { maxImpact } from './impact';
import {
  migrationOverview,
  type MigrationOverviewQuery,
} from './migrationSummary';
import {
  BlastRadiusPageQuery,
  pageBlastRadius,
  summariseBlastRadius,
} from './impactSummary';
import type {
  AnnotationProblem,
  BlastRadiusPageResponse,
  BlastRadiusResponse,
  BlastRadiusSummaryResponse,
  CanIDeployResponse,
  ContextMapResponse,
  ContextMapViewResponse,
  CurrentRelease,
  DomainMigrationResponse,
  DomainMigrationStatus,
  FailureMatrixResponse,
  GateReason,
  HiddenImpact,
  ImpactEdge,
  ImpactLevel,
  ImpactPathResponse,
  MatrixCell,
  MigrationCriterion,
  MigrationHistoryResponse,
  MigrationOverviewResponse,
  MigrationSnapshot,
  MigrationStatusResponse,
  OwnershipComponent,
  OwnershipResponse,
  ReleasesResponse,
  RuleViolation,
  RuleViolationsResponse,
} from './types';

/**
 * The entity refs (full, lower-case) a reader may see. A `Set<string>` is one.
 * @public
 */
export interface EntityVisibility {
  has(entityRef: string): boolean;
}

/**
 * A reader who may see every entity (the permission policy allowed `catalog.entity.read`
 * outright): redaction then costs nothing, and shared results are served as they are.
 * @public
 */
export const EVERY_ENTITY_VISIBLE: EntityVisibility = Object.freeze({
  has: () => true,
});

/**
 * The prefix of placeholder refs that stand for entities the reader may not see in an
 * explaining path: `hidden:2` = two entities you cannot see, one after the other.
 * @public
 */
export const HIDDEN_REF_PREFIX = 'hidden:';

/**
 * Words for a number of hidden entities: "1 entity you cannot see", "3 entities you cannot see".
 * @public
 */
export function describeHiddenEntities(count: number): string {
  return `${count} ${count === 1 ? 'entity' : 'entities'} you cannot see`;
}

/**
 * A stable stand-in for a violation key that names a hidden entity (FNV-1a, hex): the same
 * violation keeps the same key, and the key names nothing.
 */
function opaqueKey(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `hidden:${hash.toString(16).padStart(8, '0')}`;
}

/** What replaces a hidden entity's name in a sentence. */
const HIDDEN_IN_TEXT = 'an entity you cannot see';

/** Characters that continue a name: `orders` must not match inside `orders-service`. */
const NAME_CHAR = '[A-Za-z0-9_.-]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A computation as steps without a pause (for redactions short enough to run in one piece). */
// eslint-disable-next-line require-yield
function* oneStep<T>(compute: () => T): Steps<T> {
  return compute();
}

/** Distinct hidden refs met while redacting one response. */
class HiddenTally {
  readonly refs = new Set<string>();
  add(ref: string): void {
    this.refs.add(ref);
  }
  get count(): number {
    return this.refs.size;
  }
}

function withHidden<T extends object>(
  value: T,
  count: number,
): T & { hiddenEntities?: number } {
  return count > 0 ? { ...value, hiddenEntities: count } : value;
}

/**
 * Redacts analysis responses for one reader. Build one per (graph, reader visibility); it is
 * cheap when the reader sees everything (every method then returns its input unchanged).
 * Whole results (matrix, blast radius, ownership, releases, context map, rules, migration) are
 * redacted once per redactor and result: keep the redactor for the reader to reuse them.
 * @public
 */
export class AnalysisRedactor {
  readonly #graph: CatalogGraph;
  readonly #hidden: Set<string>;
  readonly #redacted = new WeakMap<object, object>();
  #textPattern?: RegExp | null;

  constructor(graph: CatalogGraph, visible: EntityVisibility) {
    this.#graph = graph;
    this.#hidden =
      visible === EVERY_ENTITY_VISIBLE
        ? new Set()
        : new Set([...graph.entities.keys()].filter(ref => !visible.has(ref)));
  }

  /**
   * Redacts a shared result once for this reader (a reader who sees everything gets it as it
   * is): the same result (one generation's, kept by
   * the backend) gives the same redacted object, so a reader's next page is cut, not redacted
   * again. A new result (a new generation) is redacted anew; both die with this redactor.
   */
  #once<T extends object>(response: T, redact: () => T): T {
    return runToCompletion(this.#onceSteps(response, () => oneStep(redact)));
  }

  /** {@link AnalysisRedactor.#once} of a redaction in steps. */
  *#onceSteps<T extends object>(
    response: T,
    redactSteps: () => Steps<T>,
  ): Steps<T> {
    if (this.seesEverything) return response;
    const kept = this.#redacted.get(response) as T | undefined;
    if (kept) return kept;
    const redacted = yield* redactSteps();
    this.#redacted.set(response, redacted);
    return redacted;
  }

  /** The reader sees every entity of the graph: nothing to redact. */
  get seesEverything(): boolean {
    return this.#hidden.size === 0;
  }

  /**
   * Whether the reader may not see `ref`. Only entities of the catalog can be hidden; the
   * `users` column and refs that name nothing in the catalog are not entities anyone hides.
   */
  isHidden(ref: string): boolean {
    return this.#hidden.has(ref);
  }

  /** Replaces the refs, names and titles of hidden entities in a sentence. */
  scrubText(text: string): string {
    const pattern = this.#pattern();
    return pattern ? text.replace(pattern, HIDDEN_IN_TEXT) : text;
  }

  #pattern(): RegExp | null {
    if (this.#textPattern !== undefined) return this.#textPattern;
    // Plain names and titles are scrubbed only when no visible entity shares them: the
    // word "payments" must survive when the payments domain is visible, and it names
    // nothing hidden then.
    const visibleWords = new Set<string>();
    for (const entity of this.#graph.entities.values()) {
      if (!this.#hidden.has(entity.ref)) {
        visibleWords.add(foldCase(entity.name));
        visibleWords.add(foldCase(entity.title));
      }
    }
    const tokens = new Set<string>();
    for (const ref of this.#hidden) {
      const entity = this.#graph.entities.get(ref)!;
      tokens.add(ref);
      tokens.add(`${entity.kind}:${entity.name}`);
      for (const word of [entity.name, entity.title]) {
        if (word.length >= 2 && !visibleWords.has(foldCase(word))) {
          tokens.add(word);
        }
      }
    }
    if (tokens.size === 0) {
      this.#textPattern = null;
      return null;
    }
    const alternatives = [...tokens]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    this.#textPattern = new RegExp(
      `(?<!${NAME_CHAR})(?:${alternatives})(?!${NAME_CHAR}*[A-Za-z0-9_])`,
      'gi',
    );
    return this.#textPattern;
  }

  #refs(refs: string[], tally: HiddenTally): string[] {
    return refs.filter(ref => {
      if (!this.#hidden.has(ref)) return true;
      tally.add(ref);
      return false;
    });
  }

  #ref(ref: string | undefined, tally: HiddenTally): string | undefined {
    if (ref === undefined || !this.#hidden.has(ref)) return ref;
    tally.add(ref);
    return undefined;
  }

  #problems(
    problems: AnnotationProblem[],
    tally: HiddenTally,
  ): AnnotationProblem[] {
    return problems
      .filter(problem => this.#ref(problem.entityRef, tally) !== undefined)
      .map(problem => ({
        ...problem,
        message: this.scrubText(problem.message),
        ...(problem.value !== undefined
          ? { value: this.scrubText(problem.value) }
          : {}),
      }));
  }

  /**
   * An explaining path with its hidden entities replaced: each run of hidden entities becomes
   * one placeholder `hidden:<n>` (n = how many), and the edges inside the run are left out.
   */
  redactPath(path: ImpactEdge[], tally = new HiddenTally()): ImpactEdge[] {
    if (this.seesEverything) return path;
    // Runs of adjacent hidden entities (the path is a chain, so adjacency is enough).
    const runOf = new Map<string, Set<string>>();
    for (const edge of path) {
      const ends = [edge.consumer, edge.provider].filter(ref =>
        this.#hidden.has(ref),
      );
      for (const ref of ends) tally.add(ref);
      if (ends.length === 2) {
        const run = runOf.get(ends[0]) ?? runOf.get(ends[1]) ?? new Set();
        for (const ref of ends) {
          run.add(ref);
          runOf.set(ref, run);
        }
      } else if (ends.length === 1 && !runOf.has(ends[0])) {
        runOf.set(ends[0], new Set(ends));
      }
    }
    const placeholder = (ref: string) => {
      const run = runOf.get(ref);
      return run ? `${HIDDEN_REF_PREFIX}${run.size}` : ref;
    };
    const redacted: ImpactEdge[] = [];
    for (const edge of path) {
      const consumerHidden = this.#hidden.has(edge.consumer);
      const providerHidden = this.#hidden.has(edge.provider);
      if (consumerHidden && providerHidden) continue;
      let via = edge.via;
      if (this.#hidden.has(via)) {
        tally.add(via);
        via = `${HIDDEN_REF_PREFIX}1`;
      }
      redacted.push({
        ...edge,
        consumer: placeholder(edge.consumer),
        provider: placeholder(edge.provider),
        via,
      });
    }
    return redacted;
  }

  #cell(cell: MatrixCell, tally: HiddenTally): MatrixCell {
    return { ...cell, path: this.redactPath(cell.path, tally) };
  }

  /**
   * Cells whose `side` (affected or failing) is hidden leave, summarised; the others keep
   * their (redacted) paths.
   */
  #cells(
    cells: MatrixCell[],
    side: 'affected' | 'failing',
    tally: HiddenTally,
  ): { cells: MatrixCell[]; hidden?: HiddenImpact } {
    const kept: MatrixCell[] = [];
    let count = 0;
    let impact: ImpactLevel = 'none';
    for (const cell of cells) {
      if (this.#hidden.has(cell[side])) {
        tally.add(cell[side]);
        count += 1;
        impact = maxImpact(impact, cell.impact);
      } else {
        kept.push(this.#cell(cell, tally));
      }
    }
    return count > 0
      ? { cells: kept, hidden: { count, impact } }
      : { cells: kept };
  }

  /** The users cell: a hidden user-facing entry point is replaced, its impact kept. */
  #usersCell(cell: MatrixCell, tally: HiddenTally): MatrixCell {
    const redacted = this.#cell(cell, tally);
    if (this.#hidden.has(cell.affected)) {
      tally.add(cell.affected);
      return { ...redacted, affected: `${HIDDEN_REF_PREFIX}1` };
    }
    return redacted;
  }

  #titles(
    titles: Record<string, string>,
    tally: HiddenTally,
    paths: ImpactEdge[][],
  ): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [ref, title] of Object.entries(titles)) {
      if (this.#hidden.has(ref)) tally.add(ref);
      else result[ref] = title;
    }
    for (const path of paths) {
      for (const edge of path) {
        for (const ref of [edge.consumer, edge.provider, edge.via]) {
          if (ref.startsWith(HIDDEN_REF_PREFIX)) {
            result[ref] = describeHiddenEntities(
              Number(ref.slice(HIDDEN_REF_PREFIX.length)),
            );
          }
        }
      }
    }
    return result;
  }

  /** GET /failure-matrix for this reader. */
  failureMatrix(response: FailureMatrixResponse): FailureMatrixResponse {
    return this.#once(response, () => {
      const tally = new HiddenTally();
      const columns = this.#refs(response.columns, tally);
      const rows = response.rows
        .filter(row => this.#ref(row.failing, tally) !== undefined)
        .map(row => {
          const { cells, hidden } = this.#cells(row.cells, 'affected', tally);
          const { hiddenAffected: _previous, ...rest } = row;
          return {
            ...rest,
            cells,
            users: this.#usersCell(row.users, tally),
            ...(hidden ? { hiddenAffected: hidden } : {}),
          };
        });
      const paths = rows.flatMap(row => [
        ...row.cells.map(c => c.path),
        row.users.path,
      ]);
      const titles = this.#titles(response.titles, tally, paths);
      for (const row of rows) {
        if (row.users.affected.startsWith(HIDDEN_REF_PREFIX)) {
          titles[row.users.affected] = describeHiddenEntities(1);
        }
      }
      const annotationProblems = this.#problems(
        response.annotationProblems,
        tally,
      );
      return withHidden(
        { ...response, columns, rows, titles, annotationProblems },
        tally.count,
      );
    });
  }

  /** GET /impact/:kind/:namespace/:name for this reader (the entity itself is visible). */
  blastRadius(response: BlastRadiusResponse): BlastRadiusResponse {
    return this.#once(response, () => {
      const tally = new HiddenTally();
      const down = this.#cells(response.takesDown, 'affected', tally);
      const by = this.#cells(response.takenDownBy, 'failing', tally);
      return withHidden(
        {
          ...response,
          takesDown: down.cells,
          takenDownBy: by.cells,
          users: this.#usersCell(response.users, tally),
          ...(down.hidden ? { hiddenTakesDown: down.hidden } : {}),
          ...(by.hidden ? { hiddenTakenDownBy: by.hidden } : {}),
        },
        tally.count,
      );
    });
  }

  /**
   * GET /impact/:kind/:namespace/:name/summary for this reader, from the blast radius on the
   * whole catalog: the sides as {@link AnalysisRedactor.blastRadius} leaves them (hidden entries
   * counted in `hidden`), the affected domains from the whole radius (a domain reached only
   * through a hidden entity is still affected), hidden domains counted, never named.
   */
  blastRadiusSummary(
    radius: BlastRadiusResponse,
    limit: number,
  ): BlastRadiusSummaryResponse {
    const summary = summariseBlastRadius(
      this.#graph,
      this.blastRadius(radius),
      {
        limit,
        whole: radius,
        isHidden: ref => this.#hidden.has(ref),
      },
    );
    if (summary.users.affected.startsWith(HIDDEN_REF_PREFIX)) {
      summary.titles[summary.users.affected] = describeHiddenEntities(1);
    }
    return summary;
  }

  /** GET /impact/:kind/:namespace/:name/entries for this reader: a page of what it sees. */
  blastRadiusPage(
    radius: BlastRadiusResponse,
    query: BlastRadiusPageQuery,
  ): BlastRadiusPageResponse {
    return pageBlastRadius(this.#graph, this.blastRadius(radius), query);
  }

  /** GET /impact-path for this reader (both ends are visible). */
  impactPath(response: ImpactPathResponse): ImpactPathResponse {
    if (this.seesEverything) return response;
    const tally = new HiddenTally();
    const path = this.redactPath(response.path, tally);
    const affected = this.#hidden.has(response.affected)
      ? `${HIDDEN_REF_PREFIX}1`
      : response.affected;
    const titles = this.#titles(response.titles, tally, [path]);
    return { ...response, affected, path, titles };
  }

  #component(
    component: OwnershipComponent,
    tally: HiddenTally,
  ): OwnershipComponent {
    const own = new HiddenTally();
    const ownerRef = this.#ref(component.ownerRef, own);
    const systemRef = this.#ref(component.systemRef, own);
    const apis = this.#refs(component.apis, own);
    const resources = this.#refs(component.resources, own);
    for (const ref of own.refs) tally.add(ref);
    const { ownerRef: _o, systemRef: _s, ...rest } = component;
    return withHidden(
      {
        ...rest,
        ...(ownerRef ? { ownerRef } : {}),
        ...(systemRef ? { systemRef } : {}),
        apis,
        resources,
      },
      own.count,
    );
  }

  /** GET /ownership for this reader. */
  ownership(response: OwnershipResponse): OwnershipResponse {
    return this.#once(response, () => {
      const tally = new HiddenTally();
      const teams = response.teams
        .filter(team => this.#ref(team.entityRef, tally) !== undefined)
        .map(team => {
          const own = new HiddenTally();
          const members = team.members.filter(
            member => this.#ref(member.entityRef, own) !== undefined,
          );
          const domains = this.#refs(team.domains, own);
          const components = this.#refs(team.components, own);
          // The group tree and what it rolls up name groups, domains and components too.
          const parentRef = this.#ref(team.parentRef, own);
          const childRefs = this.#refs(team.childRefs, own);
          const rolledUpDomains = this.#refs(team.rolledUpDomains, own);
          const rolledUpComponents = this.#refs(team.rolledUpComponents, own);
          for (const ref of own.refs) tally.add(ref);
          const { parentRef: _parent, ...rest } = team;
          return withHidden(
            {
              ...rest,
              ...(parentRef ? { parentRef } : {}),
              members,
              domains,
              components,
              childRefs,
              rolledUpDomains,
              rolledUpComponents,
            },
            own.count,
          );
        });
      const domains = response.domains
        .filter(domain => this.#ref(domain.entityRef, tally) !== undefined)
        .map(domain => {
          const own = new HiddenTally();
          const ownerRefs = this.#refs(domain.ownerRefs, own);
          const systems = this.#refs(domain.systems, own);
          const apis = this.#refs(domain.apis, own);
          const components = domain.components
            .filter(c => this.#ref(c.entityRef, own) !== undefined)
            .map(c => this.#component(c, tally));
          for (const ref of own.refs) tally.add(ref);
          return withHidden(
            { ...domain, ownerRefs, systems, apis, components },
            own.count,
          );
        });
      const unassigned = response.unassigned
        .filter(c => this.#ref(c.entityRef, tally) !== undefined)
        .map(c => this.#component(c, tally));
      const problems = response.problems
        .map(problem => {
          const own = new HiddenTally();
          const entityRefs = this.#refs(problem.entityRefs, own);
          for (const ref of own.refs) tally.add(ref);
          return withHidden(
            {
              ...problem,
              entityRefs,
              message: this.scrubText(problem.message),
            },
            own.count,
          );
        })
        .filter(problem => problem.entityRefs.length > 0);
      const annotationProblems = this.#problems(
        response.annotationProblems,
        tally,
      );
      return withHidden(
        { teams, domains, unassigned, problems, annotationProblems },
        tally.count,
      );
    });
  }

  /** GET /releases for this reader: releases of hidden services leave, counted. */
  releases(response: ReleasesResponse): ReleasesResponse {
    return this.#once(response, () => {
      const tally = new HiddenTally();
      const index = serviceCatalogIndex(this.#graph);
      const current: CurrentRelease[] = [];
      for (const release of response.current) {
        if (release.entityRef && this.#hidden.has(release.entityRef)) {
          tally.add(release.entityRef);
          continue;
        }
        const own = new HiddenTally();
        const lockstepWith = release.lockstepWith.filter(service => {
          // Lockstep partners are entity refs, or CI names when the catalog does not know them.
          const ref = this.#graph.entities.has(service)
            ? service
            : index.match(service)?.entityRef;
          return ref === undefined || this.#ref(ref, own) !== undefined;
        });
        const domainRef = this.#ref(release.domainRef, own);
        for (const ref of own.refs) tally.add(ref);
        const { domainRef: _d, hiddenEntities: _h, ...rest } = release;
        current.push(
          withHidden(
            { ...rest, ...(domainRef ? { domainRef } : {}), lockstepWith },
            own.count,
          ),
        );
      }
      return withHidden({ ...response, current }, tally.count);
    });
  }

  /**
   * The deploy gate's reasons for this reader: every reason stays (a hidden counterpart still
   * fails the gate), hidden entities leave its `entityRefs` and its detail.
   */
  gateReasons(reasons: GateReason[]): GateReason[] {
    if (this.seesEverything) return reasons;
    const tally = new HiddenTally();
    return reasons.map(reason => ({
      ...reason,
      entityRefs: this.#refs(reason.entityRefs, tally),
      detail: this.scrubText(reason.detail),
    }));
  }

  /**
   * GET /can-i-deploy for this reader: the verdict, computed on the whole catalog, stands;
   * hidden entities leave the reasons, the titles and the affected domains (still counted in
   * `impact.domainCount`).
   */
  canIDeploy(response: CanIDeployResponse): CanIDeployResponse {
    if (this.seesEverything) return response;
    const tally = new HiddenTally();
    const titles: Record<string, string> = {};
    for (const [ref, title] of Object.entries(response.titles)) {
      if (this.#ref(ref, tally) !== undefined) titles[ref] = title;
    }
    const domainRef = this.#ref(response.domainRef, tally);
    const { domainRef: _d, ...rest } = response;
    return {
      ...rest,
      ...(domainRef ? { domainRef } : {}),
      reasons: this.gateReasons(response.reasons),
      impact: {
        ...response.impact,
        domains: response.impact.domains.filter(
          d => this.#ref(d.domainRef, tally) !== undefined,
        ),
      },
      titles,
    };
  }

  /** GET /rules/violations for this reader: violations stay (counted), hidden names leave. */
  /**
   * GET /context-map for this reader: hidden domains and the edges to them go, hidden teams,
   * components, contracts and dependencies are left out (edge counts stay: counted, never
   * named), violations are scrubbed in place so the edges' indexes still point at them.
   */
  contextMap(response: ContextMapResponse): ContextMapResponse {
    return this.#once(response, () => {
      const tally = new HiddenTally();
      const nodes = response.nodes
        .filter(node => this.#ref(node.domainRef, tally) !== undefined)
        .map(node => {
          const ownerRef = this.#ref(node.ownerRef, tally);
          const { ownerRef: _owner, ...rest } = node;
          return {
            ...rest,
            ...(ownerRef ? { ownerRef } : {}),
            components: this.#refs(node.components, tally),
            apis: this.#refs(node.apis, tally),
          };
        });
      const edges = response.edges
        .filter(
          edge =>
            this.#ref(edge.from, tally) !== undefined &&
            this.#ref(edge.to, tally) !== undefined,
        )
        .map(edge => {
          const links = edge.links.filter(link => {
            const hidden = [link.consumer, link.provider, link.via].filter(
              ref => this.#hidden.has(ref),
            );
            hidden.forEach(ref => tally.add(ref));
            return hidden.length === 0;
          });
          return {
            ...edge,
            links,
            moreLinks: edge.moreLinks + edge.links.length - links.length,
          };
        });
      const violations = response.violations.map(violation =>
        this.#violation(violation, tally),
      );
      const teams = response.teams
        .filter(team => this.#ref(team.entityRef, tally) !== undefined)
        .map(team => ({ ...team, domains: this.#refs(team.domains, tally) }));
      const titles: Record<string, string> = {};
      for (const [ref, title] of Object.entries(response.titles)) {
        if (this.#hidden.has(ref)) tally.add(ref);
        else titles[ref] = title;
      }
      const focus = response.focus
        ? {
            ...response.focus,
            domains: this.#refs(response.focus.domains, tally),
          }
        : undefined;
      return withHidden(
        {
          nodes,
          edges,
          teams,
          ...(focus ? { focus } : {}),
          titles,
          violations,
        },
        tally.count,
      );
    });
  }

  /**
   * GET /context-map/view for this reader: the drawn part as {@link AnalysisRedactor.contextMap}
   * leaves it; the selected domain's owner's hidden domains leave its list. The whole map's
   * counts in `view` stay (counted, never named).
   */
  contextMapView(response: ContextMapViewResponse): ContextMapViewResponse {
    return this.#once(response, () => {
      const { view, selected, ...drawn } = response;
      const map = this.contextMap(drawn);
      const tally = new HiddenTally();
      const shownTeams = new Set(map.teams.map(t => t.entityRef));
      const teamOrder = Object.fromEntries(
        Object.entries(view.teamOrder).filter(([ref]) => shownTeams.has(ref)),
      );
      const around =
        view.around !== undefined ? this.#ref(view.around, tally) : undefined;
      const { around: _around, ...viewRest } = view;
      return withHidden(
        {
          nodes: map.nodes,
          edges: map.edges,
          teams: map.teams,
          titles: map.titles,
          violations: map.violations,
          view: {
            ...viewRest,
            ...(around !== undefined ? { around } : {}),
            teamOrder,
          },
          ...(selected
            ? {
                selected: {
                  ...selected,
                  ownerDomains: this.#refs(selected.ownerDomains, tally),
                },
              }
            : {}),
        },
        (map.hiddenEntities ?? 0) + tally.count,
      );
    });
  }

  /** One violation without the entities the reader may not see (also in its key and message). */
  #violation(violation: RuleViolation, tally: HiddenTally): RuleViolation {
    const own = new HiddenTally();
    const entityRefs = this.#refs(violation.entityRefs, own);
    const domainRefs = this.#refs(violation.domainRefs ?? [], own);
    for (const ref of own.refs) tally.add(ref);
    return withHidden(
      {
        ...violation,
        // The key is made of entity refs: opaque (still stable) when one of them is hidden.
        key: own.count > 0 ? opaqueKey(violation.key) : violation.key,
        entityRefs,
        domainRefs,
        message: this.scrubText(violation.message),
      },
      own.count,
    );
  }

  ruleViolations(response: RuleViolationsResponse): RuleViolationsResponse {
    return runToCompletion(this.ruleViolationsSteps(response));
  }

  /**
   * {@link AnalysisRedactor.ruleViolations} in steps, a pause every 500 violations: at 10,000
   * services the 27,000 violations took ~¼ s to redact in one piece (benchmarks/README.md).
   */
  ruleViolationsSteps(
    response: RuleViolationsResponse,
  ): Steps<RuleViolationsResponse> {
    return this.#onceSteps(response, () => this.#redactViolations(response));
  }

  *#redactViolations(
    response: RuleViolationsResponse,
  ): Steps<RuleViolationsResponse> {
    const tally = new HiddenTally();
    const violations = yield* mapSteps(response.violations, violation =>
      this.#violation(violation, tally),
    );
    const annotationProblems = this.#problems(
      response.annotationProblems,
      tally,
    );
    return withHidden(
      { ...response, violations, annotationProblems },
      tally.count,
    );
  }

  #criterion(
    criterion: MigrationCriterion,
    tally: HiddenTally,
  ): MigrationCriterion {
    return {
      ...criterion,
      evidence: criterion.evidence.map(text => this.scrubText(text)),
      blockers: criterion.blockers.map(blocker => {
        const own = new HiddenTally();
        const entityRefs = this.#refs(blocker.entityRefs, own);
        for (const ref of own.refs) tally.add(ref);
        return withHidden(
          { ...blocker, entityRefs, message: this.scrubText(blocker.message) },
          own.count,
        );
      }),
    };
  }

  #domainStatus(
    status: DomainMigrationStatus,
    tally: HiddenTally,
  ): DomainMigrationStatus {
    const own = new HiddenTally();
    const redacted: DomainMigrationStatus = {
      ...status,
      steps: status.steps.map(step => ({
        ...step,
        criteria: step.criteria.map(c => this.#criterion(c, own)),
      })),
      phaseCriteria: status.phaseCriteria.map(phase => ({
        ...phase,
        criteria: phase.criteria.map(c => this.#criterion(c, own)),
      })),
      nextBlockers: status.nextBlockers.map(text => this.scrubText(text)),
    };
    for (const ref of own.refs) tally.add(ref);
    return withHidden(redacted, own.count);
  }

  /** GET /migration for this reader: hidden domains leave, counted. */
  migration(response: MigrationStatusResponse): MigrationStatusResponse {
    return this.#once(response, () => {
      const tally = new HiddenTally();
      const domains = response.domains
        .filter(domain => this.#ref(domain.domainRef, tally) !== undefined)
        .map(domain => this.#domainStatus(domain, tally));
      const annotationProblems = this.#problems(
        response.annotationProblems,
        tally,
      );
      return withHidden(
        { ...response, domains, annotationProblems },
        tally.count,
      );
    });
  }

  /**
   * GET /migration for this reader: hidden domains leave (counted) before the page and the
   * aggregates are cut; only the listed domains are scrubbed (their hidden entities counted).
   */
  migrationOverview(
    status: MigrationStatusResponse,
    query: MigrationOverviewQuery,
  ): MigrationOverviewResponse {
    if (this.seesEverything) return migrationOverview(status, query);
    const tally = new HiddenTally();
    const domains = status.domains.filter(
      domain => this.#ref(domain.domainRef, tally) !== undefined,
    );
    const annotationProblems = this.#problems(status.annotationProblems, tally);
    const overview = migrationOverview(
      { ...status, domains, annotationProblems },
      query,
      domain => this.#domainStatus(domain, tally),
    );
    return withHidden(overview, tally.count);
  }

  /** GET /migration/domain/:namespace/:name for this reader (the domain is visible). */
  domainMigration(response: DomainMigrationResponse): DomainMigrationResponse {
    if (this.seesEverything) return response;
    const tally = new HiddenTally();
    const domain = this.#domainStatus(response.domain, tally);
    const annotationProblems = this.#problems(
      response.annotationProblems,
      tally,
    );
    return withHidden({ ...response, domain, annotationProblems }, tally.count);
  }

  /** GET /migration/history for this reader: hidden domains leave each snapshot, counted. */
  migrationHistory(
    response: MigrationHistoryResponse,
  ): MigrationHistoryResponse {
    if (this.seesEverything) return response;
    return {
      ...response,
      snapshots: response.snapshots.map(snapshot => {
        const tally = new HiddenTally();
        const domains = snapshot.domains.filter(
          domain => this.#ref(domain.domainRef, tally) !== undefined,
        );
        const redacted: MigrationSnapshot = { ...snapshot, domains };
        if (snapshot.openViolations) {
          // Counts per rule stay (counted, never named); hidden domains leave the per-domain debt.
          const byDomain: Record<string, number> = {};
          for (const [domainRef, count] of Object.entries(
            snapshot.openViolations.byDomain,
          )) {
            if (this.#ref(domainRef, tally) !== undefined) {
              byDomain[domainRef] = count;
            }
          }
          redacted.openViolations = { ...snapshot.openViolations, byDomain };
        }
        return withHidden(redacted, tally.count);
      }),
    };
  }
}
