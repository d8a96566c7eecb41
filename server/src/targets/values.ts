import type { SyntaxNode as Node } from '../syntax/tree';

/**
 * What the configuration evaluates to, as far as we can tell without running it: devices,
 * device types, configure-time values, and the few plain values that decide between them.
 */
export type Value =
  | { readonly k: 'unknown' }
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'int'; readonly v: number }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'unit' }
  | { readonly k: 'tag'; readonly tag: string; readonly arg?: Value }
  | { readonly k: 'ctor'; readonly name: string; readonly arg?: Value }
  | { readonly k: 'list'; readonly items: Value[] }
  | { readonly k: 'tuple'; readonly items: Value[] }
  | Closure
  | Builtin
  | Device
  | Typ
  | Conf
  | KeyDef
  | { readonly k: 'dhcp'; readonly node: Node }
  /** A source location carried along with a value (the names of a key's `info`). */
  | { readonly k: 'node'; readonly node: Node }
  /** What a custom device's `connect` returns when it calls `connect_err`. */
  | {
      readonly k: 'connect-error';
      readonly node: Node;
      readonly name: Value;
      readonly count: Value;
    };

export interface Closure {
  readonly k: 'closure';
  readonly params: Node[];
  readonly body: Node | null;
  /** `function | …` cases instead of a body. */
  readonly cases: Node[] | null;
  readonly env: Scope;
}

/** A library function waiting for its arguments. */
export interface Builtin {
  readonly k: 'builtin';
  readonly name: string;
  readonly positional: number;
  readonly requiredLabels: readonly string[];
  readonly args: Value[];
  readonly argNodes: (Node | null)[];
  readonly labels: ReadonlyMap<string, Value>;
  readonly node: Node;
}

/** A device (`'a impl`): a constructor applied, `$`, or a configure-time choice. */
export type Device =
  | {
      readonly k: 'device';
      readonly ctor: string;
      readonly args: Value[];
      readonly labels: ReadonlyMap<string, Value>;
      /** The function name (or identifier) in the source, where diagnostics go. */
      readonly node: Node;
      /** Functor arity of the device's type, when it is `main`/`impl`/`foreign`. */
      readonly typArity?: number;
    }
  | { readonly k: 'apply'; readonly fn: Value; readonly arg: Value; readonly node: Node }
  | {
      readonly k: 'if';
      readonly cond: Value;
      readonly then: Value;
      readonly else: Value;
      readonly thenNode: Node | null;
      readonly elseNode: Node | null;
      readonly node: Node;
    }
  | {
      readonly k: 'match';
      readonly scrutinee: Value;
      readonly cases: { tag: Value; device: Value; node: Node | null }[];
      readonly default: Value;
      readonly defaultNode: Node | null;
      readonly node: Node;
    };

export interface Typ {
  readonly k: 'typ';
  /** Number of `@->` arguments: 0 for `job`. */
  readonly arity: number;
}

/** A configure-time value (`'a value`), evaluated once the target and flags are known. */
export type Conf =
  | { readonly k: 'conf'; readonly op: 'family'; readonly family: string }
  | { readonly k: 'conf'; readonly op: 'target' }
  | { readonly k: 'conf'; readonly op: 'key'; readonly key: KeyDef }
  | { readonly k: 'conf'; readonly op: 'pure'; readonly v: Value }
  | { readonly k: 'conf'; readonly op: 'ap'; readonly f: Value; readonly x: Value }
  | { readonly k: 'conf'; readonly op: 'map'; readonly f: Value; readonly x: Value }
  | {
      readonly k: 'conf';
      readonly op: 'if';
      readonly c: Value;
      readonly a: Value;
      readonly b: Value;
    };

/** A configure key (`Key.create`, or one mirage defines such as `--net`). */
export interface KeyDef {
  readonly k: 'key';
  /** Command-line name without dashes, group prefix included (`web-kv_ro`). */
  readonly name: string;
  readonly isFlag: boolean;
  readonly default: Value;
  /** For mirage's enumerated keys: accepted spellings and what they mean. */
  readonly choices?: ReadonlyMap<string, Value>;
  readonly node: Node | null;
  /** Command-line names from `Key.Arg.info [ ... ]`. */
  readonly options?: readonly string[];
  readonly optionsNode?: Node | null;
  /** `~stage:`Run` (mirage 4.4): never a configure option. */
  readonly runOnly?: boolean;
}

export interface Scope {
  readonly parent: Scope | null;
  readonly values: Map<string, Value>;
}

export const UNKNOWN_VALUE: Value = { k: 'unknown' };

export function isDevice(v: Value): v is Device {
  return v.k === 'device' || v.k === 'apply' || v.k === 'if' || v.k === 'match';
}
