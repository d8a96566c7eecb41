import type { SyntaxNode as Node } from '../syntax/tree';
import { Code, Codes } from '../analysis/codes';
import { deprecatedRenames, removedLabels, removedValues } from '../signatures/history';
import { operatorName } from '../signatures/loader';
import { CtorInfo, Environment, ModuleSig, ValueInfo } from './env';
import { MismatchContext, describeMismatch } from './messages';
import { TypePrinter } from './print';
import { typeOfTypeExpr } from './typeexpr';
import {
  BOOL,
  CHAR,
  FLOAT,
  GENERIC,
  INT,
  STRING,
  TVar,
  Type,
  UNIT,
  UNKNOWN,
  arrow,
  con,
  containsUnknown,
  listOf,
  newVar,
  optionOf,
  repr,
  tuple,
  variant,
} from './types';
import { UnifyError, freeVars, generalize, instantiate, instantiateFrozen, unify } from './unify';
import { PassMemo } from '../syntax/pass-memo';

export interface TypeDiagnostic {
  readonly start: number;
  readonly end: number;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly code: Code;
  readonly message: string;
  /** Text that fixes the problem when it replaces the diagnostic's range (quick fixes). */
  readonly replacement?: string;
}

/** A name bound in config.ml or reached through a signature. */
export interface Binding {
  readonly name: string;
  type: Type;
  /** Where config.ml defines it; absent for signature values. */
  def?: { readonly start: number; readonly end: number };
  readonly info?: ValueInfo;
  /** For `let m = main "Unikernel.Main" …`: the functor name, for messages in device terms. */
  functor?: string;
}

/** A use of a name, for hover and navigation. */
export interface Reference {
  readonly start: number;
  readonly end: number;
  binding: Binding;
  readonly type: Type;
}

/**
 * A source span that follows its node when the item moves (offsets are read when needed).
 * A class rather than object literals with getters: those cost two closures and a property
 * dictionary each (~600 bytes), and a document keeps thousands of references.
 */
class NodeSpan {
  constructor(private readonly node: Node) {}
  get start(): number {
    return this.node.startIndex;
  }
  get end(): number {
    return this.node.endIndex;
  }
}

class NodeReference extends NodeSpan implements Reference {
  constructor(
    node: Node,
    public binding: Binding,
    readonly type: Type,
  ) {
    super(node);
  }
}

class NodeDiagnostic extends NodeSpan implements TypeDiagnostic {
  constructor(
    node: Node,
    readonly severity: TypeDiagnostic['severity'],
    readonly code: Code,
    readonly message: string,
    readonly replacement?: string,
  ) {
    super(node);
  }
}

function span(node: Node): { readonly start: number; readonly end: number } {
  return new NodeSpan(node);
}

function reference(node: Node, binding: Binding, type: Type): Reference {
  return new NodeReference(node, binding, type);
}

export interface InferOptions {
  /** Modules config.ml cannot see (the unikernel's own): using them is an error. */
  readonly absentModules: ReadonlySet<string>;
  /** Every value name of other eras, by module path, to explain removals. */
  readonly otherEras?: (qualified: string) => string | undefined;
  /** Explains a Mirage submodule (`Runtime_arg`) that exists only in other eras. */
  readonly otherEraModule?: (name: string) => string | undefined;
}

export interface InferResult {
  readonly diagnostics: TypeDiagnostic[];
  readonly toplevel: Binding[];
  readonly references: Reference[];
  /** The uses of names inside one top-level item (cheaper than filtering `references`). */
  referencesIn(item: Node): readonly Reference[];
  /** The top-level bindings one item defines. */
  toplevelIn(item: Node): readonly Binding[];
  /** Types of let-bound names and applied arguments, by node start offset. */
  readonly exprTypes: WeakMap<Node, Type>;
}

type ModuleRef = ModuleSig | 'unknown';

/** How a top-level item changed the scope, so a kept item can redo it without typing. */
type FrameDelta =
  | { kind: 'values'; values: Map<string, Binding> }
  | { kind: 'frame'; props: Omit<Frame, 'parent'> }
  | { kind: 'none' };

/** What typing one top-level item produced, kept for the next analysis of the document. */
interface ItemMemo {
  /**
   * What the item read from the scope above it (`v:name`, `m:Name`, `c:Ctor`, `t:name`) and
   * what each resolved to: when all resolve alike, typing it again would give the same.
   */
  readonly reads: ReadonlyMap<string, unknown>;
  /** It listed every visible name (a "did you mean"): any change above may matter. */
  readonly readsAllNames: boolean;
  readonly delta: FrameDelta;
  /** It defines a not yet fixed (weak) type, which later items may fix: always re-typed. */
  readonly volatile: boolean;
  readonly diagnostics: TypeDiagnostic[];
  readonly references: Reference[];
  readonly toplevel: Binding[];
  readonly weak: { binding: Binding; pattern: Node }[];
}

/** Per-document memory of the last typing. */
export class InferenceMemo extends PassMemo<ItemMemo, LastRun> {
  exprTypes = new WeakMap<Node, Type>();
}

/** How one item changed the scope: the frame before it, and what it overwrote in place. */
interface TrailStep {
  readonly before: Frame;
  /** Names it set in `before`'s values, with what they held (undefined: nothing). */
  readonly overwrote: readonly [string, Binding | undefined][] | null;
}

interface LastRun {
  readonly frame: Frame;
  readonly trail: TrailStep[];
  readonly diagnostics: TypeDiagnostic[];
  /** After item i: how many diagnostics and weak candidates there were. */
  readonly diagnosticCounts: number[];
  readonly weak: { binding: Binding; pattern: Node }[];
  readonly weakCounts: number[];
  readonly referenceParts: Reference[][];
  readonly toplevelParts: Binding[][];
}

interface Frame {
  readonly parent: Frame | null;
  readonly values?: Map<string, Binding>;
  readonly open?: ModuleRef;
  readonly modules?: Map<string, ModuleRef>;
  readonly types?: Map<string, string>;
  readonly ctors?: Map<string, CtorInfo>;
  /** A frame of top-level definitions, which later ones may extend in place. */
  readonly toplevel?: boolean;
}

interface Arg {
  readonly label: string;
  /** Passed as `?x:v`: the value is already an option. */
  readonly optional: boolean;
  /** The expression, or null for a punned `~x`. */
  readonly expr: Node | null;
  /** The whole argument, for locations. */
  readonly node: Node;
}

const silent = Symbol('silent');
type Lookup<T> = T | typeof silent | null;

/** The namespaces of OCaml names: values, modules, constructors, types. */
type Namespace = 'v' | 'm' | 'c' | 't';

/** What one frame says about a name, or undefined to look further out. */
function findIn(f: Frame, ns: Namespace, name: string): unknown {
  switch (ns) {
    case 'v':
      return f.values?.get(name) ?? (f.open === 'unknown' ? silent : f.open?.values.get(name));
    case 'm':
      return f.modules?.get(name) ?? (f.open === 'unknown' ? undefined : f.open?.modules.get(name));
    case 'c':
      return f.ctors?.get(name) ?? (f.open === 'unknown' ? silent : f.open?.ctors.get(name));
    case 't':
      return f.types?.get(name) ?? (f.open === 'unknown' ? null : f.open?.types.get(name)?.path);
  }
}

