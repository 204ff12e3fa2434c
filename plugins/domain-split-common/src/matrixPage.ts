/*
 * GET /failure-matrix serves the matrix a page of rows at a time, each row in a compact form:
 * at 10,000 services a domain row reaches ~300 domains, and as MatrixCells (each repeating
 * `failing`, `affected`, `impact` and `path: []`) one row is ~31 KiB; as one letter per column
 * it is ~0.5 KiB. The client expands a page back into MatrixRows.
 */
import {
  pageOf,
  type PageInfo,
  type PageLimits,
  type PageQuery,
} from './paging';
import { compareCells } from './impact';
import { matchesFilter } from './textFilter';
import type {
  FailureMatrixPage,
  FailureMatrixPageResponse,
  FailureMatrixResponse,
  ImpactEdge,
  ImpactLevel,
  MatrixCell,
  MatrixPageRow,
  MatrixRow,
} from './types';

/**
 * How many rows a page of the failure matrix holds unless asked otherwise, and at most. At
 * 10,000 services the default page of the domain matrix is ~40 KiB (the example catalog's
 * matrix is one page).
 * @public
 */
export const FAILURE_MATRIX_PAGE_LIMIT: PageLimits = { default: 50, max: 500 };

/**
 * The letter of each impact level in a compact row's `impacts` (`.`: not reached).
 * @public
 */
export const IMPACT_LETTERS: Record<ImpactLevel, string> = {
  none: 'n',
  degraded: 'd',
  waits: 'w',
  blocked: 'b',
};

/** @public */
export const NOT_REACHED_LETTER = '.';

const LEVEL_OF_LETTER = new Map(
  Object.entries(IMPACT_LETTERS).map(([level, letter]) => [
    letter,
    level as ImpactLevel,
  ]),
);

/**
 * A row in the compact form: one letter per column; with `withPaths`, each reached cell's path
 * by its affected ref.
 * @public
 */
export function compactMatrixRow(
  row: MatrixRow,
  columnIndex: ReadonlyMap<string, number>,
  withPaths: boolean,
): MatrixPageRow {
  const letters = new Array<string>(columnIndex.size).fill(NOT_REACHED_LETTER);
  const paths: Record<string, ImpactEdge[]> = {};
  for (const cell of row.cells) {
    const index = columnIndex.get(cell.affected);
    // Every cell's affected entity is a column (the redactor drops both alike).
    if (index === undefined) continue;
    letters[index] = IMPACT_LETTERS[cell.impact];
    if (withPaths) paths[cell.affected] = cell.path;
  }
  const { cells: _cells, ...rest } = row;
  return {
    ...rest,
    impacts: letters.join(''),
    ...(withPaths ? { paths } : {}),
  };
}

/**
 * A compact row as MatrixRow again, given the page's columns. Cells come in column order.
 * @public
 */
export function expandMatrixRow(
  row: MatrixPageRow,
  columns: readonly string[],
): MatrixRow {
  const { impacts, paths, ...rest } = row;
  const cells: MatrixCell[] = [];
  for (let i = 0; i < impacts.length && i < columns.length; i++) {
    const impact = LEVEL_OF_LETTER.get(impacts[i]);
    if (!impact) continue;
    const affected = columns[i];
    cells.push({
      failing: row.failing,
      affected,
      impact,
      path: paths?.[affected] ?? [],
    });
  }
  return { ...rest, cells };
}

/** The refs a row names: its failing entity, the affected ends and each path's steps. */
function refsOfRow(row: MatrixRow, into: Set<string>) {
  into.add(row.failing);
  for (const cell of [...row.cells, row.users]) {
    into.add(cell.affected);
    for (const edge of cell.path) {
      into.add(edge.consumer);
      into.add(edge.provider);
      into.add(edge.via);
    }
  }
}

/**
 * The columns (in their order) that a cell of `rows` reaches: a service-level page's columns.
 * @public
 */
export function reachedColumns(
  columns: readonly string[],
  rows: readonly MatrixRow[],
): string[] {
  const reached = new Set<string>();
  for (const row of rows) {
    for (const cell of row.cells) reached.add(cell.affected);
  }
  return columns.filter(ref => reached.has(ref));
}

/**
 * Which rows of the failure matrix a page is cut from: every row, only the row of `failing`, or
 * those whose failing entity's ref or title contains `q` (any case, as every filter: see
 * `matchesFilter`); with `cells`, each row keeps at most that many cells, the worst.
 * @public
 */
export interface FailureMatrixRowQuery extends PageQuery {
  failing?: string;
  q?: string;
  cells?: number;
}

/**
 * The row with only its `max` worst cells (worst first, then by affected ref: the order the
 * Services level lists them in), counting the others in `moreCells`; cells keep their order.
 */
function worstCellsOfRow(row: MatrixRow, max: number): MatrixRow {
  if (row.cells.length <= max) return row;
  const kept = new Set(worstCells(row.cells, max));
  return {
    ...row,
    cells: row.cells.filter(cell => kept.has(cell)),
    moreCells: row.cells.length - max,
  };
}

