import { memo, useCallback, useDeferredValue, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Grid from '@mui/material/Grid';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import {
  CONTEXT_MAP_EDGE_KINDS,
  CONTEXT_MAP_EDGE_LABELS,
  ContextMapEdgeKind,
  ContextMapViewResponse,
  ImpactLevel,
  LARGE_MAP_DOMAINS,
  MAX_DRAWN_TIES,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { DataState } from '../DataState';
import { ContextMapView } from './ContextMapView';
import {
  ContextMapEdgeTable,
  ContextMapLegend,
  DomainDetails,
} from './ContextMapParts';
import { ChoicePicker } from './ChoicePicker';
import { teamOrderOf } from './contextMapStyle';

/**
 * The selected domain's failure row from the backend's domain failure matrix (only that row,
 * `failing=`, fetched when a domain is selected): impact on each domain it reaches.
 * @internal
 */
export function useFailureRow(selected: string | undefined) {
  const matrix = useDomainSplitData(
    api =>
      selected
        ? api.getFailureMatrix('domain', { failing: selected })
        : Promise.resolve(undefined),
    [selected],
  );
  const impacts = useMemo(() => {
    const row = matrix.value?.rows.find(r => r.failing === selected);
    if (!row) return undefined;
    return new Map<string, ImpactLevel>(
      row.cells.map(c => [c.affected, c.impact]),
    );
  }, [matrix.value, selected]);
  const titles = matrix.value?.titles;
  const { loading, error } = matrix;
  return useMemo(
    () => ({
      impacts,
      /** Titles of every domain (the row names the domains it reaches). */
      titles,
      loading,
      error,
    }),
    [impacts, titles, loading, error],
  );
}

/** The tab's filters, from the query string. */
function useMapFilters() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('domain') || undefined;
  const team = params.get('team') || undefined;
  const kindsParam = params.get('kinds') ?? '';
  const kinds = useMemo(
    () =>
      kindsParam
        .split(',')
        .filter((k): k is ContextMapEdgeKind =>
          (CONTEXT_MAP_EDGE_KINDS as string[]).includes(k),
        ),
    [kindsParam],
  );
  const violationsOnly = params.get('violations') === 'only';
  const setParam = useCallback(
    (key: string, value: string | undefined) =>
      setParams(
        current => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return useMemo(
    () => ({ selected, team, kinds, violationsOnly, setParam }),
    [selected, team, kinds, violationsOnly, setParam],
  );
}

type MapFilters = ReturnType<typeof useMapFilters>;
type FailureRow = ReturnType<typeof useFailureRow>;

const ContextMapBody = memo(
  ({
    map,
    filters,
    failure,
  }: {
    map: ContextMapViewResponse;
    filters: MapFilters;
    failure: FailureRow;
  }) => {
    const { selected, team, kinds, violationsOnly, setParam } = filters;
    const { view } = map;
    const selectDomain = useCallback(
      (ref: string | undefined) => setParam('domain', ref),
      [setParam],
    );
    const teamOrder = useMemo(() => teamOrderOf(view.teamOrder), [view]);
    // The view is the one asked for the selection only once it has arrived.
    const selectedNode =
      map.selected?.domainRef === selected
        ? map.nodes.find(n => n.domainRef === selected)
        : undefined;
    const titles = useMemo(
      () => ({ ...failure.titles, ...map.titles }),
      [failure.titles, map.titles],
    );
    const titleOf = (ref: string) => titles[ref] ?? ref;
    const choice = (ref: string | undefined) =>
      ref ? { entityRef: ref, title: titleOf(ref) } : undefined;

    const toggleKind = (kind: ContextMapEdgeKind) => {
      const current = kinds.length ? kinds : [...CONTEXT_MAP_EDGE_KINDS];
      const next = current.includes(kind)
        ? current.filter(k => k !== kind)
        : [...current, kind];
      setParam(
        'kinds',
        next.length === CONTEXT_MAP_EDGE_KINDS.length
          ? undefined
          : next.join(','),
      );
    };

    return (
      <>
        <Typography variant="body1" sx={{ mb: 2 }}>
          {view.domains} domains · {view.teams} teams · {view.ties} ties between
          domains, {view.violatingTies} breaking a rule
        </Typography>
        <Box
          sx={{
            display: 'flex',
            gap: 2,
            flexWrap: 'wrap',
            alignItems: 'center',
            mb: 1,
          }}
        >
          <ChoicePicker
            kind="teams"
            label="Team"
            value={choice(team)}
            onChange={ref => setParam('team', ref)}
          />
          <ChoicePicker
            kind="domains"
            label="Selected domain"
            value={choice(selected)}
            onChange={ref => setParam('domain', ref)}
          />
          <FormControlLabel
            control={
              <Switch
                checked={violationsOnly}
                onChange={e =>
                  setParam('violations', e.target.checked ? 'only' : undefined)
                }
              />
            }
            label="Violations only"
          />
        </Box>
        <FormGroup row aria-label="Edge kinds" sx={{ mb: 1 }}>
          {CONTEXT_MAP_EDGE_KINDS.map(kind => (
            <FormControlLabel
              key={kind}
              control={
                <Checkbox
                  size="small"
                  checked={kinds.length === 0 || kinds.includes(kind)}
                  onChange={() => toggleKind(kind)}
                />
              }
              label={CONTEXT_MAP_EDGE_LABELS[kind]}
            />
          ))}
        </FormGroup>
        {view.notDrawn > 0 && (
          <Alert severity="info" sx={{ mb: 1 }}>
            {view.notDrawn} more tie{view.notDrawn === 1 ? '' : 's'} match these
            filters but are not drawn (at most {MAX_DRAWN_TIES}: rule breaks
            first, then the heaviest). Choose an edge kind, a team or another
            domain to see them.
          </Alert>
        )}
        {view.mode === 'neighbourhood' && view.around && (
          <Alert severity="info" sx={{ mb: 1 }}>
            {view.domains} domains with {view.ties} ties are too many to draw at
            once (more than {LARGE_MAP_DOMAINS} domains or {MAX_DRAWN_TIES}{' '}
            ties): the map shows the neighbourhood of{' '}
            <strong>{titleOf(view.around)}</strong>. Choose a domain or a team
            to move; the table below lists every tie drawn.
          </Alert>
        )}
        <Grid container spacing={2}>
          <Grid item xs={12} lg={selectedNode ? 9 : 12}>
            {map.nodes.length === 0 ? (
              <Typography variant="body2" sx={{ my: 2 }}>
                No domain matches these filters.
              </Typography>
            ) : (
              <ContextMapView
                nodes={map.nodes}
                edges={map.edges}
                titles={map.titles}
                teamOrder={teamOrder}
                selected={selected}
                impacts={failure.impacts}
                onSelect={selectDomain}
                label={`Context map: ${map.nodes.length} domains, ${map.edges.length} ties`}
              />
            )}
            <ContextMapLegend
              showImpact={!!selected}
              teams={map.teams}
              teamOrder={teamOrder}
              titles={map.titles}
            />
          </Grid>
          {selectedNode && map.selected && (
            <Grid item xs={12} lg={3}>
              <InfoCard title="Selected domain">
                <DomainDetails
                  node={selectedNode}
                  broken={map.selected.violations.map(i => map.violations[i])}
                  moreBroken={map.selected.moreViolations}
                  titles={titles}
                  impacts={failure.impacts}
                  impactsLoading={failure.loading}
                  impactsError={failure.error}
                  ownerDomains={map.selected.ownerDomains}
                />
              </InfoCard>
            </Grid>
          )}
          <Grid item xs={12}>
            <InfoCard
              title="Ties between domains"
              subheader="The edges drawn above, as a table"
            >
              <ContextMapEdgeTable edges={map.edges} titles={map.titles} />
            </InfoCard>
          </Grid>
        </Grid>
      </>
    );
  },
);

const ContextMapContent = ({
  map,
  filters,
}: {
  map: ContextMapViewResponse;
  filters: MapFilters;
}) => {
  // The failure row arrives after the view: the tab is drawn again with it as a deferred
  // value (in slices between frames), not in the task that received it.
  const failure = useDeferredValue(useFailureRow(filters.selected));
  return <ContextMapBody map={map} filters={filters} failure={failure} />;
};

/**
 * Map tab: the split as a context map — domains grouped by team, sized by services, with
 * their phase; ties between domains by kind and count, red where they break a rule; select
 * a domain to overlay what its failure takes down. Filters live in the query string
 * (`team`, `domain`, `kinds`, `violations=only`).
 * @internal
 */
export const ContextMapTab = () => {
  const filters = useMapFilters();
  const { selected, team, kinds, violationsOnly } = filters;
  const kindsKey = kinds.join(',');
  // The server cuts what is drawn (a large map's neighbourhood, at most MAX_DRAWN_TIES ties)
  // with the lists behind it; the browser only lays it out.
  const state = useDomainSplitData(
    api =>
      api.getContextMapView({
        domain: selected,
        team,
        kinds: kindsKey ? (kindsKey.split(',') as ContextMapEdgeKind[]) : [],
        violationsOnly,
      }),
    [selected, team, kindsKey, violationsOnly],
  );
  // A view is drawn (its SVG, legend and ties table: thousands of elements) as a deferred
  // value: React renders it in slices between frames, not in the task that received it. The
  // filters too: the app's router renders a new location synchronously (a store, not a
  // transition), and the tab's part of that render is most of it.
  const map = useDeferredValue(state.value);
  const shownFilters = useDeferredValue(filters);
  const content = useMemo(
    () => map && <ContextMapContent map={map} filters={shownFilters} />,
    [map, shownFilters],
  );
  return (
    <DataState
      {...state}
      value={map}
      keepContentWhileLoading
      isEmpty={v => v.view.domains === 0}
      emptyTitle="No domains in the catalog yet"
      emptyHint="Add Domain entities (and Components with spec.domain or spec.system) to the catalog."
    >
      {() => content}
    </DataState>
  );
};