function kids(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

function field(node: Node, name: string): Node | null {
  return node.childForFieldName(name);
}

/** Stops typing an expression after an error has been reported inside it (no stack needed). */
class Reported {}

export class Inferencer {
  private level = 1;
  readonly diagnostics: TypeDiagnostic[] = [];
  /** Uses of names in the item being typed. */
  private references: Reference[] = [];
  /** Expected types of applied arguments; kept across analyses of a document with the memo. */
  readonly exprTypes: WeakMap<Node, Type>;

  private recordType(node: Node, type: Type): void {
    this.exprTypes.set(node, type);
  }
  /** Top-level bindings of the item being typed. */
  private toplevelBindings: Binding[] = [];
  private readonly weakCandidates: { binding: Binding; pattern: Node }[] = [];
  /** The scope a top-level item starts from, while typing it: reads above it are noted. */
  private boundary: Frame | null = null;
  private reads: Map<string, unknown> | null = null;
  private readsAllNames = false;
  /** Bindings of this run whose type is not fixed yet: their readers are typed again too. */
  private readonly volatile = new Set<Binding>();
  /** While an item changes the scope: what it overwrites in place (for `TrailStep`). */
  private overwritten: [string, Binding | undefined][] | null = null;

  constructor(
    private readonly env: Environment,
    private readonly options: InferOptions,
    exprTypes?: WeakMap<Node, Type>,
  ) {
    this.exprTypes = exprTypes ?? new WeakMap();
  }

  // ---------------------------------------------------------------- diagnostics

  private report(
    node: Node,
    code: Code,
    message: string,
    severity: TypeDiagnostic['severity'] = 'error',
    replacement?: string,
  ) {
    this.diagnostics.push(new NodeDiagnostic(node, severity, code, message, replacement));
  }

  private unifyAt(node: Node, actual: Type, expected: Type, ctx?: MismatchContext): boolean {
    try {
      unify(actual, expected, this.env.table);
      return true;
    } catch (e) {
      if (!(e instanceof UnifyError)) throw e;
      const { code, message } = describeMismatch(
        actual,
        expected,
        { printer: new TypePrinter(this.env.table), table: this.env.table, exprText: node.text },
        ctx,
        e.detail,
      );
      this.report(node, code, message);
      return false;
    }
  }

  // ---------------------------------------------------------------- scopes

  /**
   * Where a name resolves, walking out from `frame`: the raw entry found (a config.ml
   * binding, a signature value, a module, a constructor, a type path), `silent` when an
   * unknown module hides the answer, or null. What an item finds outside itself (at or
   * above `boundary`) is what it reads from the scope: it is noted for the memo.
   */
  private find(frame: Frame | null, ns: Namespace, name: string): unknown {
    const [hit, at] = this.resolve(frame, ns, name);
    // Found inside the item only if the boundary is still further out.
    let g = at;
    while (g && g !== this.boundary) g = g.parent;
    if (!g || g === at) this.reads?.set(`${ns}:${name}`, hit);
    return hit;
  }

  /** The raw entry a name resolves to from `frame`, and the frame holding it (null: none). */
  private resolve(frame: Frame | null, ns: Namespace, name: string): [unknown, Frame | null] {
    for (let f = frame; f; f = f.parent) {
      const hit = findIn(f, ns, name);
      if (hit !== undefined) return [hit, f];
    }
    return [this.findInEnvironment(ns, name), null];
  }

  private findInEnvironment(ns: Namespace, name: string): unknown {
    switch (ns) {
      case 'v':
        return this.env.initial.values.get(name) ?? (this.env.initial.partial ? silent : null);
      case 'm':
        return this.env.roots.get(name) ?? null;
      case 'c':
        return this.env.initial.ctors.get(name) ?? null;
      case 't':
        return this.env.initial.types.get(name)?.path ?? null;
    }
  }

  /** Whether a kept item would read the same scope here as when it was typed. */
  private readsSame(m: ItemMemo, frame: Frame): boolean {
    if (m.readsAllNames) return false;
    for (const [key, was] of m.reads) {
      const [now] = this.resolve(frame, key[0] as Namespace, key.slice(2));
      if (now !== was) return false;
      // A binding whose type is not fixed yet was typed again: who reads it may fix it.
      if (this.volatile.has(now as Binding)) return false;
    }
    return true;
  }

  private lookupModule(frame: Frame | null, parts: string[], node: Node): Lookup<ModuleSig> {
    const [first, ...rest] = parts;
    const found = this.find(frame, 'm', first) as ModuleRef | null;
    if (!found) {
      if (this.options.absentModules.has(first)) {
        const hint =
          first === 'Key_gen'
            ? ': configure keys are not generated for config.ml (and `Key_gen` is gone since mirage 4.5)'
            : ": config.ml is compiled on its own and cannot refer to the unikernel's modules";
        this.report(node, Codes.unboundModule, `Unbound module ${first}${hint}`);
        return null;
      }
      const why = this.options.otherEraModule?.(first);
      if (why) {
        this.report(node, Codes.unboundModule, `Unbound module ${first}: ${why}.`);
        return null;
      }
      return silent;
    }
    let m: ModuleRef = found;
    for (const p of rest) {
      if (m === 'unknown') return silent;
      const next: ModuleSig | undefined = m.modules.get(p);
      if (!next) {
        if (m.partial) return silent;
        this.report(node, Codes.unboundModule, `Unbound module ${parts.join('.')}`);
        return null;
      }
      m = next;
    }
    return m === 'unknown' ? silent : m;
  }

  private lookupValue(frame: Frame | null, name: string): Lookup<Binding> {
    const hit = this.find(frame, 'v', name) as Binding | ValueInfo | typeof silent | null;
    if (hit === null || hit === silent) return hit;
    // Signature values carry the module they come from; config.ml's bindings do not.
    return 'module' in hit ? this.signatureBinding(hit) : hit;
  }

  private readonly sigBindings = new Map<ValueInfo, Binding>();

  private signatureBinding(info: ValueInfo): Binding {
    let b = this.sigBindings.get(info);
    if (!b) {
      b = { name: info.name, type: info.type, info };
      this.sigBindings.set(info, b);
    }
    return b;
  }

  private lookupCtor(
    frame: Frame | null,
    qualifiers: string[],
    name: string,
    node: Node,
  ): Lookup<CtorInfo> {
    if (qualifiers.length > 0) {
      const m = this.lookupModule(frame, qualifiers, node);
      if (m === null || m === silent) return m;
      return m.ctors.get(name) ?? (m.partial ? silent : null);
    }
    return this.find(frame, 'c', name) as Lookup<CtorInfo>;
  }

  private resolveType(
    frame: Frame | null,
    qualifiers: string[],
    name: string,
  ): { path: string } | null {
    if (qualifiers.length > 0) {
      let m = (this.find(frame, 'm', qualifiers[0]) ?? undefined) as ModuleRef | undefined;
      for (const q of qualifiers.slice(1)) m = m && m !== 'unknown' ? m.modules.get(q) : undefined;
      if (!m || m === 'unknown') return null;
      const decl = m.types.get(name);
      return decl ? { path: decl.path } : null;
    }
    const path = this.find(frame, 't', name) as string | null;
    return path ? { path } : null;
  }

  private typeFromAnnotation(node: Node, frame: Frame | null, vars: Map<string, TVar>): Type {
    return typeOfTypeExpr(node, {
      resolve: (q, n) => this.resolveType(frame, q, n),
      vars,
      level: this.level,
      // A type from a module that does not exist is worth reporting; others stay unknown.
      onUnresolved: (at, name) => {
        const parts = name.split('.');
        if (parts.length > 1) this.lookupModule(frame, parts.slice(0, -1), at);
      },
    });
  }

  // ---------------------------------------------------------------- unbound names

  private visibleNames(frame: Frame | null): Set<string> {
    this.readsAllNames = true;
    const names = new Set<string>();
    for (let f = frame; f; f = f.parent) {
      f.values?.forEach((_, k) => names.add(k));
      if (f.open && f.open !== 'unknown') f.open.values.forEach((_, k) => names.add(k));
    }
    this.env.initial.values.forEach((_, k) => names.add(k));
    return names;
  }

  private reportUnbound(node: Node, qualified: string, candidates: Iterable<string>): void {
    const base = qualified.split('.').pop() ?? qualified;
    const removed =
      removedValues[qualified] ?? (qualified.includes('.') ? undefined : removedValues[base]);
    if (removed) {
      this.report(
        node,
        Codes.removedValue,
        `Unbound value ${qualified}: it was removed in mirage ${removed.removedIn}; ${removed.use}.`,
        'error',
        removed.rename,
      );
      return;
    }
    const elsewhere = this.options.otherEras?.(qualified);
    if (elsewhere) {
      this.report(node, Codes.removedValue, `Unbound value ${qualified}: ${elsewhere}.`);
      return;
    }
    const guess = closest(base, candidates);
    const prefix = qualified.slice(0, qualified.length - base.length);
    this.report(
      node,
      Codes.unboundValue,
      `Unbound value ${qualified}${guess ? `. Did you mean \`${prefix}${guess}\`?` : ''}`,
      'error',
      guess ? `${prefix}${guess}` : undefined,
    );
  }

  // ---------------------------------------------------------------- expressions

  private use(node: Node, binding: Binding): Type {
    const t = binding.info
      ? instantiateFrozen(binding.type, this.level)
      : instantiate(binding.type, this.level);
    if (binding.info?.deprecated) {
      this.report(
        node,
        Codes.deprecated,
        `\`${node.text}\` is deprecated: ${binding.info.deprecated}`,
        'warning',
        deprecatedRenames[binding.info.name],
      );
    }
    this.references.push(reference(node, binding, t));
    return t;
  }

  private valuePath(node: Node, frame: Frame): Type {
    const moduleNode = kids(node).find((c) => c.type === 'module_path');
    const nameNode = kids(node).find(
      (c) => c.type === 'value_name' || c.type === 'parenthesized_operator',
    );
    if (!nameNode) return UNKNOWN;
    const name = operatorName(nameNode);
    if (!moduleNode) {
      const b = this.lookupValue(frame, name);
      if (b === silent) return UNKNOWN;
      if (!b) {
        this.reportUnbound(node, name, this.visibleNames(frame));
        throw new Reported();
      }
      return this.use(node, b);
    }
    const parts = moduleNode.text.split('.').map((s) => s.trim());
    const m = this.lookupModule(frame, parts, node);
    if (m === null) throw new Reported();
    if (m === silent) return UNKNOWN;
    const v = m.values.get(name);
    if (v) return this.use(node, this.signatureBinding(v));
    if (m.partial) return UNKNOWN;
    this.reportUnbound(node, `${parts.join('.')}.${name}`, m.values.keys());
    throw new Reported();
  }

  /** Infers an expression's type; errors inside it are reported and give unknown. */
  infer(node: Node, frame: Frame): Type {
    try {
      const t = this.inferRaw(node, frame);
      return t;
    } catch (e) {
      if (e instanceof Reported) return UNKNOWN;
      throw e;
    }
  }

  /** Checks an expression against an expected type, propagating it inwards like OCaml. */
  check(node: Node, frame: Frame, expected: Type, ctx?: MismatchContext): void {
    try {
      this.checkRaw(node, frame, expected, ctx);
    } catch (e) {
      if (!(e instanceof Reported)) throw e;
    }
  }

  private checkRaw(node: Node, frame: Frame, expected: Type, ctx?: MismatchContext): void {
    switch (node.type) {
      case 'parenthesized_expression': {
        const inner = field(node, 'expression');
        if (inner) this.checkRaw(inner, frame, expected, ctx);
        return;
      }
      case 'list_expression': {
        const elem = newVar(this.level);
        const items = kids(node);
        if (!this.unifyAt(node, listOf(elem), expected, ctx)) return;
        const itemCtx = ctx?.kind === 'register' ? ctx : undefined;
        for (const item of items) this.check(item, frame, elem, itemCtx);
        return;
      }
      case 'tuple_expression': {
        const items = kids(node);
        const vars = items.map(() => newVar(this.level));
        if (!this.unifyAt(node, tuple(vars), expected, ctx)) return;
        items.forEach((item, i) => this.check(item, frame, vars[i]));
        return;
      }
      case 'if_expression': {
        const cond = field(node, 'condition');
        if (cond) this.check(cond, frame, BOOL);
        const thenE = kids(node).find((c) => c.type === 'then_clause');
        const elseE = kids(node).find((c) => c.type === 'else_clause');
        const thenX = thenE ? (field(thenE, 'expression') ?? kids(thenE)[0]) : null;
        const elseX = elseE ? (field(elseE, 'expression') ?? kids(elseE)[0]) : null;
        if (!elseX) {
          if (thenX) this.check(thenX, frame, UNIT);
          this.unifyAt(node, UNIT, expected, ctx);
          return;
        }
        if (thenX) this.check(thenX, frame, expected, ctx);
        this.check(elseX, frame, expected, ctx);
        return;
      }
      case 'match_expression': {
        const scrut = field(node, 'expression');
        const st = scrut ? this.infer(scrut, frame) : UNKNOWN;
        for (const c of kids(node).filter((k) => k.type === 'match_case'))
          this.matchCase(c, frame, st, expected);
        return;
      }
      case 'let_expression': {
        const inner = this.letBindings(
          kids(node).find((c) => c.type === 'value_definition') ?? null,
          frame,
        );
        const body = field(node, 'body');
        if (body) this.checkRaw(body, inner, expected, ctx);
        return;
      }
      case 'let_open_expression': {
        const inner = this.openFrame(
          kids(node).find((c) => c.type === 'open_module') ?? null,
          frame,
        );
        const body = field(node, 'body');
        if (body) this.checkRaw(body, inner, expected, ctx);
        return;
      }
      case 'local_open_expression': {
        const modNode = kids(node).find((c) => c.type === 'module_path');
        const inner = this.openPath(modNode ?? null, frame);
        const body = field(node, 'expression');
        if (body) this.checkRaw(body, inner, expected, ctx);
        return;
      }
      case 'sequence_expression': {
        const items = kids(node);
        items.slice(0, -1).forEach((i) => this.check(i, frame, UNIT, { kind: 'sequence' }));
        const last = items[items.length - 1];
        if (last) this.checkRaw(last, frame, expected, ctx);
        return;
      }
      case 'string':
      case 'quoted_string':
        this.checkString(node, expected, ctx);
        return;
      case 'fun_expression':
      case 'function_expression':
        this.unifyAt(node, this.inferRaw(node, frame, expected), expected, ctx);
        return;
      default: {
        const t = this.inferRaw(node, frame);
        this.unifyAt(node, this.dropOptionals(node, t, expected), expected, ctx);
      }
    }
  }

  /**
   * Where a plain function is expected (`f @@ x`, `List.map f`), OCaml passes a function with
   * optional parameters by defaulting them, as long as a positional parameter follows.
   */
  private dropOptionals(node: Node, t: Type, expected: Type): Type {
    const table = this.env.table;
    const exp = table.head(expected);
    if (exp.k !== 'arrow' || exp.label !== '') return t;
    if (
      ![
        'value_path',
        'application_expression',
        'typed_expression',
        'field_get_expression',
      ].includes(node.type)
    ) {
      return t;
    }
    let cur = table.head(t);
    let dropped = false;
    while (cur.k === 'arrow' && cur.optional) {
      cur = table.head(cur.result);
      dropped = true;
    }
    if (!dropped || cur.k !== 'arrow' || cur.label !== '') return t;
    const noLabels = (x: Type) => listLabels(x, table).labels.every((l) => l.label === '');
    const simpleRest = !listLabels(cur.result, table).endsInVar && noLabels(cur.result);
    return simpleRest || noLabels(exp.result) ? cur : t;
  }

  private checkString(node: Node, expected: Type, ctx?: MismatchContext): void {
    const head = this.env.table.head(expected);
    if (head.k === 'con' && head.path === 'format6' && head.args.length === 6) {
      const spec = formatType(node.text, head.args[1], head.args[2], head.args[5], this.level);
      this.unifyAt(node, spec, head.args[0], ctx);
      return;
    }
    this.unifyAt(node, STRING, expected, ctx);
  }

  private inferRaw(node: Node, frame: Frame, expected?: Type): Type {
    switch (node.type) {
      case 'value_path':
        return this.valuePath(node, frame);
      case 'number':
        return numberType(node.text);
      case 'signed_number':
        return numberType(node.text.replace(/^[-+]/, ''));
      case 'string':
      case 'quoted_string':
        return STRING;
      case 'character':
        return CHAR;
      case 'boolean':
        return BOOL;
      case 'unit':
        return UNIT;
      case 'tag':
        return variant(
          new Map([[node.text.slice(1), null]]),
          new Set([node.text.slice(1)]),
          null,
          this.level,
        );
      case 'constructor_path':
        return this.ctorExpr(node, frame, null);
      case 'parenthesized_expression': {
        const inner = field(node, 'expression');
        return inner ? this.inferRaw(inner, frame, expected) : UNKNOWN;
      }
      case 'typed_expression': {
        const e = field(node, 'expression');
        const t = field(node, 'type');
        const ty = t ? this.typeFromAnnotation(t, frame, new Map()) : newVar(this.level);
        if (e) this.check(e, frame, ty);
        return ty;
      }
      case 'list_expression':
      case 'tuple_expression':
      case 'if_expression':
      case 'match_expression':
      case 'let_expression':
      case 'let_open_expression':
      case 'local_open_expression':
      case 'sequence_expression': {
        const v = newVar(this.level);
        this.checkRaw(node, frame, v);
        return v;
      }
      case 'cons_expression': {
        const elem = newVar(this.level);
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left) this.check(left, frame, elem);
        if (right) this.check(right, frame, listOf(elem));
        return listOf(elem);
      }
      case 'application_expression':
        return this.application(node, frame);
      case 'infix_expression':
        return this.infix(node, frame);
      case 'prefix_expression':
      case 'sign_expression': {
        const op = field(node, 'operator');
        const e = field(node, 'expression');
        if (!op || !e) return UNKNOWN;
        let name = op.text;
        if (node.type === 'sign_expression')
          name = name === '-' ? '~-' : name === '-.' ? '~-.' : '~+';
        if (node.type === 'sign_expression' && e.type === 'number') return numberType(e.text);
        const fnType = this.lookupOperator(name, frame, op);
        return this.apply(
          fnType,
          op,
          [{ label: '', optional: false, expr: e, node: e }],
          node,
          frame,
        );
      }
      case 'fun_expression':
        return this.funExpression(node, frame, expected);
      case 'function_expression': {
        const param = newVar(this.level);
        const result = newVar(this.level);
        for (const c of kids(node).filter((k) => k.type === 'match_case'))
          this.matchCase(c, frame, param, result);
        return arrow(param, result);
      }
      case 'assert_expression': {
        const e = kids(node)[0];
        if (e && e.type === 'boolean' && e.text === 'false') return newVar(this.level);
        if (e) this.check(e, frame, BOOL);
        return UNIT;
      }
      case 'try_expression': {
        const body = field(node, 'body') ?? kids(node)[0];
        const result = newVar(this.level);
        if (body) this.check(body, frame, result);
        for (const c of kids(node).filter((k) => k.type === 'match_case'))
          this.matchCase(c, frame, con('exn'), result);
        return result;
      }
      case 'while_expression':
      case 'for_expression':
        for (const c of kids(node)) if (isExpression(c)) this.infer(c, frame);
        return UNIT;
      case 'record_expression':
      case 'field_get_expression':
      case 'array_expression':
      case 'array_get_expression':
      case 'string_get_expression':
        // Records and arrays are rare in config.ml: check the parts, give up on the whole.
        for (const c of node.descendantsOfType('value_path')) {
          if (c && c.parent?.type !== 'value_path') this.infer(c, frame);
        }
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private lookupOperator(name: string, frame: Frame, node: Node): Type {
    const b = this.lookupValue(frame, name);
    if (b === silent || b === null) return UNKNOWN;
    return this.use(node, b);
  }

  private ctorExpr(node: Node, frame: Frame, argNode: Node | null): Type {
    const nameNode = kids(node).find((c) => c.type === 'constructor_name');
    const modNode = kids(node).find((c) => c.type === 'module_path');
    const text = nameNode?.text ?? node.text;
    if (text === '[]' || node.text.replace(/\s/g, '') === '[]') return listOf(newVar(this.level));
    if (text === '()') return UNIT;
    if (text === 'true' || text === 'false') return BOOL;
    const quals = modNode ? modNode.text.split('.').map((s) => s.trim()) : [];
    const c = this.lookupCtor(frame, quals, text, node);
    if (c === silent) {
      if (argNode) this.infer(argNode, frame);
      return UNKNOWN;
    }
    if (!c) {
      this.report(node, Codes.unboundConstructor, unboundCtorMessage(text), 'error', '`' + text);
      throw new Reported();
    }
    const inst = instantiate(tuple([c.result, c.arg ?? UNIT]), this.level);
    const [result, arg] = (repr(inst) as { items: Type[] }).items;
    if (argNode) {
      if (c.arg) this.check(argNode, frame, arg);
      else {
        this.report(argNode, Codes.typeMismatch, `The constructor ${text} expects no argument.`);
        throw new Reported();
      }
    } else if (c.arg) {
      this.report(node, Codes.typeMismatch, `The constructor ${text} expects an argument.`);
      throw new Reported();
    }
    return result;
  }

  // ---------------------------------------------------------------- application

  private application(node: Node, frame: Frame): Type {
    const fn = field(node, 'function');
    if (!fn) return UNKNOWN;
    const argNodes = node.childrenForFieldName('argument').filter((c): c is Node => c !== null);
    if (fn.type === 'constructor_path' && argNodes.length === 1)
      return this.ctorExpr(fn, frame, argNodes[0]);
    if (fn.type === 'tag' && argNodes.length === 1) {
      const tag = fn.text.slice(1);
      const argT = this.infer(argNodes[0], frame);
      return variant(new Map([[tag, argT]]), new Set([tag]), null, this.level);
    }
    const args = argNodes.map((a) => toArg(a));
    const fnType = this.infer(fn, frame);
    const result = this.apply(fnType, fn, args, node, frame);
    return result;
  }

  private infix(node: Node, frame: Frame): Type {
    const op = field(node, 'operator');
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!op || !left || !right) return UNKNOWN;
    const name = op.text;
    if (name === '&&' || name === '||' || name === '&' || name === 'or') {
      this.check(left, frame, BOOL);
      this.check(right, frame, BOOL);
      return BOOL;
    }
    if (name === '::') {
      const elem = newVar(this.level);
      this.check(left, frame, elem);
      this.check(right, frame, listOf(elem));
      return listOf(elem);
    }
    const fnType = this.lookupOperatorChecked(name, frame, op);
    const args: Arg[] = [
      { label: '', optional: false, expr: left, node: left },
      { label: '', optional: false, expr: right, node: right },
    ];
    let ctxs: (MismatchContext | undefined)[] | undefined;
    if (name === '$' && this.isDeviceApply(fnType)) {
      const chain = this.functorChain(left, frame);
      ctxs = [
        { kind: 'functor' },
        { kind: 'device', functor: chain.name, position: chain.position },
      ];
    }
    return this.apply(fnType, op, args, node, frame, ctxs);
  }

  private lookupOperatorChecked(name: string, frame: Frame, op: Node): Type {
    const b = this.lookupValue(frame, name);
    if (b === silent) return UNKNOWN;
    if (!b) {
      this.reportUnbound(op, name, []);
      throw new Reported();
    }
    return this.use(op, b);
  }

  /** True when the operator is Functoria's `$` (and not Key's applicative one). */
  private isDeviceApply(t: Type): boolean {
    const r = this.env.table.head(t);
    if (r.k !== 'arrow') return false;
    const p = this.env.table.head(r.param);
    return p.k === 'con' && p.path === 'impl';
  }

  /** For `m $ a $ b`: the functor's name (when known) and the position of the next device. */
  private functorChain(left: Node, frame: Frame): { name: string | null; position: number } {
    let position = 1;
    let cur: Node | null = left;
    while (cur) {
      if (cur.type === 'parenthesized_expression') cur = field(cur, 'expression');
      else if (cur.type === 'infix_expression' && field(cur, 'operator')?.text === '$') {
        position++;
        cur = field(cur, 'left');
      } else break;
    }
    if (!cur) return { name: null, position };
    if (cur.type === 'value_path' && !kids(cur).some((c) => c.type === 'module_path')) {
      const b = this.lookupValue(frame, cur.text);
      if (b && b !== silent && b.functor) return { name: b.functor, position };
      return { name: cur.text, position };
    }
    const direct = mainCallName(cur);
    return { name: direct, position };
  }

  /**
   * OCaml's typing of an application with labels: arguments are matched to parameters by
   * label (or by position when every argument is unlabelled and the application is total),
   * optional parameters before a positional argument are defaulted, and missing ones make
   * the result a function.
   */
  private apply(
    fnType: Type,
    fnNode: Node,
    args: Arg[],
    whole: Node,
    frame: Frame,
    ctxs?: (MismatchContext | undefined)[],
  ): Type {
    const table = this.env.table;
    const head0 = table.head(fnType);
    if (head0.k === 'unknown') {
      for (const a of args) if (a.expr) this.infer(a.expr, frame);
      return UNKNOWN;
    }
    const params = listLabels(fnType, table);
    const ignoreLabels =
      !params.endsInVar &&
      args.every((a) => a.label === '') &&
      params.labels.filter((l) => !l.optional).length === args.length &&
      params.labels.some((l) => l.label !== '' && !l.optional);

    const pending = [...args];
    const used: { arg: Arg; expected: Type; index: number }[] = [];
    const omitted: { label: string; optional: boolean; param: Type }[] = [];
    let eliminated = 0;
    let cur = fnType;
    while (pending.length > 0) {
      const h = table.head(cur);
      if (h.k !== 'arrow') break;
      const name = h.label;
      const optional = h.optional;
      const payload = optional ? optionPayload(h.param, table) : h.param;
      if (ignoreLabels) {
        const a = pending[0];
        if (a.label === name || (!optional && a.label === '')) {
          pending.shift();
          used.push({ arg: a, expected: payload, index: args.indexOf(a) });
        } else if (
          optional &&
          !pending.some((p) => p.label === name) &&
          pending.some((p) => p.label === '')
        ) {
          eliminated++;
        } else {
          this.wrongLabel(a, fnType, fnNode);
          throw new Reported();
        }
      } else {
        const i = pending.findIndex((p) => p.label === name);
        if (i >= 0) {
          const a = pending.splice(i, 1)[0];
          const expected =
            a.optional && optional ? h.param : a.optional ? optionOf(payload) : payload;
          used.push({ arg: a, expected, index: args.indexOf(a) });
        } else if (optional && pending.some((p) => p.label === '')) {
          eliminated++;
        } else {
          omitted.push({ label: name, optional, param: h.param });
        }
      }
      cur = h.result;
    }
    // Arguments left over once the known arrows are used up.
    for (const a of pending) {
      const h = table.head(cur);
      if (h.k === 'var') {
        const param = newVar(this.level);
        const result = newVar(this.level);
        unify(h, arrow(a.optional ? optionOf(param) : param, result, a.label, a.optional), table);
        used.push({ arg: a, expected: param, index: args.indexOf(a) });
        cur = result;
        continue;
      }
      if (h.k === 'unknown') {
        if (a.expr) this.infer(a.expr, frame);
        cur = UNKNOWN;
        continue;
      }
      // OCaml puts omitted and defaulted parameters back to decide: a function that had
      // parameters means a wrong label, a plain value means too many arguments.
      if (omitted.length > 0 || eliminated > 0 || h.k === 'arrow') {
        this.wrongLabel(a, fnType, fnNode);
      } else {
        const printer = new TypePrinter(table);
        const isImpl = h.k === 'con' && h.path === 'impl';
        this.report(
          fnNode,
          Codes.notAFunction,
          `This expression has type ${printer.print(fnType)}. It is not a function, so it cannot be applied` +
            (isImpl ? ': to apply a device to another one, use `$`.' : '.'),
        );
      }
      throw new Reported();
    }
    // Arguments are typed in parameter order, as OCaml does: it decides which error comes first.
    for (const u of used) {
      const ctx = ctxs?.[u.index];
      if (u.arg.expr) {
        this.check(u.arg.expr, frame, u.expected, ctx);
        this.recordType(u.arg.expr, u.expected);
      } else {
        // Punned `~x`: the variable x.
        const b = this.lookupValue(frame, u.arg.label);
        if (b === null) this.reportUnbound(u.arg.node, u.arg.label, this.visibleNames(frame));
        else if (b !== silent) this.unifyAt(u.arg.node, this.use(u.arg.node, b), u.expected, ctx);
      }
    }
    void whole;
    return omitted.reduceRight<Type>((acc, o) => arrow(o.param, acc, o.label, o.optional), cur);
  }

  private wrongLabel(a: Arg, fnType: Type, fnNode: Node): void {
    const printer = new TypePrinter(this.env.table);
    const fnName = fnNode.type === 'value_path' ? fnNode.text.replace(/\s+/g, '') : null;
    if (a.label) {
      const removed = fnName ? removedLabels[`${fnName}~${a.label}`] : undefined;
      const spelled = `${a.optional ? '?' : '~'}${a.label}`;
      if (removed) {
        this.report(
          a.node,
          Codes.removedLabel,
          `\`${fnName}\` has no argument ${spelled}: it was removed in mirage ${removed.removedIn}; ${removed.use}.`,
          'error',
          // Rename the label when something replaces it as is, else drop the argument.
          removed.rename ? a.node.text.replace(/^([~?])[A-Za-z0-9_']+/, `$1${removed.rename}`) : '',
        );
        return;
      }
      const labels = listLabels(fnType, this.env.table)
        .labels.map((l) => l.label)
        .filter((l) => l);
      const guess = closest(a.label, labels);
      this.report(
        a.node,
        Codes.unknownLabel,
        `${fnName ? `\`${fnName}\`` : 'This function'} has no argument ${spelled}` +
          (guess ? ` (did you mean ~${guess}?)` : '') +
          `. Its type is ${printer.print(fnType)}.`,
        'error',
        guess ? a.node.text.replace(/^([~?])[A-Za-z0-9_']+/, `$1${guess}`) : undefined,
      );
      return;
    }
    this.report(
      a.node,
      Codes.unexpectedArgument,
      `This argument cannot be applied without a label: ${fnName ? `\`${fnName}\`` : 'the function'} has type ${printer.print(fnType)}.`,
    );
  }

  // ---------------------------------------------------------------- functions and patterns

  private funExpression(node: Node, frame: Frame, expected?: Type): Type {
    const params = kids(node).filter((c) => c.type === 'parameter' || c.type === 'abstract_type');
    const body = field(node, 'body');
    return this.lambda(params, body, field(node, 'type'), frame, expected);
  }

  /** `fun p1 p2 -> body` and `let f p1 p2 = body` share this. */
  private lambda(
    params: Node[],
    body: Node | null,
    retType: Node | null,
    frame: Frame,
    expected?: Type,
  ): Type {
    let inner: Frame = frame;
    const built: { label: string; optional: boolean; param: Type }[] = [];
    let exp = expected ? this.env.table.head(expected) : undefined;
    for (const p of params) {
      if (p.type !== 'parameter') continue;
      const { label, optional, pattern, def, type } = parameterParts(p);
      const values = new Map<string, Binding>();
      let paramType: Type;
      const hint = exp && exp.k === 'arrow' && exp.label === label ? exp : undefined;
      const annotated = type ? this.typeFromAnnotation(type, frame, new Map()) : null;
      if (optional) {
        const payload = newVar(this.level);
        paramType = optionOf(payload);
        if (hint) tryUnifyQuiet(paramType, hint.param, this.env.table);
        if (annotated) this.unifyAt(p, annotated, payload);
        if (def) {
          this.check(def, inner, payload);
          if (pattern) this.pattern(pattern, payload, values, inner);
        } else if (pattern) this.pattern(pattern, paramType, values, inner);
      } else {
        paramType = newVar(this.level);
        if (hint) tryUnifyQuiet(paramType, hint.param, this.env.table);
        if (annotated) this.unifyAt(p, annotated, paramType);
        if (pattern) this.pattern(pattern, paramType, values, inner);
        else if (label) this.bindName(label, p, paramType, values);
      }
      built.push({ label, optional, param: paramType });
      inner = { parent: inner, values };
      exp = hint ? this.env.table.head(hint.result) : undefined;
    }
    let result: Type = newVar(this.level);
    if (retType) result = this.typeFromAnnotation(retType, frame, new Map());
    if (body) {
      if (exp && !retType) tryUnifyQuiet(result, exp, this.env.table);
      this.check(body, inner, result);
    }
    return built.reduceRight<Type>((acc, b) => arrow(b.param, acc, b.label, b.optional), result);
  }

  private bindName(name: string, node: Node, type: Type, values: Map<string, Binding>): Binding {
    const b: Binding = { name, type, def: span(node) };
    values.set(name, b);
    this.references.push(reference(node, b, type));
    return b;
  }

  private matchCase(c: Node, frame: Frame, scrutinee: Type, result: Type): void {
    const pat = field(c, 'pattern');
    const values = new Map<string, Binding>();
    if (pat) this.pattern(pat, scrutinee, values, frame);
    const inner: Frame = { parent: frame, values };
    const guard = kids(c).find((k) => k.type === 'guard');
    const guardE = guard ? (field(guard, 'expression') ?? kids(guard)[0]) : null;
    if (guardE) this.check(guardE, inner, BOOL);
    const body = field(c, 'body');
    if (body) this.check(body, inner, result);
  }

  /** Types a pattern against `expected`, collecting the names it binds. */
  pattern(node: Node, expected: Type, values: Map<string, Binding>, frame: Frame): void {
    try {
      this.patternRaw(node, expected, values, frame);
    } catch (e) {
      if (!(e instanceof Reported)) throw e;
      // Names bound under a broken pattern stay usable, untyped.
      for (const n of node.descendantsOfType(['value_name', 'value_pattern'])) {
        if (n && n.text !== '_' && !values.has(n.text)) this.bindName(n.text, n, UNKNOWN, values);
      }
    }
  }

  private patternRaw(node: Node, expected: Type, values: Map<string, Binding>, frame: Frame): void {
    const table = this.env.table;
    const at = (t: Type) => {
      if (!this.unifyAt(node, t, expected)) throw new Reported();
    };
    switch (node.type) {
      case 'value_name':
      case 'value_pattern':
        if (node.text !== '_') this.bindName(node.text, node, expected, values);
        return;
      case 'parenthesized_operator':
        this.bindName(operatorName(node), node, expected, values);
        return;
      case 'parenthesized_pattern': {
        const inner = kids(node)[0];
        if (inner) this.patternRaw(inner, expected, values, frame);
        return;
      }
      case 'unit':
        return at(UNIT);
      case 'boolean':
        return at(BOOL);
      case 'number':
      case 'signed_number':
        return at(numberType(node.text.replace(/^[-+]/, '')));
      case 'string':
      case 'quoted_string':
        return at(STRING);
      case 'character':
        return at(CHAR);
      case 'tuple_pattern': {
        const items = kids(node);
        const vars = items.map(() => newVar(this.level));
        at(tuple(vars));
        items.forEach((it, i) => this.patternRaw(it, vars[i], values, frame));
        return;
      }
      case 'list_pattern': {
        const elem = newVar(this.level);
        at(listOf(elem));
        for (const it of kids(node)) this.patternRaw(it, elem, values, frame);
        return;
      }
      case 'cons_pattern': {
        const elem = newVar(this.level);
        at(listOf(elem));
        const l = field(node, 'left');
        const r = field(node, 'right');
        if (l) this.patternRaw(l, elem, values, frame);
        if (r) this.patternRaw(r, listOf(elem), values, frame);
        return;
      }
      case 'or_pattern': {
        for (const alt of kids(node)) {
          const alt_values = new Map<string, Binding>();
          this.patternRaw(alt, expected, alt_values, frame);
          for (const [k, b] of alt_values) {
            const prev = values.get(k);
            if (prev) tryUnifyQuiet(prev.type, b.type, table);
            else values.set(k, b);
          }
        }
        return;
      }
      case 'alias_pattern': {
        const p = field(node, 'pattern');
        const alias = field(node, 'alias');
        if (p) this.patternRaw(p, expected, values, frame);
        if (alias) this.bindName(alias.text, alias, expected, values);
        return;
      }
      case 'typed_pattern': {
        const p = field(node, 'pattern');
        const t = field(node, 'type');
        if (t) at(this.typeFromAnnotation(t, frame, new Map()));
        if (p) this.patternRaw(p, expected, values, frame);
        return;
      }
      case 'tag':
        return at(
          variant(
            new Map([[node.text.slice(1), null]]),
            new Set([node.text.slice(1)]),
            null,
            this.level,
          ),
        );
      case 'tag_pattern': {
        const tagNode = kids(node).find((c) => c.type === 'tag');
        const p = field(node, 'pattern');
        if (!tagNode) return;
        const argT = newVar(this.level);
        const tag = tagNode.text.slice(1);
        at(variant(new Map([[tag, p ? argT : null]]), new Set([tag]), null, this.level));
        if (p) this.patternRaw(p, argT, values, frame);
        return;
      }
      case 'constructor_path':
      case 'constructor_pattern': {
        const pathNode =
          node.type === 'constructor_path'
            ? node
            : kids(node).find((c) => c.type === 'constructor_path');
        const argP = node.type === 'constructor_pattern' ? field(node, 'pattern') : null;
        if (!pathNode) return;
        const t = this.constructorPattern(pathNode, argP, values, frame);
        at(t);
        return;
      }
      default:
        // Records, arrays, ranges, lazy, exceptions, ...: bind their names without types.
        for (const n of node.descendantsOfType(['value_name', 'value_pattern'])) {
          if (n && n.text !== '_') this.bindName(n.text, n, UNKNOWN, values);
        }
    }
  }

  private constructorPattern(
    pathNode: Node,
    argP: Node | null,
    values: Map<string, Binding>,
    frame: Frame,
  ): Type {
    const nameNode = kids(pathNode).find((c) => c.type === 'constructor_name');
    const modNode = kids(pathNode).find((c) => c.type === 'module_path');
    const text = nameNode?.text ?? pathNode.text;
    if (text === '[]' || pathNode.text.replace(/\s/g, '') === '[]')
      return listOf(newVar(this.level));
    if (text === '()') return UNIT;
    const quals = modNode ? modNode.text.split('.').map((s) => s.trim()) : [];
    const c = this.lookupCtor(frame, quals, text, pathNode);
    if (c === silent) {
      if (argP) this.pattern(argP, UNKNOWN, values, frame);
      return UNKNOWN;
    }
    if (!c) {
      this.report(
        pathNode,
        Codes.unboundConstructor,
        unboundCtorMessage(text),
        'error',
        '`' + text,
      );
      throw new Reported();
    }
    const inst = repr(instantiate(tuple([c.result, c.arg ?? UNIT]), this.level)) as {
      items: Type[];
    };
    if (argP && c.arg) this.patternRaw(argP, inst.items[1], values, frame);
    return inst.items[0];
  }

  // ---------------------------------------------------------------- let and structure items

  /** A local `let … and … in`: the frame where its names are visible (top-level items go
   *  through `item`, which shares one frame between consecutive definitions). */
  private letBindings(def: Node | null, frame: Frame): Frame {
    return { parent: frame, values: this.letValues(def, frame, false) };
  }

  private letValues(def: Node | null, frame: Frame, toplevel: boolean): Map<string, Binding> {
    if (!def) return new Map();
    const isRec = def.children.some((c) => c?.type === 'rec');
    const bindings = kids(def).filter((c) => c.type === 'let_binding');
    const values = new Map<string, Binding>();
    const recFrame: Frame = { parent: frame, values: isRec ? values : undefined };
    const results: { node: Node; type: Type; pattern: Node | null; expansive: boolean }[] = [];
    this.level++;
    if (isRec) {
      for (const b of bindings) {
        const pat = field(b, 'pattern');
        if (pat && (pat.type === 'value_name' || pat.type === 'value_pattern')) {
          this.bindName(pat.text, pat, newVar(this.level), values);
        }
      }
    }
    for (const b of bindings) {
      const pat = field(b, 'pattern');
      const body = field(b, 'body');
      const params = kids(b).filter((c) => c.type === 'parameter' || c.type === 'abstract_type');
      const annot = field(b, 'type');
      const vars = new Map<string, TVar>();
      const bodyFrame = isRec ? recFrame : frame;
      let t: Type;
      if (params.length > 0) {
        t = this.lambda(params, body, annot, bodyFrame);
      } else {
        t = annot ? this.typeFromAnnotation(annot, frame, vars) : newVar(this.level);
        if (body) this.check(body, bodyFrame, t);
      }
      if (isRec && pat) {
        const existing = values.get(pat.text);
        if (existing) tryUnifyQuiet(existing.type, t, this.env.table);
      }
      results.push({
        node: b,
        type: t,
        pattern: pat,
        expansive: params.length === 0 && !!body && isExpansive(body),
      });
    }
    this.level--;
    for (const r of results) {
      generalize(r.type, this.level, r.expansive);
      if (!r.pattern) continue;
      const bound = new Map<string, Binding>();
      if (isRec && values.has(r.pattern.text)) {
        const b = values.get(r.pattern.text)!;
        b.type = r.type;
        bound.set(b.name, b);
      } else this.pattern(r.pattern, r.type, bound, frame);
      const body = field(r.node, 'body');
      const fname = body ? mainCallName(body) : null;
      for (const b of bound.values()) {
        if (fname) b.functor = fname;
        values.set(b.name, b);
        if (toplevel) {
          this.toplevelBindings.push(b);
          if (r.expansive) this.weakCandidates.push({ binding: b, pattern: r.pattern });
        }
      }
    }
    return values;
  }

  private openPath(modNode: Node | null, frame: Frame): Frame {
    if (!modNode) return frame;
    const parts = modNode.text.split('.').map((s) => s.trim());
    const m = this.lookupModule(frame, parts, modNode);
    return { parent: frame, open: m === null || m === silent ? 'unknown' : m };
  }

  private openFrame(openNode: Node | null, frame: Frame): Frame {
    if (!openNode) return frame;
    const m = field(openNode, 'module');
    return this.openPath(m && m.type === 'module_path' ? m : null, frame);
  }

  private typeDefinition(node: Node, frame: Frame): Frame {
    const types = new Map<string, string>();
    const ctors = new Map<string, CtorInfo>();
    for (const b of kids(node).filter((c) => c.type === 'type_binding')) {
      const name = field(b, 'name')?.text;
      if (!name) continue;
      const path = `config.${name}`;
      types.set(name, path);
      const vars = new Map<string, TVar>();
      const params = kids(b)
        .filter((c) => c.type === 'type_variable')
        .map((c) => {
          const v = newVar(GENERIC, c.text.slice(1));
          vars.set(c.text.slice(1), v);
          return v;
        });
      const inner: Frame = { parent: frame, types };
      const eq = field(b, 'equation');
      const manifest = eq
        ? typeOfTypeExpr(eq, {
            resolve: (q, n) => this.resolveType(inner, q, n),
            vars,
            level: GENERIC,
          })
        : null;
      const body = field(b, 'body');
      // Records get no type of their own: field access is not modelled.
      const opaque = body && body.type !== 'variant_declaration';
      this.env.table.add({ path, display: name, params, manifest: opaque ? UNKNOWN : manifest });
      if (body?.type === 'variant_declaration') {
        const result = con(path, params);
        for (const d of kids(body).filter((c) => c.type === 'constructor_declaration')) {
          const cname = kids(d).find((c) => c.type === 'constructor_name')?.text;
          if (!cname) continue;
          const argNodes = kids(d).filter((c) => c.type !== 'constructor_name');
          const argTypes = argNodes.map((a) =>
            a.type === 'record_declaration'
              ? UNKNOWN
              : typeOfTypeExpr(a, {
                  resolve: (q, n) => this.resolveType(inner, q, n),
                  vars,
                  level: GENERIC,
                }),
          );
          ctors.set(cname, {
            name: cname,
            params,
            arg:
              argTypes.length === 0 ? null : argTypes.length === 1 ? argTypes[0] : tuple(argTypes),
            result,
          });
        }
      }
    }
    return { parent: frame, types, ctors };
  }

  /** Types a whole compilation unit, reusing what `memo` kept of unchanged items. */
  structure(root: Node, reportWeak = true, memo?: InferenceMemo): InferResult {
    const items = kids(root);
    const old = memo?.order ?? [];
    const entries = memo?.items ?? new Map<Node, ItemMemo>();
    // The items as they were, up to the first change (a volatile item is always typed again).
    let same = 0;
    while (
      same < items.length &&
      same < old.length &&
      old[same] === items[same] &&
      !entries.get(old[same])?.volatile
    )
      same++;
    let frame: Frame = { parent: null };
    let start = 0;
    let referenceParts: Reference[][] = [];
    let toplevelParts: Binding[][] = [];
    let trail: TrailStep[] = [];
    let diagnosticCounts: number[] = [];
    let weakCounts: number[] = [];
    const last = memo?.last;
    // Frames are walked back in place: if this run fails half-way, the next starts afresh.
    if (memo) memo.last = null;
    // Walking the last run back from its end costs what follows the change; replaying from
    // the top costs what precedes it: take the cheaper.
    if (last && same > 0 && old.length - same <= same) {
      frame = last.frame;
      for (let j = old.length - 1; j >= same; j--) {
        const step = last.trail[j];
        const overwrote = step.overwrote ?? [];
        for (let r = overwrote.length - 1; r >= 0; r--) {
          const [k, b] = overwrote[r];
          if (b === undefined) step.before.values!.delete(k);
          else step.before.values!.set(k, b);
        }
        frame = step.before;
      }
      start = same;
      referenceParts = last.referenceParts.slice(0, same);
      toplevelParts = last.toplevelParts.slice(0, same);
      trail = last.trail.slice(0, same);
      diagnosticCounts = last.diagnosticCounts.slice(0, same);
      weakCounts = last.weakCounts.slice(0, same);
      this.diagnostics.push(...last.diagnostics.slice(0, diagnosticCounts[same - 1]));
      this.weakCandidates.push(...last.weak.slice(0, weakCounts[same - 1]));
    }
    // Bindings of items that are gone: an edited item's new bindings take their identity.
    const orphans = new Map<string, Binding[]>();
    const present = new Set(items.slice(start));
    for (let j = start; j < old.length; j++) {
      if (present.has(old[j])) continue;
      for (const b of entries.get(old[j])?.toplevel ?? []) {
        const list = orphans.get(b.name) ?? [];
        list.push(b);
        orphans.set(b.name, list);
      }
      entries.delete(old[j]);
    }
    const kept = entries;
    const record = (before: Frame) => {
      trail.push({ before, overwrote: this.overwritten!.length ? this.overwritten : null });
      this.overwritten = null;
      diagnosticCounts.push(this.diagnostics.length);
      weakCounts.push(this.weakCandidates.length);
    };
    // Up to the first item that differs from the last run, every kept item sees the same scope.
    for (let i = start; i < items.length; i++) {
      const item = items[i];
      const before = frame;
      this.overwritten = [];
      const cached = entries.get(item);
      if (cached && !cached.volatile && (i < same || this.readsSame(cached, frame))) {
        frame = this.replay(cached, frame);
        referenceParts.push(cached.references);
        toplevelParts.push(cached.toplevel);
        record(before);
        continue;
      }
      const mark = { diagnostics: this.diagnostics.length, weak: this.weakCandidates.length };
      const references: Reference[] = (this.references = []);
      const toplevel: Binding[] = (this.toplevelBindings = []);
      this.boundary = frame;
      const reads = (this.reads = new Map());
      this.readsAllNames = false;
      const { frame: next, delta } = this.item(item, frame);
      this.boundary = null;
      this.reads = null;
      frame = next;
      this.adoptOrphans(toplevel, references, orphans, delta, mark.weak, frame);
      const volatile = toplevel.some((b) => freeVars(b.type).length > 0);
      if (volatile) for (const b of toplevel) this.volatile.add(b);
      referenceParts.push(references);
      toplevelParts.push(toplevel);
      kept.set(item, {
        reads,
        readsAllNames: this.readsAllNames as boolean,
        volatile,
        delta,
        diagnostics: this.diagnostics.slice(mark.diagnostics),
        references,
        toplevel,
        weak: this.weakCandidates.slice(mark.weak),
      });
      record(before);
    }
    if (memo)
      memo.last = {
        frame,
        trail,
        diagnostics: this.diagnostics.slice(),
        diagnosticCounts,
        weak: this.weakCandidates.slice(),
        weakCounts,
        referenceParts,
        toplevelParts,
      };
    if (memo) memo.order = items;
    // OCaml reports these last, once everything else type-checks; after another error the
    // variables may just be unfixed because typing stopped early.
    if (reportWeak && !this.diagnostics.some((d) => d.severity === 'error')) this.checkWeakTypes();
    let allReferences: Reference[] | undefined;
    let allToplevel: Binding[] | undefined;
    let byItem: Map<Node, number> | undefined;
    const indexOf = (item: Node) =>
      (byItem ??= new Map(items.map((it, i) => [it, i]))).get(item) ?? -1;
    return {
      referencesIn(item: Node) {
        return referenceParts[indexOf(item)] ?? [];
      },
      toplevelIn(item: Node) {
        return toplevelParts[indexOf(item)] ?? [];
      },
      diagnostics: this.diagnostics,
      get toplevel() {
        return (allToplevel ??= toplevelParts.flat());
      },
      get references() {
        return (allReferences ??= referenceParts.flat());
      },
      exprTypes: this.exprTypes,
    };
  }

  /** Gives the bindings of a re-typed item the identity of the ones it replaces. */
  private adoptOrphans(
    toplevel: Binding[],
    references: Reference[],
    orphans: Map<string, Binding[]>,
    delta: FrameDelta,
    weakFrom: number,
    frame: Frame,
  ): void {
    if (orphans.size === 0) return;
    const printer = new TypePrinter(this.env.table);
    const swap = new Map<Binding, Binding>();
    for (const b of toplevel) {
      const candidates = orphans.get(b.name);
      if (!candidates) continue;
      const printed = printer.print(b.type);
      const i = candidates.findIndex((o) => printer.print(o.type) === printed);
      if (i < 0) continue;
      const old = candidates.splice(i, 1)[0];
      old.type = b.type;
      old.def = b.def;
      old.functor = b.functor;
      swap.set(b, old);
    }
    if (swap.size === 0) return;
    for (const r of references) {
      const to = swap.get(r.binding);
      if (to) r.binding = to;
    }
    toplevel.forEach((b, i) => {
      const to = swap.get(b);
      if (to) toplevel[i] = to;
    });
    for (let w = weakFrom; w < this.weakCandidates.length; w++) {
      const to = swap.get(this.weakCandidates[w].binding);
      if (to) this.weakCandidates[w] = { ...this.weakCandidates[w], binding: to };
    }
    if (delta.kind === 'values')
      for (const [k, b] of delta.values) delta.values.set(k, swap.get(b) ?? b);
    // The items below must find the adopted bindings too.
    if (frame.values)
      for (const [k, b] of frame.values) {
        const to = swap.get(b);
        if (to) frame.values.set(k, to);
      }
  }

  /** Re-applies a kept item: its frame change and its results (their offsets follow the item). */
  private replay(m: ItemMemo, frame: Frame): Frame {
    this.diagnostics.push(...m.diagnostics);
    this.weakCandidates.push(...m.weak);
    return this.applyDelta(m.delta, frame);
  }

  private applyDelta(delta: FrameDelta, frame: Frame): Frame {
    switch (delta.kind) {
      case 'values':
        if (frame.values && frame.toplevel) {
          for (const [k, b] of delta.values) {
            this.overwritten?.push([k, frame.values.get(k)]);
            frame.values.set(k, b);
          }
          return frame;
        }
        return { parent: frame, values: new Map(delta.values), toplevel: true };
      case 'frame':
        return { parent: frame, ...delta.props };
      case 'none':
        return frame;
    }
  }

  /** Types one top-level item; returns the new frame and how to redo its effect on frames. */
  private item(item: Node, frame: Frame): { frame: Frame; delta: FrameDelta } {
    const pushed = (next: Frame): { frame: Frame; delta: FrameDelta } => {
      const { parent: _parent, ...props } = next;
      void _parent;
      return { frame: next, delta: { kind: 'frame', props } };
    };
    if (item.hasError) return pushed(this.bindUntyped(item, frame));
    switch (item.type) {
      case 'value_definition': {
        const values = this.letValues(item, frame, true);
        return {
          frame: this.applyDelta({ kind: 'values', values }, frame),
          delta: { kind: 'values', values },
        };
      }
      case 'expression_item': {
        const e = kids(item)[0];
        if (e) this.infer(e, frame);
        return { frame, delta: { kind: 'none' } };
      }
      case 'open_module':
        return pushed(this.openFrame(item, frame));
      case 'type_definition':
        return pushed(this.typeDefinition(item, frame));
      case 'exception_definition': {
        const d = kids(item).find((c) => c.type === 'constructor_declaration');
        const cname = d ? kids(d).find((c) => c.type === 'constructor_name')?.text : undefined;
        if (!cname) return { frame, delta: { kind: 'none' } };
        const argNodes = d ? kids(d).filter((c) => c.type !== 'constructor_name') : [];
        const arg = argNodes.length
          ? tuple(argNodes.map((a) => this.typeFromAnnotation(a, frame, new Map())))
          : null;
        const single = arg && arg.items.length === 1 ? arg.items[0] : arg;
        return pushed({
          parent: frame,
          ctors: new Map([[cname, { name: cname, params: [], arg: single, result: con('exn') }]]),
        });
      }
      case 'module_definition': {
        // Local modules are not modelled: references into them stay silent.
        const modules = new Map<string, ModuleRef>();
        for (const b of kids(item)) {
          const name = kids(b).find((c) => c.type === 'module_name')?.text;
          if (name) modules.set(name, 'unknown');
        }
        return pushed({ parent: frame, modules });
      }
      case 'include_module':
        return pushed({ parent: frame, open: 'unknown' });
      default:
        return { frame, delta: { kind: 'none' } };
    }
  }

  /** A broken item still defines its names, so later uses are not reported as unbound. */
  private bindUntyped(item: Node, frame: Frame): Frame {
    const values = new Map<string, Binding>();
    if (item.type === 'value_definition') {
      for (const b of kids(item).filter((c) => c.type === 'let_binding')) {
        const pat = field(b, 'pattern');
        if (!pat) continue;
        const names =
          pat.type === 'value_name'
            ? [pat]
            : pat.descendantsOfType(['value_name', 'value_pattern']);
        for (const n of names) if (n && n.text !== '_') this.bindName(n.text, n, UNKNOWN, values);
      }
    } else if (item.type === 'open_module') {
      return { parent: frame, open: 'unknown' };
    } else {
      // An ERROR node may swallow definitions: anything could be bound now.
      return { parent: frame, open: 'unknown' };
    }
    return { parent: frame, values };
  }

  /** A top-level value whose type still has a variable at the end cannot be generalized. */
  private checkWeakTypes(): void {
    for (const { binding, pattern } of this.weakCandidates) {
      const t = binding.type;
      const weak = freeVars(t);
      if (weak.length === 0 || containsUnknown(t)) continue;
      const printer = new TypePrinter(this.env.table);
      weak.forEach((v, i) => {
        if (!v.name || v.name.startsWith('_weak')) v.name = `_weak${i + 1}`;
      });
      const printed = printer.print(t);
      const example = /Runtime_arg\.arg|runtime_arg/.test(printed)
        ? ` (e.g. \`let ${binding.name} : string Runtime_arg.arg = …\`)`
        : '';
      this.report(
        pattern,
        Codes.weakType,
        `The type of \`${binding.name}\`, ${printed}, is not fully known: ${weak.length > 1 ? 'some parts are' : 'a part is'} never fixed. ` +
          `Annotate it${example} or pass it to a function that fixes the type.`,
      );
    }
  }
}

