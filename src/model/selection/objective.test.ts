import { objectiveText, parseObjective } from './objective';

describe('parseObjective', () => {
  it('reads violations, magnitude and weighted:W and writes them back', () => {
    expect(parseObjective('violations')).toEqual({ kind: 'violations' });
    expect(parseObjective('magnitude')).toEqual({ kind: 'magnitude' });
    expect(parseObjective('weighted:0.25')).toEqual({ kind: 'weighted', weight: 0.25 });
    expect(parseObjective('weighted:1')).toEqual({ kind: 'weighted', weight: 1 });
    expect(objectiveText(parseObjective('weighted:.5'))).toBe('weighted:0.5');
  });

  it.each(['count', 'weighted', 'weighted:', 'weighted:-0.1', 'weighted:2', 'weighted:1e-3', 42, null])(
    'refuses %j with one line naming the choices',
    (text) => {
      expect(() => parseObjective(text)).toThrow(
        `selection_objective must be "violations", "magnitude" or "weighted:W" with W in [0, 1], got ${JSON.stringify(text)}`
      );
    }
  );
});
