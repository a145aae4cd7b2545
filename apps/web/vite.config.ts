import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Vite 8 transforms TSX itself (oxc): no React plugin needed for a production build. The api serves
// dist/ under a strict CSP, so nothing may be inlined: no inline scripts, styles or data-URL assets.
export default defineConfig({
  root,
  publicDir: 'public',
  // Keep Vite's dependency cache with the others, not in a node_modules/ of apps/web.
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/web', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  // Brotli and gzip files beside the text ones, served as they are by the api (docs/wire.md).
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    // Libraries change less often than the app: one long-cached vendor chunk, app code apart. scorm-again
    // and Chart.js stay out of it: only the player route loads the one and the reports' charts the other,
    // each in its own chunk.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](?!scorm-again[\\/]|chart\.js[\\/]|@kurkle[\\/])/ }],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
