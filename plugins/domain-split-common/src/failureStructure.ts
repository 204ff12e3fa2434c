import type { CatalogGraph } from './graphModel';
import { normaliseRef } from './refs';

/**
 * Whether two catalog graphs give the same failure-isolation matrix rows, at either level: they
 * have the same dependency edges (ends, impact, how declared, overridden), the same Components
 * and Resources in ref order with the same effective domain (and, for Components, whether
 * user-facing), and the same Domains with the same declared impact. These are all the rows read
 * (see `failureMatrixSteps`); titles, owners, other annotations and other kinds may differ. A
 * catalog edit that changes none of them (a title, a description, a team's members) leaves
 * every row as it was, so a server can keep the rows and only title them again.
 * @public
 */
export function sameFailureStructure(
  a: CatalogGraph,
  b: CatalogGraph,
): boolean {
  if (a === b) return true;
  if (a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i];
    const y = b.edges[i];
    if (
      x.consumer !== y.consumer ||
      x.provider !== y.provider ||
      x.impact !== y.impact ||
      x.via !== y.via ||
      x.overridden !== y.overridden
    ) {
      return false;
    }
  }
  return (
    sameMembersOfKind(a, b, 'component') &&
    sameMembersOfKind(a, b, 'resource') &&
    sameDomains(a, b)
  );
}

/** The same refs of a kind in the same order, each with the same effective domain and flag. */
function sameMembersOfKind(a: CatalogGraph, b: CatalogGraph, kind: string) {
  const ofA = a.index.byKind.get(kind) ?? [];
  const ofB = b.index.byKind.get(kind) ?? [];
  if (ofA.length !== ofB.length) return false;
  for (let i = 0; i < ofA.length; i++) {
    const ref = ofA[i].ref;
    if (
      ref !== ofB[i].ref ||
      ofA[i].userFacing !== ofB[i].userFacing ||
      a.index.domainByRef.get(ref) !== b.index.domainByRef.get(ref)
    ) {
      return false;
    }
  }
  return true;
}

function sameDomains(a: CatalogGraph, b: CatalogGraph) {
  const ofA = a.index.byKind.get('domain') ?? [];
  const ofB = b.index.byKind.get('domain') ?? [];
  if (ofA.length !== ofB.length) return false;
  return ofA.every(
    (domain, i) =>
      domain.ref === ofB[i].ref &&
      domain.declaredImpact === ofB[i].declaredImpact,
  );
}

/**
 * Whether the blast radius of `entityRef` (`computeBlastRadius`, with or without paths) reads
 * nothing but the failure structure, so that it is the same in every graph that
 * {@link sameFailureStructure} finds to agree with this one: true for a Component, a Resource
 * and a Domain (what fails is the entity itself, or the Domain's Components and Resources by
 * their effective domain). Not for an API (its providers are read even when nobody consumes
 * it), a System (its members) or a Group or User (what it owns): edits that keep the structure
 * may change what those take down.
 * @public
 */
export function blastRadiusFollowsFailureStructure(
  graph: CatalogGraph,
  entityRef: string,
): boolean {
  const ref = normaliseRef(entityRef);
  const kind = ref ? graph.entities.get(ref)?.kind : undefined;
  return kind === 'component' || kind === 'resource' || kind === 'domain';
}
