import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// In development the API runs on :3000 (API_URL) and Vite proxies /api to it; in production
// the API serves the built files itself, on one port.
export default defineConfig({
  plugins: [vue()],
  server: { port: Number(process.env.WEB_PORT ?? 5173), strictPort: true, proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
  build: { outDir: 'dist', chunkSizeWarningLimit: 1500 },
});
