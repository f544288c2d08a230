import { defineConfig } from 'vite';

/**
 * The demo (`npm start`): every widget on the built-in mock CRM, served from `demo/`.
 * Workspace packages resolve to their TypeScript sources through the `crmkit-source` export
 * condition, so editing a package reloads the demo without a build.
 */
export default defineConfig({
  root: 'demo',
  publicDir: false,
  resolve: {
    conditions: ['crmkit-source', 'browser', 'module', 'import', 'default'],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    open: false,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
  },
  build: {
    outDir: '../dist-demo',
    emptyOutDir: true,
    target: 'es2022',
  },
  esbuild: {
    target: 'es2022',
  },
});
