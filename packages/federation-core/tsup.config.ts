import { defineConfig } from 'tsup';

// Built for a neutral platform: a Node built-in imported anywhere in this
// package fails the build, which keeps the package browser-safe.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
});
