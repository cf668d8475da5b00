import { foresightFrame, STEP, T0 } from '../test-utils/factory';
import { toSeriesView, toSeriesViews } from './seriesView';

describe('toSeriesView(frame)', () => {
  it('reads the fields of a full-mode frame', () => {
    const view = toSeriesView(foresightFrame(), 0)!;
    expect(view.times).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * STEP));
    expect(view.value).toEqual([10, 11, 30, 13, 14]);
    expect(view.lower).toEqual([8, 9, 10, 11, 12]);
    expect(Array.from(view.outlier)).toEqual([0, 0, 1, 0, 0]);
    expect(view.forecastStart).toBeNull();
    expect(view.forecast.every((y) => y === null)).toBe(true);
    expect(view.excluded).toBeNull();
  });

  it('reads the alerting fields a frame carries and leaves the others null', () => {
    const view = toSeriesView(
      foresightFrame({ extra: { significance: [0, 0.1, 0.8, Number.NaN, 0.2], threshold_breach: [0, 0, 1, 0, 0] } }),
      0
    )!;
    expect(view.alerting.significance).toEqual([0, 0.1, 0.8, null, 0.2]);
    expect(view.alerting.thresholdBreach).toEqual([0, 0, 1, 0, 0]);
    expect(view.alerting.alert).toBeNull();
    expect(toSeriesView(foresightFrame(), 0)!.alerting).toEqual({
      significance: null,
      alert: null,
      direction: null,
      thresholdBreach: null,
      vsPast: null,
    });
  });

  it('returns null when the band is missing', () => {
    expect(toSeriesView(foresightFrame({ omit: ['yhat_upper'] }), 0)).toBeNull();
  });

  it('splits history and forecast where the values end, joining at the last value', () => {
    const view = toSeriesView(foresightFrame({ value: [1, 2, 3, null, null] }), 0)!;
    expect(view.expected).toEqual([10, 11, 12, null, null]);
    expect(view.forecast).toEqual([null, null, 12, 13, 14]);
    expect(view.forecastStart).toBe(T0 + 3 * STEP);
  });

  it('turns NaN into gaps and never reports an outlier without a value', () => {
    const view = toSeriesView(
      foresightFrame({ value: [1, Number.NaN, 3, 4, 5], outlier: [0, -1, 0, 0, 0], yhat: [1, 2, Number.NaN, 4, 5] }),
      0
    )!;
    expect(view.value[1]).toBeNull();
    expect(view.expected[2]).toBeNull();
    expect(view.outlier[1]).toBe(0);
  });

  it('sorts unsorted rows and keeps duplicates', () => {
    const times = [T0 + 2 * STEP, T0, T0 + STEP, T0 + STEP, T0 + 3 * STEP];
    const view = toSeriesView(foresightFrame({ times, value: [3, 1, 2, 22, 4] }), 0)!;
    expect(view.times).toEqual([T0, T0 + STEP, T0 + STEP, T0 + 2 * STEP, T0 + 3 * STEP]);
    expect(view.value).toEqual([1, 2, 22, 3, 4]);
  });

  it('names a series by its labels, else the frame name, else the refId', () => {
    expect(toSeriesView(foresightFrame({ labels: { service: 'chat', region: 'kr' } }), 0)!.name).toBe(
      'service=chat, region=kr'
    );
    expect(toSeriesView(foresightFrame({ name: 'messages' }), 0)!.name).toBe('messages');
    expect(toSeriesView(foresightFrame({ refId: 'B' }), 0)!.name).toBe('B');
  });

  it('keeps the labels and frame name to match resources by, whatever display name the panel gives', () => {
    const frame = foresightFrame({ name: 'backend name', labels: { service: 'chat' } });
    frame.fields[1].config.displayName = 'Chat';
    const view = toSeriesView(frame, 0)!;
    expect(view.name).toBe('Chat');
    expect(view.identity).toEqual({ labels: { service: 'chat' }, name: 'backend name' });
  });

  it('reads the excluded flags', () => {
    const view = toSeriesView(foresightFrame({ excluded: [0, 1, 1, 0, 0] }), 0)!;
    expect(Array.from(view.excluded!)).toEqual([0, 1, 1, 0, 0]);
  });

  it('handles an empty frame', () => {
    const view = toSeriesView(foresightFrame({ times: [] }), 0)!;
    expect(view.times).toEqual([]);
    expect(view.forecastStart).toBeNull();
  });
});

describe('toSeriesViews(frames)', () => {
  const keys = (frames: Parameters<typeof toSeriesViews>[0]) => toSeriesViews(frames).map((v) => v.key);

  it('keys a series by its query, frame name and labels, not by where its frame sits', () => {
    const chat = foresightFrame({ refId: 'A', labels: { service: 'chat' } });
    const push = foresightFrame({ refId: 'A', labels: { service: 'push' } });
    const other = foresightFrame({ refId: 'B', name: 'other' });
    const [chatKey, pushKey] = keys([chat, push]);
    expect(keys([other, chat, push]).slice(1)).toEqual([chatKey, pushKey]);
    expect(keys([push])).toEqual([pushKey]);
  });

  it('keeps keys unique when frames share an identity, and adding another frame before them moves none', () => {
    const twin = () => foresightFrame({ refId: 'A' });
    const before = keys([twin(), twin()]);
    expect(new Set(before).size).toBe(2);
    expect(keys([foresightFrame({ refId: 'B' }), twin(), twin()]).slice(1)).toEqual(before);
  });

  it('does not confuse a label value holding a separator with two labels', () => {
    const one = foresightFrame({ labels: { a: 'x", "b' } });
    const two = foresightFrame({ labels: { a: 'x', b: '' } });
    expect(new Set(keys([one, two])).size).toBe(2);
    expect(keys([one, two]).every((k) => !k.includes('#'))).toBe(true);
  });

  it('keys the same labels the same whatever their order', () => {
    const ab = foresightFrame({ labels: { a: '1', b: '2' } });
    const ba = foresightFrame({ labels: { b: '2', a: '1' } });
    expect(keys([ab])).toEqual(keys([ba]));
  });
});
