import {
  CatalogGraph,
  GraphEntity,
  byString,
  entitiesOfKind,
  membersOfDomain,
  normaliseRef,
  titleOf,
} from './graph';
import { compareCells } from './impact';
import {
  Reach,
  failingSeeds,
  isWorseReach,
  isWorseReachOf,
  propagateSteps,
  reachFirst,
} from './propagation';
import {
  BlastRadiusResponse,
  FailureMatrixResponse,
  ImpactLevel,
  MatrixCell,
  MatrixRow,
} from './types';
import { sameFailureStructure } from './failureStructure';
import {
  isSelectedRow,
  reachedColumns,
  type FailureMatrixRowQuery,
} from './matrixPage';
import { runToCompletion, Steps, workBudget } from './steps';

/** `affected` of the users cell when no user-facing entry point is reached. */
const NO_USERS = 'users';

/**
 * Whether and when the cells of a result carry their explaining paths.
 * @public
 */
export interface ImpactPathOptions {
  /** `false`: every cell's `path` is `[]` and the response says `pathsOmitted`. Default `true`. */
  paths?: boolean;
  /**
   * With paths: write them only when the result has at most this many cells (the users cells
   * included); a larger result is served as with `paths: false`.
   */
  maxPathCells?: number;
}

/**
 * Makes the cells of one result and decides whether they carry their paths. A propagation
 * result writes a path out only when read, so an omitted path costs nothing; with
 * `maxPathCells`, paths are read at the end, once the size is known (and never retained past
 * the limit).
 */
class CellWriter {
  private pending: [MatrixCell, Reach][] | undefined = [];
  private count = 0;

  constructor(private readonly options: ImpactPathOptions = {}) {}

  cell(
    failing: string,
    affected: string,
    impact: ImpactLevel,
    reach?: Reach,
  ): MatrixCell {
    const { paths = true, maxPathCells } = this.options;
    const cell: MatrixCell = { failing, affected, impact, path: [] };
    if (!paths) return cell;
    if (maxPathCells === undefined) {
      if (reach) cell.path = reach.path;
      return cell;
    }
    this.count++;
    if (this.pending && this.count > maxPathCells) this.pending = undefined;
    if (this.pending && reach) this.pending.push([cell, reach]);
    return cell;
  }

  /** Writes the pending paths; whether the paths were left out. */
  finish(): boolean {
    const { paths = true, maxPathCells } = this.options;
    if (!paths) return true;
    if (maxPathCells === undefined) return false;
    if (!this.pending) return true;
    for (const [cell, reach] of this.pending) cell.path = reach.path;
    this.pending = undefined;
    return false;
  }
}

/**
 * The cell of the worst reached among `refs` (its `affected` is `affected` when given, else that
 * ref); undefined when none of them is reached.
 */
type WorstReached = (
  refs: string[],
  affected?: string,
) => MatrixCell | undefined;

/** {@link WorstReached} over a whole propagation result (rows of the matrix, blast radii). */
function worstOfReached(
  writer: CellWriter,
  failing: string,
  reached: Map<string, Reach>,
): WorstReached {
  return (refs, affected) => {
    // Compare the reaches themselves (not copies): a propagation result writes its path out
    // only when asked, and only the worst one's is.
    let worst: Reach | undefined;
    let worstRef = '';
    for (const ref of refs) {
      const reach = reached.get(ref);
      if (reach && (!worst || isWorseReachOf(reach, ref, worst, worstRef))) {
        worst = reach;
        worstRef = ref;
      }
    }
    return worst
      ? writer.cell(failing, affected ?? worstRef, worst.impact, worst)
      : undefined;
  };
}

/**
 * {@link WorstReached} of one failure's downstream walk, stopped at the first of `refs` it
 * settles (the worst one: see `reachFirst`), for one cell alone. The failing set itself is
 * never reached, as in {@link downstream}.
 */
function worstOfWalk(
  writer: CellWriter,
  graph: CatalogGraph,
  failure: Failure,
): WorstReached {
  return (refs, affected) => {
    const found = reachFirst(
      graph,
      failure.seeds,
      'consumers',
      refs.filter(ref => !failure.failingSet.has(ref)),
    );
    return (
      found &&
      writer.cell(
        failure.ref,
        affected ?? found.ref,
        found.reach.impact,
        found.reach,
      )
    );
  };
}

/** The Components of a Domain, in ref order (the domain cell is the worst of them). */
function componentsOfDomain(graph: CatalogGraph, domainRef: string): string[] {
  return graph.index.componentRefsByDomain.get(domainRef) ?? [];
}

