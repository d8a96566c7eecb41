import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SignatureCatalog } from '../signatures/catalog';
import { NEWEST } from '../signatures/eras';
import { OcamlParsers } from '../syntax/parser';
import { PackedTree, packTree, unpackTree } from '../syntax/tree';

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

/**
 * dist/signatures.snapshot.json: parsed signature files by their text (see `packTree`). Each
 * tree is saved as a JSON string of its own: the server keeps the snapshot for the eras it
 * has not loaded yet, and a string costs a fifth of the parsed arrays (~1 vs ~5 MB).
 */
export const SNAPSHOT = 'signatures.snapshot.json';

function readSnapshot(): Map<string, string> | null {
  try {
    const data = JSON.parse(readFileSync(join(__dirname, SNAPSHOT), 'utf8')) as {
      text: string;
      tree: string;
    }[];
    return new Map(data.map((d) => [d.text, d.tree]));
  } catch {
    return null;
  }
}

/** Parses our signature files and saves them next to the bundle (run by the build). */
export async function writeSnapshot(outDir: string): Promise<number> {
  const parsers = (await loadRuntime()).parsers;
  const dir = signatureDirectory();
  const files = readdirSync(dir).filter((f) => f.endsWith('.mli'));
  const data = files.map((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    return { file: f, text, tree: JSON.stringify(packTree(parsers.parseInterfaceSyntax(text))) };
  });
  writeFileSync(join(outDir, SNAPSHOT), JSON.stringify(data));
  return files.length;
}

export interface Runtime {
  readonly parsers: OcamlParsers;
  readonly catalog: SignatureCatalog;
  /** Reads an installed mirage.mli into the catalog for its era. */
  useInstalled(era: string, mli: string): Promise<void>;
}

let loading: Promise<Runtime> | undefined;

/** Loads the grammars and the signature catalog once per process. */
export function loadRuntime(): Promise<Runtime> {
  loading ??= (async () => {
    const dir = signatureDirectory();
    const snapshot = readSnapshot();
    const sigFiles = readdirSync(dir).filter((f) => f.endsWith('.mli'));
    const texts = new Map(sigFiles.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const complete = !!snapshot && [...texts.values()].every((t) => snapshot.has(t));
    const interfaceWasm = asset(
      'tree-sitter-ocaml_interface.wasm',
      'node_modules/tree-sitter-ocaml/tree-sitter-ocaml_interface.wasm',
    );
    const loadingParsers = OcamlParsers.load(
      {
        runtime: asset('web-tree-sitter.wasm', 'node_modules/web-tree-sitter/web-tree-sitter.wasm'),
        implementation: asset(
          'tree-sitter-ocaml.wasm',
          'node_modules/tree-sitter-ocaml/tree-sitter-ocaml.wasm',
        ),
        interface: interfaceWasm,
      },
      !complete,
    );
    let parsers: OcamlParsers | null = null;
    const catalog = new SignatureCatalog(
      (file) => texts.get(file) ?? readFileSync(join(dir, file), 'utf8'),
      (text) => {
        // The build saves the parsed signature files: parsing them here costs most of a cold start.
        const packed = snapshot?.get(text);
        if (packed) return unpackTree(text, JSON.parse(packed) as PackedTree);
        if (!parsers) throw new Error('signature parsed before the grammars were loaded');
        return parsers.parseInterfaceSyntax(text);
      },
    );
    // While the grammars compile (off the main thread), build the newest era's environment.
    if (complete) catalog.environment(NEWEST);
    parsers = await loadingParsers;
    const ready = parsers;
    const useInstalled = async (era: string, mli: string) => {
      await ready.withInterface(interfaceWasm);
      catalog.setInstalled(era, mli);
    };
    return { parsers: ready, catalog, useInstalled };
  })();
  return loading;
}
