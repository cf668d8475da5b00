/**
 * The installable plugin: builds dist/ from scratch (the frontend, then the backend with the SDK's mage build),
 * zips it as `<out-dir>/<app id>-<version>.zip` holding the folder `<app id>/`, writes `<zip>.sha1` beside it,
 * and checks the zip (check-package.ts). Signing and installing: docs/packaging.md.
 *
 *   npm run package                                   # every platform of the SDK's BuildAll
 *   npm run package -- --platforms linux/amd64        # only these backends (comma-separated)
 *   npm run package -- --out-dir /tmp/pkg             # default: out/package
 *   GRAFANA_ACCESS_POLICY_TOKEN=… npm run package -- --sign-root-urls https://grafana.example.com/
 *                                                     # private signature for these root URLs
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { checkPackage } from './check-package';
import { type Platform, SDK_PLATFORMS, parsePlatforms, platformName } from './platforms';
import { listFiles, writeChecksum, writeZip } from './zip';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');

interface Options {
  platforms: Platform[];
  outDir: string;
  /** Comma-separated Grafana root URLs for a private signature; unsigned when absent. */
  signRootUrls?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      platforms: { type: 'string', default: 'all' },
      'out-dir': { type: 'string', default: 'out/package' },
      'sign-root-urls': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const signRootUrls = values['sign-root-urls'];
  if (signRootUrls !== undefined && !process.env.GRAFANA_ACCESS_POLICY_TOKEN) {
    throw new Error('--sign-root-urls needs GRAFANA_ACCESS_POLICY_TOKEN (a Grafana Cloud access policy token)');
  }
  return {
    platforms: parsePlatforms(values.platforms),
    outDir: path.resolve(ROOT, values['out-dir']),
    signRootUrls,
  };
}

function run(command: string, args: string[]): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit code ${result.status}`})`);
  }
  console.log(`package: ${command} ${args.join(' ')} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The mage targets for these platforms: the Default (BuildAll) when they are all of them. */
function mageTargets(platforms: Platform[]): string[] {
  const all = SDK_PLATFORMS.every((platform) => platforms.includes(platform));
  return all ? [] : platforms.map((platform) => `build:${platform.method}`);
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`package: ${(err as Error).message}`);
    process.exit(2);
  }
  const started = Date.now();
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/plugin.json'), 'utf8')) as { id: string };

  // From scratch, so no backend of a platform not asked for (or an old build) slips into the zip.
  fs.rmSync(DIST, { recursive: true, force: true });
  run('npm', ['run', '--silent', 'build']);
  run('bash', ['scripts/go.sh', 'run', 'github.com/magefile/mage', '-v', ...mageTargets(options.platforms)]);
  if (options.signRootUrls !== undefined) {
    // Writes dist/MANIFEST.txt; the nested plugins are covered by the app's signature.
    run('npx', ['--yes', '@grafana/sign-plugin@latest', '--rootUrls', options.signRootUrls]);
  }

  const zipPath = path.join(options.outDir, `${app.id}-${pkg.version}.zip`);
  await writeZip(zipPath, DIST, app.id, (file) => path.posix.basename(file).startsWith('gpx_'));
  const sum = await writeChecksum(zipPath);

  const problems = await checkPackage(zipPath, {
    id: app.id,
    version: pkg.version,
    platforms: options.platforms,
    signed: options.signRootUrls !== undefined,
  });
  if (problems.length > 0) {
    throw new Error(`${path.relative(ROOT, zipPath)} is not a valid plugin package:\n  ${problems.join('\n  ')}`);
  }
  const megabytes = (fs.statSync(zipPath).size / 1e6).toFixed(1);
  console.log(
    `package: wrote ${zipPath} (${megabytes} MB, ${listFiles(DIST).length} files, sha1 ${sum}) for ` +
      `${options.platforms.map(platformName).join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`
  );
}

main().catch((err: unknown) => {
  console.error(`package: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
