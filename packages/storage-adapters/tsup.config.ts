import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per subpath export; the native drivers stay external and are loaded only by
  // the subpath that needs them.
  entry: { index: 'src/index.ts', sqlite: 'src/sqlite/index.ts', surrealdb: 'src/surrealdb/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
  external: ['better-sqlite3', 'surrealdb', '@surrealdb/node'],
});