/** The impact on a Domain: the worst on any of its Components, with that one's path. */
function domainCell(
  graph: CatalogGraph,
  domainRef: string,
  worst: WorstReached,
): MatrixCell | undefined {
  return worst(componentsOfDomain(graph, domainRef), domainRef);
}

/**
 * Impact on user-facing entry points. A failing entry point is itself a user outage (blocked).
 * `affected` is the entry point that explains the impact, or `users` when none is reached.
 */
function usersCell(
  writer: CellWriter,
  graph: CatalogGraph,
  failing: string,
  failingSet: Set<string>,
  worst: WorstReached,
): MatrixCell {
  const entryPoints = entitiesOfKind(graph, 'component').filter(
    c => c.userFacing,
  );
  const failingEntry = entryPoints.find(c => failingSet.has(c.ref));
  if (failingEntry) {
    return writer.cell(failing, failingEntry.ref, 'blocked');
  }
  return (
    worst(entryPoints.map(c => c.ref)) ?? writer.cell(failing, NO_USERS, 'none')
  );
}

/**
 * What fails when one entity fails. Component/Resource: itself. API: not a node of the graph —
 * losing it cuts the edges that run through it (its consumers are the seeds, with the impact
 * of their consumption; its providers are what it goes down with). Domain, System: all their
 * Components and Resources. Group (or User): all the Components and Resources it owns.
 */
interface Failure {
  ref: string;
  entity: GraphEntity;
  /** The entities that fail themselves (left out of what they take down). */
  failingSet: Set<string>;
  seeds: Map<string, Reach>;
  /** Whose failure it suffers from directly: the targets of "what takes it down". */
  targets: Set<string>;
}

function failureOf(
  graph: CatalogGraph,
  entityRef: string,
): Failure | undefined {
  const ref = normaliseRef(entityRef);
  const entity = ref ? graph.entities.get(ref) : undefined;
  if (!ref || !entity) return undefined;
  if (entity.kind === 'api') {
    const seeds = new Map<string, Reach>();
    for (const edge of graph.edges.filter(e => e.via === ref)) {
      const reach: Reach = { impact: edge.impact, path: [edge] };
      const known = seeds.get(edge.consumer);
      if (
        !known ||
        isWorseReach(
          { ...reach, ref: edge.consumer },
          { ...known, ref: edge.consumer },
        )
      ) {
        seeds.set(edge.consumer, reach);
      }
    }
    return {
      ref,
      entity,
      failingSet: new Set(),
      seeds,
      targets: new Set(graph.apiProviders.get(ref) ?? []),
    };
  }
  let members: string[];
  switch (entity.kind) {
    case 'component':
    case 'resource':
      members = [ref];
      break;
    case 'domain':
      members = membersOfDomain(graph, ref).map(m => m.ref);
      break;
    default:
      members = [...graph.entities.values()]
        .filter(candidate => {
          if (candidate.kind !== 'component' && candidate.kind !== 'resource')
            return false;
          switch (entity.kind) {
            case 'system':
              return candidate.systemRef === ref;
            case 'group':
            case 'user':
              return candidate.ownerRef === ref;
            default:
              return false;
          }
        })
        .map(m => m.ref);
  }
  const failingSet = new Set(members);
  return {
    ref,
    entity,
    failingSet,
    seeds: failingSeeds(failingSet),
    targets: failingSet,
  };
}

/** What fails together with a failure, and how badly (the failing set itself left out). */
function downstream(graph: CatalogGraph, failure: Failure) {
  return runToCompletion(downstreamSteps(graph, failure));
}

/** {@link downstream}, pausing as {@link propagateSteps} does. */
function* downstreamSteps(graph: CatalogGraph, failure: Failure) {
  const reached = yield* propagateSteps(graph, failure.seeds, 'consumers');
  for (const ref of failure.failingSet) reached.delete(ref);
  return reached;
}

/** What can take an entity down, and how badly (its own failing set left out). */
function* upstreamSteps(graph: CatalogGraph, target: Failure) {
  const reached = yield* propagateSteps(
    graph,
    failingSeeds(target.targets),
    'providers',
  );
  for (const ref of target.failingSet) reached.delete(ref);
  return reached;
}

