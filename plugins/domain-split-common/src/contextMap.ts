/*
 * The context map: domain-driven design's picture of bounded contexts and how they are tied.
 * Nodes are Domains; edges between two domains are aggregated from the service graph. The
 * phase badges come from the migration status and the red edges from the rule check, both
 * computed elsewhere and passed in, so this file judges nothing itself: it only groups.
 */
import {
  CatalogGraph,
  GraphEntity,
  byString,
  componentsDependingOn,
  domainOf,
  entitiesOfKind,
  membersOfDomain,
} from './graph';
import { computeOwnership, groupHierarchy } from './ownership';
import { RULES } from './rules';
import { runToCompletion, Steps, workBudget } from './steps';
import {
  CONTEXT_MAP_EDGE_KINDS,
  CONTEXT_MAP_MAX_LINKS,
  ContextMapEdge,
  ContextMapEdgeKind,
  ContextMapLink,
  ContextMapNode,
  ContextMapResponse,
  ContextMapTeam,
  MigrationStatusResponse,
  OwnershipResponse,
  RuleId,
  RuleViolation,
} from './types';

/**
 * What the context map reads beside the graph: results of the same graph and evidence.
 * @public
 */
export interface ContextMapInput {
  /** The violations of `checkRules(context)`: they turn edges red. */
  violations: RuleViolation[];
  /** `computeMigrationStatus(context, …)`: the phase badges (left out when absent). */
  migration?: MigrationStatusResponse;
  /** `computeOwnership(graph)` when the caller has it (computed when absent). */
  ownership?: OwnershipResponse;
}

/**
 * Narrows the map to a neighbourhood.
 * @public
 */
export interface ContextMapOptions {
  /** A Domain ref: the domain, its edges and the domains at their other ends. */
  domain?: string;
  /**
   * A Group ref: the domains it owns, itself or through the Groups below it, their edges and
   * the domains at the other ends.
   */
  team?: string;
  /**
   * With `domain` or `team`: at most this many domains around the focused ones, the most tied
   * first (those whose edges break a rule, then by the number of dependencies); the others
   * and their edges are left out and counted in `focus.moreNeighbours` (an entity card). A
   * team owning more domains than this keeps its most tied ones (`focus.moreDomains` counts
   * the others).
   */
  neighbours?: number;
}

/**
 * What GET /context-map is asked: a neighbourhood, and whether the lists behind its nodes and
 * edges come with it.
 * @public
 */
export interface ContextMapQuery extends ContextMapOptions {
  /** false: the outline an entity card draws ({@link outlineContextMap}), without those lists. */
  details?: boolean;
}

/** The shared kinds: which Resource or Component type they are about, and their rule. */
const SHARED_KINDS: {
  kind: ContextMapEdgeKind;
  rule: RuleId;
  matches: (entity: GraphEntity) => boolean;
}[] = [
  {
    kind: 'shared-database',
    rule: 'no-cross-domain-db',
    matches: e => e.kind === 'resource' && e.type === 'database',
  },
  {
    kind: 'shared-cache',
    rule: 'no-shared-cache',
    matches: e => e.kind === 'resource' && e.type === 'cache',
  },
  {
    // Contract code and platform glue are exempt from the rule and tie no domains together.
    kind: 'shared-library',
    rule: 'no-shared-business-library',
    matches: e =>
      e.kind === 'component' && e.type === 'library' && !e.sharedLibrary,
  },
];
const SHARED_RULES = new Set(SHARED_KINDS.map(s => s.rule));
const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));
const KIND_ORDER = new Map(
  CONTEXT_MAP_EDGE_KINDS.map((kind, index) => [kind, index]),
);

/** An edge while it is being built: every link, and the shared entities it counts. */
interface EdgeBuilder {
  from: string;
  to: string;
  kind: ContextMapEdgeKind;
  links: ContextMapLink[];
  shared: Set<string>;
  violations: Map<string, RuleViolation>;
}

/**
 * Finds the violations the rule check reported for one dependency: by the shared entity
 * (the shared-* rules name it first), or by the consumer, API and provider a synchronous
 * violation names, in that order.
 */
