/**
 * Builds the three AMD bundles Grafana loads: the app (dist/module.js) and the nested datasource and panel
 * (dist/<folder>/module.js). Libraries that Grafana shares with plugins at run time stay external.
 */
import fs from 'node:fs';
import path from 'node:path';

import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const appPlugin = JSON.parse(fs.readFileSync(path.join(SRC, 'plugin.json'), 'utf8')) as { id: string };

/** Nested plugins: each folder has its own plugin.json, module.ts and a copy of the logo. */
const NESTED = ['datasource', 'panel'];

/** Provided by Grafana at run time (its shared-dependency map); bundling them would load a second copy. */
const EXTERNALS = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  '@grafana/schema',
  '@grafana/e2e-selectors',
  '@grafana/i18n',
  '@emotion/css',
  '@emotion/react',
  'rxjs',
  'rxjs/operators',
  'lodash',
  'moment',
  'jquery',
  'd3',
  'i18next',
  'prismjs',
  'react-inlinesvg',
  'react-redux',
  'redux',
  'react-router',
  'react-router-dom',
  'react-router-dom-v5-compat',
  'slate',
  'slate-plain-serializer',
];

// Backend binaries and the mage manifest live in dist/ too; a frontend rebuild must not delete them.
const BACKEND_ARTIFACTS = /(gpx_[^/]*|go_plugin_build_manifest)$/;

function stampPluginJson(content: Buffer): string {
  const today = new Date().toISOString().slice(0, 10);
  return content
    .toString()
    .replace(/%VERSION%/g, pkg.version)
    .replace(/%TODAY%/g, today);
}

export default function config(env: Record<string, unknown> = {}): Configuration {
  const production = Boolean(env.production);
  return {
    mode: production ? 'production' : 'development',
    context: ROOT,
    devtool: 'source-map',
    entry: {
      module: './src/module.ts',
      ...Object.fromEntries(NESTED.map((dir) => [`${dir}/module`, `./src/${dir}/module.ts`])),
    },
    output: {
      path: DIST,
      filename: '[name].js',
      library: { type: 'amd' },
      publicPath: `public/plugins/${appPlugin.id}/`,
      uniqueName: appPlugin.id,
      clean: { keep: BACKEND_ARTIFACTS },
    },
    externals: EXTERNALS,
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx'],
    },
    module: {
      rules: [
        {
          test: /\.[cm]?[jt]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                target: 'es2020',
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
      ],
    },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/plugin.json', to: 'plugin.json', transform: stampPluginJson },
          ...NESTED.map((dir) => ({
            from: `src/${dir}/plugin.json`,
            to: `${dir}/plugin.json`,
            transform: stampPluginJson,
          })),
          { from: 'src/img', to: 'img' },
          ...NESTED.map((dir) => ({ from: 'src/img', to: `${dir}/img` })),
          ...['README.md', 'CHANGELOG.md', 'LICENSE'].map((file) => ({
            from: file,
            to: file,
            noErrorOnMissing: true,
          })),
        ],
      }),
    ],
    performance: { hints: false },
    stats: production ? 'normal' : 'minimal',
  };
}
