/**
 * The Go backend embeds the committed model bundle (pkg/engine/bundle/foresight-model.js), so the committed
 * file must be what `npm run build:engine` builds from today's sources. scripts/build-engine.mjs --check
 * builds it in memory and compares.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/build-engine.mjs');
const BUNDLE = join(ROOT, 'pkg/engine/bundle/foresight-model.js');
const TIMEOUT = 120_000;

/** Runs the check from `cwd`, so a build that depended on the current directory would differ. */
function check(cwd: string, ...args: string[]) {
  const child = spawnSync(process.execPath, [SCRIPT, '--check', ...args], { cwd, encoding: 'utf8' });
  return { status: child.status, stderr: child.stderr };
}

describe('the committed model bundle', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'foresight-bundle-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it(
    'is byte for byte a fresh build of src/ (else: npm run build:engine and commit it)',
    () => {
      const result = check(scratch);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
    TIMEOUT
  );

  it(
    'fails the check, naming the fix, when it differs from a fresh build',
    () => {
      const stale = join(scratch, 'stale.js');
      writeFileSync(stale, readFileSync(BUNDLE, 'utf8').replace('"use strict";', '"use strict";\n// edited'));
      const result = check(ROOT, stale);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('differs from a fresh build');
      expect(result.stderr).toContain('npm run build:engine');
    },
    TIMEOUT
  );

  it('holds no path of the machine that built it', () => {
    expect(readFileSync(BUNDLE, 'utf8')).not.toContain(ROOT);
  });
});
