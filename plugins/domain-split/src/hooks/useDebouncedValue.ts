import { useEffect, useState } from 'react';

/** How long typing pauses before a filter is sent to the backend. */
export const FILTER_DEBOUNCE_MS = 300;

/**
 * `value`, once it has not changed for `ms`: a filter box asks the backend when typing pauses,
 * not on every keystroke.
 * @internal
 */
export function useDebouncedValue<T>(value: T, ms = FILTER_DEBOUNCE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
