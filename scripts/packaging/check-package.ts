/**
 * Checks a plugin zip the way Grafana and its catalog read it: one top-level folder named after the app id,
 * the app's plugin.json and the nested plugins its `includes` name, each with its module.js, logos and
 * screenshots; backend executables for every platform, executable; documents whose links resolve inside
 * the zip; and the checksum file beside it. Returns the problems found, one line each (none when it is fine).
 */
import fs from 'node:fs';
import path from 'node:path';

import { findLinks, isExternal, resolveTarget } from './markdown-links';
import { type Platform, executableFile, platformName } from './platforms';
import { type ZipEntry, checksumPath, readZip, sha1File } from './zip';

export interface PackageExpectation {
  /** The app's id: the zip is `<id>-<version>.zip` and holds the folder `<id>/`. */
  id: string;
  version: string;
  /** Platforms whose backend executables the zip must hold, and the only ones it may hold. */
  platforms: readonly Platform[];
  /** Signed with Grafana's sign tool: MANIFEST.txt must be there. */
  signed?: boolean;
}

interface PluginJson {
  id?: unknown;
  type?: unknown;
  name?: unknown;
  backend?: unknown;
  executable?: unknown;
  alerting?: unknown;
  info?: {
    version?: unknown;
    updated?: unknown;
    logos?: Record<string, unknown>;
    screenshots?: Array<{ path?: unknown }>;
    links?: Array<{ url?: unknown }>;
  };
  includes?: Array<{ type?: unknown; name?: unknown; path?: unknown }>;
  dependencies?: { grafanaDependency?: unknown };
}

const TEXT_FILE = /(\.json|\.md)$/;
const BACKEND_FILE = /(^|\/)gpx_[^/]*$/;

