// Bundles the model for the Go backend: src/engine/entry.ts → pkg/engine/bundle/foresight-model.js,
// one IIFE script that defines the global `ForesightEngine` and runs in sobek (pkg/engine embeds it).
// The bundle is generated (gitignored); every Go build path runs this first.
//
//   node scripts/build-engine.mjs
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'pkg/engine/bundle/foresight-model.js');

await build({
  entryPoints: [join(root, 'src/engine/entry.ts')],
  outfile,
  bundle: true,
  format: 'iife',
  globalName: 'ForesightEngine',
  platform: 'neutral',
  // sobek runs ES2015+ well but not every later syntax; esbuild lowers the rest.
  target: 'es2017',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});

smokeTest(readFileSync(outfile, 'utf8'));
console.log(`build-engine: wrote ${outfile} (${statSync(outfile).size} bytes)`);

/**
 * Runs the bundle where only the language's own globals exist, as in sobek (no process, require,
 * console, timers or Intl), and fits a small demo series, so a Node-only call in the model fails the
 * build here with its name instead of failing every backend query.
 */
function smokeTest(source) {
  const context = createContext({});
  runInContext('delete globalThis.Intl;', context);
  try {
    runInContext(source, context, { filename: 'foresight-model.js' });
    runInContext(
      `(() => {
        const day = 86400000;
        const end = Date.UTC(2025, 9, 12);
        const s = ForesightEngine.demo('messaging', end - 3 * day, end, 300000, 1);
        const text = ForesightEngine.fit(s.timestamps.buffer, s.values.buffer, '{"country_holidays":["KR"]}');
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
