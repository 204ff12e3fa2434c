import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type {
  RuleDescription,
  RuleViolationsPageResponse,
} from '@internal/plugin-domain-split-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { domainSplitApiRef } from '../../api/DomainSplitApi';
import type { ViolationStatusFilter } from '../../api/DomainSplitApi';
import { ViolationList } from './ViolationList';

const count = (n: number) => n.toLocaleString('en-US');

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
      {state.error && (
        <Box
          role="alert"
          sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
        >
          <Typography variant="body2" color="error">
            Could not load the violations:{' '}
            {(state.error as { cause?: Error }).cause?.message ??
              state.error.message}
          </Typography>
          <Button size="small" onClick={() => load(violations.length)}>
            Retry
          </Button>
        </Box>
      )}
      {state.loading ? (
        <Box
          role="status"
          sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
        >
          <CircularProgress size={14} />
          <Typography variant="body2" color="text.secondary">
            Loading…
          </Typography>
        </Box>
      ) : (
        totalItems !== undefined &&
        violations.length < totalItems && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Button size="small" onClick={() => load(violations.length)}>
              Show {count(Math.min(pageSize, totalItems - violations.length))}{' '}
              more
            </Button>
            <Typography variant="caption" color="text.secondary">
              {count(violations.length)} of {count(totalItems)} shown
            </Typography>
          </Box>
        )
      )}
    </Box>
  );
};
