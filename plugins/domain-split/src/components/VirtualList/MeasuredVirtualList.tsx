import {
  CSSProperties,
  memo,
  ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
} from 'react';
import {
  areEqual,
  ListChildComponentProps,
  VariableSizeList,
} from 'react-window';
import Box from '@mui/material/Box';

/** @internal */
export interface MeasuredVirtualListProps<T> {
  items: T[];
  /** Height in pixels assumed for a row until it has been measured. */
  estimatedRowHeight: number;
  /** Most pixels the list takes before it scrolls. */
  maxHeight?: number;
  /** Up to this many items are rendered plainly; longer lists are virtualised. */
  virtualiseAbove?: number;
  /** Rows rendered beyond the visible ones, in each direction. */
  overscanCount?: number;
  /** Stable per item: measured heights are remembered by key. */
  itemKey: (item: T, index: number) => string;
  renderItem: (item: T, index: number) => ReactNode;
  'aria-label'?: string;
}

type RowData<T> = {
  items: T[];
  itemKey: (item: T, index: number) => string;
  renderItem: (item: T, index: number) => ReactNode;
  onSize: (index: number, key: string, height: number) => void;
};

const hasResizeObserver = typeof ResizeObserver !== 'undefined';

function MeasuredRow<T>({
  index,
  style,
  data,
}: ListChildComponentProps<RowData<T>>) {
  const { items, itemKey, renderItem, onSize } = data;
  const item = items[index];
  const key = itemKey(item, index);
  const ref = useRef<HTMLDivElement>(null);
  // the latest index/key for the observer, which lives as long as the row is mounted
  const latest = useRef({ index, key });
  latest.current = { index, key };
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const report = () =>
      onSize(latest.current.index, latest.current.key, el.offsetHeight);
    report();
    if (!hasResizeObserver) return undefined;
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [onSize]);
  return (
    <div role="listitem" style={style as CSSProperties}>
      <div ref={ref}>{renderItem(item, index)}</div>
    </div>
  );
}

const Row = memo(MeasuredRow, areEqual) as typeof MeasuredRow;

/**
 * A list of rows of different heights that renders only the visible rows (react-window
 * `VariableSizeList`) once it gets long; each rendered row is measured (ResizeObserver), so
 * a row that grows — an expanded accordion — pushes the rows below it. Short lists render
 * plainly.
 * @internal
 */
export function MeasuredVirtualList<T>(props: MeasuredVirtualListProps<T>) {
  const {
    items,
    estimatedRowHeight,
    maxHeight = 640,
    virtualiseAbove = 20,
    overscanCount = 4,
    itemKey,
    renderItem,
  } = props;
  const listRef = useRef<VariableSizeList>(null);
  const sizes = useRef(new Map<string, number>());
  const virtualised = items.length > virtualiseAbove;

  const onSize = useCallback((index: number, key: string, height: number) => {
    if (height <= 0 || sizes.current.get(key) === height) return;
    sizes.current.set(key, height);
    listRef.current?.resetAfterIndex(index, true);
  }, []);

  // offsets are cached by index: a new (filtered) list starts over from the first row
  useEffect(() => {
    listRef.current?.resetAfterIndex(0, true);
  }, [items]);

  const itemData = useMemo<RowData<T>>(
    () => ({ items, itemKey, renderItem, onSize }),
    [items, itemKey, renderItem, onSize],
  );

  if (!virtualised) {
    return (
      <Box role="list" aria-label={props['aria-label']}>
        {items.map((item, index) => (
          <div role="listitem" key={itemKey(item, index)}>
            {renderItem(item, index)}
          </div>
        ))}
      </Box>
    );
  }
  const sizeOf = (index: number) =>
    sizes.current.get(itemKey(items[index], index)) ?? estimatedRowHeight;
  return (
    <Box role="list" aria-label={props['aria-label']}>
      <VariableSizeList<RowData<T>>
        ref={listRef}
        height={Math.min(maxHeight, items.length * estimatedRowHeight)}
        width="100%"
        itemCount={items.length}
        itemSize={sizeOf}
        estimatedItemSize={estimatedRowHeight}
        itemKey={index => itemKey(items[index], index)}
        itemData={itemData}
        overscanCount={overscanCount}
      >
        {Row}
      </VariableSizeList>
    </Box>
  );
}
