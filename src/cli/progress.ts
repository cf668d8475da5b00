/**
 * One self-overwriting progress line on stderr for long work (online detection, cv, tune): units done,
 * rate and time left. Drawn only when stderr is a terminal and --quiet is not given; at most one update
 * every PROGRESS_INTERVAL_MS of the CLI's clock, so the model's frequent callbacks cost almost nothing.
 */
import type { ProgressCallback } from '../model/progress';
import type { OptionSpec, ParsedArgs } from './args';
import { formatCount } from './format';
import type { CliIO } from './io';

export const QUIET_OPTION: OptionSpec = {
  name: 'quiet',
  kind: 'flag',
  help: 'draw no progress line (one is drawn on stderr only when it is a terminal)',
};

/** At most four updates a second. */
export const PROGRESS_INTERVAL_MS = 250;

/** ANSI: back to the line's start, and erase to its end. */
const RETURN = '\r';
const ERASE_LINE = '\x1b[K';

/**
 * Runs `work` with a progress callback for the model (undefined when nothing is to be shown) and
 * erases the line afterwards, also when the work throws, so that messages start on a clean line.
 */
export function withProgress<T>(
  io: CliIO,
  args: ParsedArgs,
  what: { task: string; unit: string },
  work: (onProgress: ProgressCallback | undefined) => T
): T {
  if (io.stderrIsTerminal !== true || args.quiet === true) {
    return work(undefined);
  }
  const line = progressLine(io, what.task, what.unit);
  try {
    return work(line.report);
  } finally {
    line.end();
  }
}

interface ProgressLine {
  report: ProgressCallback;
  end(): void;
}

function progressLine(io: CliIO, task: string, unit: string): ProgressLine {
  const started = io.now();
  let lastDrawn = started;
  let drawn = false;
  return {
    report(done, total) {
      const now = io.now();
      if (now - lastDrawn < PROGRESS_INTERVAL_MS) {
        return;
      }
      lastDrawn = now;
      drawn = true;
      io.stderr(`${RETURN}${describeProgress(task, unit, done, total, now - started)}${ERASE_LINE}`);
    },
    end() {
      if (drawn) {
        io.stderr(`${RETURN}${ERASE_LINE}`);
      }
    },
  };
}

/** "cv: 12 of 40 fits (30%), 3.1 fits/s, about 9 s left" */
export function describeProgress(task: string, unit: string, done: number, total: number, elapsedMs: number): string {
  const share = total > 0 ? Math.floor((100 * done) / total) : 0;
  const head = `${task}: ${formatCount(done)} of ${formatCount(total)} ${unit} (${share}%)`;
  if (done <= 0 || elapsedMs <= 0) {
    return head;
  }
  const perSecond = (1000 * done) / elapsedMs;
  const rate = perSecond >= 10 ? formatCount(Math.round(perSecond)) : perSecond.toPrecision(2);
  return `${head}, ${rate} ${unit}/s, about ${formatSeconds((total - done) / perSecond)} left`;
}

/** 9 s, 2 min 05 s, 1 h 03 min */
function formatSeconds(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
