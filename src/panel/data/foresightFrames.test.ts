import { FieldType, toDataFrame } from '@grafana/data';

import { splitForesightFrames } from './foresightFrames';

const T0 = 1_700_000_000_000;

function foresightFrame(refId: string, omit: string[] = []) {
  const fields = [
    { name: 'time', type: FieldType.time, values: [T0, T0 + 60_000] },
    { name: 'value', type: FieldType.number, values: [1, 2] },
    { name: 'yhat', type: FieldType.number, values: [1.1, 1.9] },
    { name: 'yhat_lower', type: FieldType.number, values: [0.5, 1.4] },
    { name: 'yhat_upper', type: FieldType.number, values: [1.6, 2.4] },
  ].filter((f) => !omit.includes(f.name));
  return toDataFrame({ refId, fields });
}

describe('splitForesightFrames(frames)', () => {
  it('keeps a frame with time, yhat, yhat_lower and yhat_upper', () => {
    const { usable, gaps } = splitForesightFrames([foresightFrame('A')]);
    expect(usable).toHaveLength(1);
    expect(gaps).toEqual([]);
  });

  it('names the fields a plain metric frame lacks', () => {
    const { usable, gaps } = splitForesightFrames([foresightFrame('B', ['yhat', 'yhat_lower', 'yhat_upper'])]);
    expect(usable).toEqual([]);
    expect(gaps).toEqual([{ frame: 'B', missing: ['yhat', 'yhat_lower', 'yhat_upper'] }]);
  });

  it('treats a non-numeric yhat and a missing time field as gaps', () => {
    const frame = toDataFrame({
      name: 'strings',
      fields: [
        { name: 'yhat', type: FieldType.string, values: ['a'] },
        { name: 'yhat_lower', type: FieldType.number, values: [0] },
        { name: 'yhat_upper', type: FieldType.number, values: [1] },
      ],
    });
    expect(splitForesightFrames([frame]).gaps).toEqual([{ frame: 'strings', missing: ['time', 'yhat'] }]);
  });

  it('splits a mix and labels unnamed frames by position', () => {
    const unnamed = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [T0] }] });
    const { usable, gaps } = splitForesightFrames([foresightFrame('A'), unnamed]);
    expect(usable.map((f) => f.refId)).toEqual(['A']);
    expect(gaps).toEqual([{ frame: 'frame 2', missing: ['yhat', 'yhat_lower', 'yhat_upper'] }]);
  });

  it('returns nothing for no frames', () => {
    expect(splitForesightFrames([])).toEqual({ usable: [], gaps: [] });
  });
});