function violationIndex(violations: RuleViolation[]) {
  const byShared = new Map<string, RuleViolation[]>();
  const byCall = new Map<string, RuleViolation[]>();
  const add = (
    map: Map<string, RuleViolation[]>,
    key: string,
    v: RuleViolation,
  ) => {
    const list = map.get(key);
    if (list) list.push(v);
    else map.set(key, [v]);
  };
  for (const violation of violations) {
    if (SHARED_RULES.has(violation.rule) && violation.entityRefs.length > 0) {
      add(byShared, `${violation.rule}|${violation.entityRefs[0]}`, violation);
    } else if (violation.rule === 'events-only-between-domains') {
      add(byCall, violation.entityRefs.join('|'), violation);
    }
  }
  return {
    ofShared: (rule: RuleId, ref: string) =>
      byShared.get(`${rule}|${ref}`) ?? [],
    ofCall: (consumer: string, via: string, provider: string) =>
      byCall.get(
        (via === 'dependsOn'
          ? [consumer, provider]
          : [consumer, via, provider]
        ).join('|'),
      ) ?? [],
  };
}

/**
 * The context map of the catalog: one node per Domain (owner, services, contracts, phase),
 * one edge per pair of domains and kind of tie, with the count of dependencies behind it and
 * the rules they break. See {@link ContextMapEdge} for the direction of edges.
 * @public
 */
export function computeContextMap(
  graph: CatalogGraph,
  input: ContextMapInput,
  options: ContextMapOptions = {},
): ContextMapResponse {
  const whole = runToCompletion(contextMapSteps(graph, input));
  return options.domain !== undefined || options.team !== undefined
    ? focusContextMap(whole, graph, options)
    : whole;
}

/**
 * The whole {@link computeContextMap} as a step generator: it pauses every
 * `ENTITIES_PER_STEP` (steps.ts) dependencies, users of shared things, domain members or
 * titles, so a server builds the map of a large catalog in slices.
 * @public
 */
