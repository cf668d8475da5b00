import { MAX_LEAD_STEPS } from '../model/earlyWarning/rows';
import { outlookOptions } from './warning-options';

const DAY = 86_400_000;

describe('outlookOptions', () => {
  const series = (n: number, stepMs: number) =>
    Float64Array.from({ length: n }, (_, i) => 1_715_000_000_000 + i * stepMs);
  const thresholds = { above: 10 };

  it("steps at the series' median spacing", () => {
    expect(outlookOptions(series(100, 300_000), { leadMs: 6 * 3_600_000, thresholds }).stepMs).toBe(300_000);
  });

  it('steps more coarsely where a lead of up to 7 days holds more steps of the spacing than the outlook takes', () => {
    // One-second data: 7 days hold 604,800 steps, and the outlook refused them ("more than 100000 steps").
    const { stepMs, leadMs } = outlookOptions(series(100, 1000), { leadMs: 7 * DAY, thresholds });
    expect(leadMs / stepMs).toBeLessThanOrEqual(MAX_LEAD_STEPS);
    expect(stepMs).toBeGreaterThan(1000);
  });

  it('never steps past the lead', () => {
    expect(outlookOptions(series(10, DAY), { leadMs: 3_600_000, thresholds }).stepMs).toBe(3_600_000);
  });
});
