// Bundles the model for the Go backend: src/engine/entry.ts → pkg/engine/bundle/foresight-model.js, one IIFE
// script that defines the global `ForesightEngine` and runs in sobek (pkg/engine embeds it).
//
// The bundle is committed, so `go build`, `go vet` and `go test` work on a fresh clone. After any change to
// what it includes (src/model, src/engine, src/demo), rebuild it and commit the result; the build is
// byte-identical for the same sources, wherever it runs from, and src/engine/bundle.test.ts fails while the
// committed file differs from a fresh build.
//
//   node scripts/build-engine.mjs                 # build and write the bundle
//   node scripts/build-engine.mjs --check [FILE]  # exit 1 when FILE (default: the bundle) differs from a fresh build
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = join(root, 'pkg/engine/bundle/foresight-model.js');

const [mode, checkPath] = process.argv.slice(2);
if (mode !== undefined && mode !== '--check') {
  console.error(`build-engine: unknown argument "${mode}" (known: --check [FILE])`);
  process.exit(2);
}

const source = await bundle();
smokeTest(source);
if (mode === '--check') {
  check(source, checkPath ?? bundlePath);
} else {
  writeFileSync(bundlePath, source);
  console.log(`build-engine: wrote ${relative(root, bundlePath)} (${Buffer.byteLength(source)} bytes)`);
}

async function bundle() {
  const result = await build({
    entryPoints: ['src/engine/entry.ts'],
    // Paths in the bundle's comments are relative to the root, whatever the current directory.
    absWorkingDir: root,
    // A worktree's node_modules may be a symlink; keep package paths as node_modules/… so the bytes match.
    preserveSymlinks: true,
    write: false,
    outfile: bundlePath,
    bundle: true,
    format: 'iife',
    globalName: 'ForesightEngine',
    platform: 'neutral',
    // sobek runs ES2018 (object spread and rest natively: lowered to helper calls under es2017 they cost 4-5% of
    // the backend's cold fits) but not every later syntax; esbuild lowers the rest. es2020 measured no faster.
    target: 'es2018',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

function check(fresh, path) {
  const name = path.startsWith(root) ? relative(root, path) : path;
  const fix = 'run `npm run build:engine` and commit pkg/engine/bundle/foresight-model.js';
  if (!existsSync(path)) {
    console.error(`build-engine: ${name} is missing; ${fix}`);
    process.exit(1);
  }
  const committed = readFileSync(path, 'utf8');
  if (committed !== fresh) {
    const a = committed.split('\n');
    const b = fresh.split('\n');
    let line = 0;
    while (line < a.length && a[line] === b[line]) {
      line++;
    }
    console.error(`build-engine: ${name} differs from a fresh build of src/ (from line ${line + 1}); ${fix}`);
    process.exit(1);
  }
  console.log(`build-engine: ${name} is up to date`);
}

/**
 * Runs the bundle where only the language's own globals exist, as in sobek (no process, require,
 * console, timers or Intl), and fits a small demo series, so a Node-only call in the model fails the
 * build here with its name instead of failing every backend query.
 */
function smokeTest(text) {
  const context = createContext({});
  runInContext('delete globalThis.Intl;', context);
  try {
    runInContext(text, context, { filename: 'foresight-model.js' });
    runInContext(
      `(() => {
        const day = 86400000;
        const end = Date.UTC(2025, 9, 12);
        const s = ForesightEngine.demo('messaging', end - 3 * day, end, 300000, 1);
        const text = ForesightEngine.fit(s.timestamps.buffer, s.values.buffer, '{"country_holidays":["KR"]}').model;
        const out = ForesightEngine.predict(text, s.timestamps.buffer, s.values.buffer);
        if (!(out.yhat.length === s.timestamps.length && Number.isFinite(out.yhat[0]))) {
          throw new Error('fit + predict gave no finite expectation');
        }
      })();`,
      context
    );
  } catch (error) {
    console.error(`build-engine: the bundle does not run without Node's globals: ${error.message}`);
    process.exit(1);
  }
}
