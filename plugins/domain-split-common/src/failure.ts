import {
  CatalogGraph,
  byString,
  entitiesOfKind,
  membersOfDomain,
  normaliseRef,
  titleOf,
} from './graph';
import { impactRank } from './impact';
import {
  Reach,
  failingSeeds,
  isWorseReach,
  isWorseReachOf,
  propagate,
} from './propagation';
import {
  BlastRadiusResponse,
  FailureMatrixResponse,
  MatrixCell,
  MatrixRow,
} from './types';

/** `affected` of the users cell when no user-facing entry point is reached. */
const NO_USERS = 'users';

/** The worst reach among `refs`, as a cell; undefined when none of them is reached. */
function worstCell(
  failing: string,
  refs: string[],
  reached: Map<string, Reach>,
): MatrixCell | undefined {
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
    ? { failing, affected: worstRef, impact: worst.impact, path: worst.path }
    : undefined;
}

/**
 * Impact on user-facing entry points. A failing entry point is itself a user outage (blocked).
 * `affected` is the entry point that explains the impact, or `users` when none is reached.
 */
function usersCell(
  graph: CatalogGraph,
  failing: string,
  failingSet: Set<string>,
  reached: Map<string, Reach>,
): MatrixCell {
  const entryPoints = entitiesOfKind(graph, 'component').filter(
    c => c.userFacing,
  );
  const failingEntry = entryPoints.find(c => failingSet.has(c.ref));
  if (failingEntry) {
    return { failing, affected: failingEntry.ref, impact: 'blocked', path: [] };
  }
  return (
    worstCell(
      failing,
      entryPoints.map(c => c.ref),
      reached,
    ) ?? { failing, affected: NO_USERS, impact: 'none', path: [] }
  );
}

/** What fails together with `failingSet`, and how badly (the failing set itself left out). */
function reachFrom(graph: CatalogGraph, failingSet: Set<string>) {
  const reached = propagate(graph, failingSeeds(failingSet), 'consumers');
  for (const ref of failingSet) reached.delete(ref);
  return reached;
}

function collectTitles(
  graph: CatalogGraph,
  refs: Iterable<string>,
  cells: MatrixCell[],
) {
  const all = new Set<string>(refs);
  for (const cell of cells) {
    all.add(cell.failing);
    all.add(cell.affected);
    for (const edge of cell.path) {
      all.add(edge.consumer);
      all.add(edge.provider);
      if (edge.via !== 'dependsOn') all.add(edge.via);
    }
  }
  const titles: Record<string, string> = {};
  for (const ref of [...all].sort(byString)) {
    if (graph.entities.has(ref)) titles[ref] = titleOf(graph, ref);
  }
  return titles;
}

/**
 * The failure-isolation matrix. `domain`: one row per failing Domain (all its Components and
 * Resources fail at once), one cell per other Domain reached (the worst impact on any of its
 * Components), the users cell and drift against `domain-split/declared-impact`.
 * `service`: one row and one column per Component.
 * @public
 */
