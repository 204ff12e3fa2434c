/**
 * The search of the tabs (`?q=`): one matching rule for the routes that filter by it and the
 * frontend that highlights what matched.
 */

/**
 * Whether `query` (trimmed, case-insensitive) is part of one of `texts`; an empty query
 * matches everything. `toLowerCase` is the default Unicode case mapping, the same as
 * `toLocaleLowerCase('en-US')` and just as independent of the reader's locale, but about ten
 * times faster until V8 has optimised the caller: a search over the 30,000 names of a large
 * catalog took 250 ms with the latter, once.
 * @public
 */
export function matchesQuery(
  query: string,
  ...texts: (string | undefined)[]
): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return texts.some(
    text => text !== undefined && text.toLowerCase().includes(needle),
  );
}
