import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// happy-dom: the kit's composables and components run in a browser, and so do their tests.
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
  },
});
