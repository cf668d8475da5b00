import { warningProblem } from './warningValidation';

describe('warningProblem', () => {
  it.each([
    [{ above: 90 }, undefined],
    [{ below: '$floor', leadTime: '1h30m' }, undefined],
    [{ rule: { uid: 'disk-high' }, leadTime: '2d' }, undefined],
    [{}, 'warning needs above, below or rule.uid'],
    [{ above: 'lots' }, 'warning.above must be a number or a dashboard variable holding one, got "lots"'],
    [{ above: 5, below: 5 }, 'warning.below (5) must be less than warning.above (5)'],
    [
      { above: 5, leadTime: 'soon' },
      'warning.leadTime "soon" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)',
    ],
    [{ above: 5, leadTime: '8d' }, 'warning.leadTime must be at most 168h'],
    [
      { above: 5, leadTime: '0s' },
      'warning.leadTime "0s" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)',
    ],
    [{ above: 5, rule: { uid: 'r' } }, 'warning.rule and warning.above/below are exclusive'],
  ])('reads %j as the backend does', (warning, problem) => {
    const got = warningProblem({ refId: 'A', warning });
    if (problem === undefined) {
      expect(got).toBeUndefined();
    } else {
      expect(got).toContain(problem);
    }
  });

  it('refuses an alert on breach_probability without a warning, but not drift', () => {
    expect(warningProblem({ refId: 'A', mode: 'alert', alertField: 'breach_probability' })).toContain(
      'needs a warning object'
    );
    expect(warningProblem({ refId: 'A', mode: 'alert', alertField: 'drift' })).toBeUndefined();
  });

  it('reads lead times in the duration grammar, and says why one is refused', () => {
    const lead = (leadTime: string) => warningProblem({ refId: 'A', warning: { above: 90, leadTime } });
    for (const ok of ['90m', '1h30m', '2d', '1.5h', '1d 2h']) {
      expect(lead(ok)).toBeUndefined();
    }
    expect(lead('soon')).toMatch(/^warning\.leadTime /);
    expect(lead('30d')).toContain('must be at most');
  });
});
