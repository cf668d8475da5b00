import { hiddenNote } from './hiddenNote';
import type { SelectedSeries } from '../../data/outliers';

const selected = (shown: number, hiddenCount: number, overLimit: number, cutBy: SelectedSeries['cutBy']) =>
  ({ shown: new Array(shown), hiddenCount, overLimit, cutBy }) as SelectedSeries;

describe('hiddenNote(selected, total)', () => {
  it('names the control that hid the series', () => {
    expect(hiddenNote(selected(2, 3, 3, 'topN'), 5)).toBe(
      'The 2 most anomalous of 5 series (“Top N” in the panel options); pick another above.'
    );
    expect(hiddenNote(selected(12, 8, 5, 'maxCharts'), 20)).toBe(
      '5 more series not shown: pick one above, or raise “Max charts” in the panel options.'
    );
    expect(hiddenNote(selected(1, 4, 0, 'picked'), 5)).toBe(
      'Showing the picked series; choose “All series” above for the other 4.'
    );
    expect(hiddenNote(selected(2, 3, 0, 'filter'), 5)).toBe(
      '3 series without outliers in this range hidden (“Only with outliers”).'
    );
    expect(hiddenNote(selected(5, 0, 0, null), 5)).toBe('');
  });
});
