import { defineConfig } from 'vite';

// The build is embedded in the webcare binary and served from "/". Relative asset paths
// ("./assets/…") keep it working from any mount point as well.
//
// `npm run dev` serves the UI on :5173 and forwards /api to a running server; point it
// elsewhere with WEBCARE_URL=http://127.0.0.1:PORT npm run dev.
// (process is read through globalThis so that @types/node is not needed.)
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
const apiTarget = env?.WEBCARE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
});
