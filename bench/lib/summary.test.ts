import { summarize } from './summary';

describe('summarize', () => {
  it('gives the middle value of an odd count and the min and max', () => {
    expect(summarize([5, 1, 9])).toEqual({ median: 5, min: 1, max: 9, count: 3 });
  });

  it('averages the two middle values of an even count', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('rejects an empty list', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});
