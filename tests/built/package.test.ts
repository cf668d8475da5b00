// Builds the installable zip as `npm run package` does, for linux/amd64 only (the all-platform build takes
// minutes), unpacks it and checks what Grafana reads: layout, plugin.json fields, executables, documents,
// checksum. The names of every platform's executable are checked against the SDK's own build list.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { checkPackage } from '../../scripts/packaging/check-package';
import { findLinks, resolveTarget } from '../../scripts/packaging/markdown-links';
import { SDK_PLATFORMS, executableFile, parsePlatforms } from '../../scripts/packaging/platforms';
import { type ZipEntry, checksumPath, readZip, writeChecksum, writeZip } from '../../scripts/packaging/zip';

const ROOT = path.resolve(__dirname, '../..');
const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const source = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'src', file), 'utf8'));
const sourceApp = source('plugin.json');
const sourceDatasource = source('datasource/plugin.json');
const sourcePanel = source('panel/plugin.json');
const ID = sourceApp.id as string;
const LINUX = parsePlatforms('linux/amd64');

let outDir: string;
let zipPath: string;
let entries: ZipEntry[];
const entry = (name: string) => entries.find((candidate) => candidate.name === `${ID}/${name}`);
const json = (name: string) => JSON.parse(entry(name)?.content ?? 'null');

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-package-'));
  const run = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/packaging/package.ts', '--platforms', 'linux/amd64', '--out-dir', outDir],
    { cwd: ROOT, encoding: 'utf8' }
  );
  if (run.status !== 0) {
    throw new Error(`npm run package failed (${run.status}):\n${`${run.stdout}\n${run.stderr}`.slice(-4000)}`);
  }
  zipPath = path.join(outDir, `${ID}-${version}.zip`);
  entries = await readZip(zipPath, (name) => /\.(json|md)$/.test(name));
}, 15 * 60_000);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('the package (linux/amd64)', () => {
  it('passes every layout check', async () => {
    expect(await checkPackage(zipPath, { id: ID, version, platforms: LINUX })).toEqual([]);
  });

  it('is <app id>-<version>.zip with one folder named after the app, holding LICENSE as a file', () => {
    expect(path.basename(zipPath)).toBe(`foresight-anomaly-app-${version}.zip`);
    expect(new Set(entries.map((e) => e.name.split('/')[0]))).toEqual(new Set(['foresight-anomaly-app']));
    for (const file of ['plugin.json', 'module.js', 'README.md', 'CHANGELOG.md', 'LICENSE', 'img/logo.svg']) {
      expect([file, entry(file)?.directory]).toEqual([file, false]);
    }
    expect(entries.filter((e) => e.name.startsWith(`${ID}/LICENSE/`))).toEqual([]);
  });

  it('carries the app and, through its includes, the nested datasource and panel', () => {
    const app = json('plugin.json');
    expect(app).toMatchObject({ type: 'app', id: 'foresight-anomaly-app', info: { version } });
    expect(app.includes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'datasource', path: 'datasource/plugin.json' }),
        expect.objectContaining({ type: 'panel', path: 'panel/plugin.json' }),
      ])
    );
    expect(json('datasource/plugin.json')).toMatchObject({
      type: 'datasource',
      id: sourceDatasource.id,
      backend: true,
      alerting: true,
      executable: 'gpx_foresight_anomaly_datasource',
      info: { version },
    });
    expect(json('panel/plugin.json')).toMatchObject({ type: 'panel', id: sourcePanel.id, info: { version } });
    expect(json('panel/plugin.json').backend).toBeUndefined();
    for (const dir of ['datasource', 'panel']) {
      expect(entry(`${dir}/module.js`)?.size).toBeGreaterThan(0);
    }
  });

  it('asks every plugin for the Grafana version the sources declare', () => {
    const dependency = sourceApp.dependencies.grafanaDependency;
    expect(dependency).toMatch(/^>=\d+\.\d+\.\d+$/);
    for (const file of ['plugin.json', 'datasource/plugin.json', 'panel/plugin.json']) {
      expect([file, json(file).dependencies.grafanaDependency]).toEqual([file, dependency]);
    }
  });

  it('holds the linux/amd64 backend, executable, and no other platform', () => {
    const backends = entries.filter((e) => /\/gpx_/.test(e.name));
    expect(backends.map((e) => e.name)).toEqual([`${ID}/datasource/gpx_foresight_anomaly_datasource_linux_amd64`]);
    expect(backends[0].mode & 0o777).toBe(0o755);
    expect(entry('go_plugin_build_manifest')?.directory).toBe(false);
  });

  it('ships the screenshots the README and plugin.json show', () => {
    const readme = entry('README.md')?.content ?? '';
    const images = findLinks(readme).filter((link) => link.image);
    expect(images.map((link) => link.target)).toContain('img/screenshots/panel-light.png');
    const shown = [
      ...images.map((link) => resolveTarget('README.md', link.target)),
      ...json('plugin.json').info.screenshots.map((s: { path: string }) => s.path),
    ];
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const file of shown) {
      expect([file, entry(file ?? '')?.size]).toEqual([file, expect.any(Number)]);
    }
  });

  it('writes a sha1sum-style checksum of the zip beside it', () => {
    const [sum, name] = fs.readFileSync(checksumPath(zipPath), 'utf8').trim().split(/\s+/);
    expect(name).toBe(path.basename(zipPath));
    expect(sum).toMatch(/^[0-9a-f]{40}$/);
    expect(execFileSync('sha1sum', [zipPath], { encoding: 'utf8' }).split(' ')[0]).toBe(sum);
  });
});

