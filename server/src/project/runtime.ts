import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SignatureCatalog } from '../signatures/catalog';
import { ERAS, Era, NEWEST } from '../signatures/eras';
import {
  environmentKey,
  restoreEnvironment,
  saveEnvironment,
  savedFile,
  savedFileBody,
  savedFromBody,
} from '../signatures/saved';
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

/** The interface grammar's wasm file (loaded only to read signature files). */
export function interfaceGrammar(): string {
  return asset(
    'tree-sitter-ocaml_interface.wasm',
    'node_modules/tree-sitter-ocaml/tree-sitter-ocaml_interface.wasm',
  );
}

export function signatureDirectory(): string {
  const found = findUp(__dirname, 'signatures/mirage-4.11.mli');
  if (!found) throw new Error('mirage-lsp: cannot find the signature files (signatures/*.mli)');
  return dirname(found);
}

/** dist/signatures.ERA.gz: an era's loaded environment (see `savedFile`). */
export function savedEnvironmentFile(era: Era): string {
  return `signatures.${era.id}.gz`;
}

/** The texts an era's environment is loaded from, in `environmentKey` order. */
function eraTexts(era: Era, read: (file: string) => string): string[] {
  return ['stdlib.mli', 'libs.mli', era.file].map(read);
}

/** Loads every era's environment and saves it next to the bundle (run by the build). */
export async function writeSnapshot(outDir: string): Promise<number> {
  const parsers = (await loadRuntime()).parsers;
  await parsers.withInterface(interfaceGrammar());
  const dir = signatureDirectory();
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  for (const era of ERAS) {
    // A catalog of its own per era: what a cold start would have built for it.
    const catalog = new SignatureCatalog(read, (text) => parsers.parseInterfaceSyntax(text));
    const saved = saveEnvironment(catalog.build(era), environmentKey(eraTexts(era, read)));
    writeFileSync(join(outDir, savedEnvironmentFile(era)), savedFile(saved));
  }
  return ERAS.length;
}

/** Reads the saved environments next to the bundle; null for an era without a usable one. */
async function readSavedEnvironments(
  texts: Map<string, string>,
): Promise<Map<string, Buffer | null>> {
  const read = (file: string) => texts.get(file) ?? '';
  const entries = await Promise.all(
    ERAS.map(async (era): Promise<[string, Buffer | null]> => {
      try {
        const data = await readFile(join(__dirname, savedEnvironmentFile(era)));
        return [era.id, savedFileBody(data, environmentKey(eraTexts(era, read)))];
      } catch {
        return [era.id, null];
      }
    }),
  );
  return new Map(entries);
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
    const interfaceWasm = interfaceGrammar();
    // The grammars compile off the main thread: start them first. The interface grammar is
    // only needed to load signature files, which the saved environments usually make unneeded.
    const loadingParsers = OcamlParsers.load(
      {
        runtime: asset('web-tree-sitter.wasm', 'node_modules/web-tree-sitter/web-tree-sitter.wasm'),
        implementation: asset(
          'tree-sitter-ocaml.wasm',
          'node_modules/tree-sitter-ocaml/tree-sitter-ocaml.wasm',
        ),
        interface: interfaceWasm,
      },
      false,
    );
    const dir = signatureDirectory();
    const sigFiles = (await readdir(dir)).filter((f) => f.endsWith('.mli'));
    const texts = new Map(
      await Promise.all(
        sigFiles.map(async (f): Promise<[string, string]> => [
          f,
          await readFile(join(dir, f), 'utf8'),
        ]),
      ),
    );
    const saved = await readSavedEnvironments(texts);
    const incomplete = [...saved.values()].some((data) => data === null);
    let parsers: OcamlParsers | null = null;
    const catalog = new SignatureCatalog(
      (file) => texts.get(file) ?? readFileSync(join(dir, file), 'utf8'),
      (text) => {
        if (!parsers) throw new Error('signature parsed before the grammars were loaded');
        return parsers.parseInterfaceSyntax(text);
      },
      undefined,
      (era) => {
        // Loading the signature files costs most of a cold start; decoding what the build
        // saved costs a few milliseconds. Each era is decoded on first use, then dropped.
        const data = saved.get(era.id);
        if (!data) return null;
        saved.delete(era.id);
        return restoreEnvironment(savedFromBody(data));
      },
    );
    // While the grammars compile (off the main thread), decode the newest era's environment.
    if (saved.get(NEWEST.id)) catalog.environment(NEWEST);
    parsers = await loadingParsers;
    const ready = parsers;
    if (incomplete) await ready.withInterface(interfaceWasm);
    const useInstalled = async (era: string, mli: string) => {
      await ready.withInterface(interfaceWasm);
      catalog.setInstalled(era, mli);
    };
    return { parsers: ready, catalog, useInstalled };
  })();
  return loading;
}
