/*
 * Builds the catalog graph from catalog entities in passes: identities, references, our
 * annotations, dependency edges with their default impact, the overrides, then the index.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ImpactOverride,
  keyNames,
  readAnnotations,
  ReportProblem,
} from './graphAnnotations';
import { graphIndexSteps, push } from './graphIndex';
import type { CatalogGraph, GraphEntity } from './graphModel';
import { ENTITIES_PER_STEP, runToCompletion, Steps, workBudget } from './steps';
import {
  byString,
  compareEdges,
  foldCase,
  kindOfRef,
  normaliseRef,
  readText,
} from './refs';
import {
  ANNOTATION_DEPENDENCY_IMPACT,
  AnnotationProblem,
  ImpactEdge,
  ImpactLevel,
} from './types';

/** API types that answer asynchronously: consuming them never stops the consumer. */
const EVENT_API_TYPES = new Set(['asyncapi']);

/** Default kind of each spec reference field, as Backstage's own processors assume. */
type RefField =
  | 'spec.owner'
  | 'spec.system'
  | 'spec.domain'
  | 'spec.dependsOn'
  | 'spec.providesApis'
  | 'spec.consumesApis'
  | 'spec.memberOf'
  | 'spec.parent'
  | 'spec.children'
  | 'spec.members';

const DEFAULT_KIND: Record<RefField, string> = {
  'spec.owner': 'group',
  'spec.system': 'system',
  'spec.domain': 'domain',
  'spec.dependsOn': 'component',
  'spec.providesApis': 'api',
  'spec.consumesApis': 'api',
  'spec.memberOf': 'group',
  'spec.parent': 'group',
  'spec.children': 'group',
  'spec.members': 'user',
};

/** Kinds a field may point at; anything else is reported. */
const ALLOWED_KINDS: Record<RefField, string[]> = {
  'spec.owner': ['group', 'user'],
  'spec.system': ['system'],
  'spec.domain': ['domain'],
  'spec.dependsOn': ['component', 'resource'],
  'spec.providesApis': ['api'],
  'spec.consumesApis': ['api'],
  'spec.memberOf': ['group'],
  'spec.parent': ['group'],
  'spec.children': ['group'],
  'spec.members': ['user'],
};

/** Which kinds read which reference fields. */
const FIELDS_BY_KIND: Record<string, RefField[]> = {
  component: [
    'spec.owner',
    'spec.system',
    'spec.domain',
    'spec.dependsOn',
    'spec.providesApis',
    'spec.consumesApis',
  ],
  api: ['spec.owner', 'spec.system', 'spec.domain'],
  resource: ['spec.owner', 'spec.system', 'spec.domain', 'spec.dependsOn'],
  system: ['spec.owner', 'spec.domain'],
  domain: ['spec.owner'],
  group: ['spec.parent', 'spec.children', 'spec.members'],
  user: ['spec.memberOf'],
};

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Identity of every entity, so that references can tell dangling refs from good ones. */
function* readEntities(
  entities: Entity[],
  report: ReportProblem,
): Steps<{ raw: Map<string, Entity>; nodes: Map<string, GraphEntity> }> {
  const raw = new Map<string, Entity>();
  const nodes = new Map<string, GraphEntity>();
  let read = 0;
  for (const entity of entities ?? []) {
    if (++read % ENTITIES_PER_STEP === 0) yield;
    const kindText = readText(entity?.kind);
    const kind = kindText && foldCase(kindText);
    const name = readText(entity?.metadata?.name);
    const namespace = readText(entity?.metadata?.namespace) ?? 'default';
    const ref =
      kind && name ? normaliseRef(`${kind}:${namespace}/${name}`) : undefined;
    if (!kind || !name || !ref) {
      report(
        `${kind ?? 'unknown'}:${namespace}/${name ?? 'unknown'}`,
        kind ? 'metadata.name' : 'kind',
        undefined,
        'This entity has no usable kind and name, so it was left out of the analysis.',
      );
      continue;
    }
    if (nodes.has(ref)) {
      report(
        ref,
        'metadata.name',
        name,
        `${ref} appears more than once in the catalog; only the first copy is used.`,
      );
      continue;
    }
    const spec = asRecord(entity.spec);
    const annotations: Record<string, string> = {};
    for (const [key, value] of Object.entries(
      asRecord(entity.metadata.annotations),
    )) {
      if (typeof value === 'string') {
        annotations[key] = value;
      }
    }
    const displayName = readText(asRecord(spec.profile).displayName);
    const typeText = readText(spec.type);
    raw.set(ref, entity);
    nodes.set(ref, {
      ref,
      kind,
      namespace: foldCase(namespace),
      name: foldCase(name),
      title: readText(entity.metadata.title) ?? displayName ?? name,
      type: typeText && foldCase(typeText),
      childRefs: [],
      memberOfRefs: [],
      memberRefs: [],
      dependsOn: [],
      providesApis: [],
      consumesApis: [],
      annotations,
      userFacing: false,
    });
  }

  return { raw, nodes };
}

