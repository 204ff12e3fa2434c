import {
  CatalogGraph,
  GraphEntity,
  byString,
  domainOf,
  entitiesOfKind,
  kindOfRef,
  membersOfDomain,
  titleOf,
} from './graph';
import { runToCompletion, Steps, workBudget } from './steps';
import {
  OwnershipComponent,
  OwnershipDomain,
  OwnershipProblem,
  OwnershipResponse,
  OwnershipTeam,
} from './types';

function toOwnershipComponent(entity: GraphEntity): OwnershipComponent {
  return {
    entityRef: entity.ref,
    title: entity.title,
    type: entity.type,
    ownerRef: entity.ownerRef,
    systemRef: entity.systemRef,
    apis: entity.providesApis,
    resources: entity.dependsOn.filter(ref => kindOfRef(ref) === 'resource'),
  };
}

function distinctSorted(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort(byString);
}

/**
 * The Group tree: each Group's parent and children, from `spec.parent` and `spec.children`
 * read together (either side is enough, as in Backstage's own org processors). A Group whose
 * `spec.parent` names one Group while another lists it as a child keeps its `spec.parent`.
 * @internal
 */
export interface GroupHierarchy {
  parentOf: Map<string, string>;
  childrenOf: Map<string, string[]>;
  /** The Group and every Group below it, in ref order; cycles end. */
  subtreeOf(groupRef: string): string[];
}

