import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');

// Tests import the workspace packages from their TypeScript sources, so no build
// is needed before `pnpm test`.
export default defineConfig({
  resolve: {
    alias: [
      // `@maxtryx/pkg` -> packages/pkg/src/index.ts; `@maxtryx/pkg/sub` -> packages/pkg/src/sub/index.ts
      { find: /^@maxtryx\/([a-z-]+)$/, replacement: `${root}/packages/$1/src/index.ts` },
      { find: /^@maxtryx\/([a-z-]+)\/([a-z-]+)$/, replacement: `${root}/packages/$1/src/$2/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