// -------------------------------------------------------------------- helpers

function toArg(node: Node): Arg {
  if (node.type !== 'labeled_argument') return { label: '', optional: false, expr: node, node };
  const label = kids(node).find((c) => c.type === 'label_name')?.text ?? '';
  const optional = node.child(0)?.type === '?';
  const expr = field(node, 'expression');
  return { label, optional, expr, node };
}

function parameterParts(p: Node): {
  label: string;
  optional: boolean;
  pattern: Node | null;
  def: Node | null;
  type: Node | null;
} {
  const first = p.child(0)?.type;
  const optional = first === '?';
  const labelled = optional || first === '~';
  const pattern = field(p, 'pattern');
  const explicit = kids(p).find((c) => c.type === 'label_name')?.text;
  let label = '';
  if (labelled) label = explicit ?? (pattern ? patternName(pattern) : '');
  return { label, optional, pattern, def: field(p, 'default'), type: field(p, 'type') };
}

function patternName(p: Node): string {
  if (p.type === 'value_pattern' || p.type === 'value_name') return p.text;
  const inner = p.descendantsOfType(['value_pattern', 'value_name'])[0];
  return inner?.text ?? '';
}

function listLabels(t: Type, table: { head(t: Type): Type }) {
  const labels: { label: string; optional: boolean }[] = [];
  let cur = table.head(t);
  while (cur.k === 'arrow') {
    labels.push({ label: cur.label, optional: cur.optional });
    cur = table.head(cur.result);
  }
  return { labels, endsInVar: cur.k === 'var' };
}

