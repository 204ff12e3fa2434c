import type { FailureMatrixResponse, MatrixRow } from './types';
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
