/**
 * @jest-environment jsdom
 */
import { render } from '@testing-library/react';
import type uPlot from 'uplot';

import { ComponentChart } from './ComponentChart';

// uPlot needs a real canvas: here the chart's options are what is checked.
const made: uPlot.Options[] = [];
jest.mock('uplot', () =>
  jest.fn().mockImplementation((opts: uPlot.Options) => {
    made.push(opts);
    return { destroy: jest.fn() };
  })
);

describe('ComponentChart', () => {
  it('labels its time axis in the dashboard’s time zone, as the panel’s charts do', () => {
    const t = Date.UTC(2025, 9, 1, 0, 0);
    render(
      <ComponentChart name="daily" times={[t, t + 3_600_000]} values={[1, 2]} width={480} timeZone="Asia/Seoul" />
    );
    const values = made[made.length - 1].axes?.[0].values;
    expect(typeof values).toBe('function');
    const u = { scales: { x: { min: t, max: t + 3_600_000 } } } as unknown as uPlot;
    expect((values as (u: uPlot, splits: number[]) => string[])(u, [t])).toEqual(['09:00']);
  });
});