describe('executable names for every platform', () => {
  it('are the platforms of the SDK build.BuildAll that Magefile.go makes its Default', () => {
    expect(fs.readFileSync(path.join(ROOT, 'Magefile.go'), 'utf8')).toMatch(/var Default = build\.BuildAll\b/);
    const sdk = execFileSync(
      'bash',
      ['scripts/go.sh', 'list', '-m', '-f', '{{.Dir}}', 'github.com/grafana/grafana-plugin-sdk-go'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      }
    ).trim();
    const code = fs.readFileSync(path.join(sdk, 'build/common.go'), 'utf8');
    const deps = /func BuildAll\(\)[\s\S]*?mg\.Deps\(([^)]*)\)/.exec(code)?.[1] ?? '';
    const methods = deps.split(',').map((dep) => dep.trim().replace(/^b\./, ''));
    const sdkPlatforms = methods.map((method) => {
      const body = new RegExp(
        `func \\(Build\\) ${method}\\(\\) error \\{\\s*return buildBackend\\(newBuildConfig\\("(\\w+)", "(\\w+)"\\)\\)`
      ).exec(code);
      return { os: body?.[1], arch: body?.[2], method };
    });
    expect(sdkPlatforms.length).toBeGreaterThan(0);
    expect(new Set(sdkPlatforms.map((p) => JSON.stringify(p)))).toEqual(
      new Set(SDK_PLATFORMS.map((p) => JSON.stringify({ os: p.os, arch: p.arch, method: p.method })))
    );
  });

  it('follow the SDK pattern <executable>_<os>_<arch>, with .exe on windows', () => {
    expect(SDK_PLATFORMS.map((platform) => executableFile(sourceDatasource.executable, platform))).toEqual([
      'gpx_foresight_anomaly_datasource_linux_amd64',
      'gpx_foresight_anomaly_datasource_linux_arm',
      'gpx_foresight_anomaly_datasource_linux_arm64',
      'gpx_foresight_anomaly_datasource_windows_amd64.exe',
      'gpx_foresight_anomaly_datasource_darwin_amd64',
      'gpx_foresight_anomaly_datasource_darwin_arm64',
    ]);
  });
});