function optionPayload(t: Type, table: { head(t: Type): Type }): Type {
  const h = table.head(t);
  if (h.k === 'con' && h.path === 'option' && h.args.length === 1) return h.args[0];
  return UNKNOWN;
}

function tryUnifyQuiet(a: Type, b: Type, table: import('./unify').TypeTable): void {
  try {
    unify(a, b, table);
  } catch (e) {
    if (!(e instanceof UnifyError)) throw e;
  }
}

function numberType(text: string): Type {
  const t = text.replace(/_/g, '');
  if (/L$/.test(t)) return con('int64');
  if (/l$/.test(t)) return con('int32');
  if (/n$/.test(t)) return con('nativeint');
  if (/^0[xX]/.test(t)) return /[pP]/.test(t) ? FLOAT : INT;
  if (/[.eE]/.test(t)) return FLOAT;
  return INT;
}

function isExpression(n: Node): boolean {
  return !['comment', 'attribute_id'].includes(n.type) && n.isNamed;
}

/** OCaml's "nonexpansive" test: only these may be generalized (value restriction). */
function isExpansive(node: Node): boolean {
  switch (node.type) {
    case 'fun_expression':
    case 'function_expression':
    case 'value_path':
    case 'number':
    case 'signed_number':
    case 'string':
    case 'quoted_string':
    case 'character':
    case 'boolean':
    case 'unit':
    case 'tag':
    case 'constructor_path':
      return false;
    case 'parenthesized_expression':
    case 'typed_expression': {
      const e = node.childForFieldName('expression');
      return e ? isExpansive(e) : false;
    }
    case 'tuple_expression':
    case 'list_expression':
    case 'cons_expression':
      return kids(node).some(isExpansive);
    case 'application_expression': {
      const fn = node.childForFieldName('function');
      if (fn && (fn.type === 'constructor_path' || fn.type === 'tag')) {
        return node.childrenForFieldName('argument').some((a) => a !== null && isExpansive(a));
      }
      return true;
    }
    default:
      return true;
  }
}