export function computeFailureMatrix(
  graph: CatalogGraph,
  level: 'domain' | 'service',
): FailureMatrixResponse {
  const rows: MatrixRow[] = [];
  let columns: string[];
  if (level === 'domain') {
    const domains = entitiesOfKind(graph, 'domain');
    columns = domains.map(d => d.ref);
    const componentsByDomain = new Map(
      domains.map(d => [
        d.ref,
        membersOfDomain(graph, d.ref)
          .filter(m => m.kind === 'component')
          .map(m => m.ref),
      ]),
    );
    for (const domain of domains) {
      const failingSet = new Set(
        membersOfDomain(graph, domain.ref).map(m => m.ref),
      );
      const reached = reachFrom(graph, failingSet);
      const cells = domains
        .filter(other => other.ref !== domain.ref)
        .map(other => {
          const cell = worstCell(
            domain.ref,
            componentsByDomain.get(other.ref)!,
            reached,
          );
          return cell && { ...cell, affected: other.ref };
        })
        .filter((cell): cell is MatrixCell => !!cell);
      const users = usersCell(graph, domain.ref, failingSet, reached);
      const declared = domain.declaredImpact;
      rows.push({
        failing: domain.ref,
        cells,
        users,
        declared,
        drift: declared !== undefined && declared !== users.impact,
      });
    }
  } else {
    const components = entitiesOfKind(graph, 'component');
    columns = components.map(c => c.ref);
    for (const component of components) {
      const failingSet = new Set([component.ref]);
      const reached = reachFrom(graph, failingSet);
      const cells = components
        .filter(other => reached.has(other.ref))
        .map(other => {
          const reach = reached.get(other.ref)!;
          return {
            failing: component.ref,
            affected: other.ref,
            impact: reach.impact,
            path: reach.path,
          };
        });
      rows.push({
        failing: component.ref,
        cells,
        users: usersCell(graph, component.ref, failingSet, reached),
        drift: false,
      });
    }
  }
  return {
    level,
    columns,
    rows,
    titles: collectTitles(
      graph,
      columns,
      rows.flatMap(row => [...row.cells, row.users]),
    ),
    annotationProblems: graph.annotationProblems,
  };
}

/** Worst first, then by ref. */
function compareCells(
  a: MatrixCell,
  b: MatrixCell,
  key: 'affected' | 'failing',
) {
  return (
    impactRank(b.impact) - impactRank(a.impact) || byString(a[key], b[key])
  );
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
): BlastRadiusResponse | undefined {
  const ref = normaliseRef(entityRef);
  const entity = ref ? graph.entities.get(ref) : undefined;
  if (!ref || !entity) {
    return undefined;
  }

  let failingSet: Set<string>;
  let seeds: Map<string, Reach>;
  // The entities whose own failure this entity suffers from directly (blocked, no path).
  let takenDownWith: string[] = [];
  if (entity.kind === 'api') {
    // An API is not a node of the graph: losing it cuts the edges that run through it.
    failingSet = new Set();
    seeds = new Map();
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
    takenDownWith = graph.apiProviders.get(ref) ?? [];
  } else {
    const domainMembers = new Set(
      entity.kind === 'domain' ? membersOfDomain(graph, ref) : [],
    );
    const members = [...graph.entities.values()].filter(candidate => {
      if (candidate.kind !== 'component' && candidate.kind !== 'resource')
        return false;
      switch (entity.kind) {
        case 'component':
        case 'resource':
          return candidate.ref === ref;
        case 'domain':
          return domainMembers.has(candidate);
        case 'system':
          return candidate.systemRef === ref;
        case 'group':
        case 'user':
          return candidate.ownerRef === ref;
        default:
          return false;
      }
    });
    failingSet = new Set(members.map(m => m.ref));
    seeds = failingSeeds(failingSet);
  }

  const reached = propagate(graph, seeds, 'consumers');
  for (const failing of failingSet) reached.delete(failing);
  const takesDown: MatrixCell[] = [...reached.entries()]
    .map(([affected, reach]) => ({
      failing: ref,
      affected,
      impact: reach.impact,
      path: reach.path,
    }))
    .sort((a, b) => compareCells(a, b, 'affected'));

  // What takes it down: walk from the entity (or its providers, for an API) to providers.
  const targets = entity.kind === 'api' ? new Set(takenDownWith) : failingSet;
  const upstream = propagate(graph, failingSeeds(targets), 'providers');
  const takenDownBy: MatrixCell[] = [...upstream.entries()]
    .filter(([failing]) => !failingSet.has(failing))
    .map(([failing, reach]) => ({
      failing,
      affected: ref,
      impact: reach.impact,
      path: reach.path,
    }))
    .sort((a, b) => compareCells(a, b, 'failing'));

  return {
    entityRef: ref,
    takesDown,
    users: usersCell(graph, ref, failingSet, reached),
    takenDownBy,
  };
}