/** @internal */
export function groupHierarchy(graph: CatalogGraph): GroupHierarchy {
  const groups = entitiesOfKind(graph, 'group');
  const parentOf = new Map<string, string>();
  for (const group of groups) {
    if (group.parentRef && group.parentRef !== group.ref) {
      parentOf.set(group.ref, group.parentRef);
    }
  }
  for (const group of groups) {
    for (const child of group.childRefs) {
      if (child !== group.ref && !parentOf.has(child)) {
        parentOf.set(child, group.ref);
      }
    }
  }
  const childrenOf = new Map<string, string[]>();
  for (const [child, parent] of parentOf) {
    const list = childrenOf.get(parent);
    if (list) list.push(child);
    else childrenOf.set(parent, [child]);
  }
  for (const list of childrenOf.values()) list.sort(byString);
  const subtreeOf = (groupRef: string) => {
    const seen = new Set<string>([groupRef]);
    const queue = [groupRef];
    while (queue.length > 0) {
      for (const child of childrenOf.get(queue.shift()!) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    return [...seen].sort(byString);
  };
  return { parentOf, childrenOf, subtreeOf };
}

/**
 * Who owns what: teams → domains → systems → components → APIs/resources, with the problems
 * that make ownership unclear. A domain's `ownerRefs` lists its own `spec.owner` first, then
 * every other owner of its components, so more than one entry means it is not single-owned.
 * @public
 */
export function computeOwnership(graph: CatalogGraph): OwnershipResponse {
  return runToCompletion(ownershipSteps(graph));
}

/**
 * {@link computeOwnership} in pieces: it pauses every {@link workBudget} entities of each pass,
 * so a server computes the ownership of a large catalog in slices.
 * @public
 */
export function* ownershipSteps(graph: CatalogGraph): Steps<OwnershipResponse> {
  const budget = workBudget();
  const problems: OwnershipProblem[] = [];
  const all = [...graph.entities.values()];
  // Each lookup below was a scan of the whole catalog per domain or team; index them once.
  const systemsByDomain = new Map<string, GraphEntity[]>();
  const apisByDomain = new Map<string, GraphEntity[]>();
  const usersByGroup = new Map<string, GraphEntity[]>();
  const ownedByGroup = new Map<string, GraphEntity[]>();
  const add = (
    map: Map<string, GraphEntity[]>,
    key: string,
    e: GraphEntity,
  ) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  for (const e of all) {
    if (e.kind === 'system' && e.domainRef)
      add(systemsByDomain, e.domainRef, e);
    if (e.kind === 'api') {
      const d = domainOf(graph, e.ref);
      if (d) add(apisByDomain, d, e);
    }
    if (e.kind === 'user') {
      for (const g of new Set(e.memberOfRefs)) add(usersByGroup, g, e);
    }
    if ((e.kind === 'domain' || e.kind === 'component') && e.ownerRef) {
      add(ownedByGroup, `${e.kind}\u0000${e.ownerRef}`, e);
    }
    if (budget.spend()) yield;
  }
  const isGroup = (ref: string | undefined) =>
    !!ref && graph.entities.get(ref)?.kind === 'group';

  const domains: OwnershipDomain[] = [];
  for (const domain of entitiesOfKind(graph, 'domain')) {
    const components = membersOfDomain(graph, domain.ref).filter(
      e => e.kind === 'component',
    );
    const componentOwners = distinctSorted(components.map(c => c.ownerRef));
    const domainOwner = domain.ownerRef;

    if (!domainOwner) {
      problems.push({
        kind: 'domain-without-owner',
        entityRefs: [domain.ref],
        message: `${domain.title} has no owner in the catalog (spec.owner missing or not found).`,
      });
    } else if (!isGroup(domainOwner)) {
      problems.push({
        kind: 'domain-without-owner',
        entityRefs: [domain.ref, domainOwner],
        message: `${domain.title} is owned by ${titleOf(
          graph,
          domainOwner,
        )}, which is not a team (Group).`,
      });
    }
    if (componentOwners.length > 1) {
      problems.push({
        kind: 'domain-with-several-owners',
        entityRefs: [domain.ref, ...componentOwners],
        message: `The components of ${domain.title} are owned by ${
          componentOwners.length
        } teams: ${componentOwners
          .map(owner => titleOf(graph, owner))
          .join(', ')}.`,
      });
    }
    if (domainOwner) {
      for (const component of components) {
        if (component.ownerRef && component.ownerRef !== domainOwner) {
          problems.push({
            kind: 'component-owner-mismatch',
            entityRefs: [component.ref, component.ownerRef, domain.ref],
            message: `${component.title} is owned by ${titleOf(
              graph,
              component.ownerRef,
            )}, but its domain ${domain.title} is owned by ${titleOf(
              graph,
              domainOwner,
            )}.`,
          });
        }
      }
    }

    const systems = (systemsByDomain.get(domain.ref) ?? []).map(s => s.ref);
    const apis = distinctSorted([
      ...components.flatMap(c => c.providesApis),
      ...(apisByDomain.get(domain.ref) ?? []).map(a => a.ref),
    ]);
    domains.push({
      entityRef: domain.ref,
      title: domain.title,
      ownerRefs: distinctSorted([domainOwner]).concat(
        componentOwners.filter(owner => owner !== domainOwner),
      ),
      systems,
      components: components.map(c => toOwnershipComponent(c)),
      apis,
    });
    if (budget.spend(1 + components.length)) yield;
  }

  const assignable = all.filter(e =>
    ['component', 'api', 'resource'].includes(e.kind),
  );
  const unassigned = assignable.filter(e => !domainOf(graph, e.ref));
  yield;
  for (const entity of unassigned) {
    problems.push({
      kind: 'orphan',
      entityRefs: [entity.ref],
      message: `${entity.title} (${entity.kind}) belongs to no domain.`,
    });
  }
  for (const entity of assignable) {
    if (!entity.ownerRef) {
      problems.push({
        kind: 'orphan',
        entityRefs: [entity.ref],
        message: `${entity.title} (${entity.kind}) has no owner in the catalog (spec.owner missing or not found).`,
      });
    }
    if (budget.spend()) yield;
  }

  // Teams: Groups of type team, and any other Group that owns something itself or through
  // the Groups below it (a department sees its teams' domains).
  const owners = new Set(all.map(e => e.ownerRef).filter(Boolean));
  const hierarchy = groupHierarchy(graph);
  const ownedIn = (subtree: string[], kind: 'domain' | 'component') =>
    subtree
      .flatMap(ref => ownedByGroup.get(`${kind}\u0000${ref}`) ?? [])
      .map(e => e.ref)
      .sort(byString);
  yield;
  const teams: OwnershipTeam[] = [];
  for (const group of entitiesOfKind(graph, 'group')) {
    const subtree = hierarchy.subtreeOf(group.ref);
    if (group.type !== 'team' && !subtree.some(ref => owners.has(ref))) {
      continue;
    }
    const memberRefs = distinctSorted([
      ...group.memberRefs,
      ...(usersByGroup.get(group.ref) ?? []).map(u => u.ref),
    ]);
    teams.push({
      entityRef: group.ref,
      title: group.title,
      members: memberRefs.map(ref => {
        const user = graph.entities.get(ref)!;
        return { entityRef: ref, title: user.title, role: user.orgRole };
      }),
      domains: (ownedByGroup.get(`domain\u0000${group.ref}`) ?? []).map(
        d => d.ref,
      ),
      components: (ownedByGroup.get(`component\u0000${group.ref}`) ?? []).map(
        c => c.ref,
      ),
      parentRef: hierarchy.parentOf.get(group.ref),
      childRefs: hierarchy.childrenOf.get(group.ref) ?? [],
      rolledUpDomains: ownedIn(subtree, 'domain'),
      rolledUpComponents: ownedIn(subtree, 'component'),
    });
    if (budget.spend(subtree.length + memberRefs.length)) yield;
  }

  // Each problem's sort key built once, not per comparison.
  const keyed = problems.map(problem => ({
    problem,
    entities: problem.entityRefs.join(),
  }));
  yield;
  keyed.sort(
    (a, b) =>
      byString(a.problem.kind, b.problem.kind) ||
      byString(a.entities, b.entities) ||
      byString(a.problem.message, b.problem.message),
  );
  yield;
  return {
    teams,
    domains,
    unassigned: unassigned.map(e => toOwnershipComponent(e)),
    problems: keyed.map(k => k.problem),
    annotationProblems: graph.annotationProblems,
  };
}
