// Flat config: Grafana's shared rules, the automatic JSX runtime, and Prettier owning all formatting.
import grafanaConfig from '@grafana/eslint-config';
import prettierConfig from 'eslint-config-prettier';
import reactPlugin from 'eslint-plugin-react';

export default [
  {
    name: 'foresight/ignores',
    ignores: [
      'dist/',
      'out/',
      'coverage/',
      'bench/node_modules/',
      'bench/.venv/',
      'bench/results/',
      'pkg/engine/bundle/',
    ],
  },
  ...grafanaConfig,
  reactPlugin.configs.flat['jsx-runtime'],
  {
    name: 'foresight/files',
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.{ts,tsx}', '.config/**/*.{ts,tsx,js}', '*.{ts,js,mjs}'],
    languageOptions: { ecmaVersion: 2022 },
    rules: {
      // `import type` beside a value import from the same module is the isolatedModules idiom, not a duplicate.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  {
    // findBy*/waitFor poll against a one-second wall-clock window, which a loaded machine misses: settle() instead.
    name: 'foresight/tests-without-time',
    files: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^find(All)?By/]',
          message: 'findBy* races a wall-clock timeout; await settle() (src/test-utils/settle.ts), then getBy*.',
        },
        {
          selector: "CallExpression[callee.name='waitFor']",
          message: 'waitFor races a wall-clock timeout; await settle() (src/test-utils/settle.ts), then assert.',
        },
      ],
    },
  },
  {
    name: 'foresight/commonjs-configs',
    files: ['*.js', '.config/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettierConfig,
];
