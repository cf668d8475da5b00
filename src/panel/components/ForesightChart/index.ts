export { ForesightChart } from './ForesightChart';
export type { ForesightChartProps } from './ForesightChart';
export { ChartRegistryContext } from './chartRegistry';
export type { ChartRegistry } from './chartRegistry';
