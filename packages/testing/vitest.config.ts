import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A test console migrates and seeds a fresh database per file.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
