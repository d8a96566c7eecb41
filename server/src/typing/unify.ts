import {
  GENERIC,
  TCon,
  TVar,
  TVariant,
  Type,
  UNKNOWN,
  arrow,
  con,
  newVar,
  repr,
  tuple,
  variant,
} from './types';

/** What the checker knows about a named type: its parameters and, for an alias, its definition. */
export interface TypeDecl {
  readonly path: string;
  /** The name a user writes (`Key.t`, `impl`), used when printing. */
  readonly display: string;
  readonly params: TVar[];
  readonly manifest: Type | null;
  readonly doc?: string;
}

export class TypeTable {
  private readonly decls = new Map<string, TypeDecl>();

  add(decl: TypeDecl): void {
    this.decls.set(decl.path, decl);
  }

  get(path: string): TypeDecl | undefined {
    return this.decls.get(path);
  }

  /** One step of alias expansion, or null when `t` is not an alias. */
  expand(t: TCon): Type | null {
    const decl = this.decls.get(t.path);
    if (!decl || !decl.manifest || decl.params.length !== t.args.length) return null;
    const subst = new Map<TVar, Type>();
    decl.params.forEach((p, i) => subst.set(p, t.args[i]));
    return substitute(decl.manifest, subst);
  }

  /** Expands aliases at the head until a non-alias remains. */
  head(t: Type): Type {
    let cur = repr(t);
    for (let guard = 0; guard < 50 && cur.k === 'con'; guard++) {
      const next = this.expand(cur);
      if (!next) break;
      cur = repr(next);
    }
    return cur;
  }

  display(path: string): string {
    return this.decls.get(path)?.display ?? path;
  }
}

function substitute(t: Type, subst: Map<TVar, Type>): Type {
  const r = repr(t);
  switch (r.k) {
    case 'var':
      return subst.get(r) ?? r;
    case 'con':
      return r.args.length === 0
        ? r
        : con(
            r.path,
            r.args.map((a) => substitute(a, subst)),
          );
    case 'arrow':
      return arrow(substitute(r.param, subst), substitute(r.result, subst), r.label, r.optional);
    case 'tuple':
      return tuple(r.items.map((a) => substitute(a, subst)));
    case 'variant': {
      const fields = new Map<string, Type | null>();
      for (const [tag, f] of r.fields) fields.set(tag, f ? substitute(f, subst) : null);
      return variant(fields, new Set(r.lower), r.upper ? new Set(r.upper) : null, r.level);
    }
    case 'unknown':
      return r;
  }
}

/**
 * A failed unification. Not an Error: trial unifications (completion ranks every candidate)
 * throw many of these, and capturing a stack trace each time is what made them slow.
 */
export class UnifyError {
  constructor(readonly detail?: string) {}
}

function occursAndAdjust(v: TVar | TVariant, t: Type, level: number): void {
  const r = repr(t);
  if (r === v) throw new UnifyError('cyclic type');
  switch (r.k) {
    case 'var':
      if (r.level > level) r.level = level;
      return;
    case 'con':
      r.args.forEach((a) => occursAndAdjust(v, a, level));
      return;
    case 'arrow':
      occursAndAdjust(v, r.param, level);
      occursAndAdjust(v, r.result, level);
      return;
    case 'tuple':
      r.items.forEach((a) => occursAndAdjust(v, a, level));
      return;
    case 'variant':
      if (r.level > level) r.level = level;
      for (const f of r.fields.values()) if (f) occursAndAdjust(v, f, level);
      return;
    case 'unknown':
      return;
  }
}

function bindVar(v: TVar, t: Type): void {
  if (t.k !== 'unknown') occursAndAdjust(v, t, v.level);
  v.link = t;
}

