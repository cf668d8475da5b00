import { createContext } from 'react';
import type uPlot from 'uplot';

/** Lets a host page (the browser tests and the render benchmark) reach the uPlot instances the panel draws. */
export interface ChartRegistry {
  add: (key: string, chart: uPlot) => void;
  remove: (key: string) => void;
}

export const ChartRegistryContext = createContext<ChartRegistry | undefined>(undefined);
