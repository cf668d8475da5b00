// Jest runs TypeScript through SWC; TZ is forced to UTC so no test depends on the host's zone.
// Tests run in Node by default; React component tests opt into a browser with a `@jest-environment jsdom` docblock.
process.env.TZ = 'UTC';

// ESM-only packages reached through @grafana/* that Jest must compile to CommonJS.
const ESM_PACKAGES = [
  'marked',
  'marked-mangle',
  'd3-[a-z-]+',
  'internmap',
  'ol',
  'react-calendar',
  'uuid',
  '@react-hookz/web',
  '@ver0/deep-equal',
  'get-user-locale',
  'memoize',
  'mimic-function',
  '@wojtekmaj/date-utils',
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/bench', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/bench/node_modules/', '/bench/.venv/'],
  moduleNameMapper: {
    '\\.(css|scss|sass)$': '<rootDir>/.config/jest/styleStub.js',
    '^react-inlinesvg$': '<rootDir>/.config/jest/inlineSvgStub.tsx',
  },
  // Jest's 5 s default is a bet on speed that a loaded machine can lose; this limit only ends a test that hangs.
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/.config/jest-setup.ts', '<rootDir>/src/test-utils/jestSetup.ts'],
  transform: {
    '^.+\\.[cm]?[jt]sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'cjs', 'mjs', 'json'],
};