/**
 * The `max` first cells in {@link compareCells} order, found in one pass that keeps the worst so
 * far in order: a row reaching most of a large catalog has thousands of cells, and sorting them
 * all for a dozen was most of a Services page's first answer.
 */
function worstCells(cells: readonly MatrixCell[], max: number): MatrixCell[] {
  const worst: MatrixCell[] = [];
  if (max <= 0) return worst;
  const order = (a: MatrixCell, b: MatrixCell) =>
    compareCells(a, b, 'affected');
  for (const cell of cells) {
    if (worst.length === max && order(cell, worst[max - 1]) >= 0) continue;
    let at = worst.length;
    while (at > 0 && order(cell, worst[at - 1]) < 0) at -= 1;
    worst.splice(at, 0, cell);
    if (worst.length > max) worst.pop();
  }
  return worst;
}

/**
 * Whether a {@link FailureMatrixRowQuery} selects the row of `failing` (titled `title`).
 * @public
 */
export function isSelectedRow(
  query: Pick<FailureMatrixRowQuery, 'failing' | 'q'>,
  failing: string,
  title: string | undefined,
): boolean {
  if (query.failing !== undefined && failing !== query.failing) return false;
  return !query.q || matchesFilter(query.q, failing, title);
}

/**
 * One page of a (computed, possibly redacted) failure matrix: the rows `query` selects (see
 * {@link FailureMatrixRowQuery}; none when the matrix has no such row) from `offset` in the compact form,
 * its columns (every column at the domain level; at the service level only the Components its
 * rows reach, in the columns' order: with every Component as a column each row and the page's
 * titles grew with the whole catalog), and only the titles of the columns and of what the page's rows name. The page
 * carries the cells' paths when the matrix does and the page has at most `maxPathCells` cells
 * (users cells included); otherwise it says `pathsOmitted` (GET /impact-path gives one cell's).
 * @public
 */
export function pageFailureMatrix(
  matrix: FailureMatrixResponse,
  query: FailureMatrixRowQuery,
  options: { maxPathCells?: number } = {},
): FailureMatrixPageResponse {
  const page = pageOf(
    matrix.rows.filter(row =>
      isSelectedRow(query, row.failing, matrix.titles[row.failing]),
    ),
    query,
  );
  return matrixPageOfRows({ ...matrix, rows: page.items }, page, {
    ...options,
    cells: query.cells,
  });
}

/**
 * The page response of a matrix that holds only the rows of one page (computed for it, as the
 * service level's rows are: see `serviceMatrixRowsSteps`), where `page` places them in the
 * whole matrix. As {@link pageFailureMatrix}: compact rows, the page's columns, the titles of
 * the columns and of what the rows name, and paths up to `maxPathCells` cells; with
 * `cells`, each row's worst cells only (see {@link FailureMatrixRowQuery}).
 * @public
 */
export function matrixPageOfRows(
  matrix: FailureMatrixResponse,
  page: PageInfo,
  options: { maxPathCells?: number; cells?: number } = {},
): FailureMatrixPageResponse {
  const { rows: wholeRows, titles: allTitles, ...rest } = matrix;
  const { cells } = options;
  const pageRows =
    cells === undefined
      ? wholeRows
      : wholeRows.map(row => worstCellsOfRow(row, cells));
  const cellCount = pageRows.reduce(
    (count, row) => count + row.cells.length + 1,
    0,
  );
  const withPaths =
    !matrix.pathsOmitted && cellCount <= (options.maxPathCells ?? Infinity);
  const rows = withPaths
    ? pageRows
    : pageRows.map(row => ({
        ...row,
        cells: row.cells.map(cell => ({ ...cell, path: [] })),
        users: { ...row.users, path: [] },
      }));
  const columns =
    matrix.level === 'service'
      ? reachedColumns(matrix.columns, rows)
      : matrix.columns;
  const named = new Set<string>(columns);
  for (const row of rows) refsOfRow(row, named);
  const titles: Record<string, string> = {};
  for (const ref of named) {
    if (ref in allTitles) titles[ref] = allTitles[ref];
  }
  const columnIndex = new Map(columns.map((ref, i) => [ref, i]));
  return {
    ...rest,
    columns,
    ...(withPaths ? {} : { pathsOmitted: true }),
    rows: rows.map(row => compactMatrixRow(row, columnIndex, withPaths)),
    titles,
    totalItems: page.totalItems,
    offset: page.offset,
    limit: page.limit,
  };
}

/**
 * A page as served, with its rows expanded to MatrixRows (what the views draw).
 * @public
 */
export function expandMatrixPage(
  page: FailureMatrixPageResponse,
): FailureMatrixPage {
  return {
    ...page,
    rows: page.rows.map(row => expandMatrixRow(row, page.columns)),
  };
}
