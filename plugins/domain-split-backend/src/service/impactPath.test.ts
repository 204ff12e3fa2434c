import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  buildCatalogGraph,
  computeBlastRadius,
  computeFailureMatrix,
  computeImpactPath,
  BLAST_RADIUS_LIMIT,
  BlastRadiusResponse,
  expandMatrixPage,
  FailureMatrixPageResponse,
  FailureMatrixResponse,
  ImpactPathResponse,
  MatrixCell,
} from '@internal/plugin-domain-split-common';
import request from 'supertest';
import { loadExampleCatalog } from '../exampleCatalog/loadExampleCatalog';
import { startPlugin } from '../__testUtils__/testBackend';
import { MAX_PATH_CELLS } from './AnalysisService';

jest.setTimeout(60_000);

type Server = Parameters<typeof request>[0];
const user = mockCredentials.user.header();

async function get<T>(server: Server, url: string, status = 200): Promise<T> {
  const res = await request(server)
    .get(`/api/domain-split${url}`)
    .set('authorization', user);
  expect(res.status).toBe(status);
  return res.body as T;
}

const q = (params: Record<string, string>) =>
  new URLSearchParams(params).toString();

describe('computeImpactPath on the example catalog', () => {
  const graph = buildCatalogGraph(loadExampleCatalog());

  it('gives exactly the cell of every matrix row and every blast radius', () => {
    let compared = 0;
    const same = (
      cell: MatrixCell,
      failing: string,
      affected: string,
      direction?: 'upstream',
    ) => {
      expect(
        computeImpactPath(graph, failing, affected, { direction }),
      ).toEqual(cell);
      compared++;
    };
    for (const level of ['domain', 'service'] as const) {
      for (const row of computeFailureMatrix(graph, level).rows) {
        for (const cell of row.cells) same(cell, row.failing, cell.affected);
        same(row.users, row.failing, 'users');
      }
    }
    for (const entity of graph.entities.values()) {
      if (
        !['component', 'resource', 'api', 'system', 'domain', 'group'].includes(
          entity.kind,
        )
      )
        continue;
      const radius = computeBlastRadius(graph, entity.ref)!;
      for (const cell of radius.takesDown)
        same(cell, entity.ref, cell.affected);
      same(radius.users, entity.ref, 'users');
      for (const cell of radius.takenDownBy)
        same(cell, cell.failing, entity.ref, 'upstream');
    }
    expect(compared).toBeGreaterThan(500);
    // Some of them explain a path.
    expect(
      computeFailureMatrix(graph, 'domain').rows.some(r =>
        r.cells.some(c => c.path.length > 1),
      ),
    ).toBe(true);
  });
});

