import { history, scoreForecasts, seasonalNaiveForecasts, windowTimestamps } from './window-forecasts';

const series = {
  timestamps: Float64Array.from([0, 1, 2, 3, 4, 5]),
  values: Float64Array.from([1, 2, NaN, 4, 5, 6]),
};

describe('windowTimestamps and history', () => {
  it('takes the rows with a value in (cutoff, cutoff + horizon]', () => {
    expect(windowTimestamps(series, 1, 3)).toEqual([3, 4]);
  });

  it('trains on the rows at or before the cutoff, missing values included', () => {
    expect(Array.from(history(series, 2).timestamps)).toEqual([0, 1, 2]);
  });
});

describe('scoreForecasts', () => {
  it('pairs forecasts with the truth by time, skips failed windows and unknown truth', () => {
    const truth = new Map([
      [3, 4],
      [4, 5],
    ]);
    const points = scoreForecasts(
      [
        { cutoff: 1, ds: [3, 4, 9], yhat: [3, 5, 0], lower: [2, 4, 0], upper: [4, 6, 0] },
        { cutoff: 2, ds: [3], yhat: [], error: 'boom' },
      ],
      truth
    );
    expect(points).toEqual([
      { ahead: 2, actual: 4, forecast: 3, lower: 2, upper: 4 },
      { ahead: 3, actual: 5, forecast: 5, lower: 4, upper: 6 },
    ]);
  });
});

describe('seasonalNaiveForecasts', () => {
  it('forecasts every window from its own history', () => {
    const [w] = seasonalNaiveForecasts(series, [3], 2, { ms: 2 });
    expect(w.ds).toEqual([4, 5]);
    expect(w.yhat).toEqual([1, 4]); // 4 − 2·2 = 0 → 1; 5 − 2 = 3 → 4
  });
});
