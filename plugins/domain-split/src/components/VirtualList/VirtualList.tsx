import { ReactNode } from 'react';
import { FixedSizeList } from 'react-window';
import Box from '@mui/material/Box';

/** @internal */
export interface VirtualListProps<T> {
  items: T[];
  /** Height of one row in pixels (rows are fixed-size). */
  rowHeight: number;
  /** Most pixels the list takes before it scrolls. */
  maxHeight?: number;
  /** Up to this many items are rendered plainly; longer lists are virtualised. */
  virtualiseAbove?: number;
  itemKey: (item: T, index: number) => string;
  renderItem: (item: T, index: number) => ReactNode;
  'aria-label'?: string;
}

/**
 * A list that renders only the visible rows (react-window) once it gets long, so views stay
 * fast with hundreds of services; short lists render plainly.
 * @internal
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const {
    items,
    rowHeight,
    maxHeight = 560,
    virtualiseAbove = 40,
    itemKey,
    renderItem,
  } = props;
  if (items.length <= virtualiseAbove) {
    return (
      <Box role="list" aria-label={props['aria-label']}>
        {items.map((item, index) => (
          <Box
            role="listitem"
            key={itemKey(item, index)}
            sx={{ minHeight: rowHeight }}
          >
            {renderItem(item, index)}
          </Box>
        ))}
      </Box>
    );
  }
  return (
    <Box role="list" aria-label={props['aria-label']}>
      <FixedSizeList
        height={Math.min(maxHeight, items.length * rowHeight)}
        width="100%"
        itemCount={items.length}
        itemSize={rowHeight}
        itemKey={index => itemKey(items[index], index)}
        overscanCount={8}
      >
        {({ index, style }) => (
          <div role="listitem" style={style}>
            {renderItem(items[index], index)}
          </div>
        )}
      </FixedSizeList>
    </Box>
  );
}
