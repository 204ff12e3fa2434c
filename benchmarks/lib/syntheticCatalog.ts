/*
 * Seeded generator of synthetic but realistic catalogs and CI event streams, shaped like the
 * example platform (teams own domains, a system per domain, services that publish sync and
 * event APIs, a database each, some shared resources, gateways as user-facing entry points).
 * The same seed gives the same catalog, so benchmark runs repeat.
 */
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/** Mulberry32: a tiny, fast, seedable PRNG (quality is ample for shaping test data). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCatalogOptions {
  services: number;
  seed?: number;
}

export interface SyntheticCatalog {
  entities: Entity[];
  serviceNames: string[];
  domainNames: string[];
  /** Relations declared on services (providesApis + consumesApis + dependsOn). */
  relationCount: number;
}

const LEVELS = ['none', 'degraded', 'waits', 'blocked'];

function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

/**
 * About 5 relations per service; 300 domains at 10,000 services (one per ~33 services,
 * at least 9 like the example platform).
 */
export function generateCatalog(
  options: SyntheticCatalogOptions,
): SyntheticCatalog {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const serviceCount = options.services;
  const domainCount = Math.max(9, Math.round(serviceCount / 33));
  const teamCount = Math.max(6, Math.ceil(domainCount / 2));
  const entities: Entity[] = [];
  let relationCount = 0;

  const teams = Array.from({ length: teamCount }, (_, i) => `team-${i}`);
  entities.push(
    entity('Group', 'engineering', { type: 'department', children: teams }),
  );
  for (const team of teams) {
    const members = Array.from(
      { length: 4 },
      (_, i) => `${team}-engineer-${i}`,
    );
    entities.push(
      entity('Group', team, {
        type: 'team',
        parent: 'engineering',
        children: [],
      }),
    );
    for (const member of members) {
      entities.push(
        entity(
          'User',
          member,
          { memberOf: [team] },
          { 'domain-split/org-role': 'engineer' },
        ),
      );
    }
  }

  const domains = Array.from({ length: domainCount }, (_, i) => `domain-${i}`);
  const domainTeam = new Map(domains.map((d, i) => [d, teams[i % teamCount]]));
  for (const domain of domains) {
    entities.push(
      entity(
        'Domain',
        domain,
        { owner: domainTeam.get(domain) },
        {
          'domain-split/declared-impact': pick(LEVELS),
          'domain-split/target-phase': String(1 + Math.floor(random() * 3)),
          'domain-split/target-date': `2027-0${
            1 + Math.floor(random() * 9)
          }-15`,
        },
      ),
    );
    entities.push(
      entity('System', `${domain}-system`, {
        owner: domainTeam.get(domain),
        domain,
      }),
    );
  }

  // Services are spread over domains; each publishes one API and owns one database.
  const services = Array.from({ length: serviceCount }, (_, i) => ({
    name: `service-${i}`,
    domain: domains[i % domainCount],
    apiType: random() < 0.55 ? 'openapi' : 'asyncapi',
  }));
  const servicesByDomain = new Map<string, typeof services>();
  for (const service of services) {
    const list = servicesByDomain.get(service.domain) ?? [];
    list.push(service);
    servicesByDomain.set(service.domain, list);
  }
  const sharedCaches = Array.from(
    { length: Math.max(1, Math.round(domainCount / 10)) },
    (_, i) => `shared-cache-${i}`,
  );
  for (const cache of sharedCaches) {
    entities.push(
      entity('Resource', cache, {
        type: 'cache',
        owner: teams[0],
        system: `${domains[0]}-system`,
      }),
    );
  }

  for (const service of services) {
    const owner = domainTeam.get(service.domain)!;
    const system = `${service.domain}-system`;
    const extracted = random() < 0.4;
    const consumes = new Set<string>();
    const sameDomain = servicesByDomain.get(service.domain)!;
    // Two to four consumed APIs (about 5 relations per service with the provided API and the
    // database): mostly inside the domain, sometimes another domain's.
    const consumedCount = 2 + Math.floor(random() * 3);
    for (let i = 0; i < consumedCount; i++) {
      const provider = random() < 0.75 ? pick(sameDomain) : pick(services);
      if (provider.name !== service.name) consumes.add(`${provider.name}-api`);
    }
    const dependsOn = [`resource:${service.name}-db`];
    if (random() < 0.1) dependsOn.push(`resource:${pick(sharedCaches)}`);
    const annotations: Record<string, string> = {
      'backstage.io/source-location': extracted
        ? `url:https://github.com/synthetic/${service.name}/`
        : `url:https://github.com/synthetic/monorepo/tree/main/domains/${service.domain}/${service.name}/`,
    };
    const firstConsumed = [...consumes][0];
    if (firstConsumed && random() < 0.2) {
      annotations['domain-split/dependency-impact'] = `${firstConsumed.replace(
        /-api$/,
        '',
      )}=${pick(['waits', 'degraded'])}`;
    }
    entities.push(
      entity(
        'Component',
        service.name,
        {
          type: 'service',
          lifecycle: 'production',
          owner,
          system,
          providesApis: [`${service.name}-api`],
          consumesApis: [...consumes],
          dependsOn,
        },
        annotations,
      ),
    );
    relationCount += 1 + consumes.size + dependsOn.length;
    entities.push(
      entity('API', `${service.name}-api`, {
        type: service.apiType,
        lifecycle: 'production',
        owner,
        system,
        definition:
          service.apiType === 'asyncapi' ? 'asyncapi: 2.6.0' : 'openapi: 3.0.0',
      }),
    );
    entities.push(
      entity('Resource', `${service.name}-db`, {
        type: 'database',
        owner,
        system,
      }),
    );
  }

  // User-facing gateways call a sample of synchronous APIs (one gateway per ~200 services).
  const syncApis = services
    .filter(s => s.apiType === 'openapi')
    .map(s => `${s.name}-api`);
  const gatewayCount = Math.max(1, Math.round(serviceCount / 200));
  for (let g = 0; g < gatewayCount; g++) {
    const consumes = new Set<string>();
    for (let i = 0; i < 10; i++) consumes.add(pick(syncApis));
    entities.push(
      entity(
        'Component',
        `gateway-${g}`,
        {
          type: 'service',
          lifecycle: 'production',
          owner: teams[0],
          system: `${domains[0]}-system`,
          consumesApis: [...consumes],
        },
        { 'domain-split/user-facing': 'true' },
      ),
    );
    relationCount += consumes.size;
  }

  return {
    entities,
    serviceNames: services.map(s => s.name),
    domainNames: domains,
    relationCount,
  };
}

