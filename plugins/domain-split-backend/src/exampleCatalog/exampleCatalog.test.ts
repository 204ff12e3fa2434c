/*
 * Keeps the example catalog (catalog-info/) loadable and honest:
 *  1. every entity passes the catalog's own validation (policies + kind validators);
 *  2. no reference dangles (owner, system, domain, parent, children, members, memberOf,
 *     dependsOn, providesApis, consumesApis, subcomponentOf, subdomainOf);
 *  3. every `domain-split/*` annotation has a valid value on a kind that may carry it;
 *  4. every API definition parses and matches its declared contract version.
 * What the catalog is built to show through the analysis (the seed's failure-isolation
 * matrix, the drift, the rule violations) is checked with common's analysis in
 * exampleAnalysis.test.ts; the one self-check below that needs a changed catalog uses it too.
 */
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import {
  ANNOTATION_ADR_LOCATION,
  ANNOTATION_CI_SERVICE_NAME,
  ANNOTATION_DECLARED_IMPACT,
  ANNOTATION_DEPENDENCY_IMPACT,
  ANNOTATION_ORG_ROLE,
  ANNOTATION_PREFIX,
  ANNOTATION_SHARED_LIBRARY,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TARGET_DATE,
  ANNOTATION_TARGET_PHASE,
  ANNOTATION_USER_FACING,
  CatalogGraph,
  IMPACT_LEVELS,
  ImpactLevel,
  buildCatalogGraph,
  computeFailureMatrix,
} from '@internal/plugin-domain-split-common';
import {
  EXAMPLE_CATALOG_FILE,
  LoadedEntity,
  loadCatalogFiles,
  loadExampleCatalog,
} from './loadExampleCatalog';

// The org roles the example's people carry (DESIGN.md).
const ORG_ROLES = [
  'principal-architect',
  'domain-architect',
  'staff-engineer',
  'platform-architect',
  'engineer',
];
const MONOREPO = 'https://github.com/aliexpress-platform/aliexpress-platform/';
const BUSINESS_DOMAINS = [
  'orders',
  'payments',
  'products',
  'inventory',
  'checkout',
  'shipping',
  'coupons',
  'search',
  'notifications',
];

const lower = (text: string) => text.toLocaleLowerCase('en-US');
const refOf = (entity: Entity) => lower(stringifyEntityRef(entity));
const label = ({ entity, file }: LoadedEntity) =>
  `${refOf(entity)} (${path.basename(file)})`;
const annotationsOf = (entity: Entity) => entity.metadata.annotations ?? {};
const specOf = (entity: Entity) =>
  (entity.spec ?? {}) as Record<string, unknown>;
const listOf = (value: unknown): unknown[] => {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
};

// ---------------------------------------------------------------------------------------
// 1. Catalog validation
// ---------------------------------------------------------------------------------------

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const kindValidators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];
// app-config.yaml: catalog.rules
const ALLOWED_KINDS = [
  'Component',
  'System',
  'API',
  'Resource',
  'Location',
  'Domain',
  'Group',
  'User',
];

