// One lint configuration for the whole monorepo: TypeScript everywhere, Vue rules for the web app.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const browserToo = 'src/shared runs in browsers too: no Node modules or globals.';

/** For a plugin's eslint.config.js: its src/shared is imported by the web app too, so no Node there (tests may). */
export const sharedRunsInBrowsers = {
  files: ['src/shared/**/*.ts'],
  ignores: ['src/shared/**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'buffer', 'util', 'stream', 'os', 'child_process'], message: browserToo }] }],
    'no-restricted-globals': ['error', ...['Buffer', 'process', 'require', '__dirname'].map((name) => ({ name, message: browserToo }))],
  },
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/migrations/**', 'data/**', '**/.turbo/**', '.tmp-plugins/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Formatting is not lint's business here; these Vue rules only restate a code style.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/attribute-hyphenation': 'off',
      'vue/v-on-event-hyphenation': 'off',
      'vue/first-attribute-linebreak': 'off',
    },
  },
);
