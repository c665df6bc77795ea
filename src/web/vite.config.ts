import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

// The API server serves dist/web at `/`; in development Vite serves the app and forwards
// `/api` (including the server-sent events stream) to a locally running `npm start`.
export default defineConfig({
  root: webRoot,
  base: '/',
  // Each script, style sheet and page is also written brotli- and gzip-compressed beside itself;
  // the server sends the one the browser accepts (the 430 KB script travels as about 120 KB).
  plugins: [
    react(),
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/], threshold: 1024 }),
  ],
  build: { outDir, emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