function sameSet(a: Set<string> | null, b: Set<string> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function unifyVariants(a: TVariant, b: TVariant, table: TypeTable): void {
  const lower = new Set([...a.lower, ...b.lower]);
  let upper: Set<string> | null;
  if (a.upper && b.upper) upper = new Set([...a.upper].filter((x) => b.upper!.has(x)));
  else upper = a.upper ?? b.upper;
  if (upper) {
    const missing = [...lower].filter((x) => !upper!.has(x));
    if (missing.length > 0) {
      throw new UnifyError(
        `the variant type does not allow tag${missing.length > 1 ? 's' : ''} ${missing.map((m) => '`' + m).join(', ')}`,
      );
    }
  }
  const fields = new Map<string, Type | null>();
  for (const [tag, f] of a.fields) {
    if (upper && !upper.has(tag)) continue;
    fields.set(tag, f);
  }
  for (const [tag, f] of b.fields) {
    if (upper && !upper.has(tag)) continue;
    const mine = fields.get(tag);
    if (mine === undefined) fields.set(tag, f);
    else if ((mine === null) !== (f === null)) {
      throw new UnifyError(`the tag \`${tag} is used with and without an argument`);
    } else if (mine && f) unify(mine, f, table);
  }
  const level = Math.min(a.level, b.level);
  // Keep an unchanged side as the representative: exact variants then stay shared.
  if (sameSet(lower, a.lower) && sameSet(upper, a.upper) && fields.size === a.fields.size) {
    a.level = level;
    b.link = a;
    return;
  }
  if (sameSet(lower, b.lower) && sameSet(upper, b.upper) && fields.size === b.fields.size) {
    b.level = level;
    a.link = b;
    return;
  }
  const merged = variant(fields, lower, upper, level);
  a.link = merged;
  b.link = merged;
}

/** Makes two types equal or throws UnifyError. Unknown absorbs anything. */
export function unify(a0: Type, b0: Type, table: TypeTable): void {
  const a = repr(a0);
  const b = repr(b0);
  if (a === b) return;
  if (a.k === 'unknown') {
    if (b.k === 'var') b.link = UNKNOWN;
    return;
  }
  if (b.k === 'unknown') {
    if (a.k === 'var') a.link = UNKNOWN;
    return;
  }
  if (a.k === 'var') return bindVar(a, b);
  if (b.k === 'var') return bindVar(b, a);
  if (a.k === 'con' && b.k === 'con' && a.path === b.path && a.args.length === b.args.length) {
    for (let i = 0; i < a.args.length; i++) unify(a.args[i], b.args[i], table);
    return;
  }
  if (a.k === 'con') {
    const ea = table.expand(a);
    if (ea) return unify(ea, b, table);
  }
  if (b.k === 'con') {
    const eb = table.expand(b);
    if (eb) return unify(a, eb, table);
  }
  if (a.k === 'arrow' && b.k === 'arrow') {
    if (a.label !== b.label || a.optional !== b.optional) throw new UnifyError('labels differ');
    unify(a.param, b.param, table);
    unify(a.result, b.result, table);
    return;
  }
  if (a.k === 'tuple' && b.k === 'tuple' && a.items.length === b.items.length) {
    for (let i = 0; i < a.items.length; i++) unify(a.items[i], b.items[i], table);
    return;
  }
  if (a.k === 'variant' && b.k === 'variant') return unifyVariants(a, b, table);
  throw new UnifyError();
}

/** Unifies, answering whether it worked instead of throwing. */
export function tryUnify(a: Type, b: Type, table: TypeTable): boolean {
  try {
    unify(a, b, table);
    return true;
  } catch (e) {
    if (e instanceof UnifyError) return false;
    throw e;
  }
}

const closedSchemes = new WeakMap<Type, boolean>();

/** True when a type has no generic variable or variant: its instances are itself. */
function isClosed(t: Type): boolean {
  const r = repr(t);
  switch (r.k) {
    case 'var':
    case 'variant':
      return r.level !== GENERIC && r.k === 'var';
    case 'con':
      return r.args.every(isClosed);
    case 'arrow':
      return isClosed(r.param) && isClosed(r.result);
    case 'tuple':
      return r.items.every(isClosed);
    case 'unknown':
      return true;
  }
}

/**
 * Instantiates a scheme that can no longer change (a signature's): closed ones are
 * remembered, so the many uses of `generic_stackv4v6` and friends copy nothing.
 */
export function instantiateFrozen(t: Type, level: number): Type {
  let closed = closedSchemes.get(t);
  if (closed === undefined) {
    closed = isClosed(t);
    closedSchemes.set(t, closed);
  }
  return closed ? t : instantiate(t, level);
}

/** Copies the generic part of a type scheme with fresh variables at `level`. */
export function instantiate(t: Type, level: number): Type {
  const copies = new Map<Type, Type>();
  const go = (x: Type): Type => {
    const r = repr(x);
    switch (r.k) {
      case 'var': {
        if (r.level !== GENERIC) return r;
        let c = copies.get(r);
        if (!c) {
          c = newVar(level, r.name);
          copies.set(r, c);
        }
        return c;
      }
      case 'con':
        return r.args.length === 0 ? r : con(r.path, r.args.map(go));
      case 'arrow':
        return arrow(go(r.param), go(r.result), r.label, r.optional);
      case 'tuple':
        return tuple(r.items.map(go));
      case 'variant': {
        if (r.level !== GENERIC) return r;
        let c = copies.get(r);
        if (!c) {
          const fields = new Map<string, Type | null>();
          const v = variant(fields, new Set(r.lower), r.upper ? new Set(r.upper) : null, level);
          copies.set(r, v);
          for (const [tag, f] of r.fields) fields.set(tag, f ? go(f) : null);
          c = v;
        }
        return c;
      }
      case 'unknown':
        return r;
    }
  };
  return go(t);
}

/** Marks variables above `level` as generic (let-polymorphism). */
export function generalize(t: Type, level: number, onlyCovariant = false): void {
  const go = (x: Type, positive: boolean): void => {
    const r = repr(x);
    switch (r.k) {
      case 'var':
        if (r.level > level && r.level !== GENERIC && (!onlyCovariant || positive)) {
          r.level = GENERIC;
        }
        return;
      case 'con':
        // Only list and option are known covariant; abstract DSL types count as invariant.
        r.args.forEach((a) => go(a, positive && (r.path === 'list' || r.path === 'option')));
        return;
      case 'arrow':
        go(r.param, false);
        go(r.result, positive);
        return;
      case 'tuple':
        r.items.forEach((a) => go(a, positive));
        return;
      case 'variant':
        if (r.level > level && r.level !== GENERIC && (!onlyCovariant || positive)) {
          r.level = GENERIC;
        }
        for (const f of r.fields.values()) if (f) go(f, positive);
        return;
      case 'unknown':
        return;
    }
  };
  go(t, true);
}

/** Variables of `t` that are neither generic nor bound: weak ones at the end of a file. */
export function freeVars(t: Type): TVar[] {
  const out: TVar[] = [];
  const seen = new Set<Type>();
  const go = (x: Type): void => {
    const r = repr(x);
    if (seen.has(r)) return;
    seen.add(r);
    switch (r.k) {
      case 'var':
        if (r.level !== GENERIC) out.push(r);
        return;
      case 'con':
        r.args.forEach(go);
        return;
      case 'arrow':
        go(r.param);
        go(r.result);
        return;
      case 'tuple':
        r.items.forEach(go);
        return;
      case 'variant':
        for (const f of r.fields.values()) if (f) go(f);
        return;
      case 'unknown':
        return;
    }
  };
  go(t);
  return out;
}
