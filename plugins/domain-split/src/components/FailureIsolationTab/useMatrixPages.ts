import { useCallback, useMemo, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  FailureMatrixPage,
  MatrixRow,
} from '@internal/plugin-domain-split-common';
import {
  domainSplitApiRef,
  FailureMatrixLevel,
} from '../../api/DomainSplitApi';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';

/**
 * The failure matrix as far as it is loaded: the first page's columns, counts and problems, the
 * rows by their place in the whole matrix (`undefined` until their page arrives) and the titles
 * of every page loaded.
 * @internal
 */
export interface PagedMatrix extends Omit<FailureMatrixPage, 'rows'> {
  rows: (MatrixRow | undefined)[];
}

/** Pages loaded after the first, for one first page (a reload starts over). */
interface LaterPages {
  first?: FailureMatrixPage;
  byOffset: Map<number, FailureMatrixPage>;
}

/** What every page query asks besides where: the filter (none when empty) and `cells`. */
const rowQueryOf = (q: string, cells: number | undefined) => ({
  ...(q ? { q } : {}),
  ...(cells !== undefined ? { cells } : {}),
});

/**
 * Loads the failure matrix a page of `pageSize` rows at a time (only the rows matching `q`, when
 * given: the backend filters them; with `cells`, each row's worst cells only): the first page
 * at once (and again
 * when the backend signals new data), the others when a view asks for the rows it shows
 * (`requestRows`). Each page is cut by the backend from the matrix it keeps per catalog
 * generation, so a large matrix is never fetched whole.
 * @internal
 */
export function useMatrixPages(
  level: FailureMatrixLevel,
  pageSize: number,
  q = '',
  cells?: number,
) {
  const api = useApi(domainSplitApiRef);
  const first = useDomainSplitData(
    a =>
      a.getFailureMatrix(level, {
        limit: pageSize,
        offset: 0,
        ...rowQueryOf(q, cells),
      }),
    [level, pageSize, q, cells],
  );
  const [later, setLater] = useState<LaterPages>({ byOffset: new Map() });
  const [pageError, setPageError] = useState<Error | undefined>();
  /** Offsets asked for the current first page (loading or loaded). */
  const asked = useRef<{ first?: object; offsets: Set<number> }>({
    offsets: new Set(),
  });

  const base = first.value;
  const requestRows = useCallback(
    (start: number, stop: number) => {
      if (!base) return;
      if (asked.current.first !== base) {
        asked.current = { first: base, offsets: new Set([0]) };
      }
      const last = Math.min(stop, base.totalItems - 1);
      for (
        let offset = Math.floor(Math.max(0, start) / pageSize) * pageSize;
        offset <= last;
        offset += pageSize
      ) {
        if (asked.current.offsets.has(offset)) continue;
        asked.current.offsets.add(offset);
        api
          .getFailureMatrix(level, {
            limit: pageSize,
            offset,
            ...rowQueryOf(q, cells),
          })
          .then(
            page => {
              setPageError(undefined);
              setLater(previous => {
                const byOffset = new Map(
                  previous.first === base ? previous.byOffset : [],
                );
                byOffset.set(offset, page);
                return { first: base, byOffset };
              });
            },
            (error: Error) => {
              // Asked again when the view next asks for these rows.
              asked.current.offsets.delete(offset);
              setPageError(error);
            },
          );
      }
    },
    [api, base, level, pageSize, q, cells],
  );

  const matrix = useMemo((): PagedMatrix | undefined => {
    if (!base) return undefined;
    const pages = [
      base,
      ...(later.first === base ? later.byOffset.values() : []),
    ];
    const rows: (MatrixRow | undefined)[] = new Array(base.totalItems).fill(
      undefined,
    );
    for (const page of pages) {
      page.rows.forEach((row, i) => {
        rows[page.offset + i] = row;
      });
    }
    return {
      ...base,
      rows,
      titles: Object.assign({}, ...pages.map(page => page.titles)),
      // A large page comes without paths: its cells' paths are then fetched one at a time.
      pathsOmitted: pages.some(page => page.pathsOmitted),
    };
  }, [base, later]);

  return {
    state: { ...first, value: matrix },
    requestRows,
    pageError,
  };
}
