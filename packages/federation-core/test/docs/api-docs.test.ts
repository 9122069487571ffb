/**
 * The typedoc reference must document every export of the package, and every exported
 * function must show an `@example`. This asks the TypeScript compiler for the exports of
 * the package entry and reads their doc comments.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entryOf = (pkg: string) => fileURLToPath(new URL(`../../../${pkg}/src/index.ts`, import.meta.url));

function undocumentedExports(entry: string): string[] {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['@maxtryx/source'],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const problems: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (!decl) continue;
    const where = `${exported.name} (${decl.getSourceFile().fileName.split('/src/')[1]})`;
    if (symbol.getDocumentationComment(checker).length === 0 && ts.getJSDocTags(decl).length === 0) {
      problems.push(`${where}: no doc comment`);
      continue;
    }
    if (symbol.flags & ts.SymbolFlags.Function) {
      const tags = (symbol.declarations ?? []).flatMap((d) => ts.getJSDocTags(d));
      if (!tags.some((t) => t.tagName.text === 'example')) problems.push(`${where}: exported function without @example`);
    }
  }
  return problems;
}

describe.each(['entity', 'federation-core'])('API documentation of @maxtryx/%s', (pkg) => {
  it('documents every export, with an @example on every exported function', () => {
    expect(undocumentedExports(entryOf(pkg))).toEqual([]);
  });
});
