import { CliError } from './errors';
import { labelsOutside, paramsWithLabels, parseLabelsCsv } from './labels';

describe('parseLabelsCsv', () => {
  it('reads incidents and false alarms in any column order and any time form the input takes', () => {
    const text =
      'kind,start,end,note\n' +
      'incident,2024-05-06T10:00:00Z,2024-05-06 12:00,outage\n' +
      'false-alarm,1715000000,1715003600,\n' +
      'FALSE_ALARM,1715000000000,1715000000000,same instant\n';
    expect(parseLabelsCsv(text, 'labels.csv')).toEqual({
      incidents: [[Date.UTC(2024, 4, 6, 10), Date.UTC(2024, 4, 6, 12)]],
      false_alarms: [
        [1_715_000_000_000, 1_715_003_600_000],
        [1_715_000_000_000, 1_715_000_000_000],
      ],
    });
    expect(parseLabelsCsv('start,end,kind\n', 'labels.csv')).toEqual({ incidents: [], false_alarms: [] });
  });

  it.each([
    [
      'start,end,kind\n2024-05-06,2024-05-07,incident\n2024-05-08,2024-05-07,incident\n',
      'labels.csv row 3: end is before start',
    ],
    [
      'start,end,kind\n2024-05-06,soon,incident\n',
      'labels.csv row 2, column "end": "soon" is not ISO 8601 or epoch seconds/milliseconds',
    ],
    [
      'start,end,kind\n2024-05-06,2024-05-07,outage\n',
      'labels.csv row 2, column "kind": "outage" is not incident or false-alarm',
    ],
    ['start,end,kind\n2024-05-06,,incident\n', 'labels.csv row 2: end is empty'],
    [
      'start,end\n2024-05-06,2024-05-07\n',
      'labels.csv row 1: no column "kind" (found "start", "end"); the header is start,end,kind',
    ],
    ['', 'labels.csv: file is empty (expected the header start,end,kind)'],
  ])('names the row and column of a bad file (%#)', (text, message) => {
    expect(() => parseLabelsCsv(text, 'labels.csv')).toThrow(new CliError(message));
  });
});

describe('paramsWithLabels', () => {
  it('adds incidents to exclude and false alarms to false_alarms, keeping the config own', () => {
    const params = paramsWithLabels(
      { exclude: [[1, 2]], interval_width: 0.9 },
      { incidents: [[5, 6]], false_alarms: [[7, 8]] }
    );
    expect(params).toEqual({
      exclude: [
        [1, 2],
        [5, 6],
      ],
      false_alarms: [[7, 8]],
      interval_width: 0.9,
    });
    expect(paramsWithLabels({ interval_width: 0.9 }, undefined)).toEqual({ interval_width: 0.9 });
  });
});

describe('labelsOutside', () => {
  const day = (d: number) => Date.UTC(2024, 5, d);
  const timestamps = [day(10), day(1), day(5)];

  it('counts the labels that overlap no part of the series span, names the span, and is silent otherwise', () => {
    const labels = {
      incidents: [
        [Date.UTC(2030, 5, 3), Date.UTC(2030, 5, 4)],
        [day(0), day(1)],
      ] as Array<[number, number]>,
      false_alarms: [
        [day(11), day(12)],
        [day(9), day(20)],
      ] as Array<[number, number]>,
    };
    expect(labelsOutside(labels, timestamps, 'labels.csv')).toBe(
      'labels.csv: 2 of 4 labels lie outside the data (2024-06-01 00:00 UTC to 2024-06-10 00:00 UTC) and change nothing'
    );
    const inside = { incidents: [[day(0), day(1)]] as Array<[number, number]>, false_alarms: [] };
    expect(labelsOutside(inside, timestamps, 'labels.csv')).toBeNull();
    expect(labelsOutside({ incidents: [], false_alarms: [] }, timestamps, 'labels.csv')).toBeNull();
  });
});