export interface SyntheticEventOptions {
  serviceNames: string[];
  count: number;
  seed?: number;
  /** Start of the stream; events are spaced one minute apart. */
  start?: Date;
}

/** A stream of generic v1 CI events (deployments and test runs) over the given services. */
export function generateEventStream(
  options: SyntheticEventOptions,
): Record<string, unknown>[] {
  const random = seededRandom(options.seed ?? 7);
  const start = (options.start ?? new Date('2026-11-01T00:00:00Z')).getTime();
  const versions = new Map<string, number>();
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < options.count; i++) {
    const service =
      options.serviceNames[Math.floor(random() * options.serviceNames.length)];
    const patch = (versions.get(service) ?? 0) + (random() < 0.7 ? 1 : 0);
    versions.set(service, patch);
    const version = `1.0.${patch}`;
    const occurredAt = new Date(start + i * 60_000).toISOString();
    const common = {
      id: `synthetic-${options.seed ?? 7}-${i}`,
      occurredAt,
      service,
      version,
      pipeline: {
        id: `pipeline-${i}`,
        url: `https://ci.example.com/runs/${i}`,
        repository: service,
      },
      commit: `c${i.toString(16).padStart(7, '0')}`,
    };
    if (random() < 0.4) {
      events.push({
        ...common,
        type: 'test_run',
        suite: random() < 0.5 ? 'contract' : 'domain',
        result: random() < 0.9 ? 'passed' : 'failed',
      });
    } else {
      events.push({
        ...common,
        type: 'deployment',
        environment: random() < 0.5 ? 'staging' : 'production',
        status: random() < 0.95 ? 'success' : 'failure',
      });
    }
  }
  return events;
}
