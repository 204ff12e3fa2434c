export { VirtualList } from './VirtualList';
export type { VirtualListProps } from './VirtualList';
export { MeasuredVirtualList } from './MeasuredVirtualList';
export type { MeasuredVirtualListProps } from './MeasuredVirtualList';