/** The titles of `refs` and of every ref the cells mention, in ref order; in steps. */
function* titleSteps(
  graph: CatalogGraph,
  refs: Iterable<string>,
  cells: MatrixCell[],
): Steps<Record<string, string>> {
  const budget = workBudget();
  const all = new Set<string>(refs);
  for (const cell of cells) {
    all.add(cell.failing);
    all.add(cell.affected);
    for (const edge of cell.path) {
      all.add(edge.consumer);
      all.add(edge.provider);
      if (edge.via !== 'dependsOn') all.add(edge.via);
    }
    if (budget.spend(1 + cell.path.length)) yield;
  }
  return yield* titlesOfSteps(graph, [...all].sort(byString));
}

/** The titles of those of `refs` that are entities of `graph`, in the order given; in steps. */
function* titlesOfSteps(
  graph: CatalogGraph,
  refs: readonly string[],
): Steps<Record<string, string>> {
  const budget = workBudget();
  const titles: Record<string, string> = {};
  for (const ref of refs) {
    if (graph.entities.has(ref)) titles[ref] = titleOf(graph, ref);
    if (budget.spend()) yield;
  }
  return titles;
}

/**
 * The titles of the refs one cell mentions (its ends, and each step and API of its path).
 * @public
 */
export function titlesOfCell(
  graph: CatalogGraph,
  cell: MatrixCell,
): Record<string, string> {
  return runToCompletion(titleSteps(graph, [], [cell]));
}

/**
 * The failure-isolation matrix. `domain`: one row per failing Domain (all its Components and
 * Resources fail at once), one cell per other Domain reached (the worst impact on any of its
 * Components), the users cell and drift against `domain-split/declared-impact`.
 * `service`: one row and one column per Component.
 * `options` leave the paths out (always, or above a number of cells); the response then says
 * `pathsOmitted` and {@link computeImpactPath} gives one cell's path.
 * @public
 */
export function computeFailureMatrix(
  graph: CatalogGraph,
  level: 'domain' | 'service',
  options?: ImpactPathOptions,
): FailureMatrixResponse {
  return runToCompletion(failureMatrixSteps(graph, level, options));
}

/**
 * {@link computeFailureMatrix} one row at a time: the generator pauses after each row and
 * returns the matrix. A server can run it in slices so that other requests are answered
 * between rows (at 10,000 services the whole matrix is seconds of work).
 * @public
 */
export function* failureMatrixSteps(
  graph: CatalogGraph,
  level: 'domain' | 'service',
  options?: ImpactPathOptions,
): Steps<FailureMatrixResponse> {
  if (level === 'service') {
    // Every Component's row: the service matrix with all its rows.
    return yield* serviceMatrixRowsSteps(
      graph,
      entitiesOfKind(graph, 'component').map(c => c.ref),
      options,
    );
  }
  const writer = new CellWriter(options);
  const rows: MatrixRow[] = [];
  const domains = entitiesOfKind(graph, 'domain');
  const columns = domains.map(d => d.ref);
  for (const domain of domains) {
    const failure = failureOf(graph, domain.ref)!;
    const worst = worstOfReached(
      writer,
      domain.ref,
      downstream(graph, failure),
    );
    const cells = domains
      .filter(other => other.ref !== domain.ref)
      .map(other => domainCell(graph, other.ref, worst))
      .filter((cell): cell is MatrixCell => !!cell);
    const users = usersCell(
      writer,
      graph,
      domain.ref,
      failure.failingSet,
      worst,
    );
    const declared = domain.declaredImpact;
    rows.push({
      failing: domain.ref,
      cells,
      users,
      declared,
      drift: declared !== undefined && declared !== users.impact,
    });
    yield;
  }
  return yield* matrixSteps(graph, { level, columns, rows }, writer.finish());
}

/** The service-level row of one Component: every Component its failure reaches, and the users. */
function serviceMatrixRow(
  graph: CatalogGraph,
  writer: CellWriter,
  componentRef: string,
  components: GraphEntity[],
): MatrixRow {
  const failure = failureOf(graph, componentRef)!;
  const reached = downstream(graph, failure);
  const cells = components
    .filter(other => reached.has(other.ref))
    .map(other => {
      const reach = reached.get(other.ref)!;
      return writer.cell(componentRef, other.ref, reach.impact, reach);
    });
  return {
    failing: componentRef,
    cells,
    users: usersCell(
      writer,
      graph,
      componentRef,
      failure.failingSet,
      worstOfReached(writer, componentRef, reached),
    ),
    drift: false,
  };
}

/**
 * The Components whose rows of the service-level matrix a query selects, in ref order: every
 * Component, the one of `failing`, or those whose ref or title contains `q` (see
 * {@link FailureMatrixRowQuery}). The rows to compute for a page: see
 * {@link serviceMatrixRowsSteps}.
 * @public
 */
