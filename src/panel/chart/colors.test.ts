import { colorManipulator, createTheme } from '@grafana/data';

import {
  CHART_COLOR_NAMES,
  DEFAULT_BAND_ALPHA,
  LIGHT_CHROME,
  lightThemeColor,
  REGION_ALPHA,
} from '../../shared/palette';
import { DEFAULT_PANEL_OPTIONS } from '../types';
import { chartColors } from './colors';

/** `#rrggbb` at an opacity, written the way Grafana's theme writes its text colours. */
function rgba(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

// The CLI's SVG plot draws with the shared palette's light-theme values; they must be what the panel draws.
describe('chartColors and the shared palette', () => {
  const light = createTheme({ colors: { mode: 'light' } });
  const colors = chartColors(light, DEFAULT_PANEL_OPTIONS.bandOpacity);

  it.each(['value', 'expected', 'above', 'below'] as const)('%s matches the light theme', (role) => {
    expect(colors[role]).toBe(lightThemeColor(role));
  });

  it('shades regions and the band as the palette says', () => {
    expect(DEFAULT_PANEL_OPTIONS.bandOpacity).toBe(DEFAULT_BAND_ALPHA);
    expect(colors.band).toBe(colorManipulator.alpha(lightThemeColor('expected'), DEFAULT_BAND_ALPHA));
    expect(colors.regions.incident).toBe(colorManipulator.alpha(lightThemeColor('incident'), REGION_ALPHA.incident));
    expect(colors.regions.falseAlarm).toBe(
      colorManipulator.alpha(lightThemeColor('falseAlarm'), REGION_ALPHA.falseAlarm)
    );
    expect(colors.regions.exclude).toBe(rgba(LIGHT_CHROME.text, REGION_ALPHA.exclude));
    expect(colors.axis).toBe(rgba(LIGHT_CHROME.text, LIGHT_CHROME.axisAlpha));
    expect(colors.grid).toBe(rgba(LIGHT_CHROME.text, LIGHT_CHROME.gridAlpha));
  });

  it('knows every palette name it uses', () => {
    for (const role of Object.keys(CHART_COLOR_NAMES) as Array<keyof typeof CHART_COLOR_NAMES>) {
      expect(lightThemeColor(role)).toBe(light.visualization.getColorByName(CHART_COLOR_NAMES[role]));
    }
  });
});
