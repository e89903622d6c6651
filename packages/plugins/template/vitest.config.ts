import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// The web entry's test imports the web kit, whose components are .vue files.
export default defineConfig({
  plugins: [vue()],
  test: {
    // src: the manifest and the web entry; test: the plugin in a real test console (@rtc-console/testing).
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A test console migrates and seeds a fresh database per file: slow on PGlite, slower on a busy Postgres.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
