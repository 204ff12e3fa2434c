import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@mui/material/Typography';
import { refKind, shortName } from '../../utils/format';

/** @internal */
export interface EntityLinkProps {
  entityRef: string;
  /** What to show; defaults to the short name of the ref. */
  title?: string;
  /** Show the kind before the name ("domain: orders"). */
  showKind?: boolean;
}

/**
 * A link to an entity's catalog page, showing a known title (no catalog request per link,
 * so hundreds of them stay cheap). Text that is not an entity ref is shown without a link.
 * @internal
 */
export const EntityLink = ({ entityRef, title, showKind }: EntityLinkProps) => {
  const kind = refKind(entityRef);
  const label = title || shortName(entityRef);
  if (!kind) {
    return (
      <Typography component="span" variant="inherit">
        {label}
      </Typography>
    );
  }
  return (
    <EntityRefLink
      entityRef={entityRef}
      title={showKind ? `${kind}: ${label}` : label}
    />
  );
};

/**
 * A comma-separated list of entity links.
 * @internal
 */
export const EntityLinkList = ({
  entityRefs,
  titles,
}: {
  entityRefs: string[];
  titles?: Record<string, string>;
}) => (
  <>
    {entityRefs.map((ref, i) => (
      <span key={ref}>
        {i > 0 && ', '}
        <EntityLink entityRef={ref} title={titles?.[ref]} />
      </span>
    ))}
  </>
);