async function validationProblems(loaded: LoadedEntity[]): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const item of loaded) {
    const name = (() => {
      try {
        return label(item);
      } catch {
        return `${item.entity?.kind}:${
          item.entity?.metadata?.name
        } (${path.basename(item.file)})`;
      }
    })();
    let checked: Entity = structuredClone(item.entity);
    try {
      checked = (await policy.enforce(checked)) ?? checked;
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    let known = false;
    for (const validator of kindValidators) {
      try {
        if (await validator.check(checked)) known = true;
      } catch (error) {
        known = true;
        problems.push(`${name}: ${(error as Error).message}`);
      }
    }
    if (!known) {
      problems.push(
        `${name}: ${checked.apiVersion} ${checked.kind} is not a kind the catalog knows`,
      );
    }
    if (!ALLOWED_KINDS.includes(checked.kind)) {
      problems.push(
        `${name}: kind ${checked.kind} is not allowed by app-config.yaml catalog.rules`,
      );
    }
    const ref = refOf(checked);
    if (seen.has(ref)) {
      problems.push(`${name}: defined twice (also in ${seen.get(ref)})`);
    }
    seen.set(ref, path.basename(item.file));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// 2. References
// ---------------------------------------------------------------------------------------

/** Per kind: the spec fields holding references, the default kind the catalog assumes, and the kinds allowed. */
const REFERENCE_FIELDS: Record<
  string,
  { field: string; defaultKind?: string; kinds: string[] }[]
> = {
  component: [
    { field: 'owner', defaultKind: 'group', kinds: ['group', 'user'] },
    { field: 'system', defaultKind: 'system', kinds: ['system'] },
    { field: 'subcomponentOf', defaultKind: 'component', kinds: ['component'] },
    { field: 'providesApis', defaultKind: 'api', kinds: ['api'] },
    { field: 'consumesApis', defaultKind: 'api', kinds: ['api'] },
    { field: 'dependsOn', kinds: ['component', 'resource'] },
  ],
  api: [
    { field: 'owner', defaultKind: 'group', kinds: ['group', 'user'] },
    { field: 'system', defaultKind: 'system', kinds: ['system'] },
  ],
  resource: [
    { field: 'owner', defaultKind: 'group', kinds: ['group', 'user'] },
    { field: 'system', defaultKind: 'system', kinds: ['system'] },
    { field: 'dependsOn', kinds: ['component', 'resource'] },
  ],
  system: [
    { field: 'owner', defaultKind: 'group', kinds: ['group', 'user'] },
    { field: 'domain', defaultKind: 'domain', kinds: ['domain'] },
  ],
  domain: [
    { field: 'owner', defaultKind: 'group', kinds: ['group', 'user'] },
    { field: 'subdomainOf', defaultKind: 'domain', kinds: ['domain'] },
  ],
  group: [
    { field: 'parent', defaultKind: 'group', kinds: ['group'] },
    { field: 'children', defaultKind: 'group', kinds: ['group'] },
    { field: 'members', defaultKind: 'user', kinds: ['user'] },
  ],
  user: [{ field: 'memberOf', defaultKind: 'group', kinds: ['group'] }],
};

/** Resolves a reference written on `entity` to a full lower-case ref, or explains why not. */
function resolveRef(
  value: unknown,
  entity: Entity,
  defaultKind: string | undefined,
): { ref?: string; error?: string } {
  if (typeof value !== 'string')
    return { error: `${JSON.stringify(value)} is not a string` };
  try {
    const parsed = parseEntityRef(value, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return { ref: lower(stringifyEntityRef(parsed)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function referenceProblems(loaded: LoadedEntity[]): string[] {
  const known = new Set(loaded.map(({ entity }) => refOf(entity)));
  const problems: string[] = [];
  for (const item of loaded) {
    const { entity } = item;
    const spec = specOf(entity);
    for (const { field, defaultKind, kinds } of REFERENCE_FIELDS[
      lower(entity.kind)
    ] ?? []) {
      for (const value of listOf(spec[field])) {
        const { ref, error } = resolveRef(value, entity, defaultKind);
        if (!ref) {
          problems.push(
            `${label(item)}: spec.${field} ${JSON.stringify(value)}: ${error}`,
          );
        } else if (!kinds.includes(parseEntityRef(ref).kind)) {
          problems.push(
            `${label(item)}: spec.${field} ${ref} must be a ${kinds.join(
              ' or ',
            )}`,
          );
        } else if (!known.has(ref)) {
          problems.push(`${label(item)}: spec.${field} ${ref} does not exist`);
        }
      }
    }
  }
  // The group tree is declared from both ends; both must agree.
  const groups = loaded.filter(({ entity }) => entity.kind === 'Group');
  const parentOf = new Map(
    groups.map(({ entity }) => [
      refOf(entity),
      resolveRef(specOf(entity).parent, entity, 'group').ref,
    ]),
  );
  for (const item of groups) {
    for (const child of listOf(specOf(item.entity).children)) {
      const childRef = resolveRef(child, item.entity, 'group').ref;
      if (
        childRef &&
        parentOf.has(childRef) &&
        parentOf.get(childRef) !== refOf(item.entity)
      ) {
        problems.push(
          `${label(
            item,
          )}: lists child ${childRef}, whose spec.parent is ${parentOf.get(
            childRef,
          )}`,
        );
      }
    }
    const parent = parentOf.get(refOf(item.entity));
    const parentEntity = groups.find(
      ({ entity }) => refOf(entity) === parent,
    )?.entity;
    if (
      parentEntity &&
      !listOf(specOf(parentEntity).children).some(
        child =>
          resolveRef(child, parentEntity, 'group').ref === refOf(item.entity),
      )
    ) {
      problems.push(
        `${label(
          item,
        )}: spec.parent ${parent} does not list it in spec.children`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// 3. domain-split/* annotations
// ---------------------------------------------------------------------------------------

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const isImpactLevel = (value: string) =>
  IMPACT_LEVELS.includes(value as ImpactLevel);

/** `payments-service=waits, event-bus=waits` → entries, or the reason it does not parse. */
function parseDependencyImpact(
  value: string,
): { key: string; level: ImpactLevel }[] | string {
  const entries: { key: string; level: ImpactLevel }[] = [];
  for (const raw of value
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*([a-z]+)$/.exec(raw);
    if (!match) return `"${raw}" is not of the form provider=level`;
    if (!isImpactLevel(match[2]))
      return `"${raw}": ${match[2]} is not an impact level`;
    entries.push({ key: lower(match[1]), level: match[2] as ImpactLevel });
  }
  return entries.length ? entries : 'is empty';
}

interface AnnotationRule {
  kinds: string[];
  check: (
    value: string,
    entity: Entity,
    graph: CatalogGraph,
  ) => string | undefined;
}

const ANNOTATION_RULES: Record<string, AnnotationRule> = {
  [ANNOTATION_DECLARED_IMPACT]: {
    kinds: ['Domain'],
    check: value =>
      isImpactLevel(value)
        ? undefined
        : `must be one of ${IMPACT_LEVELS.join(', ')}`,
  },
  [ANNOTATION_TARGET_PHASE]: {
    kinds: ['Domain'],
    check: value =>
      /^[0-3]$/.test(value) ? undefined : 'must be a phase from 0 to 3',
  },
  [ANNOTATION_TARGET_DATE]: {
    kinds: ['Domain'],
    check: value =>
      isCalendarDate(value) ? undefined : 'must be a calendar date YYYY-MM-DD',
  },
  [ANNOTATION_ADR_LOCATION]: {
    kinds: ['Domain', 'Component'],
    check: value => (isHttpUrl(value) ? undefined : 'must be an http(s) URL'),
  },
  [ANNOTATION_USER_FACING]: {
    kinds: ['Component'],
    check: value =>
      value === 'true' || value === 'false'
        ? undefined
        : 'must be "true" or "false"',
  },
  [ANNOTATION_DEPENDENCY_IMPACT]: {
    kinds: ['Component', 'Resource'],
    check: (value, entity, graph) => {
      const entries = parseDependencyImpact(value);
      if (typeof entries === 'string') return entries;
      const names = new Set<string>();
      // The dependencies as the analysis reads them (an API consumed = an edge to each provider).
      for (const edge of graph.edgesByConsumer.get(refOf(entity)) ?? []) {
        for (const named of edge.via === 'dependsOn'
          ? [edge.provider]
          : [edge.provider, edge.via]) {
          names.add(named);
          names.add(parseEntityRef(named).name);
        }
      }
      const unknown = entries
        .filter(({ key }) => !names.has(key))
        .map(({ key }) => key);
      return unknown.length
        ? `names ${unknown.join(
            ', ',
          )}, which is not a provider or API this entity depends on`
        : undefined;
    },
  },
  [ANNOTATION_ORG_ROLE]: {
    kinds: ['User', 'Group'],
    check: value =>
      ORG_ROLES.includes(value)
        ? undefined
        : `must be one of ${ORG_ROLES.join(', ')}`,
  },
  [ANNOTATION_SHARED_LIBRARY]: {
    kinds: ['Component'],
    check: (value, entity) => {
      if (specOf(entity).type !== 'library') {
        return 'only a library Component can be a shared library';
      }
      return value === 'contract' || value === 'platform'
        ? undefined
        : 'must be "contract" or "platform"';
    },
  },
  [ANNOTATION_CI_SERVICE_NAME]: {
    kinds: ['Component'],
    check: value =>
      /^[a-z0-9][a-z0-9._-]*$/.test(value)
        ? undefined
        : 'must be a lower-case service name',
  },
};

function annotationProblems(loaded: LoadedEntity[]): string[] {
  const graph = buildCatalogGraph(loaded.map(({ entity }) => entity));
  const problems: string[] = [];
  for (const item of loaded) {
    const { entity } = item;
    const annotations = annotationsOf(entity);
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const rule = ANNOTATION_RULES[key];
      if (!rule) {
        problems.push(`${label(item)}: unknown annotation ${key}`);
      } else if (!rule.kinds.includes(entity.kind)) {
        problems.push(
          `${label(item)}: ${key} does not belong on a ${entity.kind}`,
        );
      } else {
        const problem = rule.check(value, entity, graph);
        if (problem)
          problems.push(`${label(item)}: ${key}: "${value}" ${problem}`);
      }
    }
    // What every entity of the example needs to be useful in the views.
    const requiredByKind: Record<string, string[]> = {
      Domain: [
        ANNOTATION_DECLARED_IMPACT,
        ANNOTATION_TARGET_PHASE,
        ANNOTATION_TARGET_DATE,
      ],
      User: [ANNOTATION_ORG_ROLE],
    };
    const required = requiredByKind[entity.kind] ?? [];
    for (const key of required) {
      if (annotations[key] === undefined)
        problems.push(`${label(item)}: ${key} is missing`);
    }
    if (entity.kind === 'Component') {
      const location = annotations[ANNOTATION_SOURCE_LOCATION];
      if (
        !location ||
        !/^url:https:\/\/github\.com\/aliexpress-platform\/[a-z0-9-]+\/(tree\/main\/\S+\/)?$/.test(
          location,
        )
      ) {
        problems.push(
          `${label(
            item,
          )}: ${ANNOTATION_SOURCE_LOCATION} "${location}" is not a url: location of the aliexpress-platform organisation`,
        );
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// 4. API definitions
// ---------------------------------------------------------------------------------------

/** Every local `$ref: '#/a/b'` inside `document` that does not resolve. */
function danglingLocalRefs(document: unknown): string[] {
  const dangling: string[] = [];
  const resolve = (pointer: string) =>
    pointer
      .slice(2)
      .split('/')
      .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>(
        (node, part) =>
          node && typeof node === 'object'
            ? (node as Record<string, unknown>)[part]
            : undefined,
        document,
      );
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (
          key === '$ref' &&
          typeof value === 'string' &&
          value.startsWith('#/')
        ) {
          if (resolve(value) === undefined) dangling.push(value);
        } else walk(value);
      }
    }
  };
  walk(document);
  return dangling;
}

function definitionProblems(loaded: LoadedEntity[]): string[] {
  const problems: string[] = [];
  for (const item of loaded.filter(({ entity }) => entity.kind === 'API')) {
    const { entity } = item;
    const spec = specOf(entity);
    const definition = String(spec.definition ?? '');
    const version = entity.metadata.labels?.['contract-version'];
    const fail = (message: string) =>
      problems.push(`${label(item)}: ${message}`);
    if (!version || !/^v\d+$/.test(version))
      fail('metadata.labels.contract-version must be vN');
    if (!(entity.metadata.tags ?? []).includes('domain-split-contract')) {
      fail('is a shared contract but lacks the domain-split-contract tag');
    }
    const major = version?.slice(1);
    if (spec.type === 'openapi' || spec.type === 'asyncapi') {
      let document: Record<string, any>;
      try {
        document = parseYaml(definition);
      } catch (error) {
        fail(`definition does not parse: ${(error as Error).message}`);
        continue;
      }
      if (!document || typeof document !== 'object') {
        fail('definition is not a YAML/JSON object');
        continue;
      }
      const expectedHeader =
        spec.type === 'openapi' ? /^3\.\d+\.\d+$/ : /^2\.6\.0$/;
      if (!expectedHeader.test(String(document[spec.type as string]))) {
        fail(
          `definition must declare ${spec.type} ${
            spec.type === 'openapi' ? '3.x' : '2.6.0'
          }`,
        );
      }
      const body = spec.type === 'openapi' ? document.paths : document.channels;
      if (!body || typeof body !== 'object' || Object.keys(body).length === 0) {
        fail(
          `definition has no ${spec.type === 'openapi' ? 'paths' : 'channels'}`,
        );
      }
      if (
        !document.info?.title ||
        !/^\d+\.\d+\.\d+$/.test(String(document.info?.version))
      ) {
        fail('definition needs info.title and a semantic info.version');
      } else if (String(document.info.version).split('.')[0] !== major) {
        fail(
          `info.version ${document.info.version} does not match contract-version ${version}`,
        );
      }
      for (const ref of danglingLocalRefs(document))
        fail(`definition: $ref ${ref} does not resolve`);
    } else if (spec.type === 'grpc') {
      const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(definition)?.[1];
      if (!/^\s*syntax\s*=\s*"proto3"\s*;/m.test(definition))
        fail('protobuf definition must declare syntax = "proto3"');
      if (!pkg) fail('protobuf definition has no package');
      else if (!pkg.endsWith(`.v${major}`))
        fail(
          `protobuf package ${pkg} does not match contract-version ${version}`,
        );
      if (
        !/service\s+\w+\s*\{[^}]*\brpc\s+\w+\s*\(\s*[\w.]+\s*\)\s*returns\s*\(\s*[\w.]+\s*\)/.test(
          definition,
        )
      ) {
        fail('protobuf definition has no service with an rpc');
      }
      const opened = definition.split('{').length;
      if (opened !== definition.split('}').length)
        fail('protobuf definition has unbalanced braces');
    } else {
      fail(`spec.type ${spec.type} is not one of openapi, asyncapi, grpc`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

describe('example catalog (catalog-info/)', () => {
  const loaded = loadCatalogFiles();
  const byRef = new Map(loaded.map(({ entity }) => [refOf(entity), entity]));

  it('loads all.yaml and every file its Location lists', () => {
    const files = new Set(loaded.map(({ file }) => path.basename(file)));
    expect([...files].sort()).toEqual([
      'all.yaml',
      'apis.yaml',
      'components.yaml',
      'domains.yaml',
      'org.yaml',
      'resources.yaml',
      'systems.yaml',
    ]);
    expect(loaded[0].entity.kind).toBe('Location');
    expect(loadExampleCatalog()).toHaveLength(loaded.length);
  });

  it('holds the teams, domains and services of DESIGN.md', () => {
    const names = (kind: string) =>
      loaded
        .filter(({ entity }) => entity.kind === kind)
        .map(({ entity }) => entity.metadata.name);
    expect(names('Domain').sort()).toEqual(
      [...BUSINESS_DOMAINS, 'platform'].sort(),
    );
    expect(names('Group')).toEqual(
      expect.arrayContaining([
        'orders-team',
        'payments-team',
        'catalog-team',
        'supply-team',
        'growth-team',
        'platform-team',
      ]),
    );
    expect(names('Component')).toEqual(
      expect.arrayContaining([
        'orders-service',
        'payments-service',
        'products-service',
        'inventory-service',
        'checkout-orchestrator',
        'shipping-service',
        'coupons-service',
        'search-readmodels',
        'notifications-service',
        'api-gateway',
        'web-storefront',
        'event-bus',
        'auth',
        'shared-observability',
      ]),
    );
    const owner = (domain: string) =>
      specOf(byRef.get(`domain:default/${domain}`)!).owner;
    expect(
      Object.fromEntries(BUSINESS_DOMAINS.map(d => [d, owner(d)])),
    ).toEqual({
      orders: 'orders-team',
      checkout: 'orders-team',
      payments: 'payments-team',
      products: 'catalog-team',
      inventory: 'supply-team',
      shipping: 'supply-team',
      coupons: 'growth-team',
      search: 'platform-team',
      notifications: 'platform-team',
    });
    const roles = loaded
      .filter(({ entity }) => entity.kind === 'User')
      .map(({ entity }) => annotationsOf(entity)[ANNOTATION_ORG_ROLE]);
    const count = (role: string) => roles.filter(r => r === role).length;
    expect(count('principal-architect')).toBe(1);
    expect(count('domain-architect')).toBe(3); // one per 3-4 of the nine domains
    expect(count('staff-engineer')).toBe(6); // one per team
    expect(count('platform-architect')).toBeGreaterThanOrEqual(1);
  });

  it('passes the catalog validation of every entity', async () => {
    expect(await validationProblems(loaded)).toEqual([]);
  });

  it('has no dangling references', () => {
    expect(referenceProblems(loaded)).toEqual([]);
  });

  it('has valid domain-split annotations', () => {
    expect(annotationProblems(loaded)).toEqual([]);
  });

  it('has API definitions that parse and match their contract version', () => {
    expect(definitionProblems(loaded)).toEqual([]);
  });

  describe('produces what it is built to show (catalog-info/README.md; the analysis: exampleAnalysis.test.ts)', () => {
    it('extracted and monorepo components', () => {
      const extracted = loaded
        .filter(({ entity }) => entity.kind === 'Component')
        .filter(
          ({ entity }) =>
            !annotationsOf(entity)[ANNOTATION_SOURCE_LOCATION]!.startsWith(
              `url:${MONOREPO}`,
            ),
        )
        .map(({ entity }) => entity.metadata.name);
      expect(extracted.sort()).toEqual([
        'notifications-service',
        'orders-service',
        'payments-service',
        'search-readmodels',
      ]);
    });
  });
});

describe('the checks themselves', () => {
  // A throw-away copy of the catalog with one broken entity added, to prove the checks fail.
  const withExtraEntity = (yamlText: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-catalog-'));
    const source = path.dirname(EXAMPLE_CATALOG_FILE);
    for (const file of fs
      .readdirSync(source)
      .filter(name => name.endsWith('.yaml'))) {
      fs.copyFileSync(path.join(source, file), path.join(dir, file));
    }
    fs.writeFileSync(path.join(dir, 'broken.yaml'), yamlText);
    fs.appendFileSync(path.join(dir, 'all.yaml'), '    - ./broken.yaml\n');
    try {
      return loadCatalogFiles(path.join(dir, 'all.yaml'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const component = (spec: string, annotations = '') => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: broken-service
  annotations:
    backstage.io/source-location: url:https://github.com/aliexpress-platform/broken-service/
${annotations}
spec:
${spec}
`;

  it('reports an entity the catalog would reject, by name', async () => {
    const loaded = withExtraEntity(
      component('  type: service\n  owner: orders-team'),
    );
    expect(await validationProblems(loaded)).toEqual([
      expect.stringMatching(
        /^component:default\/broken-service \(broken\.yaml\): .*lifecycle/,
      ),
    ]);
  });

  it('reports dangling references', () => {
    const loaded = withExtraEntity(
      component(
        '  type: service\n  lifecycle: production\n  owner: nobody-team\n  system: orders-system\n' +
          '  consumesApis: [payments-api, missing-api]\n  dependsOn: [orders-db]',
      ),
    );
    expect(referenceProblems(loaded)).toEqual([
      'component:default/broken-service (broken.yaml): spec.owner group:default/nobody-team does not exist',
      'component:default/broken-service (broken.yaml): spec.consumesApis api:default/missing-api does not exist',
      expect.stringMatching(
        /^component:default\/broken-service \(broken\.yaml\): spec\.dependsOn "orders-db": /,
      ),
    ]);
  });

  it('reports bad annotation values', () => {
    const loaded = withExtraEntity(
      component(
        '  type: service\n  lifecycle: production\n  owner: orders-team\n  system: orders-system\n' +
          '  consumesApis: [payments-api]',
        '    domain-split/dependency-impact: payments-service=slow, nowhere=waits\n' +
          '    domain-split/user-facing: "yes"\n' +
          '    domain-split/target-phase: "4"\n' +
          '    domain-split/colour: blue',
      ),
    );
    expect(annotationProblems(loaded)).toEqual([
      expect.stringContaining(
        'dependency-impact: "payments-service=slow, nowhere=waits" "payments-service=slow": slow is not an impact level',
      ),
      expect.stringContaining(
        'domain-split/user-facing: "yes" must be "true" or "false"',
      ),
      expect.stringContaining(
        'domain-split/target-phase does not belong on a Component',
      ),
      expect.stringContaining('unknown annotation domain-split/colour'),
    ]);
  });

  it('reports an override naming something the component does not depend on', () => {
    const loaded = withExtraEntity(
      component(
        '  type: service\n  lifecycle: production\n  owner: orders-team\n  system: orders-system\n' +
          '  consumesApis: [payments-api]',
        '    domain-split/dependency-impact: payments-service=waits, search-readmodels=degraded',
      ),
    );
    expect(annotationProblems(loaded)).toEqual([
      expect.stringContaining(
        'names search-readmodels, which is not a provider or API',
      ),
    ]);
  });

  it('reports API definitions that do not parse or do not match their version', () => {
    const loaded = withExtraEntity(`
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: broken-api
  labels:
    contract-version: v2
  tags: [domain-split-contract]
spec:
  type: openapi
  lifecycle: production
  owner: orders-team
  definition: |
    openapi: 3.0.3
    info: { title: Broken, version: 1.0.0 }
    paths:
      /x:
        get:
          responses:
            '200': { $ref: '#/components/responses/Missing' }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: unparsable-api
  labels:
    contract-version: v1
  tags: [domain-split-contract]
spec:
  type: asyncapi
  lifecycle: production
  owner: orders-team
  definition: "asyncapi: [2.6.0"
`);
    expect(definitionProblems(loaded)).toEqual([
      'api:default/broken-api (broken.yaml): info.version 1.0.0 does not match contract-version v2',
      'api:default/broken-api (broken.yaml): definition: $ref #/components/responses/Missing does not resolve',
      expect.stringMatching(
        /^api:default\/unparsable-api \(broken\.yaml\): definition does not parse/,
      ),
    ]);
  });

  it('changes the matrix when an edge changes', () => {
    // The gateway calling payments synchronously would make payments block users.
    const loaded = withExtraEntity(
      component(
        '  type: service\n  lifecycle: production\n  owner: platform-team\n  system: platform-system\n' +
          '  consumesApis: [payments-api]',
        '    domain-split/user-facing: "true"',
      ),
    );
    const payments = computeFailureMatrix(
      buildCatalogGraph(loaded.map(({ entity }) => entity)),
      'domain',
    ).rows.find(row => row.failing === 'domain:default/payments');
    expect(payments?.users.impact).toBe('blocked');
  });
});
