import { feedbackCounts } from './feedback';

describe('feedbackCounts(timestamps, outlier, labels)', () => {
  const ts = [0, 10, 20, 30, 40, 50, 60, 70];
  const outlier = [0, 1, 1, 0, 0, -1, 0, 1];

  it('counts caught incidents and false alarms still raised', () => {
    const counts = feedbackCounts(ts, outlier, {
      incidents: [
        [5, 25], // flagged at 10 and 20: caught
        [30, 45], // nothing flagged: missed
      ],
      falseAlarms: [
        [50, 55], // flagged at 50: still raised
        [60, 65], // quiet now
      ],
    });
    expect(counts).toEqual({
      incidents: 2,
      incidentsCaught: 1,
      falseAlarms: 2,
      falseAlarmsStillFlagged: 1,
      flaggedPoints: 4,
      flaggedInIncidents: 2,
      flaggedInFalseAlarms: 1,
    });
  });

  it('gives zeros without labels or flags', () => {
    expect(feedbackCounts([], [], { incidents: [], falseAlarms: [] })).toEqual({
      incidents: 0,
      incidentsCaught: 0,
      falseAlarms: 0,
      falseAlarmsStillFlagged: 0,
      flaggedPoints: 0,
      flaggedInIncidents: 0,
      flaggedInFalseAlarms: 0,
    });
  });
});
