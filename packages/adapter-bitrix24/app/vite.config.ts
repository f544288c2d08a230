// Builds the placement app: one real .html file per handler (the portal opens a handler by a
// form POST, and Vite/static hosts answer a POST only for an existing file), relative paths so the
// archive works from wherever the portal unpacks it. `node app/build-zip.mjs` zips dist-app/.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  resolve: { conditions: ['crmkit-source'] },
  build: {
    outDir: here('../dist-app'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        install: here('install.html'),
        menu: here('menu.html'),
        contact: here('contact-tab.html'),
        company: here('company-tab.html'),
        deal: here('deal-tab.html'),
      },
    },
  },
});
