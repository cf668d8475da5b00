import { matchSeries } from './seriesMatch';

const entry = (sourceName: string, labels: Record<string, string>) => ({ sourceName, labels });

describe('matchSeries(items, series)', () => {
  const chat = entry('value', { service: 'chat' });
  const push = entry('value', { service: 'push' });

  it('finds the entry with the same label set, in any order of keys', () => {
    expect(matchSeries([chat, push], { labels: { service: 'push' } })).toBe(push);
    const two = entry('', { a: '1', b: '2' });
    expect(matchSeries([two], { labels: { b: '2', a: '1' } })).toBe(two);
  });

  it('gives nothing rather than another series when no label set is the same', () => {
    expect(matchSeries([chat, push], { labels: { service: 'mail' } })).toBeUndefined();
    expect(matchSeries([chat], { labels: { service: 'chat', region: 'kr' } })).toBeUndefined();
    expect(matchSeries([], { labels: {} })).toBeUndefined();
  });

  it('settles equal label sets by the backend name, and gives nothing when that does not either', () => {
    const a = entry('requests', {});
    const b = entry('errors', {});
    expect(matchSeries([a, b], { labels: {}, name: 'errors' })).toBe(b);
    expect(matchSeries([a, b], { labels: {} })).toBeUndefined();
    expect(matchSeries([a], { labels: {} })).toBe(a);
  });
});
