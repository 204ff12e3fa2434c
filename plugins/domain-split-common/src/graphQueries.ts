/*
 * Questions the analysis asks of a catalog graph, answered from its index.
 */
import type { CatalogGraph, GraphEntity } from './graphModel';
import { githubWorkflowKey } from './graphAnnotations';
import { foldCase, normaliseRef, readText } from './refs';

/**
 * The catalog Component a CI service name belongs to: `component:default/<lower-cased name>`,
 * else the Component that claims the name through `domain-split/ci-service-name`.
 * @public
 */
export function matchServiceToEntity(
  graph: CatalogGraph,
  service: string,
): string | undefined {
  const text = readText(service);
  const key = text && foldCase(text);
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
  return ref ? graph.index.domainByRef.get(ref) : undefined;
}

/**
 * Entities of one kind, in ref order.
 * @public
 */
export function entitiesOfKind(
  graph: CatalogGraph,
  kind: string,
): GraphEntity[] {
  return [...(graph.index.byKind.get(kind) ?? [])];
}

/** The Components and Resources of a domain, in ref order. */
export function membersOfDomain(
  graph: CatalogGraph,
  domainRef: string,
): GraphEntity[] {
  return [...(graph.index.membersByDomain.get(domainRef) ?? [])];
}

/** The Components whose `spec.dependsOn` names `ref`, in ref order. */
export function componentsDependingOn(
  graph: CatalogGraph,
  ref: string,
): GraphEntity[] {
  return [...(graph.index.componentDependents.get(ref) ?? [])];
}

/** The title of a ref, falling back to the ref itself for things not in the catalog. */
export function titleOf(graph: CatalogGraph, ref: string): string {
  return graph.entities.get(ref)?.title ?? ref;
}

/**
 * The Component that claims a GitHub workflow (`<owner>/<repo>:<path>`) with
 * `domain-split/github-workflow`: an exact claim first, then a claim of the path alone.
 * @public
 */
export function matchWorkflowToEntity(
  graph: CatalogGraph,
  workflow: string,
): string | undefined {
  const key = githubWorkflowKey(workflow);
  return (
    graph.githubWorkflows.get(key) ??
    graph.githubWorkflows.get(key.slice(key.indexOf(':')))
  );
}
