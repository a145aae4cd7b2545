import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The launcher runs on the content origin: the api serves dist/_launcher under /content/_launcher/ with
// the app origin written into launcher.html. Built after the app (whose build empties dist/).
export default defineConfig({
  root,
  base: '/content/_launcher/',
  publicDir: false,
  // launcher.html is served with the app origin written into it: only its assets go out precompressed.
  plugins: [precompress({ exclude: /\.html$/ })],
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
