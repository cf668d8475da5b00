import { renderReport, scoreboardTable } from './report';
import { LabelledFile } from './rules';
import { parseArgs } from './run';
import { scoreCorpus } from './scorer';

const files: LabelledFile[] = [
  { name: 'catA/one.csv', rows: 20, windows: [[10, 13]] },
  { name: 'catB/quiet.csv', rows: 20, windows: [] },
];

function perfectReport() {
  const results = scoreCorpus(
    files.map((file) => {
      const scores = new Float64Array(file.rows);
      file.windows.forEach(([first]) => (scores[first] = 1));
      return { file, scores };
    })
  );
  return { name: 'perfect', description: 'flags each window start', detectMs: 1234, detectCpuMs: 1000, results };
}

describe('scoreboardTable(reports)', () => {
  it('ranks our detector among the published ones by standard score', () => {
    const lines = scoreboardTable([perfectReport()]).split('\n');
    expect(lines[2]).toBe('| **perfect** (ours) | **100.0** | **100.0** | **100.0** | this run |');
    expect(lines[3]).toContain('ARTime');
    expect(lines[lines.length - 1]).toContain('Null');
  });
});

describe('renderReport(reports, context)', () => {
  it('writes per-category and per-file tables without NaN, n/a where a ratio has no denominator', () => {
    const markdown = renderReport([perfectReport()], {
      date: '2026-01-01T00:00:00.000Z',
      command: 'npx tsx bench/nab/run.ts',
      machine: 'test machine',
      files: 2,
      rows: 40,
      windows: 1,
      repairedRows: 0,
      detailProfile: 'standard',
      scoringMs: 5,
    });
    expect(markdown).not.toMatch(/NaN/);
    expect(markdown).toContain('| catA | 1 | 100.0 | 100.0 | 100.0 | 1/1 | 0 | 0 | 100.0% | 100.0% |');
    expect(markdown).toContain('| catB | 1 | n/a | n/a | n/a | 0/0 | 0 | 0 | n/a | n/a |');
    expect(markdown).toContain('Detection time: 1.2 s wall, 1.0 s CPU.');
  });
});

describe('parseArgs(argv)', () => {
  it('reads detectors, profile, files and JSON params', () => {
    const options = parseArgs(['--detector', 'gaussian,null', '--profile', 'reward_low_FN_rate', '--files', 'real*/*']);
    expect(options.detectors).toEqual(['gaussian', 'null']);
    expect(options.profile).toBe('reward_low_FN_rate');
    expect(options.files).toBe('real*/*');
    expect(parseArgs(['--params', '{"robust":false}']).config.params).toEqual({ robust: false });
  });

  it('rejects unknown detectors, profiles and malformed values with a clear message', () => {
    expect(() => parseArgs(['--detector', 'magic'])).toThrow(/unknown detector magic/);
    expect(() => parseArgs(['--profile', 'lenient'])).toThrow(/unknown profile lenient/);
    expect(() => parseArgs(['--params', '[1]'])).toThrow(/--params must be a JSON object/);
    expect(() => parseArgs(['--out'])).toThrow(/--out needs a value/);
    expect(() => parseArgs(['--gaussian-window', '0'])).toThrow(/positive integer/);
  });
});
