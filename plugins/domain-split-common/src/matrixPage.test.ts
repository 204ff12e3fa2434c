import type { FailureMatrixResponse, MatrixRow } from './types';
import { compareCells } from './impact';
import { byString } from './refs';
import {
  compactMatrixRow,
  expandMatrixPage,
  expandMatrixRow,
  pageFailureMatrix,
} from './matrixPage';

const ref = (name: string) => `domain:default/${name}`;
const columns = [ref('a'), ref('b'), ref('c'), ref('d')];
const edge = {
  consumer: 'component:default/b-service',
  provider: 'component:default/a-service',
  impact: 'waits' as const,
  via: 'api:default/a-api',
  overridden: false,
};

function row(
  failing: string,
  reached: Record<string, MatrixRow['users']['impact']>,
): MatrixRow {
  return {
    failing,
    cells: Object.entries(reached).map(([affected, impact]) => ({
      failing,
      affected,
      impact,
      path: affected === ref('b') ? [edge] : [],
    })),
    users: { failing, affected: 'users', impact: 'none', path: [] },
    drift: false,
  };
}

const matrix: FailureMatrixResponse = {
  level: 'domain',
  columns,
  rows: [
    row(ref('a'), { [ref('c')]: 'blocked', [ref('b')]: 'waits' }),
    row(ref('b'), { [ref('d')]: 'degraded' }),
    row(ref('c'), {}),
    {
      ...row(ref('d'), { [ref('a')]: 'none' }),
      declared: 'waits',
      drift: true,
    },
  ],
  titles: {
    [ref('a')]: 'A',
    [ref('b')]: 'B',
    [ref('c')]: 'C',
    [ref('d')]: 'D',
    'component:default/a-service': 'A service',
    'component:default/b-service': 'B service',
    'api:default/a-api': 'A API',
    'component:default/unrelated': 'Unrelated',
  },
  annotationProblems: [],
};

describe('compact matrix rows', () => {
  const columnIndex = new Map(columns.map((c, i) => [c, i]));

  it('writes one letter per column and expands back to the cells, in column order', () => {
    const compact = compactMatrixRow(matrix.rows[0], columnIndex, false);
    expect(compact).toEqual({
      failing: ref('a'),
      impacts: '.wb.',
      users: matrix.rows[0].users,
      drift: false,
    });
    expect(expandMatrixRow(compact, columns).cells).toEqual([
      { failing: ref('a'), affected: ref('b'), impact: 'waits', path: [] },
      { failing: ref('a'), affected: ref('c'), impact: 'blocked', path: [] },
    ]);
  });

  it('keeps the paths by affected ref when the matrix carries them', () => {
    const compact = compactMatrixRow(matrix.rows[0], columnIndex, true);
    expect(compact.paths).toEqual({ [ref('b')]: [edge], [ref('c')]: [] });
    const cells = expandMatrixRow(compact, columns).cells;
    expect(cells.find(c => c.affected === ref('b'))?.path).toEqual([edge]);
  });

  it('round-trips every row, with declared and drift', () => {
    for (const original of matrix.rows) {
      const expanded = expandMatrixRow(
        compactMatrixRow(original, columnIndex, true),
        columns,
      );
      expect(expanded).toEqual({
        ...original,
        cells: [...original.cells].sort(
          (a, b) => columns.indexOf(a.affected) - columns.indexOf(b.affected),
        ),
      });
    }
  });
});

