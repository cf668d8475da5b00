/**
 * Emits the plugin folder's documents and screenshots (see dist-documents.ts) after the scaffolded config's
 * copy step, replacing what it copied: that step writes `LICENSE` as `LICENSE/LICENSE` and copies the README
 * with links into the repository.
 */
import fs from 'node:fs';
import path from 'node:path';

import { type Compiler, sources } from 'webpack';

import { SCREENSHOTS, SHIPPED_DOCUMENTS, isMarkdown, markdownForPlugin } from './dist-documents';

const NAME = 'ForesightPluginDocuments';

export class PluginDocumentsPlugin {
  constructor(private readonly root: string) {}

  apply(compiler: Compiler): void {
    // A dist/ from an earlier build may hold a folder where a document now goes (dist/LICENSE/); webpack's
    // clean step would only empty it, and writing the file would then fail.
    compiler.hooks.emit.tap(NAME, (compilation) => {
      const output = compilation.outputOptions.path ?? '';
      for (const shipped of Object.values(SHIPPED_DOCUMENTS)) {
        const target = path.join(output, shipped);
        if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
          fs.rmSync(target, { recursive: true });
        }
      }
    });
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        // After copy-webpack-plugin (PROCESS_ASSETS_STAGE_ADDITIONAL), so these win.
        { name: NAME, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const emit = (name: string, content: Buffer | string, source: string) => {
            // Whatever an earlier step put at this name, or under it as if it were a folder, goes.
            for (const existing of Object.keys(compilation.assets)) {
              if (existing === name || existing.startsWith(`${name}/`)) {
                compilation.deleteAsset(existing);
              }
            }
            compilation.emitAsset(name, new sources.RawSource(content));
            compilation.fileDependencies.add(source);
          };

          for (const [repoPath, shipped] of Object.entries(SHIPPED_DOCUMENTS)) {
            const file = path.join(this.root, repoPath);
            if (!fs.existsSync(file)) {
              compilation.errors.push(new compiler.webpack.WebpackError(`${NAME}: ${repoPath} is missing`));
              continue;
            }
            try {
              const raw = fs.readFileSync(file);
              emit(shipped, isMarkdown(repoPath) ? markdownForPlugin(repoPath, raw.toString('utf8')) : raw, file);
            } catch (err) {
              compilation.errors.push(new compiler.webpack.WebpackError(`${NAME}: ${(err as Error).message}`));
            }
          }

          const screenshots = path.join(this.root, SCREENSHOTS.from);
          compilation.contextDependencies.add(screenshots);
          for (const name of fs.readdirSync(screenshots).sort()) {
            const file = path.join(screenshots, name);
            emit(`${SCREENSHOTS.to}/${name}`, fs.readFileSync(file), file);
          }
        }
      );
    });
  }
}
