export { BurnUpChart, burnUpSeries } from './BurnUpChart';
