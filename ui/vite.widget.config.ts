import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { OUT_DIR } from './vite.config.ts';

// The customer widget: one self-contained classic script (IIFE), styles inlined into its shadow
// root, written beside the pages without emptying the folder.
export default defineConfig({
  build: {
    outDir: OUT_DIR,
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/widget/main.ts'),
      name: 'ChatCasesWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
