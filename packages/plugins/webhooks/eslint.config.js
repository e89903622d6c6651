// The monorepo's lint rules, plus one for src/shared: it runs in browsers as well as Node.
import root from '../../../eslint.config.js';

const browserToo = 'src/shared runs in browsers too: no Node modules or globals.';

export default [
  ...root,
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'buffer', 'util', 'stream', 'os', 'child_process'], message: browserToo }] }],
      'no-restricted-globals': ['error', { name: 'Buffer', message: browserToo }, { name: 'process', message: browserToo }, { name: 'require', message: browserToo }],
    },
  },
];
