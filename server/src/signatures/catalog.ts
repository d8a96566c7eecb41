import type { SyntaxTree as Tree } from '../syntax/tree';
import { Environment, ModuleSig } from '../typing/env';
import { ERAS, Era, compareVersions, parseVersion } from './eras';
import { SignatureFile, loadSignatures } from './loader';

/** Reads a signature file by name (`stdlib.mli`, `mirage-4.11.mli`); supplied by the edge. */
export type SignatureReader = (file: string) => string;
/** Parses interface text with the tree-sitter OCaml interface grammar. */
export type InterfaceParser = (text: string) => Tree;
/** An era's environment as loading our signature files gives it, with the loader's problems. */
export interface BuiltEnvironment {
  readonly env: Environment;
  readonly problems: readonly string[];
}
/** Gives an era's environment built ahead of time (saved by the build), or null. */
export type PrebuiltEnvironments = (era: Era) => BuiltEnvironment | null;

/**
 * The signature sets of all eras, built on first use. An installed `mirage.mli` can replace
 * an era's file (`override`), so a real installation's API wins over ours.
 */
export class SignatureCatalog {
  private readonly envs = new Map<string, Environment>();
  /** Per era, what Mirage defines (`Key.create`, `module Key`): enough to tell eras apart. */
  private readonly names = new Map<string, Set<string>>();
  readonly problems: string[] = [];

  constructor(
    private readonly read: SignatureReader,
    private readonly parse: InterfaceParser,
    private override?: { era: string; text: string },
    private readonly prebuilt?: PrebuiltEnvironments,
  ) {}

  /** Uses an installed mirage.mli for `era` from now on. */
  setInstalled(era: string, text: string): void {
    this.override = { era, text };
    this.envs.delete(era);
    this.names.delete(era);
  }

  /** Whether `era`'s Mirage has the value `path.name` (path below Mirage: `['Key']`). */
  hasValue(era: Era, path: readonly string[], name: string): boolean {
    return this.namesOf(era).has([...path, name].join('.'));
  }

  /** Whether `era`'s Mirage has the submodule `name`. */
  hasModule(era: Era, name: string): boolean {
    return this.namesOf(era).has(`module ${name}`);
  }

  /**
   * Other eras are only asked about names (a removed value, a value's history): their
   * environment is read for its names and not kept, which would cost megabytes each.
   */
  private namesOf(era: Era): Set<string> {
    let names = this.names.get(era.id);
    if (names) return names;
    const env =
      this.envs.get(era.id) ??
      (this.override?.era === era.id ? null : this.prebuilt?.(era))?.env ??
      this.build(era).env;
    names = new Set<string>();
    const walk = (m: ModuleSig, prefix: string) => {
      for (const v of m.values.keys()) names!.add(prefix + v);
      for (const [k, sub] of m.modules) {
        if (prefix === '') names!.add(`module ${k}`);
        walk(sub, `${prefix}${k}.`);
      }
    };
    walk(env.mirage, '');
    this.names.set(era.id, names);
    return names;
  }

  /** Parses a signature file. Not cached: once an era's environment exists its trees are garbage. */
  private tree(file: string, text?: string): Tree {
    return this.parse(text ?? this.read(file));
  }

  environment(era: Era): Environment {
    let env = this.envs.get(era.id);
    if (env) return env;
    // A saved environment is ours alone: an installed mirage.mli means building it here.
    const saved = this.override?.era === era.id ? null : this.prebuilt?.(era);
    const built = saved ?? this.build(era);
    for (const p of built.problems) this.problems.push(`${era.file}: ${p}`);
    env = built.env;
    this.envs.set(era.id, env);
    return env;
  }

  /** Loads an era's signature files (and the installed mirage.mli, for its era). */
  build(era: Era): BuiltEnvironment {
    const files: SignatureFile[] = [
      { root: 'Stdlib', typePrefix: '', tree: this.tree('stdlib.mli') },
      { root: '', typePrefix: '', tree: this.tree('libs.mli') },
      { root: 'Mirage', typePrefix: '', tree: this.tree(era.file) },
    ];
    // The installed mirage.mli refines our values for its era (its types stay ours).
    if (this.override && this.override.era === era.id) {
      files.push({
        root: 'Mirage',
        typePrefix: '',
        tree: this.tree(era.file, this.override.text),
        valuesOnly: true,
      });
    }
    const loaded = loadSignatures(files, ['Stdlib']);
    const stdlib = loaded.roots.get('Stdlib')!;
    const mirage = loaded.roots.get('Mirage')!;
    // Stdlib's own modules (List, String, ...) are reachable by their short names.
    const roots = new Map<string, ModuleSig>(loaded.roots);
    for (const [name, m] of stdlib.modules) if (!roots.has(name)) roots.set(name, m);
    const env = { era: era.id, table: loaded.table, roots, initial: stdlib, mirage };
    return { env, problems: loaded.problems };
  }

  /** Explains a Mirage submodule missing from `era` but present in another one. */
  explainModuleElsewhere(name: string, era: Era): string | undefined {
    const having = ERAS.filter((other) => other.id !== era.id && this.hasModule(other, name));
    if (having.length === 0) return undefined;
    const mine = parseVersion(era.release)!;
    const newer = having.filter((e) => compareVersions(parseVersion(e.release)!, mine) > 0);
    if (newer.length === having.length) {
      return `Mirage.${name} exists from mirage ${newer[0].from.join('.')} on, and this file is checked against mirage ${era.release}`;
    }
    const last = having[having.length - 1];
    return `Mirage.${name} was removed after mirage ${last.release}`;
  }

  /**
   * Explains a name that is unbound in `era` but exists in another one, e.g. "it was removed
   * in mirage 4.5 (last available in 4.4.2)".
   */
  explainElsewhere(qualified: string, era: Era): string | undefined {
    const parts = qualified.split('.');
    const name = parts.pop()!;
    const having: Era[] = [];
    for (const other of ERAS)
      if (other.id !== era.id && this.hasValue(other, parts, name)) having.push(other);
    if (having.length === 0) return undefined;
    const mine = parseVersion(era.release)!;
    const older = having.filter((e) => compareVersions(parseVersion(e.release)!, mine) < 0);
    const newer = having.filter((e) => compareVersions(parseVersion(e.release)!, mine) > 0);
    if (older.length > 0 && newer.length === 0) {
      const last = older[older.length - 1];
      const next = ERAS[ERAS.indexOf(last) + 1];
      return `it is not in mirage ${era.release}: it was removed in mirage ${next.from.join('.')} (last available in ${last.release})`;
    }
    if (newer.length > 0) {
      return `it is not in mirage ${era.release}: it exists from mirage ${newer[0].from.join('.')} on (the version line or the installed mirage selects ${era.release})`;
    }
    return undefined;
  }
}
