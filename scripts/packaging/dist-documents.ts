/**
 * The documents and images a built plugin folder (dist/, and the folder inside the zip) carries, and its
 * Markdown with every relative link rewritten to work there. Grafana's plugin page shows the README from
 * inside the plugin folder, where repository paths such as docs/screenshots/ do not exist.
 */
import path from 'node:path';

import { type MarkdownLink, replaceLinks, resolveTarget, splitFragment } from './markdown-links';

/** Repository path → path in the plugin folder. */
export const SHIPPED_DOCUMENTS: Readonly<Record<string, string>> = {
  'README.md': 'README.md',
  'CHANGELOG.md': 'CHANGELOG.md',
  LICENSE: 'LICENSE',
  'docs/backend.md': 'docs/backend.md',
  'docs/packaging.md': 'docs/packaging.md',
  'docs/ha.md': 'docs/ha.md',
};

/** Screenshots ship whole; plugin.json's `info.screenshots` point into `to` as well. */
export const SCREENSHOTS = { from: 'docs/screenshots', to: 'img/screenshots' } as const;

export function isMarkdown(file: string): boolean {
  return file.endsWith('.md');
}

/** Where a repository file lives in the plugin folder, or undefined when the plugin does not ship it. */
export function shippedPath(repoPath: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(SHIPPED_DOCUMENTS, repoPath)) {
    return SHIPPED_DOCUMENTS[repoPath];
  }
  if (repoPath.startsWith(`${SCREENSHOTS.from}/`)) {
    return SCREENSHOTS.to + repoPath.slice(SCREENSHOTS.from.length);
  }
  return undefined;
}

/** A link to a repository path the plugin does not ship: its words, naming the path unless they already do. */
function unlinked(text: string, repoPath: string): string {
  const words = text.replace(/`/g, '').replace(/\/$/, '');
  return words === repoPath ? text : `${text} (\`${repoPath}\`)`;
}

/**
 * The Markdown of `documentPath` (a repository path) as the plugin folder carries it: links to shipped files
 * point at their shipped place, links to repository paths the plugin does not ship become their text and the path,
 * and external links stay. An image that would not ship is an error: the page would show a broken image.
 */
export function markdownForPlugin(documentPath: string, markdown: string): string {
  const shippedDocument = shippedPath(documentPath);
  if (shippedDocument === undefined) {
    throw new Error(`${documentPath} is not one of the documents the plugin ships`);
  }
  return replaceLinks(markdown, (link: MarkdownLink) => {
    const repoTarget = resolveTarget(documentPath, link.target);
    if (repoTarget === undefined) {
      return undefined;
    }
    const shippedTarget = shippedPath(repoTarget);
    if (shippedTarget === undefined) {
      if (link.image) {
        throw new Error(
          `${documentPath}: image ${link.target} would not ship with the plugin; keep images under ${SCREENSHOTS.from}/`
        );
      }
      return unlinked(link.text, repoTarget);
    }
    const relative = path.posix.relative(path.posix.dirname(shippedDocument), shippedTarget);
    return `${link.image ? '!' : ''}[${link.text}](${encodeURI(relative)}${splitFragment(link.target).fragment})`;
  });
}