export function* contextMapSteps(
  graph: CatalogGraph,
  input: ContextMapInput,
): Steps<ContextMapResponse> {
  const budget = workBudget();
  const violations = violationIndex(input.violations);
  const builders = new Map<string, EdgeBuilder>();
  const edgeOf = (from: string, to: string, kind: ContextMapEdgeKind) => {
    const id = `${from}|${to}|${kind}`;
    let edge = builders.get(id);
    if (!edge) {
      edge = {
        from,
        to,
        kind,
        links: [],
        shared: new Set(),
        violations: new Map(),
      };
      builders.set(id, edge);
    }
    return edge;
  };
  const addLink = (
    edge: EdgeBuilder,
    link: Omit<ContextMapLink, 'rules'>,
    found: RuleViolation[],
  ) => {
    for (const v of found) edge.violations.set(`${v.rule}|${v.message}`, v);
    edge.links.push({
      ...link,
      rules: [...new Set(found.map(v => v.rule))].sort(
        (a, b) => RULE_ORDER.get(a)! - RULE_ORDER.get(b)!,
      ),
    });
  };

  // Calls and events: each dependency edge of the graph between Components of two domains.
  for (const dependency of graph.edges) {
    if (budget.spend()) yield;
    const consumer = graph.entities.get(dependency.consumer)!;
    const provider = graph.entities.get(dependency.provider)!;
    if (consumer.kind !== 'component' || provider.kind !== 'component')
      continue;
    // Using a library is shared code, not a call; the shared-library pass below sees it.
    if (dependency.via === 'dependsOn' && provider.type === 'library') continue;
    const from = domainOf(graph, consumer.ref);
    const to = domainOf(graph, provider.ref);
    if (!from || !to || from === to) continue;
    const api =
      dependency.via === 'dependsOn'
        ? undefined
        : graph.entities.get(dependency.via);
    const kind: ContextMapEdgeKind =
      api?.type === 'asyncapi' ? 'events' : 'sync';
    addLink(
      edgeOf(from, to, kind),
      { consumer: consumer.ref, provider: provider.ref, via: dependency.via },
      violations.ofCall(consumer.ref, dependency.via, provider.ref),
    );
  }

  // Shared databases, caches and business libraries: the domains of their users, tied to the
  // domain the shared thing belongs to (or to each other when it belongs to none).
  for (const shared of SHARED_KINDS) {
    for (const entity of [
      ...entitiesOfKind(graph, 'resource'),
      ...entitiesOfKind(graph, 'component'),
    ].filter(shared.matches)) {
      const home = domainOf(graph, entity.ref);
      const usersByDomain = new Map<string, GraphEntity[]>();
      for (const user of componentsDependingOn(graph, entity.ref)) {
        const domain = domainOf(graph, user.ref);
        if (!domain) continue;
        const list = usersByDomain.get(domain);
        if (list) list.push(user);
        else usersByDomain.set(domain, [user]);
      }
      if (budget.spend(usersByDomain.size + 1)) yield;
      const found = violations.ofShared(shared.rule, entity.ref);
      const tie = (from: string, to: string, users: GraphEntity[]) => {
        const edge = edgeOf(from, to, shared.kind);
        edge.shared.add(entity.ref);
        for (const user of users) {
          addLink(
            edge,
            { consumer: user.ref, provider: entity.ref, via: entity.ref },
            found,
          );
        }
      };
      const domains = [...usersByDomain.keys()].sort(byString);
      if (home) {
        for (const domain of domains) {
          if (domain !== home) tie(domain, home, usersByDomain.get(domain)!);
        }
      } else {
        for (let i = 0; i < domains.length; i++) {
          for (let j = i + 1; j < domains.length; j++) {
            tie(domains[i], domains[j], [
              ...usersByDomain.get(domains[i])!,
              ...usersByDomain.get(domains[j])!,
            ]);
          }
        }
      }
    }
  }

  const allEdges: (Omit<ContextMapEdge, 'violations'> & {
    violations: RuleViolation[];
  })[] = [...builders.entries()]
    .map(([id, edge]) => {
      const links = [...edge.links].sort(
        (a, b) =>
          byString(a.consumer, b.consumer) ||
          byString(a.provider, b.provider) ||
          byString(a.via, b.via),
      );
      const edgeViolations = [...edge.violations.values()].sort(
        (a, b) =>
          RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)! ||
          byString(a.message, b.message),
      );
      return {
        id,
        from: edge.from,
        to: edge.to,
        kind: edge.kind,
        count:
          edge.kind === 'events' || edge.kind === 'sync'
            ? links.length
            : edge.shared.size,
        links: links.slice(0, CONTEXT_MAP_MAX_LINKS),
        moreLinks: Math.max(0, links.length - CONTEXT_MAP_MAX_LINKS),
        rules: [...new Set(edgeViolations.map(v => v.rule))],
        violations: edgeViolations,
      };
    })
    .sort(
      (a, b) =>
        byString(a.from, b.from) ||
        byString(a.to, b.to) ||
        KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!,
    );

  yield;

  // Nodes: every Domain, with what Ownership and Migration already say about it.
  const ownership = input.ownership ?? computeOwnership(graph);
  yield;
  const phaseOf = new Map(
    (input.migration?.domains ?? []).map(d => [d.domainRef, d.phase]),
  );
  const domainEntities = entitiesOfKind(graph, 'domain');
  const domainCountOf = new Map<string, number>();
  for (const domain of domainEntities) {
    if (domain.ownerRef) {
      domainCountOf.set(
        domain.ownerRef,
        (domainCountOf.get(domain.ownerRef) ?? 0) + 1,
      );
    }
  }
  const ownershipOf = new Map(ownership.domains.map(d => [d.entityRef, d]));
  const allNodes: ContextMapNode[] = [];
  for (const domain of domainEntities) {
    const components = membersOfDomain(graph, domain.ref).filter(
      e => e.kind === 'component',
    );
    allNodes.push({
      domainRef: domain.ref,
      title: domain.title,
      ownerRef: domain.ownerRef,
      ownerDomainCount: domain.ownerRef
        ? domainCountOf.get(domain.ownerRef)!
        : 0,
      components: components.map(c => c.ref),
      serviceCount: components.filter(c => c.type !== 'library').length,
      apis: ownershipOf.get(domain.ref)?.apis ?? [],
      phase: phaseOf.get(domain.ref),
    });
    if (budget.spend(components.length + 1)) yield;
  }

  const pointed = pointAtViolations(allEdges, v => v);
  yield;
  return yield* drawingSteps(
    graph,
    allNodes,
    pointed.edges,
    pointed.violations,
  );
}

