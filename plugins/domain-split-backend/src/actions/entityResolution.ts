import { InputError, NotFoundError } from '@backstage/errors';
import {
  AnalysisRedactor,
  CatalogGraph,
  describeHiddenEntities,
  HIDDEN_REF_PREFIX,
  ImpactEdge,
  serviceCatalogIndex,
  foldCase,
} from '@internal/plugin-domain-split-common';
import { parseRefParam } from '../service/refParam';

/** When a bare name matches several kinds, the first of these wins. */
const KIND_PREFERENCE = [
  'domain',
  'component',
  'group',
  'system',
  'api',
  'resource',
  'user',
];

/**
 * Finds the entity an agent means: a full ref (`component:default/payments-service`), a
 * `kind:name`, a bare name (a Domain first, then a Component, a Group, …) or a CI service name.
 * Entities the caller may not see are answered like entities that do not exist.
 * @internal
 */
export function resolveEntity(
  graph: CatalogGraph,
  redactor: AnalysisRedactor,
  input: string,
  kinds?: string[],
): string {
  const text = input.trim();
  if (!text) {
    throw new InputError(
      'Name an entity, e.g. "payments" or "component:default/payments-service"',
    );
  }
  const visible = (ref: string) =>
    graph.entities.has(ref) &&
    !redactor.isHidden(ref) &&
    (!kinds || kinds.includes(graph.entities.get(ref)!.kind));
  const candidates: string[] = [];
  if (text.includes(':')) {
    candidates.push(parseRefParam(text, 'entity'));
  } else {
    const name = foldCase(text);
    for (const kind of kinds ?? KIND_PREFERENCE) {
      candidates.push(`${kind}:default/${name}`);
    }
    const match = serviceCatalogIndex(graph).match(name);
    if (match) candidates.push(match.entityRef);
  }
  const found = candidates.find(visible);
  if (!found) {
    throw new NotFoundError(
      `No ${kinds ? kinds.join(' or ') : 'entity'} "${text}" in the catalog. ` +
        'Use a full reference such as component:default/payments-service or domain:default/payments.',
    );
  }
  return found;
}

/**
 * The title of a ref for an answer: the entity's title, or the words for a placeholder.
 * @internal
 */
export function titleOf(graph: CatalogGraph, ref: string): string {
  if (ref.startsWith(HIDDEN_REF_PREFIX)) {
    return describeHiddenEntities(Number(ref.slice(HIDDEN_REF_PREFIX.length)));
  }
  if (ref === 'users') return 'users';
  return graph.entities.get(ref)?.title ?? ref;
}

/**
 * An explaining path in one sentence, from the failing entity to the affected one:
 * "Orders service uses Payments API of Payments service: waits (declared by …)".
 * @internal
 */
export function explainPath(graph: CatalogGraph, path: ImpactEdge[]): string {
  if (path.length === 0) return 'not reached by any dependency';
  return path
    .map(edge => {
      const consumer = titleOf(graph, edge.consumer);
      const provider = titleOf(graph, edge.provider);
      const how =
        edge.via === 'dependsOn'
          ? `${consumer} depends on ${provider}`
          : `${consumer} uses ${titleOf(graph, edge.via)} of ${provider}`;
      return `${how}: ${edge.impact}${
        edge.overridden ? ' (declared by domain-split/dependency-impact)' : ''
      }`;
    })
    .join('; ');
}
