import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import type {
  RuleDescription,
  RuleViolationsPageResponse,
} from '@internal/plugin-domain-split-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { domainSplitApiRef } from '../../api/DomainSplitApi';
import type { ViolationStatusFilter } from '../../api/DomainSplitApi';
import { ViolationList } from './ViolationList';
import { LoadMore } from '../LoadMore';

/**
 * Violations asked when a rule opens: a rule with at most this many is shown whole (and opens
 * by itself). Small because some violations are long: at 10,000 services each of the 30
 * no-shared-cache violations names ~40 entities (~4.6 KiB), so 20 are ~90 KiB of JSON.
 */
export const RULE_FIRST_PAGE_SIZE = 20;

/** Violations asked per "Show more": ~45–60 KiB of JSON at 10,000 services. */
export const RULE_PAGE_SIZE = 100;

/**
 * The violations of one rule, a page at a time from GET /rules/violations?rule= (the first
 * {@link RULE_FIRST_PAGE_SIZE}, then {@link RULE_PAGE_SIZE} per "Show more");
 * never the whole listing. Starts again when the status, the text filter or the rule's count
 * (a reload of the overview) changes.
 * @internal
 */
export const RuleViolationPages = ({
  rule,
  status,
  q,
  total,
  label,
  firstPageSize = RULE_FIRST_PAGE_SIZE,
  pageSize = RULE_PAGE_SIZE,
}: {
  rule: RuleDescription;
  status: ViolationStatusFilter;
  q: string;
  /** The rule's count in the overview. */
  total: number;
  label: string;
  firstPageSize?: number;
  pageSize?: number;
}) => {
  const api = useApi(domainSplitApiRef);
  const [pages, setPages] = useState<RuleViolationsPageResponse[]>([]);
  // A page asked before the filter changed is dropped when it arrives after the new one.
  const latest = useRef(0);
  const [state, load] = useAsyncFn(
    async (offset: number) => {
      const asked = ++latest.current;
      const page = await api.getRuleViolations(undefined, {
        status,
        rule: rule.id,
        q,
        limit: offset === 0 ? firstPageSize : pageSize,
        offset,
      });
      if (asked === latest.current) {
        setPages(previous => (offset === 0 ? [page] : [...previous, page]));
      }
      return page;
    },
    [api, rule.id, status, q, firstPageSize, pageSize],
  );
  useEffect(() => {
    load(0);
  }, [load, total]);

  const violations = pages.flatMap(p => p.violations);
  const totalItems = pages[pages.length - 1]?.totalItems;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {violations.length > 0 && (
        <ViolationList violations={violations} label={label} />
      )}
      <LoadMore
        what="the violations"
        shown={violations.length}
        total={totalItems}
        pageSize={pageSize}
        loading={state.loading}
        error={state.error}
        onMore={() => load(violations.length)}
      />
    </Box>
  );
};
