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

/**
 * Entity card: the architecture rules this entity breaks, with the other entities involved
 * and why; and problems with its `domain-split/` annotations.
 * @public
 */
export const EntityRuleViolationsCard = () => {
  const entityRef = useEntityRefString();
  const pageLink = useDomainSplitPageLink();
  const state = useDomainSplitData(
    api => api.getRuleViolations(entityRef),
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
          const violations = data.violations.filter(v =>
            v.entityRefs.includes(entityRef),
          );
          const groups = groupByRule({ ...data, violations }).filter(
            g => g.violations.length > 0,
          );
          const problems = data.annotationProblems.filter(
            p => p.entityRef === entityRef,
          );
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
                      {rule.title} ({vs.length})
                    </Typography>
                    {rule.description && (
                      <Typography variant="caption" color="text.secondary">
                        {rule.description}
                      </Typography>
                    )}
                    <ViolationList
                      violations={vs}
                      label={`Violations of ${rule.title}`}
                    />
                  </Box>
                ))
              )}
              <AnnotationProblemsList problems={problems} />
            </>
          );
        }}
      </DataState>
    </InfoCard>
  );
};
