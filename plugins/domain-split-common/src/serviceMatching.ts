import type { CatalogGraph } from './graphModel';

/**
 * Whether two catalog graphs match every CI record and CI service name to the same entity and
 * domain (`serviceCatalogIndex`: `match`, `matchRecord`, `ciNamesOf`, `workflowsOf`): the same
 * entity refs, the same CI service names and GitHub workflows claimed by the same entities, the
 * same domain of each entity. Titles, owners, descriptions, dependencies and other annotations
 * may differ. Evidence matched with one graph then reads the same against the other
 * (`EvidenceContext.withServices`), so a server need not match tens of thousands of records
 * again after a catalog edit that changes none of these. A field the matching starts to read
 * must be added here and to its test.
 * @public
 */
export function sameServiceMatching(a: CatalogGraph, b: CatalogGraph): boolean {
  if (a === b) return true;
  return (
    sameKeys(a.entities, b.entities) &&
    sameEntries(a.ciServiceNames, b.ciServiceNames) &&
    sameEntries(a.githubWorkflows, b.githubWorkflows) &&
    sameEntries(a.index.domainByRef, b.index.domainByRef)
  );
}

function sameKeys(a: Map<string, unknown>, b: Map<string, unknown>) {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) {
    if (!b.has(key)) return false;
  }
  return true;
}

function sameEntries(a: Map<string, string>, b: Map<string, string>) {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (b.get(key) !== value) return false;
  }
  return true;
}
