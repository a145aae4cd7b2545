import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The launcher runs on the content origin: the api serves dist/_launcher under /content/_launcher/ with
// the app origin written into launcher.html. Built after the app (whose build empties dist/).
export default defineConfig({
  root,
  base: '/content/_launcher/',
  publicDir: false,
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/launcher', import.meta.url)),
  build: {
    outDir: 'dist/_launcher',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    rolldownOptions: { input: fileURLToPath(new URL('launcher.html', import.meta.url)) },
  },
});
