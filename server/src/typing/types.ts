/**
 * The type language of the checker: OCaml's core types, plus `unknown`, which stands for
 * whatever we cannot type. Unknown unifies with everything, so it never causes an error.
 */

export const GENERIC = Number.POSITIVE_INFINITY;

export interface TVar {
  readonly k: 'var';
  readonly id: number;
  level: number;
  link: Type | null;
  /** Set for variables written in an annotation (`'a`), to print them under their own name. */
  name?: string;
}

/** A type constructor applied to arguments. `path` is canonical (`impl`, `Key.t`, `list`). */
export interface TCon {
  readonly k: 'con';
  readonly path: string;
  readonly args: Type[];
}

export interface TArrow {
  readonly k: 'arrow';
  /** '' for a positional parameter. */
  readonly label: string;
  readonly optional: boolean;
  readonly param: Type;
  readonly result: Type;
}

export interface TTuple {
  readonly k: 'tuple';
  readonly items: Type[];
}

/**
 * A polymorphic variant with its bounds: `lower` are the tags it certainly has, `upper` the
 * tags it may have (null: any). `[ `A ]` is lower = upper = {A}; `[> `A ]` has upper null.
 * Variants unify by merging, so like variables they carry a link and a level.
 */
export interface TVariant {
  readonly k: 'variant';
  readonly id: number;
  fields: Map<string, Type | null>;
  lower: Set<string>;
  upper: Set<string> | null;
  level: number;
  link: Type | null;
}

export interface TUnknown {
  readonly k: 'unknown';
}

export type Type = TVar | TCon | TArrow | TTuple | TVariant | TUnknown;

export const UNKNOWN: TUnknown = { k: 'unknown' };

let nextId = 1;

/** Keeps new ids above `id`: types decoded from a saved environment already use ids up to it. */
export function reserveIds(id: number): void {
  if (nextId <= id) nextId = id + 1;
}

/** The largest id given so far. */
export function lastId(): number {
  return nextId - 1;
}

export function newVar(level: number, name?: string): TVar {
  return { k: 'var', id: nextId++, level, link: null, name };
}

export function con(path: string, args: Type[] = []): TCon {
  return { k: 'con', path, args };
}

export function arrow(param: Type, result: Type, label = '', optional = false): TArrow {
  return { k: 'arrow', label, optional, param, result };
}

export function tuple(items: Type[]): TTuple {
  return { k: 'tuple', items };
}

export function variant(
  fields: Map<string, Type | null>,
  lower: Set<string>,
  upper: Set<string> | null,
  level: number,
): TVariant {
  return { k: 'variant', id: nextId++, fields, lower, upper, level, link: null };
}

/** Follows links of bound variables and merged variants. */
export function repr(t: Type): Type {
  let cur = t;
  while ((cur.k === 'var' || cur.k === 'variant') && cur.link) cur = cur.link;
  // Path compression keeps long chains of unifications cheap.
  let walk = t;
  while ((walk.k === 'var' || walk.k === 'variant') && walk.link && walk.link !== cur) {
    const next: Type = walk.link;
    walk.link = cur;
    walk = next;
  }
  return cur;
}

export const STRING = con('string');
export const INT = con('int');
export const BOOL = con('bool');
export const UNIT = con('unit');
export const CHAR = con('char');
export const FLOAT = con('float');

export function listOf(t: Type): TCon {
  return con('list', [t]);
}

export function optionOf(t: Type): TCon {
  return con('option', [t]);
}

/** True when the type contains `unknown` anywhere: such types never produce errors. */
export function containsUnknown(t: Type, seen = new Set<Type>()): boolean {
  const r = repr(t);
  if (seen.has(r)) return false;
  seen.add(r);
  switch (r.k) {
    case 'unknown':
      return true;
    case 'var':
      return false;
    case 'con':
      return r.args.some((a) => containsUnknown(a, seen));
    case 'arrow':
      return containsUnknown(r.param, seen) || containsUnknown(r.result, seen);
    case 'tuple':
      return r.items.some((a) => containsUnknown(a, seen));
    case 'variant':
      for (const f of r.fields.values()) if (f && containsUnknown(f, seen)) return true;
      return false;
  }
}
