export interface ChartLayoutInput {
  width: number;
  height: number;
  charts: number;
  /** Space taken by the toolbar, notices and legend. */
  chromeHeight: number;
  headerHeight: number;
  minChartHeight: number;
  scrollbarWidth: number;
}

export interface ChartLayout {
  chartWidth: number;
  chartHeight: number;
  /** True when the charts do not fit and the list scrolls. */
  scrolls: boolean;
  /** Whether each chart gets a header with its name (small multiples). */
  headers: boolean;
}

/** Splits the panel's height between the charts; below the minimum height they scroll instead of shrinking. */
export function chartLayout(input: ChartLayoutInput): ChartLayout {
  const charts = Math.max(1, input.charts);
  const headers = input.charts > 1;
  const available = input.height - input.chromeHeight;
  const fitted = Math.floor(available / charts) - (headers ? input.headerHeight : 0);
  const scrolls = fitted < input.minChartHeight;
  return {
    chartWidth: Math.max(100, input.width - (scrolls ? input.scrollbarWidth : 0)),
    chartHeight: Math.max(input.minChartHeight, fitted),
    scrolls,
    headers,
  };
}