export async function checkPackage(zipPath: string, expected: PackageExpectation): Promise<string[]> {
  const problems: string[] = [];
  const expectedName = `${expected.id}-${expected.version}.zip`;
  if (path.basename(zipPath) !== expectedName) {
    problems.push(`zip is named ${path.basename(zipPath)}, expected ${expectedName}`);
  }
  problems.push(...(await checkChecksum(zipPath)));

  const entries = await readZip(zipPath, (name) => TEXT_FILE.test(name));
  const root = expected.id;
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const isFile = (name: string) => byName.get(name)?.directory === false;

  for (const entry of entries) {
    if (entry.name !== root && !entry.name.startsWith(`${root}/`)) {
      problems.push(`${entry.name}: outside the plugin folder ${root}/`);
    }
    if (entry.name.split('/').includes('..') || entry.name.startsWith('/')) {
      problems.push(`${entry.name}: path escapes the plugin folder`);
    }
  }
  for (const file of ['plugin.json', 'module.js', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (!isFile(`${root}/${file}`)) {
      problems.push(`${root}/${file}: missing, or not a file`);
    }
  }

  if (expected.signed && !isFile(`${root}/MANIFEST.txt`)) {
    problems.push(`${root}/MANIFEST.txt: missing, so the plugin is not signed`);
  }

  const app = parseJson(byName.get(`${root}/plugin.json`), problems);
  if (!app) {
    return problems;
  }
  const plugins: Array<{ dir: string; json: PluginJson }> = [{ dir: root, json: app }];
  if (app.id !== expected.id || app.type !== 'app') {
    problems.push(`${root}/plugin.json: id ${String(app.id)}, type ${String(app.type)}; expected app ${expected.id}`);
  }
  for (const include of app.includes ?? []) {
    if (include.type !== 'datasource' && include.type !== 'panel') {
      continue; // pages and dashboards have no plugin.json of their own
    }
    const includePath = typeof include.path === 'string' ? include.path : '';
    const dir = path.posix.join(root, path.posix.dirname(includePath));
    const nested = parseJson(
      byName.get(`${root}/${includePath}`),
      problems,
      `${root}/plugin.json includes ${includePath}`
    );
    if (!includePath.endsWith('/plugin.json') || !nested) {
      continue;
    }
    if (nested.type !== include.type || nested.name !== include.name) {
      problems.push(
        `${dir}/plugin.json: ${String(nested.type)} "${String(nested.name)}", but the app includes it as ${String(include.type)} "${String(include.name)}"`
      );
    }
    plugins.push({ dir, json: nested });
  }
  const included = new Set(plugins.map((plugin) => `${plugin.dir}/plugin.json`));
  for (const entry of entries) {
    if (entry.name.endsWith('/plugin.json') && !included.has(entry.name)) {
      problems.push(`${entry.name}: a plugin the app does not include`);
    }
  }

  const ids = plugins.map((plugin) => plugin.json.id);
  if (new Set(ids).size !== ids.length) {
    problems.push(`plugin ids repeat: ${ids.join(', ')}`);
  }
  const dependency = app.dependencies?.grafanaDependency;
  const allowedExecutables = new Set<string>();
  for (const { dir, json } of plugins) {
    problems.push(...checkPluginJson(dir, json, expected, dependency, isFile));
    if (json.backend === true && typeof json.executable === 'string') {
      for (const platform of expected.platforms) {
        const file = `${dir}/${executableFile(json.executable, platform)}`;
        allowedExecutables.add(file);
        const entry = byName.get(file);
        if (!entry || entry.directory) {
          problems.push(`${file}: missing (${json.id} backend for ${platformName(platform)})`);
        } else if ((entry.mode & 0o111) !== 0o111) {
          problems.push(`${file}: not executable (mode ${(entry.mode & 0o777).toString(8)})`);
        }
      }
    }
  }
  for (const entry of entries) {
    if (BACKEND_FILE.test(entry.name) && !allowedExecutables.has(entry.name)) {
      problems.push(`${entry.name}: a backend executable no plugin.json names for the expected platforms`);
    }
  }
  if (allowedExecutables.size > 0 && !isFile(`${root}/go_plugin_build_manifest`)) {
    problems.push(`${root}/go_plugin_build_manifest: missing (the SDK's build writes it beside the executables)`);
  }

  for (const entry of entries) {
    if (entry.name.endsWith('.md') && entry.content !== undefined) {
      problems.push(...checkMarkdownLinks(entry.name, entry.content, isFile));
    }
  }
  return problems;
}

function parseJson(entry: ZipEntry | undefined, problems: string[], context?: string): PluginJson | undefined {
  if (!entry || entry.content === undefined) {
    problems.push(`${context ? `${context}: ` : ''}${entry?.name ?? 'plugin.json'} is missing`);
    return undefined;
  }
  try {
    return JSON.parse(entry.content) as PluginJson;
  } catch (err) {
    problems.push(`${entry.name}: not JSON (${(err as Error).message})`);
    return undefined;
  }
}

function checkPluginJson(
  dir: string,
  json: PluginJson,
  expected: PackageExpectation,
  appDependency: unknown,
  isFile: (name: string) => boolean
): string[] {
  const problems: string[] = [];
  const where = `${dir}/plugin.json`;
  if (typeof json.id !== 'string' || typeof json.type !== 'string' || !json.id.endsWith(`-${json.type}`)) {
    problems.push(`${where}: id ${String(json.id)} must end with its type (-${String(json.type)})`);
  }
  if (!isFile(`${dir}/module.js`)) {
    problems.push(`${dir}/module.js: missing`);
  }
  if (json.info?.version !== expected.version) {
    problems.push(`${where}: info.version ${String(json.info?.version)}, expected ${expected.version}`);
  }
  if (typeof json.info?.updated !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(json.info.updated)) {
    problems.push(`${where}: info.updated ${String(json.info?.updated)} is not a YYYY-MM-DD date`);
  }
  const dependency = json.dependencies?.grafanaDependency;
  if (typeof dependency !== 'string' || !/^>=\s*\d+\.\d+\.\d+/.test(dependency)) {
    problems.push(`${where}: dependencies.grafanaDependency ${String(dependency)} is not a ">=x.y.z" range`);
  } else if (dependency !== appDependency) {
    problems.push(`${where}: grafanaDependency ${dependency} differs from the app's ${String(appDependency)}`);
  }
  if (json.alerting === true && json.backend !== true) {
    problems.push(`${where}: alerting needs backend: true`);
  }
  if (json.backend === true && (typeof json.executable !== 'string' || !json.executable.startsWith('gpx_'))) {
    problems.push(`${where}: backend plugin with executable ${String(json.executable)}, expected gpx_…`);
  }
  if (json.backend !== true && json.executable !== undefined) {
    problems.push(`${where}: executable set without backend: true`);
  }
  const files = [
    ...Object.values(json.info?.logos ?? {}),
    ...(json.info?.screenshots ?? []).map((screenshot) => screenshot.path),
  ];
  for (const file of files) {
    if (typeof file !== 'string' || !isFile(path.posix.join(dir, file))) {
      problems.push(`${where}: logo or screenshot ${String(file)} is not in the zip`);
    }
  }
  for (const link of json.info?.links ?? []) {
    if (typeof link.url !== 'string' || !/^https?:\/\//.test(link.url)) {
      problems.push(`${where}: info.links url ${String(link.url)} is not an http(s) URL`);
    }
  }
  return problems;
}

/** Every relative link and image of a Markdown file in the zip must name a file in the zip. */
function checkMarkdownLinks(name: string, markdown: string, isFile: (name: string) => boolean): string[] {
  const problems: string[] = [];
  for (const link of findLinks(markdown)) {
    if (isExternal(link.target)) {
      continue;
    }
    const target = resolveTarget(name, link.target);
    if (target === undefined || !isFile(target)) {
      problems.push(`${name}: ${link.image ? 'image' : 'link'} ${link.target} is not a file in the zip`);
    }
  }
  return problems;
}

async function checkChecksum(zipPath: string): Promise<string[]> {
  const sumFile = checksumPath(zipPath);
  if (!fs.existsSync(sumFile)) {
    return [`${path.basename(sumFile)}: missing`];
  }
  const [sum, file] = fs
    .readFileSync(sumFile, 'utf8')
    .trim()
    .split(/\s+\*?/);
  const actual = await sha1File(zipPath);
  const problems: string[] = [];
  if (file !== path.basename(zipPath)) {
    problems.push(`${path.basename(sumFile)}: names ${file}, not ${path.basename(zipPath)}`);
  }
  if (sum !== actual) {
    problems.push(`${path.basename(sumFile)}: sha1 ${sum} does not match the zip's ${actual}`);
  }
  return problems;
}
