/**
 * @jest-environment jsdom
 */
// Loads the built bundles the way Grafana does: module.js is an AMD module, `define(deps, factory)`, whose
// deps Grafana answers from the packages it shares with plugins (webpack's externals); Grafana then reads
// the module's `plugin` export. Needs `npm run build` first (scripts/test-all.sh runs it before this).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

import { AppPlugin, DataSourcePlugin, PanelPlugin } from '@grafana/data';

import webpackConfig from '../../webpack.config';

const DIST = path.resolve(__dirname, '../../dist');

/** The packages the build leaves to Grafana: the only ids a bundle may ask `define` for. */
function buildExternals(): Set<string> {
  const externals = webpackConfig({ production: true }).externals;
  if (!Array.isArray(externals) || !externals.every((id): id is string => typeof id === 'string')) {
    throw new Error('webpack externals are expected to be a list of package names');
  }
  return new Set(externals);
}

/**
 * A VM context whose globals are those of Grafana's page (jsdom's window, its methods bound to it: uPlot, for
 * one, reads devicePixelRatio and calls matchMedia as soon as it loads) plus `own`.
 */
function browserContext(own: Record<string, unknown>): vm.Context {
  const bound = new Map<PropertyKey, unknown>();
  const fromWindow = (key: PropertyKey): unknown => {
    const value: unknown = Reflect.get(window, key);
    if (typeof value !== 'function' || typeof key !== 'string' || !/^[a-z]/.test(key)) {
      return value;
    }
    if (!bound.has(key)) {
      bound.set(key, value.bind(window));
    }
    return bound.get(key);
  };
  return vm.createContext(
    new Proxy(own, {
      get: (target, key) => (key in target ? Reflect.get(target, key) : fromWindow(key)),
      has: (target, key) => key in target || key in window,
    })
  );
}

interface LoadedModule {
  requested: string[];
  exports: Record<string, unknown>;
}

/**
 * Evaluates `file` in a fresh VM context whose only loader is a minimal AMD `define`, answering each
 * requested id with the real package from node_modules. An id that is not an external, or a second
 * `define`, fails the load as it would in Grafana.
 */
function loadAmdModule(file: string, externals: Set<string>): LoadedModule {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(process.cwd(), file)} is missing: run npm run build first`);
  }
  const loaded: LoadedModule[] = [];
  const define = (deps: unknown, factory: unknown) => {
    if (!Array.isArray(deps) || typeof factory !== 'function') {
      throw new Error(`${file}: expected define([...deps], factory)`);
    }
    if (loaded.length > 0) {
      throw new Error(`${file}: define called more than once`);
    }
    const unknown = deps.filter((id) => !externals.has(id));
    if (unknown.length > 0) {
      throw new Error(
        `${file} requests ${unknown.join(', ')}, which Grafana does not provide (not a webpack external)`
      );
    }
    const modules = deps.map((id: string) => require(id));
    loaded.push({ requested: deps, exports: factory(...modules) as Record<string, unknown> });
  };
  define.amd = {};
  const context = browserContext({ define });
  new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file }).runInContext(context);
  if (loaded.length !== 1) {
    throw new Error(`${file}: did not call define`);
  }
  return loaded[0];
}

/** Asserts the `plugin` export's class and returns it typed. */
function pluginOf<T>(loaded: LoadedModule, type: abstract new (...args: never[]) => T): T {
  expect(loaded.exports.plugin).toBeInstanceOf(type);
  return loaded.exports.plugin as T;
}

describe('built bundles, loaded as Grafana loads them', () => {
  const externals = buildExternals();

  it('the app module exports an AppPlugin with its setup page', () => {
    const loaded = loadAmdModule(path.join(DIST, 'module.js'), externals);
    expect(loaded.requested).toContain('@grafana/data');
    expect(pluginOf(loaded, AppPlugin).configPages?.map((page) => page.id)).toEqual(['setup']);
  });

  it('the datasource module exports a DataSourcePlugin with its editors', () => {
    const plugin = pluginOf(loadAmdModule(path.join(DIST, 'datasource/module.js'), externals), DataSourcePlugin);
    expect(typeof plugin.DataSourceClass).toBe('function');
    expect(plugin.components.ConfigEditor).toBeDefined();
    expect(plugin.components.QueryEditor).toBeDefined();
  });

  it('the panel module exports a PanelPlugin with its component and options', () => {
    const plugin = pluginOf(loadAmdModule(path.join(DIST, 'panel/module.js'), externals), PanelPlugin);
    expect(typeof plugin.panel).toBe('function');
    expect(typeof plugin.getPanelOptionsSupplier()).toBe('function');
  });

  describe('the loader itself', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-amd-'));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true });
    });
    const bundle = (code: string) => {
      const file = path.join(dir, 'module.js');
      fs.writeFileSync(file, code);
      return file;
    };

    it('refuses a bundle that asks for a package Grafana does not provide', () => {
      const file = bundle('define(["@grafana/data","left-pad"], (d) => ({ plugin: new d.PanelPlugin(() => null) }));');
      expect(() => loadAmdModule(file, externals)).toThrow(/requests left-pad, which Grafana does not provide/);
    });

    it('refuses a bundle that is not an AMD module', () => {
      const file = bundle('var plugin = {};');
      expect(() => loadAmdModule(file, externals)).toThrow(/did not call define/);
    });

    it('lets a wrong plugin class fail the type check', () => {
      const loaded = loadAmdModule(
        bundle('define(["@grafana/data"], (d) => ({ plugin: new d.AppPlugin() }));'),
        externals
      );
      expect(() => pluginOf(loaded, PanelPlugin)).toThrow();
    });
  });
});
