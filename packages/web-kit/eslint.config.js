// The monorepo's lint rules, plus one: the kit runs in browsers only, so its sources may not use Node.
import root from '../../eslint.config.js';

const browserOnly = 'The web kit runs in browsers only: no Node modules or globals.';

export default [
  ...root,
  {
    files: ['src/**/*.ts', 'src/**/*.vue'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'buffer', 'util', 'stream', 'os', 'child_process'], message: browserOnly }],
      }],
      'no-restricted-globals': ['error',
        { name: 'Buffer', message: browserOnly },
        { name: 'process', message: browserOnly },
        { name: 'require', message: browserOnly },
      ],
    },
  },
];
