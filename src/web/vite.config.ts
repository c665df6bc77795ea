import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

// The API server serves dist/web at `/`; in development Vite serves the app and forwards
// `/api` (including the server-sent events stream) to a locally running `npm start`.
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: { outDir, emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
