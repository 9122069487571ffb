import { defineConfig } from 'vitest/config';

// Tests import the workspace packages from their TypeScript sources (the
// "@maxtryx/source" export condition), so no build is needed before `pnpm test`.
export default defineConfig({
  resolve: { conditions: ['@maxtryx/source', 'import', 'default'] },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
