/**
 * Inline Markdown links and images (`[text](target)`, `![alt](target "title")`) outside fenced code blocks:
 * enough for our own README and docs, which use no reference-style links or raw HTML.
 */
import path from 'node:path';

export interface MarkdownLink {
  image: boolean;
  text: string;
  target: string;
  /** Where the whole `[text](target)` starts and how long it is, in the original text. */
  start: number;
  length: number;
}

const LINK = /(!?)\[([^\]\n]*)\]\(\s*([^)\s]+)(?:\s+"[^"\n]*")?\s*\)/g;
const FENCE = /^(```|~~~)/;

export function findLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  let offset = 0;
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line.trimStart())) {
      inFence = !inFence;
    } else if (!inFence) {
      for (const match of line.matchAll(LINK)) {
        links.push({
          image: match[1] === '!',
          text: match[2],
          target: match[3],
          start: offset + match.index,
          length: match[0].length,
        });
      }
    }
    offset += line.length + 1;
  }
  return links;
}

/** A URL with a scheme (`https:`, `mailto:`), protocol-relative, or an anchor in the same document. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('#');
}

/** Splits `docs/backend.md#configuration` into the path and the `#configuration` fragment. */
export function splitFragment(target: string): { filePath: string; fragment: string } {
  const hash = target.indexOf('#');
  return hash < 0
    ? { filePath: target, fragment: '' }
    : { filePath: target.slice(0, hash), fragment: target.slice(hash) };
}

/**
 * The repository (or package) path a relative target points at, from the document at `documentPath`;
 * undefined for external targets and for targets that climb out of the root.
 */
export function resolveTarget(documentPath: string, target: string): string | undefined {
  if (isExternal(target)) {
    return undefined;
  }
  const { filePath } = splitFragment(target);
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(documentPath), decodeURI(filePath)));
  return resolved.startsWith('../') || resolved === '..' ? undefined : resolved.replace(/\/$/, '');
}

/**
 * Replaces each link by what `replace` returns for it: the new Markdown for that link (its whole
 * `[text](target)`), or undefined to keep it as it is.
 */
export function replaceLinks(markdown: string, replace: (link: MarkdownLink) => string | undefined): string {
  let out = '';
  let last = 0;
  for (const link of findLinks(markdown)) {
    const replacement = replace(link);
    if (replacement !== undefined) {
      out += markdown.slice(last, link.start) + replacement;
      last = link.start + link.length;
    }
  }
  return out + markdown.slice(last);
}
