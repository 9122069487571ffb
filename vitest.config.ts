import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests import the workspace packages from their TypeScript sources, so no build
// is needed before `pnpm test`.
export default defineConfig({
  resolve: {
    alias: {
      '@maxtryx/entity': src('entity'),
      '@maxtryx/federation-core': src('federation-core'),
      '@maxtryx/storage-adapters': src('storage-adapters'),
      '@maxtryx/reference-server': src('reference-server'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