/** `main "Unikernel.Main" …` (or `foreign`): the functor name given as a string. */
function mainCallName(node: Node): string | null {
  let cur: Node | null = node;
  while (cur && cur.type === 'parenthesized_expression') cur = cur.childForFieldName('expression');
  if (!cur) return null;
  if (cur.type === 'infix_expression' && cur.childForFieldName('operator')?.text === '@@') {
    cur = cur.childForFieldName('left');
  }
  if (!cur || cur.type !== 'application_expression') return null;
  const fn = cur.childForFieldName('function');
  if (!fn || !/^(Mirage\s*\.\s*)?(main|foreign)$/.test(fn.text)) return null;
  const str = cur.childrenForFieldName('argument').find((a) => a?.type === 'string');
  const content = str?.namedChildren.find((c) => c?.type === 'string_content');
  return content ? content.text : null;
}

function unboundCtorMessage(name: string): string {
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return `Unbound constructor ${name}. Targets and other polymorphic variants start with a backquote: did you mean \`${name}? (\`${lower}\` if you meant a value)`;
}

/**
 * Edit distance with transpositions, for "did you mean"; gives up (returns `bound + 1`) as
 * soon as the distance must exceed `bound`: typing leaves unbound prefixes everywhere, and
 * each is compared with every visible name.
 */