/**
 * Each violation once, at the top of a map, in the order its edges name them; each edge
 * points at its own by index. `violationOf` reads what an edge holds (a violation, or an index
 * into another map's list).
 */
function pointAtViolations<V>(
  edges: Array<Omit<ContextMapEdge, 'violations'> & { violations: V[] }>,
  violationOf: (held: V) => RuleViolation,
): { edges: ContextMapEdge[]; violations: RuleViolation[] } {
  const violations: RuleViolation[] = [];
  const indexOf = new Map<RuleViolation, number>();
  return {
    edges: edges.map(edge => ({
      ...edge,
      violations: edge.violations.map(held => {
        const violation = violationOf(held);
        let index = indexOf.get(violation);
        if (index === undefined) {
          index = violations.push(violation) - 1;
          indexOf.set(violation, index);
        }
        return index;
      }),
    })),
    violations,
  };
}

/**
 * The neighbourhood of a domain and/or a team (see {@link ContextMapOptions}), cut from the
 * whole map of the same graph (`computeContextMap` without options): what `computeContextMap`
 * with these options gives, without building the map again.
 * @public
 */
export function focusContextMap(
  whole: ContextMapResponse,
  graph: CatalogGraph,
  options: ContextMapOptions,
): ContextMapResponse {
  const isDomain = new Set(whole.nodes.map(n => n.domainRef));
  const focused = new Set<string>();
  if (options.domain !== undefined) focused.add(options.domain);
  if (options.team !== undefined) {
    const groups = new Set(groupHierarchy(graph).subtreeOf(options.team));
    for (const node of whole.nodes) {
      if (node.ownerRef && groups.has(node.ownerRef)) {
        focused.add(node.domainRef);
      }
    }
  }
  // A department can own hundreds of domains: a card draws its most tied ones.
  let drawn = focused;
  let moreDomains = 0;
  if (options.neighbours !== undefined && focused.size > options.neighbours) {
    drawn = new Set(
      mostTied([...focused], whole.edges).slice(0, options.neighbours),
    );
    moreDomains = focused.size - drawn.size;
  }
  let edges = whole.edges.filter(e => drawn.has(e.from) || drawn.has(e.to));
  const allNeighbours = [...new Set(edges.flatMap(e => [e.from, e.to]))].filter(
    ref => !focused.has(ref),
  );
  let neighbours = allNeighbours;
  let moreNeighbours = 0;
  if (
    options.neighbours !== undefined &&
    allNeighbours.length > options.neighbours
  ) {
    neighbours = mostTied(allNeighbours, edges).slice(0, options.neighbours);
    moreNeighbours = allNeighbours.length - neighbours.length;
  }
  const shown = new Set([...drawn, ...neighbours]);
  edges = edges.filter(e => shown.has(e.from) && shown.has(e.to));

  // The violations of the edges kept, numbered again for this map.
  const pointed = pointAtViolations(edges, i => whole.violations[i]);
  return {
    ...runToCompletion(
      drawingSteps(
        graph,
        whole.nodes.filter(n => shown.has(n.domainRef)),
        pointed.edges,
        pointed.violations,
        options.team,
      ),
    ),
    focus: {
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
      ...(options.team !== undefined ? { team: options.team } : {}),
      domains: [...focused].filter(ref => isDomain.has(ref)).sort(byString),
      ...(moreNeighbours > 0 ? { moreNeighbours } : {}),
      ...(moreDomains > 0 ? { moreDomains } : {}),
    },
  };
}

