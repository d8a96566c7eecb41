import { TypeDecl, TypeTable } from './unify';
import { TVar, Type } from './types';

/** Where a value comes from, for hover and messages. */
export interface ValueInfo {
  readonly name: string;
  /** The type scheme; generic variables are instantiated at each use. */
  readonly type: Type;
  /** Module path as a user writes it (`Mirage`, `Mirage.Key`), '' for config.ml's own values. */
  readonly module: string;
  readonly doc?: string;
  readonly deprecated?: string;
}

export interface CtorInfo {
  readonly name: string;
  readonly params: TVar[];
  /** Argument type in terms of `params`, null for a constant constructor. */
  readonly arg: Type | null;
  readonly result: Type;
}

/** The contents of a module: from a signature file, or from config.ml itself. */
export class ModuleSig {
  readonly values = new Map<string, ValueInfo>();
  readonly types = new Map<string, TypeDecl>();
  readonly modules = new Map<string, ModuleSig>();
  readonly ctors = new Map<string, CtorInfo>();
  /** A partial module lists only some of its members: unknown members are not errors. */
  partial = false;

  constructor(
    /** Path as written by users, e.g. `Mirage.Key`. */
    readonly path: string,
  ) {}
}

/** Everything a config.ml can reach for one API era. */
export interface Environment {
  readonly era: string;
  readonly table: TypeTable;
  /** Modules reachable by their name at the top (Stdlib's and the libraries', plus Mirage). */
  readonly roots: Map<string, ModuleSig>;
  /** The module opened implicitly (Stdlib). */
  readonly initial: ModuleSig;
  /** The `Mirage` module of this era. */
  readonly mirage: ModuleSig;
}
