import type {
  MatrixCell,
  MatrixRow,
} from '@internal/plugin-domain-split-common';
import { shortName } from '../../utils/format';
import { describeEdge } from '../BlastRadius';

/** The text both matrix views (the plain table and the virtualised grid) show. */

/** An entity's title in the matrix, else its short name. */
export const titleOf = (m: { titles: Record<string, string> }, ref: string) =>
  m.titles[ref] ?? shortName(ref);

/**
 * A cell's explaining path as text (its tooltip). When the response left the paths out (a
 * large matrix), the path is fetched once the cell is selected, so the tooltip says that.
 */
export const pathText = (
  cell: MatrixCell,
  titles: Record<string, string>,
  pathsOmitted?: boolean,
) => {
  if (pathsOmitted) return 'select for the path';
  return cell.path.length
    ? cell.path.map(e => describeEdge(e, titles)).join('; ')
    : 'no path';
};

/** The accessible label of a row's Declared cell. */
export const declaredLabel = (row: MatrixRow) =>
  row.drift
    ? `declared ${row.declared ?? 'nothing'}, computed ${
        row.users.impact
      }: drift`
    : `declared ${row.declared ?? 'nothing'}`;