export function serviceMatrixRowRefs(
  graph: CatalogGraph,
  query: Pick<FailureMatrixRowQuery, 'failing' | 'q'>,
): string[] {
  return entitiesOfKind(graph, 'component')
    .filter(component =>
      isSelectedRow(
        query,
        component.ref,
        query.q ? titleOf(graph, component.ref) : undefined,
      ),
    )
    .map(component => component.ref);
}

/**
 * The service-level matrix with only the rows of `componentRefs` (in that order; refs that are
 * not Components of the graph have no row): as columns the Components those rows reach (in
 * ref order, as every matrix's columns), the titles of the columns and of what those rows name,
 * the annotation problems, and `pathsOmitted` as `options` decide for
 * these rows alone. Each row is the one {@link failureMatrixSteps} gives. For rows on demand:
 * the whole service matrix has a cell per pair of Components reached (about 10,000² at 10,000
 * services), a page of it a few walks of the graph. In steps, one per row.
 * @public
 */
export function* serviceMatrixRowsSteps(
  graph: CatalogGraph,
  componentRefs: readonly string[],
  options?: ImpactPathOptions,
): Steps<FailureMatrixResponse> {
  const writer = new CellWriter(options);
  const components = entitiesOfKind(graph, 'component');
  const rows: MatrixRow[] = [];
  for (const ref of componentRefs) {
    if (graph.entities.get(ref)?.kind !== 'component') continue;
    rows.push(serviceMatrixRow(graph, writer, ref, components));
    yield;
  }
  return yield* matrixSteps(
    graph,
    {
      level: 'service',
      columns: reachedColumns(
        components.map(c => c.ref),
        rows,
      ),
      rows,
    },
    writer.finish(),
  );
}

/**
 * The matrix of `graph` from `previous`, the matrix of an earlier graph at the same `level`
 * (with the options it was computed with): when the two graphs have the same failure
 * structure (see {@link sameFailureStructure}), its rows are kept and only titled again from
 * `graph`, with `graph`'s annotation problems — after a catalog edit that no row reads (a
 * title, say), the rows are not walked again. Undefined when they cannot be kept: compute the
 * matrix with {@link failureMatrixSteps}.
 * @public
 */
export function keptMatrixSteps(
  graph: CatalogGraph,
  level: 'domain' | 'service',
  previous: { graph: CatalogGraph; matrix: FailureMatrixResponse },
): Steps<FailureMatrixResponse> | undefined {
  if (
    previous.matrix.level !== level ||
    !sameFailureStructure(previous.graph, graph)
  ) {
    return undefined;
  }
  return retitledMatrixSteps(graph, previous.matrix);
}

/**
 * `matrix` (a whole matrix or the rows of a service-level page) computed from a graph of the
 * same failure structure as `graph` (the caller checked it with {@link sameFailureStructure}),
 * its rows kept and titled again from `graph`, with `graph`'s annotation problems.
 * {@link keptMatrixSteps} checks the structure itself.
 * @public
 */
export function* retitledMatrixSteps(
  graph: CatalogGraph,
  matrix: FailureMatrixResponse,
): Steps<FailureMatrixResponse> {
  const { level, columns, rows, pathsOmitted } = matrix;
  return {
    level,
    columns,
    rows,
    // The same structure: the rows mention the same entities, so the titles are of the same
    // refs (in ref order already), read again without visiting every cell.
    titles: yield* titlesOfSteps(graph, Object.keys(matrix.titles)),
    annotationProblems: graph.annotationProblems,
    ...(pathsOmitted ? { pathsOmitted } : {}),
  };
}

/** The matrix of these rows: titled from `graph`, with its annotation problems. */
function* matrixSteps(
  graph: CatalogGraph,
  {
    level,
    columns,
    rows,
  }: Pick<FailureMatrixResponse, 'level' | 'columns' | 'rows'>,
  pathsOmitted: boolean,
): Steps<FailureMatrixResponse> {
  return {
    level,
    columns,
    rows,
    titles: yield* titleSteps(
      graph,
      columns,
      rows.flatMap(row => [...row.cells, row.users]),
    ),
    annotationProblems: graph.annotationProblems,
    ...(pathsOmitted ? { pathsOmitted } : {}),
  };
}

/**
 * What one entity's failure takes down and what can take it down.
 * Component/Resource: itself fails. API: every consumer loses it (with the impact of its
 * consumption). Domain, System: all their Components and Resources fail. Group: all the
 * Components and Resources it owns fail. Returns undefined when the entity is not in the graph.
 * @public
 */
