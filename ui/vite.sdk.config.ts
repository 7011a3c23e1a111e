import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { OUT_DIR } from './vite.config.ts';

// The Support SDK: one ES module an app imports (`/sdk/chatcases-sdk.js`), written beside the
// pages without emptying the folder. Its type declarations come from `tsc -p tsconfig.sdk.json`
// (sdk/types/**), re-exported by sdk/chatcases-sdk.d.ts.
export default defineConfig({
  build: {
    outDir: resolve(OUT_DIR, 'sdk'),
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/sdk/index.ts'),
      formats: ['es'],
      fileName: () => 'chatcases-sdk.js',
    },
  },
  plugins: [
    {
      name: 'chatcases-sdk-dts',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'chatcases-sdk.d.ts',
          source: "export * from './types/sdk/index';\n",
        });
      },
    },
  ],
});
