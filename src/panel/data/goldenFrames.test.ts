import { DataFrame, DataFrameJSON, dataFrameFromJSON } from '@grafana/data';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AlertField, FRAME_FIELDS } from '../../shared/contract.gen';
import {
  ALERT_FRAME_FIELDS,
  FORESIGHT_FIELDS,
  UNREAD_FRAME_FIELDS,
  WARNING_FRAME_FIELDS,
} from '../../shared/constants';
import { splitForesightFrames } from './foresightFrames';
import { panelNotices } from './panelNotices';
import { SeriesView, toSeriesViews } from './seriesView';

// The backend's golden responses (written by pkg/frames tests with -update), read as Grafana hands them to the
// panel. A renamed, dropped or added frame field that the contract does not carry fails here.
const GOLDEN_DIR = join(__dirname, '../../../pkg/frames/testdata');
const SUFFIX = '.golden.jsonc';

function readGolden(file: string): DataFrame[] {
  // The SDK's golden format: a `//` comment block (a table for people) above the JSON response.
  const text = readFileSync(join(GOLDEN_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');
  const response: { frames: DataFrameJSON[] } = JSON.parse(text);
  return response.frames.map((frame) => dataFrameFromJSON(frame));
}

interface PanelResult {
  frames: DataFrame[];
  usable: DataFrame[];
  views: SeriesView[];
  gaps: ReturnType<typeof splitForesightFrames>['gaps'];
  notices: string[];
}

/** What the panel makes of a response: the path of usePanelSeries and the panel's notices. */
function throughPanel(file: string): PanelResult {
  const frames = readGolden(file);
  const { usable, gaps } = splitForesightFrames(frames);
  const views = toSeriesViews(usable);
  const notices = panelNotices({ series: frames }).map((n) => n.text);
  return { frames, usable, views, gaps, notices };
}

// Alert-mode frames name their one numeric field after the query's alertField.
const OUTLIER: AlertField = 'outlier';
const SCORE: AlertField = 'score';

const T0 = Date.UTC(2025, 9, 1);
const STEP = 300_000;

/** What the panel must make of each golden response; a new golden file needs an entry. */
const EXPECTED: Record<string, (result: PanelResult) => void> = {
  full: ({ frames, views, gaps, notices }) => {
    expect(gaps).toEqual([]);
    expect(views).toHaveLength(1);
    const [view] = views;
    expect(view.refId).toBe('A');
    expect(view.name).toBe('host=a');
    expect(view.displayField.name).toBe(FORESIGHT_FIELDS.value);
    expect(view.displayField.labels).toEqual({ host: 'a' });
    expect(view.times).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * STEP));
    expect(view.value).toEqual([10, null, 42, null, null]);
    expect(view.expected).toEqual([10.5, 10.6, 50, null, null]);
    expect(view.forecast).toEqual([null, null, 50, 11, 11.2]);
    expect(view.forecastStart).toBe(T0 + 3 * STEP);
    expect(view.lower).toEqual([9, 9.1, 45, 9.5, 9.6]);
    expect(view.upper).toEqual([12, 12.1, 55, 12.5, null]);
    expect(Array.from(view.outlier)).toEqual([0, 0, -1, 0, 0]);
    expect(view.score).toEqual([0.1, 0, 0.9, null, null]);
    expect(Array.from(view.excluded ?? [])).toEqual([0, 1, 0, 0, 0]);
    expect(notices).toEqual([
      'cpu: points from 2025-10-01 00:10:00Z not judged',
      'exclusion annotations could not be read',
    ]);
    // The alert and warning fields come only with a query's alerting and warning objects, which this response's
    // query has not.
    const alertFields: string[] = [...Object.values(ALERT_FRAME_FIELDS), ...Object.values(WARNING_FRAME_FIELDS)];
    expect(frames[0].fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(
        Object.values(FORESIGHT_FIELDS).filter((name) => name !== FORESIGHT_FIELDS.time && !alertFields.includes(name))
      )
    );
    expect(Object.values(view.alerting).every((column) => column === null)).toBe(true);
  },
  'alert-outlier': ({ frames, views, gaps }) => {
    expect(views).toEqual([]);
    expect(frames.map((f) => f.fields.map((field) => field.name))).toEqual([
      [FRAME_FIELDS.time, OUTLIER],
      [FRAME_FIELDS.time, OUTLIER],
    ]);
    expect(frames.map((f) => f.fields[1].labels)).toEqual([{ host: 'a' }, { host: 'b' }]);
    expect(gaps).toEqual([
      { frame: 'B', missing: [FORESIGHT_FIELDS.expected, FORESIGHT_FIELDS.lower, FORESIGHT_FIELDS.upper] },
      { frame: 'B', missing: [FORESIGHT_FIELDS.expected, FORESIGHT_FIELDS.lower, FORESIGHT_FIELDS.upper] },
    ]);
  },
  'alert-duplicate-labels': ({ frames, views, gaps }) => {
    expect(views).toEqual([]);
    expect(frames.map((f) => f.fields[1].name)).toEqual([SCORE, SCORE]);
    expect(frames.map((f) => f.fields[1].labels)).toEqual([{ series: 'rx' }, { series: 'tx' }]);
    expect(gaps.map((g) => g.frame)).toEqual(['C', 'C']);
  },
  'full-warning': ({ views }) => {
    expect(views).toHaveLength(1);
    expect(views[0].warning).toEqual({
      above: 12,
      below: null,
      from: T0 + 2 * STEP,
      etaSeconds: 450,
      probability: 0.87,
      crossing: { time: T0 + 3.5 * STEP, value: 12 },
      drift: { start: T0 + STEP, side: 1 },
    });
  },
  empty: ({ views, notices }) => {
    expect(views).toEqual([]);
    expect(notices).toEqual(['the source returned no series']);
  },
};

describe('golden backend frames through the panel', () => {
  const files = readdirSync(GOLDEN_DIR).filter((file) => file.endsWith(SUFFIX));

  it('finds the golden files and expects something of each', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((file) => file.slice(0, -SUFFIX.length)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('reads %s as the backend meant it', (file) => {
    const result = throughPanel(file);
    // No frame is dropped without a word: each one is drawn or reported as a gap.
    expect(result.usable.length + result.gaps.length).toBe(result.frames.length);
    // Every field of a drawn frame has a role in the panel or is deliberately left alone.
    const known: string[] = [...Object.values(FORESIGHT_FIELDS), ...UNREAD_FRAME_FIELDS];
    expect(result.views).toHaveLength(result.usable.length);
    for (const frame of result.usable) {
      expect(frame.fields.map((f) => f.name).filter((name) => !known.includes(name))).toEqual([]);
    }
    const expected = EXPECTED[file.slice(0, -SUFFIX.length)];
    expect(expected).toBeDefined();
    expected(result);
  });
});
