export { DataState } from './DataState';
export type { DataStateProps } from './DataState';
