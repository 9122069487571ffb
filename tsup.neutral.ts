import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import type { Options } from 'tsup';

const builtins = new Set(builtinModules);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\(\s*)["']([^"']+)["']/g;

/** Fails when a built file imports a Node built-in. */
function assertNoNodeBuiltins(distDir: string): void {
  const leaks: string[] = [];
  for (const file of readdirSync(distDir)) {
    if (!/\.(c|m)?js$/.test(file)) continue;
    for (const match of readFileSync(`${distDir}/${file}`, 'utf8').matchAll(IMPORT)) {
      const spec = match[1]!;
      if (spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)) leaks.push(`${file}: ${spec}`);
    }
  }
  if (leaks.length > 0) {
    throw new Error(`Node built-ins in a browser-safe package (it must build for a neutral platform):\n  ${leaks.join('\n  ')}`);
  }
}

/**
 * The tsup options of the browser-safe packages (entity, federation-core): built for a
 * neutral platform, and the build fails if the output imports any Node built-in.
 */
export const neutralPackage: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  onSuccess: async () => assertNoNodeBuiltins('dist'),
};