/**
 * References. A ref that does not parse, points at the wrong kind or at nothing in the catalog
 * is reported and dropped, so later steps only meet refs that resolve.
 */
function* resolveReferences(
  nodes: Map<string, GraphEntity>,
  raw: Map<string, Entity>,
  report: ReportProblem,
): Steps<void> {
  let read = 0;
  for (const node of nodes.values()) {
    if (++read % ENTITIES_PER_STEP === 0) yield;
    const spec = asRecord(raw.get(node.ref)!.spec);
    const fields = FIELDS_BY_KIND[node.kind] ?? [];
    for (const field of fields) {
      const specKey = field.slice('spec.'.length);
      const value = spec[specKey];
      if (value === undefined || value === null) {
        continue;
      }
      const isList = ![
        'spec.owner',
        'spec.system',
        'spec.domain',
        'spec.parent',
      ].includes(field);
      let values: unknown[];
      if (isList) {
        values = Array.isArray(value) ? value : [value];
      } else {
        values = [value];
      }
      const resolved: string[] = [];
      for (const item of values) {
        const ref = normaliseRef(item, DEFAULT_KIND[field], node.namespace);
        const shown = typeof item === 'string' ? item : JSON.stringify(item);
        if (!ref) {
          report(
            node.ref,
            field,
            shown,
            `${field} value ${shown} is not an entity reference.`,
          );
          continue;
        }
        if (!ALLOWED_KINDS[field].includes(kindOfRef(ref))) {
          report(
            node.ref,
            field,
            shown,
            `${field} points at ${ref}, but only ${ALLOWED_KINDS[field].join(
              ' or ',
            )} entities are understood there.`,
          );
          continue;
        }
        if (!nodes.has(ref)) {
          report(
            node.ref,
            field,
            shown,
            `${field} refers to ${ref}, which is not in the catalog.`,
          );
          continue;
        }
        if (!resolved.includes(ref)) {
          resolved.push(ref);
        }
      }
      switch (field) {
        case 'spec.owner':
          node.ownerRef = resolved[0];
          break;
        case 'spec.system':
          node.systemRef = resolved[0];
          break;
        case 'spec.domain':
          node.domainRef = resolved[0];
          break;
        case 'spec.parent':
          node.parentRef = resolved[0];
          break;
        case 'spec.dependsOn':
          node.dependsOn = resolved.sort();
          break;
        case 'spec.providesApis':
          node.providesApis = resolved.sort();
          break;
        case 'spec.consumesApis':
          node.consumesApis = resolved.sort();
          break;
        case 'spec.memberOf':
          node.memberOfRefs = resolved.sort();
          break;
        case 'spec.children':
          node.childRefs = resolved.sort();
          break;
        case 'spec.members':
          node.memberRefs = resolved.sort();
          break;
        default:
          break;
      }
    }
  }
}

/**
 * Dependency edges with their default impact, and the providers of every API. `nodes` are in ref
 * order, so the edges come out sorted (`compareEdges`): consumer by consumer, each one's own few
 * sorted (sorting all of them at once was the longest piece of a large graph's build).
 */
function* defaultEdges(nodes: Map<string, GraphEntity>): Steps<{
  edges: ImpactEdge[];
  apiProviders: Map<string, string[]>;
}> {
  const apiProviders = new Map<string, string[]>();
  for (const node of nodes.values()) {
    if (node.kind !== 'component') continue;
    for (const api of node.providesApis) {
      push(apiProviders, api, node.ref);
    }
  }
  const edges: ImpactEdge[] = [];
  let read = 0;
  for (const node of nodes.values()) {
    if (++read % ENTITIES_PER_STEP === 0) yield;
    if (node.kind !== 'component' && node.kind !== 'resource') continue;
    const own: ImpactEdge[] = [];
    for (const provider of node.dependsOn) {
      if (provider === node.ref) continue; // depending on yourself adds nothing
      own.push({
        consumer: node.ref,
        provider,
        impact: 'blocked',
        via: 'dependsOn',
        overridden: false,
      });
    }
    if (node.kind === 'component') {
      for (const api of node.consumesApis) {
        const apiType = nodes.get(api)?.type;
        const impact: ImpactLevel =
          apiType && EVENT_API_TYPES.has(apiType) ? 'none' : 'blocked';
        for (const provider of apiProviders.get(api) ?? []) {
          if (provider === node.ref) continue;
          own.push({
            consumer: node.ref,
            provider,
            impact,
            via: api,
            overridden: false,
          });
        }
      }
    }
    own.sort(compareEdges);
    for (const edge of own) edges.push(edge);
  }

  return { edges, apiProviders };
}

