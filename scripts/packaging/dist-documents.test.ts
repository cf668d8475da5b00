import fs from 'node:fs';
import path from 'node:path';

import { SCREENSHOTS, SHIPPED_DOCUMENTS, markdownForPlugin, shippedPath } from './dist-documents';
import { findLinks, resolveTarget } from './markdown-links';

const ROOT = path.resolve(__dirname, '../..');

describe('findLinks', () => {
  it('finds links and images with their text and target, and skips fenced code', () => {
    const markdown = [
      'See [the docs](docs/backend.md#errors "Errors") and ![logo](img/logo.svg).',
      '```sh',
      'npm run cli -- detect [--plot OUT.svg](not-a-link)',
      '```',
      '[`src/model/`](src/model)',
    ].join('\n');
    expect(findLinks(markdown).map(({ image, text, target }) => ({ image, text, target }))).toEqual([
      { image: false, text: 'the docs', target: 'docs/backend.md#errors' },
      { image: true, text: 'logo', target: 'img/logo.svg' },
      { image: false, text: '`src/model/`', target: 'src/model' },
    ]);
  });
});

describe('resolveTarget', () => {
  it('resolves against the document folder and refuses paths above the root and external URLs', () => {
    expect(resolveTarget('docs/backend.md', '../README.md#two-commands')).toBe('README.md');
    expect(resolveTarget('README.md', 'docs/screenshots/panel%20light.png')).toBe('docs/screenshots/panel light.png');
    expect(resolveTarget('README.md', '../outside.md')).toBeUndefined();
    expect(resolveTarget('README.md', 'https://grafana.com/docs/')).toBeUndefined();
    expect(resolveTarget('README.md', '#licence')).toBeUndefined();
  });
});

describe('markdownForPlugin', () => {
  it('points screenshots at the shipped img/screenshots folder', () => {
    expect(markdownForPlugin('README.md', '![Panel](docs/screenshots/panel-light.png)')).toBe(
      '![Panel](img/screenshots/panel-light.png)'
    );
  });

  it('keeps links to shipped documents, relative to where the document ships, with their fragment', () => {
    expect(markdownForPlugin('docs/backend.md', '[back](../README.md#in-grafana)')).toBe(
      '[back](../README.md#in-grafana)'
    );
    expect(markdownForPlugin('docs/backend.md', '![shot](screenshots/panel-dark.png)')).toBe(
      '![shot](../img/screenshots/panel-dark.png)'
    );
    expect(markdownForPlugin('README.md', '[Licence](LICENSE)')).toBe('[Licence](LICENSE)');
  });

  it('turns links to repository paths the plugin does not ship into their text, naming the path', () => {
    expect(markdownForPlugin('README.md', 'machine noted: [speed](bench/results/speed.md).')).toBe(
      'machine noted: speed (`bench/results/speed.md`).'
    );
    expect(markdownForPlugin('README.md', 'in [`src/model/`](src/model) and')).toBe('in `src/model/` and');
  });

  it('leaves external links and anchors alone', () => {
    const markdown = '[Grafana](https://grafana.com/) and [below](#licence)';
    expect(markdownForPlugin('README.md', markdown)).toBe(markdown);
  });

  it('refuses an image that would not ship, naming it', () => {
    expect(() => markdownForPlugin('README.md', '![plot](out/demo/demo.svg)')).toThrow(
      'README.md: image out/demo/demo.svg would not ship with the plugin; keep images under docs/screenshots/'
    );
  });

  it('leaves the real README only links to files the plugin folder holds', () => {
    const markdown = markdownForPlugin('README.md', fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    const shipped = new Map(
      [
        ...Object.keys(SHIPPED_DOCUMENTS),
        ...fs.readdirSync(path.join(ROOT, SCREENSHOTS.from)).map((f) => `${SCREENSHOTS.from}/${f}`),
      ].map((repoPath) => [shippedPath(repoPath), repoPath])
    );
    const targets = findLinks(markdown)
      .map((link) => resolveTarget('README.md', link.target))
      .filter((target) => target !== undefined);
    expect(targets).toContain('img/screenshots/panel-light.png');
    expect(targets.filter((target) => !shipped.has(target))).toEqual([]);
  });
});
