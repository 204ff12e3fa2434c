import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { graphIndex } from './graphIndex';
import { parseImpactLevel } from './impact';
import {
  ANNOTATION_CI_SERVICE_NAME,
  ANNOTATION_DECLARED_IMPACT,
  ANNOTATION_DEPENDENCY_IMPACT,
  ANNOTATION_ORG_ROLE,
  ANNOTATION_SHARED_LIBRARY,
  ANNOTATION_TARGET_DATE,
  ANNOTATION_TARGET_PHASE,
  ANNOTATION_USER_FACING,
  AnnotationProblem,
  ImpactEdge,
  ImpactLevel,
  MigrationPhase,
} from './types';

/**
 * The entity fields {@link buildCatalogGraph} reads; pass them as `fields` to the catalog's
 * `queryEntities` so large catalogs page cheaply. Only spec fields are read (not `relations`),
 * so raw catalog-info YAML and catalog entities give the same graph.
 * @public
 */
export const CATALOG_FIELDS: string[] = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.dependsOn',
  'spec.providesApis',
  'spec.consumesApis',
  'spec.memberOf',
  'spec.parent',
  'spec.children',
  'spec.members',
  'spec.profile.displayName',
];

/**
 * One catalog entity as the analysis sees it: references normalised to full lower-case refs,
 * our annotations already parsed (bad values are in {@link CatalogGraph.annotationProblems}).
 * @public
 */
export interface GraphEntity {
  ref: string;
  /** Lower-case kind: `component`, `api`, `resource`, `system`, `domain`, `group`, `user`, … */
  kind: string;
  namespace: string;
  name: string;
  /** `metadata.title`, else the user's display name, else `metadata.name`. */
  title: string;
  /** `spec.type`, lower-case. */
  type?: string;
  ownerRef?: string;
  systemRef?: string;
  /** `spec.domain` as written on the entity (see {@link domainOf} for the effective domain). */
  domainRef?: string;
  /** Group `spec.parent`. */
  parentRef?: string;
  /** Group `spec.children`. */
  childRefs: string[];
  memberOfRefs: string[];
  /** Group `spec.members`. */
  memberRefs: string[];
  /** Components and Resources this entity depends on. */
  dependsOn: string[];
  providesApis: string[];
  consumesApis: string[];
  annotations: Record<string, string>;
  /** Component annotated `domain-split/user-facing: "true"`. */
  userFacing: boolean;
  /** Domain `domain-split/declared-impact`. */
  declaredImpact?: ImpactLevel;
  /** Domain `domain-split/target-phase`. */
  targetPhase?: MigrationPhase;
  /** Domain `domain-split/target-date` (YYYY-MM-DD). */
  targetDate?: string;
  /** User/Group `domain-split/org-role`. */
  orgRole?: string;
  /** Component `domain-split/shared-library`. */
  sharedLibrary?: 'contract' | 'platform';
}

/**
 * The catalog as a dependency graph. Edges run consumer → provider between Components and
 * Resources; each carries the impact a failing provider has on its consumer.
 * @public
 */
export interface CatalogGraph {
  /** Every entity by ref, in ref order. */
  entities: Map<string, GraphEntity>;
  /** All dependency edges, consumer → provider, sorted. */
  edges: ImpactEdge[];
  /** provider ref → the edges of its consumers. */
  edgesByProvider: Map<string, ImpactEdge[]>;
  /** consumer ref → the edges to its providers. */
  edgesByConsumer: Map<string, ImpactEdge[]>;
  /** API ref → the Components that provide it. */
  apiProviders: Map<string, string[]>;
  /** Lower-case CI service name from `domain-split/ci-service-name` → Component ref. */
  ciServiceNames: Map<string, string>;
  annotationProblems: AnnotationProblem[];
}

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

/**
 * Normalises an entity reference: full, lower-case `kind:namespace/name`.
 * Returns undefined when the text is not a reference at all.
 */