describe('pageFailureMatrix', () => {
  it('cuts a page of rows with where it lies, every column and the titles it names', () => {
    const page = pageFailureMatrix(matrix, { limit: 1, offset: 0 });
    expect(page).toMatchObject({
      level: 'domain',
      columns,
      totalItems: 4,
      offset: 0,
      limit: 1,
      annotationProblems: [],
    });
    expect(page.rows.map(r => r.failing)).toEqual([ref('a')]);
    // Matrix without `pathsOmitted`: the paths travel with the row.
    expect(page.rows[0].paths?.[ref('b')]).toEqual([edge]);
    expect(page.titles).toEqual({
      [ref('a')]: 'A',
      [ref('b')]: 'B',
      [ref('c')]: 'C',
      [ref('d')]: 'D',
      'component:default/a-service': 'A service',
      'component:default/b-service': 'B service',
      'api:default/a-api': 'A API',
    });
    expect(
      pageFailureMatrix(matrix, { limit: 2, offset: 3 }).rows,
    ).toHaveLength(1);
  });

  it("gives a service-level page only the columns its rows reach, in the columns' order", () => {
    // The same rows as a service matrix: every column a Component.
    const services: FailureMatrixResponse = { ...matrix, level: 'service' };
    const page = pageFailureMatrix(services, { limit: 2, offset: 0 });
    // Row a reaches c and b, row b reaches d; nothing reaches a.
    expect(page.columns).toEqual([ref('b'), ref('c'), ref('d')]);
    expect(page.rows.map(r => r.impacts)).toEqual(['wb.', '..d']);
    expect(expandMatrixPage(page).rows).toEqual(
      services.rows.slice(0, 2).map(r => ({
        ...r,
        cells: [...r.cells].sort((x, y) =>
          x.affected.localeCompare(y.affected),
        ),
      })),
    );
    // Titles of its columns and what its rows name, not of every column.
    expect(Object.keys(page.titles).sort()).toEqual([
      'api:default/a-api',
      'component:default/a-service',
      'component:default/b-service',
      ref('a'),
      ref('b'),
      ref('c'),
      ref('d'),
    ]);
    const unreached = pageFailureMatrix(services, { limit: 1, offset: 2 });
    expect(unreached.columns).toEqual([]);
    expect(unreached.rows[0].impacts).toBe('');
    expect(unreached.titles).toEqual({ [ref('c')]: 'C' });
    // The domain level keeps every column on every page.
    expect(pageFailureMatrix(matrix, { limit: 1, offset: 2 }).columns).toEqual(
      columns,
    );
  });

  it('keeps the worst `cells` of each row and counts the others', () => {
    const services: FailureMatrixResponse = { ...matrix, level: 'service' };
    const page = pageFailureMatrix(services, {
      limit: 4,
      offset: 0,
      cells: 1,
    });
    const rows = expandMatrixPage(page).rows;
    // Row a: blocked c kept before waits b; b, d: their only cell; c: none.
    expect(
      rows.map(r => r.cells.map(cell => [cell.affected, cell.impact])),
    ).toEqual([
      [[ref('c'), 'blocked']],
      [[ref('d'), 'degraded']],
      [],
      [[ref('a'), 'none']],
    ]);
    expect(rows.map(r => r.moreCells)).toEqual([
      1,
      undefined,
      undefined,
      undefined,
    ]);
    // Its columns and titles are of the cells kept only.
    expect(page.columns).toEqual([ref('a'), ref('c'), ref('d')]);
    expect(page.titles[ref('b')]).toBe('B');
    expect(page.titles['component:default/b-service']).toBeUndefined();
    // Equally bad cells: the first by affected ref.
    const tie = pageFailureMatrix(
      {
        ...services,
        rows: [row(ref('a'), { [ref('d')]: 'waits', [ref('b')]: 'waits' })],
      },
      { limit: 1, offset: 0, cells: 1 },
    );
    expect(tie.columns).toEqual([ref('b')]);
    expect(tie.rows[0].moreCells).toBe(1);
    // Without `cells`, every cell.
    expect(
      expandMatrixPage(pageFailureMatrix(services, { limit: 1, offset: 0 }))
        .rows[0].cells,
    ).toHaveLength(2);
  });

  it('keeps the same worst cells of a long row as sorting the whole row would', () => {
    const impacts: MatrixRow['users']['impact'][] = [
      'none',
      'degraded',
      'waits',
      'blocked',
    ];
    // 2,000 cells, impacts and refs in no order (a fixed permutation).
    const reached: Record<string, MatrixRow['users']['impact']> = {};
    for (let i = 0; i < 2000; i++) {
      const n = (i * 7919) % 2000;
      reached[`component:default/s${n}`] = impacts[((i * 31) % 7) % 4];
    }
    const long = row('component:default/failing', reached);
    for (const cells of [1, 12, 100]) {
      const page = pageFailureMatrix(
        {
          ...matrix,
          level: 'service',
          columns: Object.keys(reached).sort(),
          rows: [long],
        },
        { limit: 1, offset: 0, cells },
      );
      const kept = new Set(
        [...long.cells]
          .sort((a, b) => compareCells(a, b, 'affected'))
          .slice(0, cells),
      );
      const [expanded] = expandMatrixPage(page).rows;
      // A page lists a row's cells in column order.
      const inColumnOrder = (list: MatrixRow['cells']) =>
        list
          .map(cell => [cell.affected, cell.impact])
          .sort(([a], [b]) => byString(a, b));
      expect(inColumnOrder(expanded.cells)).toEqual(
        inColumnOrder(long.cells.filter(cell => kept.has(cell))),
      );
      expect(expanded.moreCells).toBe(2000 - cells);
    }
  });

  it('answers the one row of `failing`, or none', () => {
    const one = pageFailureMatrix(matrix, {
      limit: 50,
      offset: 0,
      failing: ref('d'),
    });
    expect(one.totalItems).toBe(1);
    expect(expandMatrixPage(one).rows).toEqual([matrix.rows[3]]);
    const none = pageFailureMatrix(matrix, {
      limit: 50,
      offset: 0,
      failing: ref('x'),
    });
    expect(none).toMatchObject({ totalItems: 0, rows: [] });
  });

  it('answers the rows whose failing ref or title contains `q`, any case', () => {
    const byTitle = pageFailureMatrix(matrix, { limit: 50, offset: 0, q: 'c' });
    expect(byTitle.rows.map(r => r.failing)).toEqual([ref('c')]);
    expect(byTitle.totalItems).toBe(1);
    // Every ref contains "domain:".
    expect(
      pageFailureMatrix(matrix, { limit: 1, offset: 2, q: 'DOMAIN:' }),
    ).toMatchObject({ totalItems: 4, offset: 2 });
    expect(
      pageFailureMatrix(matrix, { limit: 50, offset: 0, q: 'nothing' }),
    ).toMatchObject({ totalItems: 0, rows: [] });
    // With `failing`, both must hold.
    expect(
      pageFailureMatrix(matrix, {
        limit: 50,
        offset: 0,
        failing: ref('d'),
        q: 'c',
      }).totalItems,
    ).toBe(0);
  });

  it('leaves the paths out of a page with more cells than `maxPathCells`', () => {
    const small = pageFailureMatrix(
      matrix,
      { limit: 1, offset: 0 },
      { maxPathCells: 3 },
    );
    expect(small.pathsOmitted).toBeUndefined();
    expect(small.rows[0].paths?.[ref('b')]).toEqual([edge]);
    const large = pageFailureMatrix(
      matrix,
      { limit: 4, offset: 0 },
      { maxPathCells: 3 },
    );
    expect(large.pathsOmitted).toBe(true);
    expect(large.rows.every(r => r.paths === undefined)).toBe(true);
    // Nor the titles of the paths' steps.
    expect(large.titles['component:default/a-service']).toBeUndefined();
  });

  it('leaves the paths out of a matrix served without them', () => {
    const page = pageFailureMatrix(
      { ...matrix, pathsOmitted: true },
      { limit: 4, offset: 0 },
    );
    expect(page.pathsOmitted).toBe(true);
    expect(page.rows.every(r => r.paths === undefined)).toBe(true);
  });
});