/**
 * `domain-split/dependency-impact` overrides. An entry naming the API is more specific than one
 * naming the provider, so it wins when both match the same edge.
 */
function* applyImpactOverrides(
  nodes: Map<string, GraphEntity>,
  edges: ImpactEdge[],
  overridesByConsumer: Map<string, ImpactOverride[]>,
  report: ReportProblem,
): Steps<void> {
  const edgesOfConsumer = new Map<string, ImpactEdge[]>();
  for (const edge of edges) {
    if (overridesByConsumer.has(edge.consumer)) {
      push(edgesOfConsumer, edge.consumer, edge);
    }
  }
  let read = 0;
  for (const [consumer, overrides] of overridesByConsumer) {
    if (++read % ENTITIES_PER_STEP === 0) yield;
    const annotationValue =
      nodes.get(consumer)!.annotations[ANNOTATION_DEPENDENCY_IMPACT];
    const ownEdges = edgesOfConsumer.get(consumer) ?? [];
    const used = new Set<ImpactOverride>();
    for (const edge of ownEdges) {
      const provider = nodes.get(edge.provider)!;
      const api = edge.via === 'dependsOn' ? undefined : nodes.get(edge.via);
      const byApi = api
        ? overrides.find(o => keyNames(o.key, api, 'api'))
        : undefined;
      const byProvider = overrides.find(o =>
        keyNames(o.key, provider, 'component'),
      );
      const chosen = byApi ?? byProvider;
      if (byApi) used.add(byApi);
      if (byProvider) used.add(byProvider);
      if (chosen) {
        edge.impact = chosen.level;
        edge.overridden = true;
      }
    }
    for (const override of overrides) {
      if (!used.has(override)) {
        report(
          consumer,
          ANNOTATION_DEPENDENCY_IMPACT,
          annotationValue,
          `"${override.raw}" names ${override.key}, which is not a provider or API this entity depends on; the entry is ignored.`,
        );
      }
    }
  }
}

/**
 * Builds the dependency graph from catalog entities (raw YAML or catalog responses).
 * Never throws on bad data: every bad annotation value and dangling reference becomes an
 * {@link AnnotationProblem}, and the offending value is left out of the graph.
 * @public
 */
export function buildCatalogGraph(entities: Entity[]): CatalogGraph {
  return runToCompletion(catalogGraphSteps(entities));
}

/**
 * {@link buildCatalogGraph} in steps: the generator pauses between passes, so a server can
 * build a large catalog's graph in slices and answer other requests in between.
 * @public
 */
export function* catalogGraphSteps(entities: Entity[]): Steps<CatalogGraph> {
  const problems: AnnotationProblem[] = [];
  const report: ReportProblem = (entityRef, annotation, value, message) =>
    problems.push({ entityRef, annotation, value, message });

  const { raw, nodes } = yield* readEntities(entities, report);
  yield* resolveReferences(nodes, raw, report);
  const { ciServiceNames, githubWorkflows, overridesByConsumer } =
    yield* readAnnotations(nodes, report);
  yield;
  const sortedEntities = new Map(
    [...nodes.entries()].sort(([a], [b]) => byString(a, b)),
  );
  yield;
  const { edges, apiProviders } = yield* defaultEdges(sortedEntities);
  yield* applyImpactOverrides(nodes, edges, overridesByConsumer, report);

  const edgesByProvider = new Map<string, ImpactEdge[]>();
  const edgesByConsumer = new Map<string, ImpactEdge[]>();
  const budget = workBudget();
  for (const edge of edges) {
    push(edgesByProvider, edge.provider, edge);
    push(edgesByConsumer, edge.consumer, edge);
    if (budget.spend()) yield;
  }
  for (const providers of apiProviders.values()) providers.sort();
  yield;

  problems.sort(
    (a, b) =>
      byString(a.entityRef, b.entityRef) ||
      byString(a.annotation, b.annotation) ||
      byString(a.value ?? '', b.value ?? '') ||
      byString(a.message, b.message),
  );
  yield;
  const index = yield* graphIndexSteps(
    sortedEntities,
    edgesByProvider,
    edgesByConsumer,
  );
  return {
    entities: sortedEntities,
    edges,
    edgesByProvider,
    edgesByConsumer,
    apiProviders,
    ciServiceNames,
    githubWorkflows,
    annotationProblems: problems,
    index,
  };
}
