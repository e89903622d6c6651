import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// The web entry's tests import the web kit, whose components are .vue files.
export default defineConfig({
  plugins: [vue()],
  test: {
    // src: unit tests of the signing, the address rules and the messages; test: the plugin through real test consoles.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A test console migrates and seeds a fresh database per file: slow on PGlite, slower on a busy Postgres.
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
