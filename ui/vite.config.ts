// Vite build of Vigil's browser app: one bundle served by `vigil server` (Prometheus pages and
// dashboards) and by `vigil alertmanager` (its pages). Relative asset URLs so that the app
// works under any --web.route-prefix / --web.external-url path.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
