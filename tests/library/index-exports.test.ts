// The library's entry point exports every type that its public functions and classes take or return, so that a
// caller can name them. Read with the TypeScript compiler from the source, following each type through its
// properties, type arguments, unions and function signatures.
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src') + path.sep;

/** Names of the project's own types reachable from the public functions and classes, and whether index exports them. */
function reachableTypes(): { name: string; exported: boolean; from: string }[] {
  const program = ts.createProgram([path.join(ROOT, 'src/index.ts')], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(ROOT, 'src/index.ts'))!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!);
  const exported = new Set(exports.map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol)));
  const found = new Map<ts.Symbol, string>();
  const seen = new Set<ts.Type>();

  const isOwn = (symbol: ts.Symbol | undefined) => symbol?.declarations?.some((declaration) => declaration.getSourceFile().fileName.startsWith(SRC)) ?? false;
  const visitSignature = (signature: ts.Signature, from: string) => {
    for (const parameter of signature.getParameters()) visit(checker.getTypeOfSymbol(parameter), from);
    visit(signature.getReturnType(), from);
  };
  const visit = (type: ts.Type, from: string): void => {
    if (seen.has(type)) return;
    seen.add(type);
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      if (symbol && isOwn(symbol) && symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) {
        if (!found.has(symbol)) found.set(symbol, from);
      }
    }
    type.aliasTypeArguments?.forEach((argument) => visit(argument, from));
    if (type.isUnionOrIntersection()) type.types.forEach((part) => visit(part, from));
    if (!(type.flags & ts.TypeFlags.Object)) return;
    if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference)
      checker.getTypeArguments(type as ts.TypeReference).forEach((argument) => visit(argument, from));
    // The platform's types (Promise, Map, AbortSignal) are followed only through their type arguments.
    if (!isOwn(type.getSymbol()) && !isOwn(type.aliasSymbol)) return;
    for (const property of type.getProperties()) visit(checker.getTypeOfSymbol(property), from);
    for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) visitSignature(signature, from);
  };

  for (const symbol of exported) {
    const declaration = symbol.valueDeclaration;
    if (!declaration || !(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))) continue;
    visit(checker.getTypeOfSymbolAtLocation(symbol, declaration), symbol.getName());
    if (symbol.flags & ts.SymbolFlags.Class) visit(checker.getDeclaredTypeOfSymbol(symbol), symbol.getName());
  }
  return [...found].map(([symbol, from]) => ({ name: symbol.getName(), exported: exported.has(symbol), from }));
}

it('exports every type its public functions and classes take or return', () => {
  const types = reachableTypes();
  expect(types.map((type) => type.name)).toEqual(expect.arrayContaining(['BriefingOptions', 'ChosenEngine', 'InputText', 'TagMetadata', 'BatchReport']));
  expect(types.filter((type) => !type.exported).map((type) => `${type.name} (from ${type.from})`)).toEqual([]);
}, 60_000);
