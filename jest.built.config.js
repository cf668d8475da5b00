// Tests of the built plugin (dist/ and the zip), run by scripts/test-all.sh after the builds they need:
// tests/built/bundles.test.ts after `npm run build`, tests/built/package.test.ts builds its own package.
// One worker: the package test rebuilds dist/, which the bundle test reads.
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/tests/built'],
  maxWorkers: 1,
};
