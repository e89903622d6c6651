import { defineConfig } from 'vitest/config';

// The host's own unit tests (configuration, banner, settings key). Tests through HTTP need a
// console with plugins: apps/api's (the installed list) and each plugin's (@rtc-console/testing).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
