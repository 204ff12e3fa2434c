import type { Entity } from '@backstage/catalog-model';
import { buildCatalogGraph, catalogGraphSteps } from './buildCatalogGraph';
import { computeContextMap, contextMapSteps } from './contextMap';
import { EvidenceContext } from './evidenceContext';
import {
  blastRadiusSteps,
  computeBlastRadius,
  computeFailureMatrix,
  failureMatrixSteps,
} from './failure';
import { computeMigrationStatus, migrationStatusSteps } from './migration';
import { DEFAULT_EVIDENCE_POLICY, serviceCatalogIndex } from './evidence';
import {
  computeCurrentReleases,
  currentReleaseSteps,
  currentVersionSteps,
  currentVersionsOf,
  deploymentRecordSteps,
  StoredDeployment,
  testRunRecordSteps,
  toDeploymentRecords,
} from './releases';
import { releaseRowsSteps } from './releasesPage';
import { computeOwnership, ownershipSteps } from './ownership';
import { checkRules, reconcileViolationsSteps, ruleCheckSteps } from './rules';
import type { RuleViolation } from './types';
import {
  ENTITIES_PER_STEP,
  jsonSteps,
  mapSteps,
  runToCompletion,
  sortSteps,
  Steps,
} from './steps';
import {
  component,
  currentRelease,
  deployment,
  domain,
  team,
  testRun,
} from './testing/entities';

/** Runs steps, counting the pauses. */
function countPauses<T>(steps: Steps<T>): { result: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { result: next.value, pauses };
    pauses += 1;
  }
}

/** `domains` domains of `perDomain` services each; each service depends on the previous one. */
function catalog(domains: number, perDomain: number): Entity[] {
  const entities: Entity[] = [team('team')];
  for (let d = 0; d < domains; d++) {
    entities.push(domain(`domain-${d}`, { owner: 'group:default/team' }));
    for (let s = 0; s < perDomain; s++) {
      const n = d * perDomain + s;
      entities.push(
        component(
          `service-${n}`,
          {
            owner: 'group:default/team',
            domain: `domain:default/domain-${d}`,
            ...(n > 0
              ? { dependsOn: [`component:default/service-${n - 1}`] }
              : {}),
          },
          n % 7 === 0 && n > 0
            ? {
                'domain-split/dependency-impact': `component:default/service-${
                  n - 1
                }=degraded`,
              }
            : {},
        ),
      );
    }
  }
  return entities;
}