describe('the layout check', () => {
  // Variants of the plugin folder just built (dist/), zipped and checked like the real one.
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-variant-'));
    fs.cpSync(path.join(ROOT, 'dist'), path.join(work, 'plugin'), { recursive: true });
  });
  afterEach(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function problemsOf(
    change: (dir: string) => void,
    isExecutable = (file: string) => path.posix.basename(file).startsWith('gpx_'),
    signed = false
  ): Promise<string[]> {
    const dir = path.join(work, 'plugin');
    change(dir);
    const zip = path.join(work, `${ID}-${version}.zip`);
    await writeZip(zip, dir, ID, isExecutable);
    await writeChecksum(zip);
    return checkPackage(zip, { id: ID, version, platforms: LINUX, signed });
  }

  it('accepts the unchanged folder', async () => {
    expect(await problemsOf(() => {})).toEqual([]);
  });

  it('finds LICENSE written as a folder (what the scaffolded copy step produced)', async () => {
    const problems = await problemsOf((dir) => {
      fs.renameSync(path.join(dir, 'LICENSE'), path.join(work, 'LICENSE'));
      fs.mkdirSync(path.join(dir, 'LICENSE'));
      fs.renameSync(path.join(work, 'LICENSE'), path.join(dir, 'LICENSE/LICENSE'));
    });
    expect(problems).toContain(`${ID}/LICENSE: missing, or not a file`);
  });

  it('finds README images and plugin.json screenshots that are not in the zip', async () => {
    const problems = await problemsOf((dir) => fs.rmSync(path.join(dir, 'img/screenshots/panel-light.png')));
    expect(problems).toEqual([
      `${ID}/plugin.json: logo or screenshot img/screenshots/panel-light.png is not in the zip`,
      `${ID}/README.md: image img/screenshots/panel-light.png is not a file in the zip`,
    ]);
  });

  it('finds a README that still links repository paths', async () => {
    const problems = await problemsOf((dir) =>
      fs.copyFileSync(path.join(ROOT, 'README.md'), path.join(dir, 'README.md'))
    );
    expect(problems).toContain(`${ID}/README.md: image docs/screenshots/panel-light.png is not a file in the zip`);
    expect(problems).toContain(`${ID}/README.md: link bench/README.md is not a file in the zip`);
  });

  it('finds a backend without its executable bit', async () => {
    const problems = await problemsOf(
      () => {},
      () => false
    );
    expect(problems).toEqual([
      `${ID}/datasource/gpx_foresight_anomaly_datasource_linux_amd64: not executable (mode 644)`,
    ]);
  });

  it('finds a missing platform and a stray one', async () => {
    const problems = await problemsOf((dir) =>
      fs.renameSync(
        path.join(dir, 'datasource/gpx_foresight_anomaly_datasource_linux_amd64'),
        path.join(dir, 'datasource/gpx_foresight_anomaly_datasource_darwin_arm64')
      )
    );
    expect(problems).toEqual([
      `${ID}/datasource/gpx_foresight_anomaly_datasource_linux_amd64: missing (foresight-anomaly-datasource backend for linux/amd64)`,
      `${ID}/datasource/gpx_foresight_anomaly_datasource_darwin_arm64: a backend executable no plugin.json names for the expected platforms`,
    ]);
  });

  it('finds a nested plugin without module.js, and unstamped or mismatched plugin.json fields', async () => {
    const problems = await problemsOf((dir) => {
      fs.rmSync(path.join(dir, 'panel/module.js'));
      const file = path.join(dir, 'datasource/plugin.json');
      const datasource = JSON.parse(fs.readFileSync(file, 'utf8'));
      datasource.info.version = '%VERSION%';
      datasource.backend = false;
      datasource.dependencies.grafanaDependency = '>=12.0.0';
      fs.writeFileSync(file, JSON.stringify(datasource));
    });
    expect(problems).toEqual([
      `${ID}/datasource/plugin.json: info.version %VERSION%, expected ${version}`,
      `${ID}/datasource/plugin.json: grafanaDependency >=12.0.0 differs from the app's ${sourceApp.dependencies.grafanaDependency}`,
      `${ID}/datasource/plugin.json: alerting needs backend: true`,
      `${ID}/datasource/plugin.json: executable set without backend: true`,
      `${ID}/panel/module.js: missing`,
      `${ID}/datasource/gpx_foresight_anomaly_datasource_linux_amd64: a backend executable no plugin.json names for the expected platforms`,
    ]);
  });

  it('wants the MANIFEST.txt of the sign tool when the package is to be signed', async () => {
    const gpx = (file: string) => path.posix.basename(file).startsWith('gpx_');
    expect(await problemsOf(() => {}, gpx, true)).toEqual([`${ID}/MANIFEST.txt: missing, so the plugin is not signed`]);
    expect(await problemsOf((dir) => fs.writeFileSync(path.join(dir, 'MANIFEST.txt'), 'signed'), gpx, true)).toEqual(
      []
    );
  });

  it('finds a checksum that does not match the zip', async () => {
    const zip = path.join(work, `${ID}-${version}.zip`);
    await problemsOf(() => {});
    const bytes = fs.readFileSync(zip);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff; // inside the backend's compressed data
    fs.writeFileSync(zip, bytes);
    const problems = await checkPackage(zip, { id: ID, version, platforms: LINUX });
    expect(problems).toEqual([
      expect.stringMatching(/\.zip\.sha1: sha1 [0-9a-f]{40} does not match the zip's [0-9a-f]{40}$/),
    ]);
  });
});
