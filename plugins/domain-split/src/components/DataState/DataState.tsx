import { ReactNode } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@mui/material/Typography';
import { isCatalogLoading } from '../../hooks/useDomainSplitData';

/** @internal */
export interface DataStateProps<T> {
  loading: boolean;
  error?: Error;
  value?: T;
  /** When true for the loaded value, the empty state is shown instead of the content. */
  isEmpty?: (value: T) => boolean;
  emptyTitle?: string;
  /** A hint on how to get data, e.g. "run yarn demo:events". */
  emptyHint?: string | JSX.Element;
  /** Keep the previous content visible while reloading (for toggles and filters). */
  keepContentWhileLoading?: boolean;
  children: (value: T) => ReactNode;
}

/**
 * The loading (Progress), error (ResponseErrorPanel) and empty (EmptyState) states every view
 * of the plugin shares; renders `children(value)` once there is something to show.
 * @internal
 */
export function DataState<T>(props: DataStateProps<T>) {
  const {
    loading,
    error,
    value,
    isEmpty,
    emptyTitle,
    emptyHint,
    keepContentWhileLoading,
    children,
  } = props;
  if (loading && !(keepContentWhileLoading && value !== undefined)) {
    return <Progress />;
  }
  if (isCatalogLoading(error)) {
    return (
      <>
        <Progress />
        <Typography variant="body2" color="textSecondary" role="status">
          The catalog is still loading; this view appears once Domain Split has
          read all of it.
        </Typography>
      </>
    );
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (value === undefined) {
    return <Progress />;
  }
  if (isEmpty?.(value)) {
    return (
      <EmptyState
        missing="data"
        title={emptyTitle ?? 'Nothing to show yet'}
        description={emptyHint}
      />
    );
  }
  return <>{children(value)}</>;
}
