import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Grid from '@mui/material/Grid';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  CONTEXT_MAP_EDGE_KINDS,
  CONTEXT_MAP_EDGE_LABELS,
  ContextMapEdgeKind,
  ContextMapResponse,
  ImpactLevel,
} from '@internal/plugin-domain-split-common';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { DataState } from '../DataState';
import { ContextMapView } from './ContextMapView';
import {
  ContextMapEdgeTable,
  ContextMapLegend,
  DomainDetails,
} from './ContextMapParts';
import {
  detailFocuses,
  filterContextMap,
  LARGE_MAP_DOMAINS,
  MAX_DRAWN_TIES,
  mergeContextMapDetails,
} from './filterContextMap';

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
  return { impacts, loading: matrix.loading, error: matrix.error };
}

const ContextMapContent = ({ map }: { map: ContextMapResponse }) => {
  const [params, setParams] = useSearchParams();
  const selected = params.get('domain') || undefined;
  const team = params.get('team') || undefined;
  const kinds = (params.get('kinds') ?? '')
    .split(',')
    .filter((k): k is ContextMapEdgeKind =>
      (CONTEXT_MAP_EDGE_KINDS as string[]).includes(k),
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
  const selectDomain = useCallback(
    (ref: string | undefined) => setParam('domain', ref),
    [setParam],
  );

  const kindsKey = kinds.join(',');
  const filtered = useMemo(
    () =>
      filterContextMap(map, {
        team,
        kinds: kindsKey ? (kindsKey.split(',') as ContextMapEdgeKind[]) : [],
        violationsOnly,
        selected,
      }),
    [map, team, kindsKey, violationsOnly, selected],
  );
  const failure = useFailureRow(selected);
  // The outline has no lists behind nodes and edges: those of what is drawn are fetched.
  const focuses = detailFocuses(filtered, { team, selected });
  const focusesKey = JSON.stringify(focuses);
  const detailMaps = useDomainSplitData(
    api => Promise.all(focuses.map(focus => api.getContextMap(focus))),
    [focusesKey],
  );
  const details = useMemo(
    () => mergeContextMapDetails(detailMaps.value ?? []),
    [detailMaps.value],
  );
  const withDetails = useMemo(() => {
    const titles = { ...map.titles, ...details.titles };
    return {
      titles,
      drawnEdges: filtered.edges.map(e => details.edges.get(e.id) ?? e),
      edges: map.edges.map(e => details.edges.get(e.id) ?? e),
    };
  }, [map, details, filtered.edges]);
  const teamOrder = useMemo(() => map.teams.map(t => t.entityRef), [map]);
  const selectedNode = selected
    ? details.nodes.get(selected) ??
      map.nodes.find(n => n.domainRef === selected)
    : undefined;
  const titleOf = (ref: string) => map.titles[ref] ?? ref;
  const violating = map.edges.filter(e => e.rules.length > 0).length;

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
        {map.nodes.length} domains · {map.teams.length} teams ·{' '}
        {map.edges.length} ties between domains, {violating} breaking a rule
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
        <Autocomplete
          sx={{ minWidth: 240 }}
          size="small"
          options={map.teams}
          value={map.teams.find(t => t.entityRef === team) ?? null}
          getOptionLabel={t => t.title}
          isOptionEqualToValue={(a, b) => a.entityRef === b.entityRef}
          onChange={(_, t) => setParam('team', t?.entityRef)}
          renderInput={p => <TextField {...p} label="Team" />}
        />
        <Autocomplete
          sx={{ minWidth: 240 }}
          size="small"
          options={map.nodes}
          value={selectedNode ?? null}
          getOptionLabel={n => titleOf(n.domainRef)}
          isOptionEqualToValue={(a, b) => a.domainRef === b.domainRef}
          onChange={(_, n) => setParam('domain', n?.domainRef)}
          renderInput={p => <TextField {...p} label="Selected domain" />}
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
      {filtered.notDrawn > 0 && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {filtered.notDrawn} more tie{filtered.notDrawn === 1 ? '' : 's'} match
          these filters but are not drawn (at most {MAX_DRAWN_TIES}: rule breaks
          first, then the heaviest). Choose an edge kind, a team or another
          domain to see them.
        </Alert>
      )}
      {filtered.mode === 'neighbourhood' && filtered.around && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {map.nodes.length} domains with {map.edges.length} ties are too many
          to draw at once (more than {LARGE_MAP_DOMAINS} domains or{' '}
          {MAX_DRAWN_TIES} ties): the map shows the neighbourhood of{' '}
          <strong>{titleOf(filtered.around)}</strong>. Choose a domain or a team
          to move; the table below lists every tie drawn.
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} lg={selectedNode ? 9 : 12}>
          {filtered.nodes.length === 0 ? (
            <Typography variant="body2" sx={{ my: 2 }}>
              No domain matches these filters.
            </Typography>
          ) : (
            <ContextMapView
              nodes={filtered.nodes}
              edges={filtered.edges}
              titles={map.titles}
              teamOrder={teamOrder}
              selected={selected}
              impacts={failure.impacts}
              onSelect={selectDomain}
              label={`Context map: ${filtered.nodes.length} domains, ${filtered.edges.length} ties`}
            />
          )}
          <ContextMapLegend
            showImpact={!!selected}
            teams={filtered.teams}
            teamOrder={teamOrder}
            titles={map.titles}
          />
        </Grid>
        {selectedNode && (
          <Grid item xs={12} lg={3}>
            <InfoCard title="Selected domain">
              <DomainDetails
                node={selectedNode}
                edges={withDetails.edges}
                violations={details.violations}
                titles={withDetails.titles}
                impacts={failure.impacts}
                impactsLoading={failure.loading}
                impactsError={failure.error}
                ownerDomains={
                  map.teams.find(t => t.entityRef === selectedNode.ownerRef)
                    ?.domains ?? []
                }
              />
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <InfoCard
            title="Ties between domains"
            subheader="The edges drawn above, as a table"
          >
            {detailMaps.error && (
              <Typography variant="body2" color="error">
                The dependencies behind the ties could not be loaded:{' '}
                {detailMaps.error.message}
              </Typography>
            )}
            <ContextMapEdgeTable
              edges={withDetails.drawnEdges}
              titles={withDetails.titles}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
};

/**
 * Map tab: the split as a context map — domains grouped by team, sized by services, with
 * their phase; ties between domains by kind and count, red where they break a rule; select
 * a domain to overlay what its failure takes down. Filters live in the query string
 * (`team`, `domain`, `kinds`, `violations=only`).
 * @internal
 */
export const ContextMapTab = () => {
  // The outline of the whole map (a large catalog's whole map is megabytes): what the
  // filters and the drawing need; the lists behind what is drawn come with detailFocuses.
  const state = useDomainSplitData(
    api => api.getContextMap({ details: false }),
    [],
  );
  return (
    <DataState
      {...state}
      isEmpty={v => v.nodes.length === 0}
      emptyTitle="No domains in the catalog yet"
      emptyHint="Add Domain entities (and Components with spec.domain or spec.system) to the catalog."
    >
      {map => <ContextMapContent map={map} />}
    </DataState>
  );
};
