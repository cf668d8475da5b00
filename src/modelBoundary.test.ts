/**
 * src/model imports nothing outside itself, and only its tests import src/model/testing: the lint rule in
 * eslint.config.mjs holds it. ESLint loads its flat config as an ES module, which Jest's CommonJS runtime
 * cannot, so one Node child lints the probes and the real folder and prints what the rule reported.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const RULE = 'no-restricted-imports';

interface Probe {
  filePath: string;
  code: string;
}

interface Report {
  probes: Array<{ filePath: string; messages: string[] }>;
  /** Files under src/model with a message from the rule. */
  realViolations: string[];
}

const LINT_SCRIPT = `
import { ESLint } from 'eslint';
const probes = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
}));
const eslint = new ESLint({ cwd: process.cwd() });
const ruleMessages = (result) => result.messages.filter((m) => m.ruleId === '${RULE}').map((m) => m.message);
const out = { probes: [], realViolations: [] };
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: probe.filePath });
  out.probes.push({ filePath: probe.filePath, messages: ruleMessages(result) });
}
for (const result of await eslint.lintFiles(['src/model'])) {
  if (ruleMessages(result).length > 0) {
    out.realViolations.push(result.filePath);
  }
}
process.stdout.write(JSON.stringify(out));
`;

function lint(probes: Probe[]): Report {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT], {
    cwd: ROOT,
    input: JSON.stringify(probes),
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    throw new Error(`eslint child failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout) as Report;
}

const probe = (filePath: string, specifier: string): Probe => ({
  filePath,
  code: `import * as probe from '${specifier}';\nexport const used = probe;\n`,
});

describe('src/model imports only itself', () => {
  const blocked = [
    probe('src/model/probe.ts', '../demo/messagingMetric'),
    probe('src/model/probe.ts', '../engine/entry'),
    probe('src/model/probe.ts', 'react'),
    probe('src/model/probe.ts', 'node:fs'),
    probe('src/model/probe.ts', '..'),
    probe('src/model/evaluation/probe.ts', '../../shared/types'),
    probe('src/model/holidays/probe.test.ts', '../../demo/random'),
    probe('src/model/probe.test.ts', '../demo/random'),
    probe('src/model/probe.ts', './testing/synthetic'),
    { filePath: 'src/model/probe.ts', code: "export { generateDemoSeries } from '../demo/messagingMetric';\n" },
  ];
  const allowed = [
    probe('src/model/probe.ts', './types'),
    probe('src/model/evaluation/probe.ts', '../forecaster'),
    probe('src/model/holidays/probe.ts', '../errors'),
    probe('src/model/probe.test.ts', './testing/synthetic'),
    probe('src/model/evaluation/probe.test.ts', '../testing/synthetic'),
    probe('src/engine/probe.ts', '../demo/messagingMetric'),
  ];
  let report: Report;

  beforeAll(() => {
    report = lint([...blocked, ...allowed]);
  }, 120_000);

  it('reports an import that leaves src/model, a package, a Node module and test helpers outside tests', () => {
    const hits = report.probes
      .slice(0, blocked.length)
      .map((p, i) => ({ probe: blocked[i].code, hit: p.messages.length }));
    expect(hits.filter((h) => h.hit !== 1)).toEqual([]);
  });

  it('lets the model import itself, its tests import src/model/testing, and other folders import the demo', () => {
    const hits = report.probes.slice(blocked.length).map((p) => ({ file: p.filePath, messages: p.messages }));
    expect(hits.filter((h) => h.messages.length > 0)).toEqual([]);
  });

  it('holds for every file under src/model today', () => {
    expect(report.realViolations).toEqual([]);
  });
});
