import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The ids of the app and every nested plugin, from src/**\/plugin.json. */
function pluginIds(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'plugin.json')
    .map((file) => (JSON.parse(fs.readFileSync(path.join(ROOT, 'src', file), 'utf8')) as { id: string }).id)
    .sort();
}

/** Every comma-separated id list given to allow_loading_unsigned_plugins (ini or environment form) in a file. */
function allowedUnsignedLists(file: string): string[][] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [
    ...text.matchAll(/(?:allow_loading_unsigned_plugins\s*=|ALLOW_LOADING_UNSIGNED_PLUGINS=)\s*"?([\w,-]+)/gi),
  ].map((match) => match[1].split(',').sort());
}

describe('running unsigned', () => {
  it('the sources hold the app, the datasource and the panel', () => {
    expect(pluginIds()).toEqual(['foresight-anomaly-app', 'foresight-anomaly-datasource', 'foresight-anomaly-panel']);
  });

  it.each(['docs/packaging.md', '.config/Dockerfile'])('%s allows every plugin id, and only those', (file) => {
    const lists = allowedUnsignedLists(file);
    expect(lists.length).toBeGreaterThan(0);
    for (const ids of lists) {
      expect(ids).toEqual(pluginIds());
    }
  });
});
