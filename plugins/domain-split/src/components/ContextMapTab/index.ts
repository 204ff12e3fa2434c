export { ContextMapTab, useFailureRow } from './ContextMapTab';
export { ContextMapView } from './ContextMapView';
export { ContextMapLegend } from './ContextMapParts';