export function computeBlastRadius(
  graph: CatalogGraph,
  entityRef: string,
  options?: BlastRadiusOptions,
): BlastRadiusResponse | undefined {
  return runToCompletion(blastRadiusSteps(graph, entityRef, options));
}

/**
 * What {@link computeBlastRadius} reads besides the graph and the entity.
 * @public
 */
export type BlastRadiusOptions = ImpactPathOptions & {
  /** `false`: leave `takenDownBy` empty (callers that only need what it takes down). */
  takenDownBy?: boolean;
};

/**
 * {@link computeBlastRadius}, pausing between pieces of work ({@link workBudget}): one
 * failure reaches most of a 10,000-service catalog, both ways.
 * @public
 */
export function* blastRadiusSteps(
  graph: CatalogGraph,
  entityRef: string,
  options?: BlastRadiusOptions,
): Steps<BlastRadiusResponse | undefined> {
  const failure = failureOf(graph, entityRef);
  if (!failure) {
    return undefined;
  }
  const { ref, failingSet } = failure;
  const writer = new CellWriter(options);
  const budget = workBudget();

  const reached = yield* downstreamSteps(graph, failure);
  const takesDown: MatrixCell[] = [];
  for (const [affected, reach] of reached) {
    takesDown.push(writer.cell(ref, affected, reach.impact, reach));
    if (budget.spend()) yield;
  }
  takesDown.sort((a, b) => compareCells(a, b, 'affected'));
  yield;
  const users = usersCell(
    writer,
    graph,
    ref,
    failingSet,
    worstOfReached(writer, ref, reached),
  );

  // What takes it down: walk from the entity (or its providers, for an API) to providers.
  const takenDownBy: MatrixCell[] = [];
  if (options?.takenDownBy !== false) {
    for (const [failing, reach] of yield* upstreamSteps(graph, failure)) {
      takenDownBy.push(writer.cell(failing, ref, reach.impact, reach));
      if (budget.spend()) yield;
    }
    takenDownBy.sort((a, b) => compareCells(a, b, 'failing'));
  }

  const pathsOmitted = writer.finish();
  return {
    entityRef: ref,
    takesDown,
    users,
    takenDownBy,
    ...(pathsOmitted ? { pathsOmitted } : {}),
  };
}

/**
 * The one cell (impact and explaining path) that {@link computeFailureMatrix} or
 * {@link computeBlastRadius} gives for `failingRef` → `affectedRef`, computed alone: for
 * results served without their paths (`pathsOmitted`).
 *
 * `failingRef`: anything computeBlastRadius accepts (Component, Resource, API, System, Domain,
 * Group). `affectedRef`: an entity it reaches (the cell of its `takesDown` and of the service
 * matrix), a Domain (the domain matrix's cell: the worst of the Domain's Components), or
 * `users` (the users cell, whose `affected` is the entry point that explains it).
 *
 * `direction: 'upstream'` gives the cell of the affected entity's `takenDownBy` instead (the
 * same impact; among equally bad paths it may explain it by another one, walked from the
 * affected end). Undefined when either ref is unknown or the failure does not reach it.
 * @public
 */
export function computeImpactPath(
  graph: CatalogGraph,
  failingRef: string,
  affectedRef: string,
  options: { direction?: 'downstream' | 'upstream' } = {},
): MatrixCell | undefined {
  // A single cell: its path is always written. The walk stops at the cell's entity (or the
  // first of a Domain's Components, or of the entry points, it settles: the worst of them).
  const writer = new CellWriter();
  if (options.direction === 'upstream') {
    const target = failureOf(graph, affectedRef);
    const failing = normaliseRef(failingRef);
    if (!target || !failing || !graph.entities.has(failing)) return undefined;
    // What can take the target down leaves out its own failing set (see upstream).
    if (target.failingSet.has(failing)) return undefined;
    const found = reachFirst(graph, failingSeeds(target.targets), 'providers', [
      failing,
    ]);
    return (
      found && writer.cell(failing, target.ref, found.reach.impact, found.reach)
    );
  }
  const failure = failureOf(graph, failingRef);
  if (!failure) return undefined;
  const worst = worstOfWalk(writer, graph, failure);
  if (affectedRef === NO_USERS) {
    return usersCell(writer, graph, failure.ref, failure.failingSet, worst);
  }
  const affected = normaliseRef(affectedRef);
  const entity = affected ? graph.entities.get(affected) : undefined;
  if (!affected || !entity) return undefined;
  if (entity.kind === 'domain') return domainCell(graph, affected, worst);
  return worst([affected]);
}