describe('impact paths over HTTP', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function serve(entities: Entity[]) {
    const knex = await databases.init('SQLITE_3');
    const backend = await startPlugin({ knex, entities });
    return backend.server;
  }

  describe('the example catalog (small: paths inline)', () => {
    const entities = loadExampleCatalog();
    const graph = buildCatalogGraph(entities);

    it('serves the matrix and the blast radius with their paths, as before', async () => {
      const server = await serve(entities);
      // The rows as a page expands them: cells in column order.
      const inColumnOrder = (m: FailureMatrixResponse) =>
        JSON.parse(
          JSON.stringify(
            m.rows.map(row => ({
              ...row,
              cells: [...row.cells].sort(
                (a, b) =>
                  m.columns.indexOf(a.affected) - m.columns.indexOf(b.affected),
              ),
            })),
          ),
        );
      // The domain matrix is one page, paths inline.
      const domains = computeFailureMatrix(graph, 'domain');
      const page = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?level=domain',
      );
      expect(page).not.toHaveProperty('pathsOmitted');
      expect(expandMatrixPage(page).rows).toEqual(inColumnOrder(domains));
      // The service matrix row by row (a page of many rows leaves its paths out).
      const services = computeFailureMatrix(graph, 'service');
      const expected = inColumnOrder(services);
      for (const [i, row] of services.rows.entries()) {
        const one = await get<FailureMatrixPageResponse>(
          server,
          `/failure-matrix?${q({ level: 'service', failing: row.failing })}`,
        );
        expect(one).not.toHaveProperty('pathsOmitted');
        expect(expandMatrixPage(one).rows).toEqual([expected[i]]);
      }
      const radius = await get<BlastRadiusResponse>(
        server,
        '/impact/component/default/inventory-service',
      );
      expect(radius).not.toHaveProperty('pathsOmitted');
      expect(radius.takesDown.some(c => c.path.length > 0)).toBe(true);

      // ?paths=false leaves them out even when small.
      const without = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?level=domain&paths=false',
      );
      expect(without.pathsOmitted).toBe(true);
      expect(without.rows.every(r => !r.users.path.length && !r.paths)).toBe(
        true,
      );
      const radiusWithout = await get<BlastRadiusResponse>(
        server,
        '/impact/component/default/inventory-service?paths=false',
      );
      expect(radiusWithout.pathsOmitted).toBe(true);
      expect(radiusWithout.takesDown.every(c => c.path.length === 0)).toBe(
        true,
      );
      await get(server, '/failure-matrix?paths=maybe', 400);
      await get(
        server,
        '/impact/component/default/inventory-service?paths=1',
        400,
      );
    });

    it('serves one cell with its path and titles: domain, users, entity and upstream cells', async () => {
      const server = await serve(entities);
      const matrix = computeFailureMatrix(graph, 'domain');
      const payments = matrix.rows.find(
        r => r.failing === 'domain:default/payments',
      )!;
      const orders = payments.cells.find(
        c => c.affected === 'domain:default/orders',
      )!;
      const cell = await get<ImpactPathResponse>(
        server,
        `/impact-path?${q({
          failing: 'domain:default/payments',
          affected: 'domain:default/orders',
        })}`,
      );
      const { titles, ...rest } = cell;
      expect(rest).toEqual(orders);
      expect(orders.path.length).toBeGreaterThan(0);
      for (const edge of orders.path) {
        expect(titles[edge.consumer]).toEqual(matrix.titles[edge.consumer]);
        expect(titles[edge.provider]).toEqual(matrix.titles[edge.provider]);
      }

      const users = await get<ImpactPathResponse>(
        server,
        `/impact-path?${q({
          failing: 'Domain:payments',
          affected: 'users',
        })}`,
      );
      expect({ ...users, titles: undefined }).toEqual({
        ...payments.users,
        titles: undefined,
      });

      const radius = computeBlastRadius(
        graph,
        'component:default/checkout-orchestrator',
      )!;
      const by = radius.takenDownBy[radius.takenDownBy.length - 1];
      const upstream = await get<ImpactPathResponse>(
        server,
        `/impact-path?${q({
          failing: by.failing,
          affected: by.affected,
          direction: 'upstream',
        })}`,
      );
      expect({ ...upstream, titles: undefined }).toEqual({
        ...by,
        titles: undefined,
      });
      const down = radius.takesDown[0];
      const entityCell = await get<ImpactPathResponse>(
        server,
        `/impact-path?${q({ failing: down.failing, affected: down.affected })}`,
      );
      expect({ ...entityCell, titles: undefined }).toEqual({
        ...down,
        titles: undefined,
      });
    });

    it('answers 400 on missing or bad parameters, 404 on unknown or unreached refs, 401 without credentials', async () => {
      const server = await serve(entities);
      const known = 'component:default/inventory-service';
      await get(server, '/impact-path', 400);
      await get(server, `/impact-path?${q({ failing: known })}`, 400);
      await get(server, `/impact-path?${q({ affected: known })}`, 400);
      await get(
        server,
        `/impact-path?${q({ failing: '', affected: known })}`,
        400,
      );
      await get(
        server,
        `/impact-path?${q({
          failing: known,
          affected: 'users',
          direction: 'sideways',
        })}`,
        400,
      );
      await get(
        server,
        `/impact-path?${q({
          failing: 'component:default/nope',
          affected: 'users',
        })}`,
        404,
      );
      await get(
        server,
        `/impact-path?${q({
          failing: known,
          affected: 'component:default/nope',
        })}`,
        404,
      );
      // Known, but the failure does not reach it (it does not reach itself).
      await get(
        server,
        `/impact-path?${q({ failing: known, affected: known })}`,
        404,
      );
      const res = await request(server).get(
        `/api/domain-split/impact-path?${q({
          failing: known,
          affected: 'users',
        })}`,
      );
      expect(res.status).toBe(401);
    });
  });

  describe('a large catalog (more than MAX_PATH_CELLS cells: paths on demand)', () => {
    // A hub every service depends on: its blast radius and the service matrix are over the
    // threshold, the domain matrix (two domains) is not.
    const fanOut = MAX_PATH_CELLS + 1;
    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name: 'core' },
        spec: {},
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name: 'edge' },
        spec: {},
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'hub' },
        spec: { type: 'service', lifecycle: 'production', domain: 'core' },
      },
      ...Array.from({ length: fanOut }, (_, i) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: `svc-${String(i).padStart(5, '0')}`,
          annotations:
            i === 0 ? { 'domain-split/user-facing': 'true' } : undefined,
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          domain: i < 3 ? 'edge' : undefined,
          dependsOn: ['component:hub'],
        },
      })),
    ];

    it('omits paths above the threshold, keeps them below, and ?paths= overrides it', async () => {
      const server = await serve(entities);
      // By default the first 500 entries; whether paths are inline depends on the whole radius.
      const first = await get<BlastRadiusResponse>(
        server,
        '/impact/component/default/hub',
      );
      expect(first.takesDown).toHaveLength(BLAST_RADIUS_LIMIT.default);
      expect(first.moreTakesDown).toBe(fanOut - BLAST_RADIUS_LIMIT.default);
      expect(first.pathsOmitted).toBe(true);
      const radius = await get<BlastRadiusResponse>(
        server,
        `/impact/component/default/hub?limit=${fanOut}`,
      );
      expect(radius.takesDown).toHaveLength(fanOut);
      expect(radius).not.toHaveProperty('moreTakesDown');
      expect(radius.takesDown.slice(0, BLAST_RADIUS_LIMIT.default)).toEqual(
        first.takesDown,
      );
      expect(radius.pathsOmitted).toBe(true);
      expect(radius.takesDown.every(c => c.path.length === 0)).toBe(true);
      expect(radius.users.path).toEqual([]);
      const forced = await get<BlastRadiusResponse>(
        server,
        `/impact/component/default/hub?paths=true&limit=${fanOut}`,
      );
      expect(forced).not.toHaveProperty('pathsOmitted');
      expect(forced.takesDown.every(c => c.path.length === 1)).toBe(true);

      // One entry's path on demand is the one the full response had.
      const entry = forced.takesDown[567];
      const cell = await get<ImpactPathResponse>(
        server,
        `/impact-path?${q({
          failing: entry.failing,
          affected: entry.affected,
        })}`,
      );
      expect(cell.path).toEqual(entry.path);
      expect(cell.titles).toEqual({
        [entry.failing]: 'hub',
        [entry.affected]: entry.affected.split('/')[1],
      });

      const services = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?level=service',
      );
      expect(services.pathsOmitted).toBe(true);
      const domains = await get<FailureMatrixPageResponse>(
        server,
        '/failure-matrix?level=domain',
      );
      expect(domains).not.toHaveProperty('pathsOmitted');
      const core = expandMatrixPage(domains).rows.find(
        r => r.failing === 'domain:default/core',
      )!;
      expect(core.cells[0].path).toHaveLength(1);
      expect(core.users.path).toHaveLength(1);
    });
  });
});