function distance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return bound + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length];
}

export function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(name, c, bestD);
    if (d <= bestD && (best === null || d < bestD)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/**
 * The type of a format string literal: `"%s.connect %d"` is
 * `(string -> int -> 'r, 'b, 'c, …, 'r) format6`. Conversions we do not model give unknown.
 */
function formatType(literal: string, b: Type, c: Type, result: Type, level: number): Type {
  const body = literal.replace(/^"/, '').replace(/"$/, '');
  const args: Type[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] !== '%') continue;
    const m = /^%[-0+ #]*(\d+|\*)?(\.(\d+|\*))?([lLn]?)([a-zA-Z!%@,])/.exec(body.slice(i));
    if (!m) return UNKNOWN;
    i += m[0].length - 1;
    if (m[1] === '*' || m[3] === '*') return UNKNOWN;
    const conv = m[5];
    const size = m[4];
    if (conv === '%' || conv === '!' || conv === '@' || conv === ',') continue;
    if (size) {
      if (!'diuxXo'.includes(conv)) return UNKNOWN;
      args.push(con(size === 'l' ? 'int32' : size === 'L' ? 'int64' : 'nativeint'));
      continue;
    }
    if ('sS'.includes(conv)) args.push(STRING);
    else if ('diuxXo'.includes(conv)) args.push(INT);
    else if ('cC'.includes(conv)) args.push(CHAR);
    else if ('fFeEgGhH'.includes(conv)) args.push(FLOAT);
    else if ('bB'.includes(conv)) args.push(BOOL);
    else if (conv === 'a') {
      const x = newVar(level);
      args.push(arrow(b, arrow(x, c)), x);
    } else if (conv === 't') args.push(arrow(b, c));
    else return UNKNOWN;
  }
  return args.reduceRight<Type>((acc, a) => arrow(a, acc), result);
}
