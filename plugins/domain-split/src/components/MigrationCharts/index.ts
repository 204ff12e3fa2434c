export { PhaseBurnUpChart } from './PhaseBurnUpChart';
export { SplitDebtChart } from './SplitDebtChart';
