import { foldCase } from './refs';

/**
 * Case-insensitive "contains" used by every filter, in the browser and in the backend (the
 * Rules tab's filter box is answered by GET /rules/violations?q=): the same function on both
 * sides, so both agree on what matches. Lower-cased with {@link foldCase} (a search over the
 * 30,000 names of a large catalog took 250 ms with `toLocaleLowerCase('en-US')`, once).
 * @public
 */
export function matchesFilter(
  filter: string,
  ...texts: (string | undefined)[]
): boolean {
  const needle = foldCase(filter.trim());
  if (!needle) {
    return true;
  }
  return texts.some(
    text => text !== undefined && foldCase(text).includes(needle),
  );
}