describe('step generators', () => {
  const entities = catalog(4, 600); // 2,405 entities

  it('runToCompletion returns what the steps return', () => {
    function* twoSteps(): Steps<string> {
      yield;
      yield;
      return 'done';
    }
    expect(runToCompletion(twoSteps())).toBe('done');
  });

  it('builds the same graph in steps, pausing at most every ENTITIES_PER_STEP entities of a pass', () => {
    const { result, pauses } = countPauses(catalogGraphSteps(entities));
    const whole = buildCatalogGraph(entities);
    expect(result.entities).toEqual(whole.entities);
    expect(result.edges).toEqual(whole.edges);
    expect(result.annotationProblems).toEqual(whole.annotationProblems);
    // Overrides were applied (service-7 depends on service-6 as "degraded").
    expect(
      result.edgesByConsumer.get('component:default/service-7')?.[0].impact,
    ).toBe('degraded');
    expect(result.index.numeric).toEqual(whole.index.numeric);
    expect(result.index.membersByDomain).toEqual(whole.index.membersByDomain);
    // Four passes over 2,405 entities, then the index: one more over the entities and, per
    // direction, one over the entities and one over the 2,399 edges (sharing one budget).
    expect(pauses).toBeGreaterThanOrEqual(
      4 * Math.floor(entities.length / ENTITIES_PER_STEP) +
        Math.floor(entities.length / ENTITIES_PER_STEP) +
        Math.floor((2 * entities.length + 2 * 2399) / ENTITIES_PER_STEP),
    );
  });

  it('computes the same matrix in steps, pausing after every row', () => {
    const graph = buildCatalogGraph(entities);
    const { result, pauses } = countPauses(
      failureMatrixSteps(graph, 'domain', { paths: false }),
    );
    expect(result).toEqual(
      computeFailureMatrix(graph, 'domain', { paths: false }),
    );
    expect(result.rows).toHaveLength(4);
    expect(pauses).toBe(4);
  });

  it('computes the same migration status in steps, pausing after scoping the evidence, while building its 5 indexes and after every domain', () => {
    const context = EvidenceContext.of(buildCatalogGraph(entities), {
      deployments: [],
      testRuns: [],
    });
    const options = { now: new Date('2026-11-28T00:00:00Z') };
    const { result, pauses } = countPauses(
      migrationStatusSteps(context, options),
    );
    expect(result).toEqual(computeMigrationStatus(context, options));
    expect(result.domains).toHaveLength(4);
    // No evidence: the sort of the successful deployments and after each index, 6 pauses.
    expect(pauses).toBe(1 + 6 + 4);
  });

  it('computes the same ownership in steps, pausing every ENTITIES_PER_STEP entities of each pass', () => {
    const graph = buildCatalogGraph(entities);
    const { result, pauses } = countPauses(ownershipSteps(graph));
    expect(result).toEqual(computeOwnership(graph));
    expect(result.domains).toHaveLength(4);
    // 2,405 entities indexed, 4 domains of 600 components, 2,400 components checked for an
    // owner: at least 3 × 4 pauses.
    expect(pauses).toBeGreaterThanOrEqual(
      3 * Math.floor(2400 / ENTITIES_PER_STEP),
    );
  });

  it('builds the same context map in steps, pausing at most every ENTITIES_PER_STEP dependencies, domain members or titles', () => {
    const graph = buildCatalogGraph(entities);
    const context = EvidenceContext.of(graph, {
      deployments: [],
      testRuns: [],
    });
    const input = { violations: checkRules(context).violations };
    const { result, pauses } = countPauses(contextMapSteps(graph, input));
    expect(result).toEqual(computeContextMap(graph, input));
    expect(result.nodes).toHaveLength(4);
    // 2,399 dependencies, 2,400 domain members and their titles: at least 3 × 4 pauses.
    expect(pauses).toBeGreaterThanOrEqual(
      3 * Math.floor(2400 / ENTITIES_PER_STEP),
    );
  });

  it('checks the same rules in steps, pausing after each rule, while building its 3 indexes, and every ENTITIES_PER_STEP dependencies, deployments and violations', () => {
    const graph = buildCatalogGraph(entities);
    const none = EvidenceContext.of(graph, { deployments: [], testRuns: [] });
    const quiet = countPauses(ruleCheckSteps(none));
    expect(quiet.result).toEqual(checkRules(none));
    // Scoping, 3 indexes (no evidence: the sort of the successful deployments and after
    // each index), 7 rules, every 500 of the 2,399 dependencies, before each of the two sorts
    // (the catalog-only rules' violations, checked first, and the evidence rules').
    expect(quiet.pauses).toBe(
      1 +
        4 +
        quiet.result.rules.length +
        Math.floor(2399 / ENTITIES_PER_STEP) +
        2,
    );

    // 1,200 deployments without contract tests: 1,200 violations more.
    const deployments = Array.from({ length: 1200 }, (_, n) =>
      deployment(`service-${n}`, '1.0.0', '2026-11-27T00:00:00Z'),
    );
    const context = EvidenceContext.of(graph, { deployments, testRuns: [] });
    const { result, pauses } = countPauses(ruleCheckSteps(context));
    expect(result).toEqual(checkRules(context));
    const untested = result.violations.filter(
      v => v.rule === 'contract-tests-before-deploy',
    );
    expect(untested).toHaveLength(1200);
    // Every 500 deployments resolved, grouped for lockstep and checked for contract tests,
    // every 500 violations identified.
    expect(pauses).toBeGreaterThanOrEqual(
      quiet.pauses +
        3 * Math.floor(1200 / ENTITIES_PER_STEP) +
        (Math.floor(result.violations.length / ENTITIES_PER_STEP) -
          Math.floor(quiet.result.violations.length / ENTITIES_PER_STEP)),
    );
  });

  it('turns deployments into the same records in steps, pausing after the sort and every ENTITIES_PER_STEP deployments', () => {
    const index = serviceCatalogIndex(buildCatalogGraph(entities));
    const stored: StoredDeployment[] = Array.from({ length: 1200 }, (_, n) => {
      const { rollback: _rollback, ...record } = deployment(
        `service-${n % 300}`,
        `1.0.${n % 7}`,
        new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      );
      return { ...record, explicitRollback: n % 11 === 0 };
    });
    const { result, pauses } = countPauses(
      deploymentRecordSteps(stored, index),
    );
    expect(result).toEqual(toDeploymentRecords(stored, index));
    expect(result.filter(r => r.rollback).length).toBeGreaterThan(0);
    expect(pauses).toBe(1 + Math.floor(1200 / ENTITIES_PER_STEP));
  });

  it('reconciles violations in steps, pausing every ENTITIES_PER_STEP known, found and known again', () => {
    const violation = (n: number, status: 'open' | 'resolved') =>
      ({
        rule: 'no-shared-cache',
        key: `no-shared-cache:resource:default/cache-${n}`,
        entityRefs: [`component:default/service-${n}`],
        domainRefs: ['domain:default/domain-0'],
        message: `cache-${n} is shared`,
        status,
        firstSeenAt: '2026-11-01T00:00:00.000Z',
        lastSeenAt: '2026-11-01T00:00:00.000Z',
      } satisfies RuleViolation);
    // 1,200 known (every fourth resolved); 1,000 found: 0–899 known, 1,200–1,299 new.
    const known = Array.from({ length: 1200 }, (_, n) =>
      violation(n, n % 4 === 3 ? 'resolved' : 'open'),
    );
    const found = Array.from({ length: 1000 }, (_, i) => {
      const {
        status: _status,
        firstSeenAt: _first,
        ...finding
      } = violation(i < 900 ? i : 300 + i, 'open');
      return finding as RuleViolation;
    });
    const now = new Date('2026-11-30T00:00:00.000Z');
    const { result, pauses } = countPauses(
      reconcileViolationsSteps(known, found, now),
    );
    expect(result.all).toHaveLength(1300);
    const open = result.all.filter(v => v.status === 'open');
    expect(open).toHaveLength(1000);
    expect(open[0]).toMatchObject({
      firstSeenAt: '2026-11-01T00:00:00.000Z',
      lastSeenAt: now.toISOString(),
    });
    // Changed: reopened (every fourth of 0–899: 225), new (100), resolved now (the open ones of
    // 900–1,199: 225).
    expect(result.changed).toHaveLength(225 + 100 + 225);
    expect(pauses).toBe(Math.floor((1200 + 1000 + 1200) / ENTITIES_PER_STEP));
  });

  it('matches test runs with the catalog in steps, pausing every ENTITIES_PER_STEP runs', () => {
    const index = serviceCatalogIndex(buildCatalogGraph(entities));
    const runs = Array.from({ length: 1200 }, (_, n) =>
      testRun(
        n % 2 === 0 ? `service-${n}` : `unknown-${n}`,
        '1.0.0',
        'contract',
        new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      ),
    );
    const { result, pauses } = countPauses(testRunRecordSteps(runs, index));
    expect(result[0].entityRef).toBe('component:default/service-0');
    expect(result[1].entityRef).toBeUndefined();
    expect(result.filter(r => r.entityRef)).toHaveLength(600);
    expect(pauses).toBe(Math.floor(1200 / ENTITIES_PER_STEP));
  });

  it('groups releases into the grid rows in steps, pausing every ENTITIES_PER_STEP releases of each pass', () => {
    const release = (n: number, environment: string) =>
      currentRelease(`service-${n}`, environment, {
        domainRef: `domain:default/domain-${n % 4}`,
      });
    // 400 services in 3 environments, listed environment by environment.
    const current = ['preview', 'production', 'staging'].flatMap(env =>
      Array.from({ length: 400 }, (_, n) => release(n, env)),
    );
    const { result, pauses } = countPauses(
      releaseRowsSteps({
        environments: ['staging', 'production'],
        otherEnvironments: ['preview'],
        current,
      }),
    );
    expect(result).toHaveLength(400);
    expect(result[0]).toMatchObject({
      service: 'service-0',
      domainRef: 'domain:default/domain-0',
    });
    expect(result[0].releases.map(r => r.environment)).toEqual([
      'staging',
      'production',
      'preview',
    ]);
    expect(result[0].tracked).toHaveLength(2);
    // 1,200 releases grouped (pauses after 500 and 1,000), then sorted within their rows, 3
    // a row (the 200 left + 100 rows, then 167 rows), then the 400 rows sorted (one run).
    expect(pauses).toBe(5);
  });

  it('computes the same blast radius in steps, pausing every ENTITIES_PER_STEP entities settled, entries written and cells made, each way', () => {
    const graph = buildCatalogGraph(entities);
    // service-0 takes down the 2,399 services after it (each depends on the one before).
    const down = countPauses(
      blastRadiusSteps(graph, 'component:default/service-0'),
    );
    expect(down.result).toEqual(
      computeBlastRadius(graph, 'component:default/service-0'),
    );
    expect(down.result!.takesDown).toHaveLength(2399);
    expect(down.result!.takenDownBy).toHaveLength(0);
    // 2,400 settled (4), 2,400 entries (4), 2,399 cells (4), after the sort (1); nothing
    // upstream.
    expect(down.pauses).toBe(4 + 4 + 4 + 1);
    // service-2399 is taken down by the 2,399 before it: the same the other way.
    const up = countPauses(
      blastRadiusSteps(graph, 'component:default/service-2399'),
    );
    expect(up.result!.takenDownBy).toHaveLength(2399);
    expect(up.pauses).toBe(1 + 4 + 4 + 4);
    expect(blastRadiusSteps(graph, 'component:default/nothing').next()).toEqual(
      { done: true, value: undefined },
    );
  });

  it('writes the same JSON as JSON.stringify in steps, pausing every ENTITIES_PER_STEP elements of its lists', () => {
    const violations = Array.from({ length: 1100 }, (_, n) => ({
      key: `rule:${n}`,
      entityRefs: [`component:default/service-${n}`],
      note: n % 3 === 0 ? undefined : 'kept',
    }));
    const value = {
      takenAt: new Date('2026-11-30T00:00:00Z'),
      domains: [{ ref: 'domain:default/a', criteria: [{ met: true }] }],
      violations,
      missing: undefined,
      odd: [undefined, () => 1, null, 'x "quoted"'],
      count: 3,
    };
    const { result, pauses } = countPauses(jsonSteps(value));
    expect(result).toBe(JSON.stringify(value));
    expect(pauses).toBe(Math.floor((1 + 1100 + 4) / ENTITIES_PER_STEP));
    for (const other of [
      [1, 'two', { three: [3] }],
      'text',
      42,
      null,
      new Date('2026-11-30T00:00:00Z'),
      {},
      [],
    ]) {
      expect(runToCompletion(jsonSteps(other))).toBe(JSON.stringify(other));
    }
  });

  it('sorts as the native sort does (stable) in steps, pausing after each run sorted and every ENTITIES_PER_STEP items merged', () => {
    // 1,234 items, keys repeating (ties keep their order), in a scrambled order.
    const items = Array.from({ length: 1234 }, (_, n) => ({
      key: (n * 7919) % 101,
      n,
    }));
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    const { result, pauses } = countPauses(sortSteps(items, byKey));
    expect(result).toEqual([...items].sort(byKey));
    expect(result).not.toBe(items);
    expect(items[1]).toEqual({ key: 7919 % 101, n: 1 }); // the input is left as it was
    // 3 runs sorted (3 pauses); merged: 500 + 500, then 1,000 + 234 (the merges' comparisons:
    // at most 999 and 1,233 of the 2,234 items placed; pauses every 500 of them).
    expect(pauses).toBeGreaterThanOrEqual(3 + 2);
    expect(pauses).toBeLessThanOrEqual(
      3 + Math.floor(2234 / ENTITIES_PER_STEP),
    );
    expect(runToCompletion(sortSteps([], byKey))).toEqual([]);
    expect(runToCompletion(sortSteps([{ key: 2, n: 0 }], byKey))).toEqual([
      { key: 2, n: 0 },
    ]);
  });

  it('maps a list in steps, pausing every ENTITIES_PER_STEP items', () => {
    const numbers = Array.from({ length: 1234 }, (_, i) => i);
    const { result, pauses } = countPauses(mapSteps(numbers, n => n * 2));
    expect(result).toEqual(numbers.map(n => n * 2));
    expect(pauses).toBe(Math.floor(1234 / ENTITIES_PER_STEP));
  });

  it('finds the same current versions in steps, pausing while sorting, after the sort, every ENTITIES_PER_STEP deployments and before the last sort', () => {
    const index = serviceCatalogIndex(buildCatalogGraph(entities));
    const stored: StoredDeployment[] = Array.from({ length: 1800 }, (_, n) => {
      const { rollback: _rollback, ...record } = deployment(
        `service-${n % 600}`,
        `1.0.${n}`,
        new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      );
      return { ...record, explicitRollback: false };
    });
    const { result, pauses } = countPauses(currentVersionSteps(stored, index));
    expect(result).toEqual(currentVersionsOf(stored, index));
    expect(result).toHaveLength(600);
    expect(result[0].previousVersion).toBeDefined();
    // Sorting the 1,800 (4 runs sorted, then up to 3,597 comparisons merging them), after the
    // sort, every 500 deployments (3), before the last sort, sorting the 600 (2 runs, up to 599
    // comparisons).
    expect(pauses).toBeGreaterThanOrEqual(4 + 1 + 3 + 1 + 2);
    expect(pauses).toBeLessThanOrEqual(
      4 + Math.floor(3597 / ENTITIES_PER_STEP) + 1 + 3 + 1 + 2 + 1,
    );
  });

  it('computes the same current releases in steps, pausing while building its 2 indexes and every ENTITIES_PER_STEP rows', () => {
    const index = serviceCatalogIndex(buildCatalogGraph(entities));
    const now = new Date('2026-11-28T00:00:00Z');
    const stored: StoredDeployment[] = Array.from({ length: 2400 }, (_, n) => {
      const { rollback: _rollback, ...record } = deployment(
        `service-${n % 1200}`,
        `1.0.${n % 5}`,
        new Date(now.getTime() - (n + 1) * 60_000).toISOString(),
        {
          environment: n < 1200 ? 'production' : 'staging',
          pipelineId: `${n}`,
        },
      );
      return { ...record, explicitRollback: false };
    });
    const current = currentVersionsOf(stored, index);
    expect(current).toHaveLength(2400);
    const context = new EvidenceContext(index, {
      deployments: toDeploymentRecords(stored, index),
      testRuns: [],
    });
    const scope = { policy: DEFAULT_EVIDENCE_POLICY, now };
    const { result, pauses } = countPauses(
      currentReleaseSteps(current, context, scope),
    );
    expect(result).toEqual(computeCurrentReleases(current, context, scope));
    expect(result.every(r => r.withoutContractTests)).toBe(true);
    // Beside building the indexes (what no rows take): every 500 pieces of work, counting
    // the 2,400 rows made and the 2,399 comparisons that check their order.
    const indexing = countPauses(
      currentReleaseSteps([], context, scope),
    ).pauses;
    expect(pauses).toBe(
      indexing + Math.floor((2400 + 2399) / ENTITIES_PER_STEP),
    );
    // Rows given in another order come out sorted by service, then environment.
    expect(
      computeCurrentReleases([...current].reverse(), context, scope),
    ).toEqual(result);
  });

  it('scopes the evidence to the same deployments in steps, pausing every ENTITIES_PER_STEP deployments', () => {
    const graph = buildCatalogGraph(entities);
    const now = new Date('2026-11-28T00:00:00Z');
    const deployments = Array.from({ length: 1200 }, (_, n) =>
      deployment(
        `service-${n % 300}`,
        `1.0.${n}`,
        // Some inside the 30-day window, some before it (only the live one of those counts).
        new Date(now.getTime() - (n % 60) * 86_400_000).toISOString(),
        { environment: n % 2 ? 'production' : 'staging' },
      ),
    );
    const context = EvidenceContext.of(graph, { deployments, testRuns: [] });
    const scope = { policy: DEFAULT_EVIDENCE_POLICY, now };
    const { result, pauses } = countPauses(context.scopedSteps(scope));
    const scoped = context.scoped(scope);
    expect(result.evidence).toEqual(scoped.evidence);
    expect(scoped.evidence.deployments.length).toBeGreaterThan(600);
    expect(scoped.evidence.deployments.length).toBeLessThan(1200);
    expect(pauses).toBe(Math.floor(1200 / ENTITIES_PER_STEP));
  });
});
