// The monorepo's lint rules, plus one this package depends on: the library sources must run in
// browsers as well as Node, so they may use WebCrypto and web globals only. Tests may use Node
// (node:crypto is their independent reference implementation).
import root from '../../eslint.config.js';

const nodeOnly = 'The signer runs in browsers too: use WebCrypto (globalThis.crypto), TextEncoder and Uint8Array instead.';

export default [
  ...root,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*', 'crypto', 'buffer', 'fs', 'util', 'stream'], message: nodeOnly }],
      }],
      'no-restricted-globals': ['error',
        { name: 'Buffer', message: nodeOnly },
        { name: 'process', message: nodeOnly },
        { name: 'require', message: nodeOnly },
      ],
    },
  },
];
