/** Bundles the harness page (panel, @grafana/ui, @grafana/data, React, the model) with esbuild. */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

// Under node_modules/.cache so linters and formatters, which skip node_modules, leave the bundle alone.
export const HARNESS_DIR = path.resolve(__dirname, '../../node_modules/.cache/foresight-e2e');

export async function buildHarness(): Promise<string> {
  mkdirSync(HARNESS_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(__dirname, 'main.tsx')],
    outfile: path.join(HARNESS_DIR, 'harness.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty', '.css': 'empty' },
  });
  copyFileSync(path.join(__dirname, 'index.html'), path.join(HARNESS_DIR, 'index.html'));
  return HARNESS_DIR;
}

if (require.main === module) {
  const started = Date.now();
  buildHarness().then(
    (dir) => console.log(`harness built in ${Date.now() - started} ms: ${dir}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    }
  );
}
