/**
 * The build: the scaffolded config (.config/webpack.config.ts, left as generated) plus the plugin folder's
 * documents and screenshots, emitted so that they work inside the plugin folder.
 */
import path from 'node:path';

import type { Configuration } from 'webpack';

import scaffolded from './.config/webpack.config';
import { PluginDocumentsPlugin } from './scripts/packaging/documents-webpack-plugin';

export default function config(env: Record<string, unknown> = {}): Configuration {
  const base = scaffolded(env);
  return { ...base, plugins: [...(base.plugins ?? []), new PluginDocumentsPlugin(path.resolve(__dirname))] };
}