export function normaliseRef(
  raw: unknown,
  defaultKind?: string,
  defaultNamespace = 'default',
): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return undefined;
  }
  try {
    const parsed = parseEntityRef(raw.trim(), {
      defaultKind,
      defaultNamespace,
    });
    return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** The kind part of a normalised ref. */
export function kindOfRef(ref: string): string {
  return ref.slice(0, ref.indexOf(':'));
}

/** The name part of a normalised ref. */
export function nameOfRef(ref: string): string {
  return ref.slice(ref.indexOf('/') + 1);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function byString(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Sorts edges by consumer, provider, then via, so every output built from them is stable. */
export function compareEdges(a: ImpactEdge, b: ImpactEdge): number {
  return (
    byString(a.consumer, b.consumer) ||
    byString(a.provider, b.provider) ||
    byString(a.via, b.via)
  );
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/** One `key=level` entry of a `domain-split/dependency-impact` annotation. */
interface ImpactOverride {
  key: string;
  level: ImpactLevel;
  raw: string;
}

/**
 * Builds the dependency graph from catalog entities (raw YAML or catalog responses).
 * Never throws on bad data: every bad annotation value and dangling reference becomes an
 * {@link AnnotationProblem}, and the offending value is left out of the graph.
 * @public
 */
export function buildCatalogGraph(entities: Entity[]): CatalogGraph {
  const problems: AnnotationProblem[] = [];
  const report = (
    entityRef: string,
    annotation: string,
    value: string | undefined,
    message: string,
  ) => problems.push({ entityRef, annotation, value, message });

  // Pass 1: identity of every entity, so pass 2 can tell dangling refs from good ones.
  const raw = new Map<string, Entity>();
  const nodes = new Map<string, GraphEntity>();
  for (const entity of entities ?? []) {
    const kind = readText(entity?.kind)?.toLocaleLowerCase('en-US');
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
    raw.set(ref, entity);
    nodes.set(ref, {
      ref,
      kind,
      namespace: namespace.toLocaleLowerCase('en-US'),
      name: name.toLocaleLowerCase('en-US'),
      title: readText(entity.metadata.title) ?? displayName ?? name,
      type: readText(spec.type)?.toLocaleLowerCase('en-US'),
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

  // Pass 2: references. A ref that does not parse, points at the wrong kind or at nothing in
  // the catalog is reported and dropped, so later steps only meet refs that resolve.
  for (const node of nodes.values()) {
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

  // Pass 3: our annotations.
  const ciServiceNames = new Map<string, string>();
  const overridesByConsumer = new Map<string, ImpactOverride[]>();
  for (const node of nodes.values()) {
    const { annotations } = node;
    const expectOn = (annotation: string, kinds: string[]) => {
      if (annotations[annotation] === undefined || kinds.includes(node.kind)) {
        return true;
      }
      report(
        node.ref,
        annotation,
        annotations[annotation],
        `${annotation} is only read on ${kinds.join(
          '/',
        )} entities; it has no effect on a ${node.kind}.`,
      );
      return false;
    };

    const userFacing = annotations[ANNOTATION_USER_FACING];
    if (
      userFacing !== undefined &&
      expectOn(ANNOTATION_USER_FACING, ['component'])
    ) {
      const normalised = userFacing.trim().toLocaleLowerCase('en-US');
      if (normalised === 'true' || normalised === 'false') {
        node.userFacing = normalised === 'true';
      } else {
        report(
          node.ref,
          ANNOTATION_USER_FACING,
          userFacing,
          `${ANNOTATION_USER_FACING} must be "true" or "false".`,
        );
      }
    }

    const declared = annotations[ANNOTATION_DECLARED_IMPACT];
    if (
      declared !== undefined &&
      expectOn(ANNOTATION_DECLARED_IMPACT, ['domain'])
    ) {
      node.declaredImpact = parseImpactLevel(declared);
      if (!node.declaredImpact) {
        report(
          node.ref,
          ANNOTATION_DECLARED_IMPACT,
          declared,
          `${ANNOTATION_DECLARED_IMPACT} "${declared}" is not an impact level (none, degraded, waits, blocked).`,
        );
      }
    }

    const targetPhase = annotations[ANNOTATION_TARGET_PHASE];
    if (
      targetPhase !== undefined &&
      expectOn(ANNOTATION_TARGET_PHASE, ['domain'])
    ) {
      const trimmed = targetPhase.trim();
      if (/^[0-3]$/.test(trimmed)) {
        node.targetPhase = Number(trimmed) as MigrationPhase;
      } else {
        report(
          node.ref,
          ANNOTATION_TARGET_PHASE,
          targetPhase,
          `${ANNOTATION_TARGET_PHASE} must be a phase number from 0 to 3.`,
        );
      }
    }

    const targetDate = annotations[ANNOTATION_TARGET_DATE];
    if (
      targetDate !== undefined &&
      expectOn(ANNOTATION_TARGET_DATE, ['domain'])
    ) {
      const trimmed = targetDate.trim();
      if (isCalendarDate(trimmed)) {
        node.targetDate = trimmed;
      } else {
        report(
          node.ref,
          ANNOTATION_TARGET_DATE,
          targetDate,
          `${ANNOTATION_TARGET_DATE} must be a date written YYYY-MM-DD.`,
        );
      }
    }

    const orgRole = annotations[ANNOTATION_ORG_ROLE];
    if (
      orgRole !== undefined &&
      expectOn(ANNOTATION_ORG_ROLE, ['user', 'group'])
    ) {
      node.orgRole = readText(orgRole);
    }

    const sharedLibrary = annotations[ANNOTATION_SHARED_LIBRARY];
    if (
      sharedLibrary !== undefined &&
      expectOn(ANNOTATION_SHARED_LIBRARY, ['component'])
    ) {
      const normalised = sharedLibrary.trim().toLocaleLowerCase('en-US');
      if (normalised === 'contract' || normalised === 'platform') {
        node.sharedLibrary = normalised;
      } else {
        report(
          node.ref,
          ANNOTATION_SHARED_LIBRARY,
          sharedLibrary,
          `${ANNOTATION_SHARED_LIBRARY} must be "contract" or "platform".`,
        );
      }
    }

    const ciName = annotations[ANNOTATION_CI_SERVICE_NAME];
    if (
      ciName !== undefined &&
      expectOn(ANNOTATION_CI_SERVICE_NAME, ['component'])
    ) {
      const key = ciName.trim().toLocaleLowerCase('en-US');
      const taken = ciServiceNames.get(key);
      if (!key) {
        report(
          node.ref,
          ANNOTATION_CI_SERVICE_NAME,
          ciName,
          `${ANNOTATION_CI_SERVICE_NAME} is empty.`,
        );
      } else if (taken) {
        report(
          node.ref,
          ANNOTATION_CI_SERVICE_NAME,
          ciName,
          `CI service name "${key}" is already claimed by ${taken}; CI events for it match ${taken}.`,
        );
      } else {
        ciServiceNames.set(key, node.ref);
      }
    }

    const dependencyImpact = annotations[ANNOTATION_DEPENDENCY_IMPACT];
    if (
      dependencyImpact !== undefined &&
      expectOn(ANNOTATION_DEPENDENCY_IMPACT, ['component', 'resource'])
    ) {
      overridesByConsumer.set(
        node.ref,
        parseDependencyImpact(dependencyImpact, message =>
          report(
            node.ref,
            ANNOTATION_DEPENDENCY_IMPACT,
            dependencyImpact,
            message,
          ),
        ),
      );
    }
  }

  // Pass 4: dependency edges with their default impact.
  const apiProviders = new Map<string, string[]>();
  for (const node of nodes.values()) {
    if (node.kind !== 'component') continue;
    for (const api of node.providesApis) {
      pushTo(apiProviders, api, node.ref);
    }
  }
  const edges: ImpactEdge[] = [];
  for (const node of nodes.values()) {
    if (node.kind !== 'component' && node.kind !== 'resource') continue;
    for (const provider of node.dependsOn) {
      if (provider === node.ref) continue; // depending on yourself adds nothing
      edges.push({
        consumer: node.ref,
        provider,
        impact: 'blocked',
        via: 'dependsOn',
        overridden: false,
      });
    }
    if (node.kind !== 'component') continue;
    for (const api of node.consumesApis) {
      const apiType = nodes.get(api)?.type;
      const impact: ImpactLevel =
        apiType && EVENT_API_TYPES.has(apiType) ? 'none' : 'blocked';
      for (const provider of apiProviders.get(api) ?? []) {
        if (provider === node.ref) continue;
        edges.push({
          consumer: node.ref,
          provider,
          impact,
          via: api,
          overridden: false,
        });
      }
    }
  }

  // Pass 5: overrides. An entry naming the API is more specific than one naming the provider,
  // so it wins when both match the same edge.
  for (const [consumer, overrides] of overridesByConsumer) {
    const annotationValue =
      nodes.get(consumer)!.annotations[ANNOTATION_DEPENDENCY_IMPACT];
    const ownEdges = edges.filter(edge => edge.consumer === consumer);
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

  edges.sort(compareEdges);
  const edgesByProvider = new Map<string, ImpactEdge[]>();
  const edgesByConsumer = new Map<string, ImpactEdge[]>();
  for (const edge of edges) {
    pushTo(edgesByProvider, edge.provider, edge);
    pushTo(edgesByConsumer, edge.consumer, edge);
  }
  for (const providers of apiProviders.values()) providers.sort();

  const sortedEntities = new Map(
    [...nodes.entries()].sort(([a], [b]) => byString(a, b)),
  );
  problems.sort(
    (a, b) =>
      byString(a.entityRef, b.entityRef) ||
      byString(a.annotation, b.annotation) ||
      byString(a.value ?? '', b.value ?? '') ||
      byString(a.message, b.message),
  );
  return {
    entities: sortedEntities,
    edges,
    edgesByProvider,
    edgesByConsumer,
    apiProviders,
    ciServiceNames,
    annotationProblems: problems,
  };
}

/** Whether an override key names this entity: by name or by (possibly partial) reference. */
function keyNames(
  key: string,
  entity: GraphEntity,
  defaultKind: string,
): boolean {
  if (key === entity.name || key === entity.ref) {
    return true;
  }
  return (
    (key.includes(':') || key.includes('/')) &&
    normaliseRef(key, defaultKind, entity.namespace) === entity.ref
  );
}

/** Parses `payments-service=waits, search-readmodels=degraded`; bad entries are reported and skipped. */
function parseDependencyImpact(
  value: string,
  report: (message: string) => void,
): ImpactOverride[] {
  const overrides: ImpactOverride[] = [];
  for (const entry of value.split(/[,;\n]/)) {
    const raw = entry.trim();
    if (!raw) continue;
    const match = /^([^=]+)=([^=]+)$/.exec(raw);
    if (!match || !match[1].trim() || !match[2].trim()) {
      report(
        `"${raw}" is not of the form provider=level; the entry is ignored.`,
      );
      continue;
    }
    const key = match[1].trim().toLocaleLowerCase('en-US');
    const level = parseImpactLevel(match[2]);
    if (!level) {
      report(
        `"${raw}": ${match[2].trim()} is not an impact level (none, degraded, waits, blocked); the entry is ignored.`,
      );
      continue;
    }
    overrides.push({ key, level, raw });
  }
  return overrides;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * The catalog Component a CI service name belongs to: `component:default/<lower-cased name>`,
 * else the Component that claims the name through `domain-split/ci-service-name`.
 * @public
 */
export function matchServiceToEntity(
  graph: CatalogGraph,
  service: string,
): string | undefined {
  const key = readText(service)?.toLocaleLowerCase('en-US');
  if (!key) {
    return undefined;
  }
  // The entity name wins over an annotation, as in the release flags' service index.
  const direct = `component:default/${key}`;
  const ref = graph.entities.has(direct) ? direct : normaliseRef(direct);
  if (ref && graph.entities.has(ref)) {
    return ref;
  }
  return graph.ciServiceNames.get(key);
}

/**
 * The Domain a Component, API, Resource or System belongs to: its own `spec.domain`, else the
 * `spec.domain` of its `spec.system`. Only Domains present in the catalog are returned.
 * @public
 */
export function domainOf(
  graph: CatalogGraph,
  entityRef: string,
): string | undefined {
  // Refs taken from the graph are already normalised: skip parsing them again.
  const ref = graph.entities.has(entityRef)
    ? entityRef
    : normaliseRef(entityRef);
  return ref ? graphIndex(graph).domainByRef.get(ref) : undefined;
}

/** Entities of one kind, in ref order. */
export function entitiesOfKind(
  graph: CatalogGraph,
  kind: string,
): GraphEntity[] {
  return [...(graphIndex(graph).byKind.get(kind) ?? [])];
}

/** The Components and Resources of a domain, in ref order. */
export function membersOfDomain(
  graph: CatalogGraph,
  domainRef: string,
): GraphEntity[] {
  return [...(graphIndex(graph).membersByDomain.get(domainRef) ?? [])];
}

/** The Components whose `spec.dependsOn` names `ref`, in ref order. */
export function componentsDependingOn(
  graph: CatalogGraph,
  ref: string,
): GraphEntity[] {
  return [...(graphIndex(graph).componentDependents.get(ref) ?? [])];
}

/** The title of a ref, falling back to the ref itself for things not in the catalog. */
export function titleOf(graph: CatalogGraph, ref: string): string {
  return graph.entities.get(ref)?.title ?? ref;
}

export { byString };
