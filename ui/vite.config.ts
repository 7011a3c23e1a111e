import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Where the gateway serves static files from (its classpath's META-INF/resources). */
export const OUT_DIR = resolve(
  import.meta.dirname,
  '../chat-gateway/target/classes/META-INF/resources',
);

// The pages: the agent console at `/`, the demo site at `/demo/` and the Support SDK's example
// app at `/example/`. The widget is a separate
// IIFE build (vite.widget.config.ts) that runs after this one, because it must be one classic
// script a customer's site can include with a single tag.
export default defineConfig({
  base: '/',
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        console: resolve(import.meta.dirname, 'index.html'),
        demo: resolve(import.meta.dirname, 'demo/index.html'),
        example: resolve(import.meta.dirname, 'example/index.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a running gateway: the console's REST and socket calls are proxied.
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
      '/widget.js': 'http://localhost:8080',
    },
  },
});
