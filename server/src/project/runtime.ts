import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SignatureCatalog } from '../signatures/catalog';
import { OcamlParsers } from '../syntax/parser';

/**
 * Finds our assets on disk: next to the bundle (dist/) or, when running from compiled
 * sources (out/) in tests, in the package and node_modules.
 */
function findUp(start: string, relative: string): string | null {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

function asset(name: string, packageRelative: string): string {
  const local = join(__dirname, name);
  if (existsSync(local)) return local;
  const found = findUp(__dirname, packageRelative);
  if (!found) throw new Error(`mirage-lsp: cannot find ${name}`);
  return found;
}

export function signatureDirectory(): string {
  const found = findUp(__dirname, 'signatures/mirage-4.11.mli');
  if (!found) throw new Error('mirage-lsp: cannot find the signature files (signatures/*.mli)');
  return dirname(found);
}

export interface Runtime {
  readonly parsers: OcamlParsers;
  readonly catalog: SignatureCatalog;
}

let loading: Promise<Runtime> | undefined;

/** Loads the grammars and the signature catalog once per process. */
export function loadRuntime(): Promise<Runtime> {
  loading ??= (async () => {
    const parsers = await OcamlParsers.load({
      runtime: asset('web-tree-sitter.wasm', 'node_modules/web-tree-sitter/web-tree-sitter.wasm'),
      implementation: asset(
        'tree-sitter-ocaml.wasm',
        'node_modules/tree-sitter-ocaml/tree-sitter-ocaml.wasm',
      ),
      interface: asset(
        'tree-sitter-ocaml_interface.wasm',
        'node_modules/tree-sitter-ocaml/tree-sitter-ocaml_interface.wasm',
      ),
    });
    const dir = signatureDirectory();
    const catalog = new SignatureCatalog(
      (file) => readFileSync(join(dir, file), 'utf8'),
      (text) => parsers.parseInterfaceSyntax(text),
    );
    return { parsers, catalog };
  })();
  return loading;
}
