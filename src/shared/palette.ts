/**
 * The chart's colours, shared by the panel and the CLI's SVG plot. The panel resolves the Grafana
 * palette names through the theme (so dark mode works); the CLI, which must not import Grafana, draws
 * on white with the light theme's values below. src/panel/chart/colors.test.ts pins both to Grafana.
 */

/** Grafana palette names (or a fixed colour) per chart role. */
export const CHART_COLOR_NAMES = {
  /** Light theme; the panel uses #E0E0E0 on dark. */
  value: '#202226',
  expected: 'blue',
  above: 'red',
  below: 'purple',
  incident: 'red',
  falseAlarm: 'green',
  holiday: 'orange',
  /** The panel's strip of how many series are outside the band. */
  outside: 'orange',
} as const;

/** Opacity of shaded time ranges over the plot. */
export const REGION_ALPHA = { exclude: 0.16, incident: 0.12, falseAlarm: 0.14, holiday: 0.12 } as const;

/** Band opacity the panel starts with. */
export const DEFAULT_BAND_ALPHA = 0.25;

/** The Grafana light theme's value of each palette name used above. */
const LIGHT_THEME: Record<string, string> = {
  blue: '#3274D9',
  red: '#E02F44',
  purple: '#A352CC',
  green: '#56A64B',
  orange: '#FF780A',
};

export type ChartRole = keyof typeof CHART_COLOR_NAMES;

/** A role's colour in Grafana's light theme, as a hex string. */
export function lightThemeColor(role: ChartRole): string {
  const name: string = CHART_COLOR_NAMES[role];
  return LIGHT_THEME[name] ?? name;
}

/**
 * Light-theme axis text, grid lines and exclusion shading: Grafana's text colour at the opacities of
 * its text.secondary, border.weak and (before the region alpha) text.disabled.
 */
export const LIGHT_CHROME = { text: '#24292e', axisAlpha: 0.75, gridAlpha: 0.12 } as const;
