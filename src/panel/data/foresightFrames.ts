import { DataFrame, FieldType } from '@grafana/data';

import { REQUIRED_PANEL_FIELDS } from '../../shared/constants';

export interface FrameGap {
  /** refId, frame name or position, whichever is known, for the message shown to the user. */
  frame: string;
  missing: string[];
}

export interface ForesightFrames {
  /** Frames that carry a time field and every required numeric Foresight field. */
  usable: DataFrame[];
  /** Frames that do not, with what each lacks. */
  gaps: FrameGap[];
}

function frameLabel(frame: DataFrame, index: number): string {
  return frame.refId ?? frame.name ?? `frame ${index + 1}`;
}

/** Splits panel frames into those the Foresight panel can draw and those it cannot, saying why. */
export function splitForesightFrames(frames: readonly DataFrame[]): ForesightFrames {
  const usable: DataFrame[] = [];
  const gaps: FrameGap[] = [];
  frames.forEach((frame, index) => {
    const numeric = new Set(frame.fields.filter((f) => f.type === FieldType.number).map((f) => f.name));
    const missing = REQUIRED_PANEL_FIELDS.filter((name) => !numeric.has(name));
    if (!frame.fields.some((f) => f.type === FieldType.time)) {
      missing.unshift('time');
    }
    if (missing.length === 0) {
      usable.push(frame);
    } else {
      gaps.push({ frame: frameLabel(frame, index), missing });
    }
  });
  return { usable, gaps };
}

/** Gaps of one query that lack the same fields, counted: a raw query of 300 series is one group of 300. */
export interface GapGroup extends FrameGap {
  count: number;
}

/** The gaps grouped by frame label and what they lack, in order of first appearance. */
export function groupGaps(gaps: readonly FrameGap[]): GapGroup[] {
  const groups = new Map<string, GapGroup>();
  for (const gap of gaps) {
    const key = `${gap.frame}\u0000${gap.missing.join(',')}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
    } else {
      groups.set(key, { ...gap, count: 1 });
    }
  }
  return [...groups.values()];
}