/** A map of these domains and edges: the teams owning the domains and every title it names. */
function* drawingSteps(
  graph: CatalogGraph,
  nodes: ContextMapNode[],
  edges: ContextMapEdge[],
  violations: RuleViolation[],
  team?: string,
): Steps<ContextMapResponse> {
  const teamsByRef = new Map<string, ContextMapTeam>();
  for (const node of nodes) {
    if (!node.ownerRef) continue;
    let owner = teamsByRef.get(node.ownerRef);
    if (!owner) {
      owner = {
        entityRef: node.ownerRef,
        title: graph.entities.get(node.ownerRef)?.title ?? node.ownerRef,
        domains: [],
      };
      teamsByRef.set(node.ownerRef, owner);
    }
    owner.domains.push(node.domainRef);
  }
  const teams = [...teamsByRef.values()].sort((a, b) =>
    byString(a.entityRef, b.entityRef),
  );
  const titles = yield* titlesOfDrawingSteps(
    { nodes, teams, edges },
    ref => graph.entities.get(ref)?.title ?? ref,
    [team],
  );
  return { nodes, edges, teams, titles, violations };
}

/**
 * The title of everything a drawing of these domains, teams and ties names: the domains and
 * their owners, their listed services and contracts, the teams, each tie's consumers,
 * providers and shared resources, and `extra` refs.
 * @internal
 */
export function titlesOfDrawing(
  drawing: {
    nodes: ContextMapNode[];
    teams: ContextMapTeam[];
    edges: Array<Pick<ContextMapEdge, 'links'>>;
  },
  titleOf: (ref: string) => string,
  extra: Array<string | undefined> = [],
): Record<string, string> {
  return runToCompletion(titlesOfDrawingSteps(drawing, titleOf, extra));
}

/** {@link titlesOfDrawing}, pausing every `ENTITIES_PER_STEP` titles. */
function* titlesOfDrawingSteps(
  drawing: Parameters<typeof titlesOfDrawing>[0],
  titleOf: (ref: string) => string,
  extra: Array<string | undefined> = [],
): Steps<Record<string, string>> {
  const titles: Record<string, string> = {};
  const budget = workBudget();
  const title = (ref: string) => {
    titles[ref] = titleOf(ref);
    budget.add();
  };
  for (const node of drawing.nodes) {
    title(node.domainRef);
    if (node.ownerRef) title(node.ownerRef);
    node.components.forEach(title);
    node.apis.forEach(title);
    if (budget.pauseDue()) yield;
  }
  for (const team of drawing.teams) title(team.entityRef);
  for (const edge of drawing.edges) {
    for (const link of edge.links) {
      title(link.consumer);
      title(link.provider);
      if (link.via !== 'dependsOn') title(link.via);
    }
    if (budget.pauseDue()) yield;
  }
  for (const ref of extra) if (ref !== undefined) title(ref);
  return titles;
}

/**
 * Neighbour domains, the most tied first: those with an edge that breaks a rule, then by the
 * dependencies behind their edges, then by ref.
 */
function mostTied(
  neighbours: string[],
  edges: { from: string; to: string; count: number; rules: unknown[] }[],
): string[] {
  const ties = new Map(neighbours.map(ref => [ref, { breaking: 0, count: 0 }]));
  for (const edge of edges) {
    for (const end of [edge.from, edge.to]) {
      const tie = ties.get(end);
      if (!tie) continue;
      if (edge.rules.length > 0) tie.breaking += 1;
      tie.count += edge.count;
    }
  }
  return [...ties.entries()]
    .sort(
      ([a, x], [b, y]) =>
        y.breaking - x.breaking || y.count - x.count || byString(a, b),
    )
    .map(([ref]) => ref);
}

/**
 * The outline of a context map, what an entity card draws: the domains, their ties by kind and
 * count and the rules those break, and the teams — without the lists behind them (each node's
 * components and APIs, each edge's links and violations, the map's violations) and with the
 * titles of the domains and teams only. `detailsOmitted` says so; the whole map has them.
 * @public
 */
export function outlineContextMap(map: ContextMapResponse): ContextMapResponse {
  const titles: Record<string, string> = {};
  const title = (ref: string) => {
    titles[ref] = map.titles[ref] ?? ref;
  };
  for (const node of map.nodes) title(node.domainRef);
  for (const team of map.teams) title(team.entityRef);
  if (map.focus?.team !== undefined) title(map.focus.team);
  return {
    ...map,
    nodes: map.nodes.map(node => ({ ...node, components: [], apis: [] })),
    edges: map.edges.map(edge => ({
      ...edge,
      links: [],
      moreLinks: edge.count,
      violations: [],
    })),
    titles,
    violations: [],
    detailsOmitted: true,
  };
}
