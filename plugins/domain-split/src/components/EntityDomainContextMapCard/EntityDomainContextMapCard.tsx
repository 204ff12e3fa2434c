import { useMemo, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import Typography from '@mui/material/Typography';
import { refKind } from '../../utils/format';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { DataState } from '../DataState';
import {
  ContextMapLegend,
  ContextMapView,
  useFailureRow,
} from '../ContextMapTab';

/**
 * The most tied neighbour domains a card draws (a hub domain can be tied to hundreds); the
 * whole neighbourhood is on the Map tab.
 */
const CARD_NEIGHBOURS = 12;

/**
 * Entity card (Domain and Group pages): the neighbourhood of this domain, or of the domains
 * this group owns (itself or through the groups below it), on the context map — the ties by
 * kind and count, red where they break a rule; select a domain to see what its failure takes
 * down.
 * @public
 */
export const EntityDomainContextMapCard = () => {
  const entityRef = useEntityRefString();
  const kind = refKind(entityRef);
  const pageLink = useDomainSplitPageLink();
  // The card draws the outline; the lists behind nodes and edges are on the Map tab.
  const focus =
    kind === 'group'
      ? { team: entityRef, neighbours: CARD_NEIGHBOURS, details: false }
      : { domain: entityRef, neighbours: CARD_NEIGHBOURS, details: false };
  const supported = kind === 'domain' || kind === 'group';
  const state = useDomainSplitData(
    api => (supported ? api.getContextMap(focus) : Promise.resolve(undefined)),
    [entityRef, supported],
  );
  const [selected, setSelected] = useState<string | undefined>();
  const failure = useFailureRow(selected);
  const teamOrder = useMemo(
    () => state.value?.teams.map(t => t.entityRef) ?? [],
    [state.value],
  );
  const query = kind === 'group' ? 'team' : 'domain';
  return (
    <InfoCard
      title="Context map"
      subheader={
        kind === 'group'
          ? 'The domains this group owns and the domains tied to them'
          : 'This domain and the domains tied to it'
      }
      deepLink={
        pageLink && supported
          ? {
              title: 'Whole map',
              link: `${pageLink('map')}?${query}=${encodeURIComponent(
                entityRef,
              )}`,
            }
          : undefined
      }
    >
      {supported ? (
        <DataState
          {...state}
          isEmpty={v => !v || v.nodes.length === 0}
          emptyTitle={
            kind === 'group'
              ? 'This group owns no domain'
              : 'No such domain in the analysis'
          }
          emptyHint={
            kind === 'group'
              ? 'Set spec.owner of a Domain to this group (or to a group below it).'
              : 'The catalog may still be processing this domain.'
          }
        >
          {map =>
            map && (
              <>
                <ContextMapView
                  nodes={map.nodes}
                  edges={map.edges}
                  titles={map.titles}
                  teamOrder={teamOrder}
                  selected={selected}
                  impacts={failure.impacts}
                  onSelect={setSelected}
                  label={`Context map around ${
                    map.titles[entityRef] ?? entityRef
                  }: ${map.nodes.length} domains, ${map.edges.length} ties`}
                />
                {map.focus?.moreDomains ? (
                  <Typography variant="body2" color="textSecondary">
                    This group owns {map.focus.domains.length} domains: the{' '}
                    {CARD_NEIGHBOURS} most tied are drawn (Whole map).
                  </Typography>
                ) : null}
                {map.focus?.moreNeighbours ? (
                  <Typography variant="body2" color="textSecondary">
                    The {CARD_NEIGHBOURS} most tied domains are drawn;{' '}
                    {map.focus.moreNeighbours} more{' '}
                    {map.focus.moreNeighbours === 1
                      ? 'domain is tied to it'
                      : 'domains are tied to it'}{' '}
                    (Whole map).
                  </Typography>
                ) : null}
                {failure.error && (
                  <Typography variant="body2" color="error">
                    The failure matrix could not be loaded:{' '}
                    {failure.error.message}
                  </Typography>
                )}
                <ContextMapLegend
                  showImpact={!!selected}
                  teams={map.teams}
                  teamOrder={teamOrder}
                  titles={map.titles}
                />
              </>
            )
          }
        </DataState>
      ) : (
        <Typography variant="body2">
          The context map is drawn for Domains and Groups.
        </Typography>
      )}
    </InfoCard>
  );
};
