import { InfoCard } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';
import { useDomainSplitPageLink } from '../../hooks/useDomainSplitPageLink';
import { useEntityRefString } from '../../hooks/useEntityRefString';
import { AnnotationProblemsList } from '../AnnotationProblemsList';
import { DataState } from '../DataState';
import { groupByRule, ViolationList } from '../RulesTab';
import { formatCount } from '../../utils/format';

/** The violations a card lists: its first page (the Rules tab lists every one). */
export const CARD_PAGE_SIZE = 20;

/**
 * Entity card: the architecture rules this entity breaks (with the count of each), the first
 * {@link CARD_PAGE_SIZE} violations with the other entities involved and why ("N more" beyond);
 * and problems with its `domain-split/` annotations.
 * @public
 */
export const EntityRuleViolationsCard = () => {
  const entityRef = useEntityRefString();
  const pageLink = useDomainSplitPageLink();
  const state = useDomainSplitData(
    api => api.getRuleViolations(entityRef, { limit: CARD_PAGE_SIZE }),
    [entityRef],
  );
  return (
    <InfoCard
      title="Architecture rules"
      subheader="Rules of the domain split this entity breaks"
      deepLink={
        pageLink ? { title: 'All rules', link: pageLink('rules') } : undefined
      }
    >
      <DataState {...state}>
        {data => {
          const groups = groupByRule(data).filter(
            g => (data.counts[g.rule.id] ?? 0) > 0,
          );
          const problems = data.annotationProblems.filter(
            p => p.entityRef === entityRef,
          );
          const more = data.totalItems - data.violations.length;
          return (
            <>
              {groups.length === 0 ? (
                <Alert severity="success">
                  This entity breaks none of the {data.rules.length} rules.
                </Alert>
              ) : (
                groups.map(({ rule, violations: vs }) => (
                  <Box key={rule.id} sx={{ mb: 2 }}>
                    <Typography variant="subtitle2" color="error.main">
                      {rule.title} ({formatCount(data.counts[rule.id] ?? 0)})
                    </Typography>
                    {rule.description && (
                      <Typography variant="caption" color="text.secondary">
                        {rule.description}
                      </Typography>
                    )}
                    {vs.length > 0 && (
                      <ViolationList
                        violations={vs}
                        label={`Violations of ${rule.title}`}
                      />
                    )}
                  </Box>
                ))
              )}
              {more > 0 && (
                <Typography variant="body2" color="text.secondary">
                  and {formatCount(more)} more (the Rules tab lists them all)
                </Typography>
              )}
              <AnnotationProblemsList problems={problems} />
            </>
          );
        }}
      </DataState>
    </InfoCard>
  );
};
