/*
 * Test-only builders for small hand-made catalogs and CI evidence. Not exported from the
 * package: production code never imports this file.
 */
import { Entity } from '@backstage/catalog-model';
import { CurrentRelease, DeploymentRecord, TestRunRecord } from '../types';

type Spec = Record<string, unknown>;
type Annotations = Record<string, string>;

/** Any entity: `entity('Component', 'orders-service', { owner: 'orders-team' })`. */
export function entity(
  kind: string,
  name: string,
  spec: Spec = {},
  annotations: Annotations = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
    spec: spec as Entity['spec'],
  };
}

/** A service Component. */
export const component = (
  name: string,
  spec: Spec = {},
  annotations: Annotations = {},
) =>
  entity(
    'Component',
    name,
    { type: 'service', lifecycle: 'production', ...spec },
    annotations,
  );

/** A library Component. */
export const library = (
  name: string,
  spec: Spec = {},
  annotations: Annotations = {},
) =>
  entity(
    'Component',
    name,
    { type: 'library', lifecycle: 'production', ...spec },
    annotations,
  );

export const api = (name: string, type: string, spec: Spec = {}) =>
  entity('API', name, {
    type,
    lifecycle: 'production',
    definition: '-',
    ...spec,
  });

export const resource = (name: string, type: string, spec: Spec = {}) =>
  entity('Resource', name, { type, ...spec });

export const domain = (
  name: string,
  spec: Spec = {},
  annotations: Annotations = {},
) => entity('Domain', name, spec, annotations);

export const system = (name: string, spec: Spec = {}) =>
  entity('System', name, spec);

export const team = (name: string, spec: Spec = {}) =>
  entity('Group', name, { type: 'team', children: [], ...spec });

export const user = (
  name: string,
  spec: Spec = {},
  annotations: Annotations = {},
) => entity('User', name, spec, annotations);

/** A copy of `entities` with `change` applied to the entity named `name` (catalog edits in tests). */
export function editedCopy(
  entities: Entity[],
  name: string,
  change: (entity: Entity) => void,
): Entity[] {
  const copy = structuredClone(entities);
  const edited = copy.find(e => e.metadata.name === name);
  if (!edited) throw new Error(`no ${name} in the catalog`);
  change(edited);
  return copy;
}

/** Sets one annotation of an entity. */
export function annotate(target: Entity, key: string, value: string) {
  target.metadata.annotations = {
    ...target.metadata.annotations,
    [key]: value,
  };
}

/** An entity's spec, to edit in tests. */
export const specOf = (target: Entity) =>
  target.spec as Record<string, unknown>;

let eventCounter = 0;

/** A successful deployment; override any field. */
export function deployment(
  service: string,
  version: string,
  occurredAt: string,
  fields: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  eventCounter += 1;
  return {
    eventId: `deploy-${eventCounter}`,
    service,
    version,
    environment: 'production',
    status: 'success',
    rollback: false,
    occurredAt,
    ...fields,
  };
}

/** A test run; passing by default. */
export function testRun(
  service: string,
  version: string,
  suite: TestRunRecord['suite'],
  occurredAt: string,
  fields: Partial<TestRunRecord> = {},
): TestRunRecord {
  eventCounter += 1;
  return {
    eventId: `test-${eventCounter}`,
    service,
    version,
    suite,
    result: 'passed',
    occurredAt,
    ...fields,
  };
}

export const noEvidence = { deployments: [], testRuns: [] };

/** A service's current release in one environment: successful, unflagged, by default. */
export function currentRelease(
  service: string,
  environment: string,
  more: Partial<CurrentRelease> = {},
): CurrentRelease {
  return {
    service,
    entityRef: `component:default/${service}`,
    environment,
    version: '1.0.0',
    status: 'success',
    deployedAt: '2026-11-27T10:00:00Z',
    rollback: false,
    withoutContractTests: false,
    lockstepWith: [],
    ...more,
  };
}
