import type { CliIO } from './io';
import { describeProgress, withProgress } from './progress';

/** An IO whose stderr is (or is not) a terminal and whose clock reads `clock.ms`, set by the test. */
function terminalIO(terminal: boolean): { io: CliIO; err: string[]; clock: { ms: number } } {
  const err: string[] = [];
  const clock = { ms: 0 };
  const io = { stderr: (text: string) => err.push(text), stderrIsTerminal: terminal, now: () => clock.ms };
  return { io: io as unknown as CliIO, err, clock };
}

const ROWS = { task: 'detect --online', unit: 'rows' };

describe('progress line', () => {
  it('draws at most one update per 250 ms of the clock, then erases itself', () => {
    const { io, err, clock } = terminalIO(true);
    withProgress(io, {}, ROWS, (report) => {
      for (const [ms, done] of [
        [100, 100],
        [250, 250],
        [400, 400],
        [500, 500],
        [600, 600],
      ]) {
        clock.ms = ms;
        report?.(done, 1000);
      }
    });
    expect(err).toEqual([
      '\rdetect --online: 250 of 1,000 rows (25%), 1,000 rows/s, about 1 s left\x1b[K',
      '\rdetect --online: 500 of 1,000 rows (50%), 1,000 rows/s, about 1 s left\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('erases the line when the work fails, so the error starts on a clean line', () => {
    const { io, err, clock } = terminalIO(true);
    expect(() =>
      withProgress(io, {}, ROWS, (report) => {
        clock.ms = 300;
        report?.(1, 4);
        throw new Error('bad row');
      })
    ).toThrow('bad row');
    expect(err[err.length - 1]).toBe('\r\x1b[K');
  });

  it('gives the model no callback when stderr is not a terminal or with --quiet, and writes nothing', () => {
    for (const [terminal, args] of [
      [false, {}],
      [true, { quiet: true as const }],
    ] as const) {
      const { io, err } = terminalIO(terminal);
      expect(withProgress(io, args, ROWS, (report) => report)).toBeUndefined();
      expect(err).toEqual([]);
    }
  });

  it('says the rate and the time left in words a person reads at a glance', () => {
    expect(describeProgress('cv', 'fits', 0, 40, 0)).toBe('cv: 0 of 40 fits (0%)');
    expect(describeProgress('cv', 'fits', 3, 40, 2000)).toBe('cv: 3 of 40 fits (7%), 1.5 fits/s, about 25 s left');
    expect(describeProgress('tune', 'fits', 10, 200, 40_000)).toBe(
      'tune: 10 of 200 fits (5%), 0.25 fits/s, about 12 min 40 s left'
    );
    expect(describeProgress('tune', 'fits', 1, 200, 60_000)).toBe(
      'tune: 1 of 200 fits (0%), 0.017 fits/s, about 3 h 19 min left'
    );
  });
});
