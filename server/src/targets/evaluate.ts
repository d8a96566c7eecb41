import type { SyntaxNode as Node } from '../syntax/tree';
import { operatorName } from '../signatures/loader';
import { Environment, ModuleSig } from '../typing/env';
import { Type } from '../typing/types';
import { Builtin, Closure, KeyDef, Scope, UNKNOWN_VALUE, Value } from './values';
import { PassMemo } from '../syntax/pass-memo';

/**
 * A small interpreter for config.ml: it runs the top level as OCaml would (let bindings,
 * helper functions, lists, `$`, `if_impl`...) but builds a description of the device graph
 * instead of running mirage. Anything it does not understand is `unknown`. Evaluation is
 * bounded, so a recursive helper cannot hang the server.
 */

export interface Registration {
  readonly jobs: Value;
  /** The expressions of the job list, when it is written as a literal list. */
  readonly items: (Node | null)[];
  readonly node: Node;
}

export interface EvalProblem {
  readonly node: Node;
  readonly kind: 'empty-key' | 'dhcp-option';
  readonly message: string;
}

export interface Evaluation {
  readonly registrations: Registration[];
  readonly problems: EvalProblem[];
  readonly keys: KeyDef[];
}

/** Evaluation ran out of steps (a recursive helper); thrown often enough to skip the stack. */
class OutOfFuel {}

interface ItemEvaluation {
  readonly values: Map<string, Value>;
  /** For `open M`: the module it opens. */
  readonly opened?: string;
  readonly registrations: Registration[];
  readonly problems: EvalProblem[];
  readonly keys: KeyDef[];
}

/** Per-document memory of the last evaluation. */
export class EvaluationMemo extends PassMemo<ItemEvaluation, LastEvaluation> {}

/** The scopes before one item, and what it overwrote in the top one. */
interface EvaluationStep {
  readonly scope: Scope;
  readonly top: Scope;
  readonly overwrote: readonly [string, Value | undefined][];
  /** After the item: how many registrations, problems and keys there were. */
  readonly counts: readonly [number, number, number];
}

interface LastEvaluation {
  readonly scope: Scope;
  readonly top: Scope;
  readonly trail: EvaluationStep[];
  readonly registrations: Registration[];
  readonly problems: EvalProblem[];
  readonly keys: KeyDef[];
}

const freeNamesOf = new WeakMap<Node, Set<string>>();

/** Unqualified names an item refers to (a superset: bound names included). */
function freeNames(item: Node): Set<string> {
  let names = freeNamesOf.get(item);
  if (!names) {
    names = new Set<string>();
    for (const v of item.descendantsOfType(['value_path', 'labeled_argument'])) {
      if (v.type === 'labeled_argument') {
        if (!v.childForFieldName('expression'))
          names.add(v.namedChildren.find((c) => c.type === 'label_name')?.text ?? '');
      } else if (!v.namedChildren.some((c) => c.type === 'module_path')) names.add(v.text);
    }
    freeNamesOf.set(item, names);
  }
  return names;
}

function kids(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** Non-optional parameters of a signature type: how many arguments fire the function. */
function arity(t: Type, env: Environment): { positional: number; labels: string[] } {
  let positional = 0;
  const labels: string[] = [];
  let cur = env.table.head(t);
  while (cur.k === 'arrow') {
    if (!cur.optional) {
      if (cur.label) labels.push(cur.label);
      else positional++;
    }
    cur = env.table.head(cur.result);
  }
  return { positional, labels };
}

const STDLIB: Record<string, { positional: number }> = {
  'List.map': { positional: 2 },
  'List.iter': { positional: 2 },
  'List.concat': { positional: 1 },
  'List.flatten': { positional: 1 },
  'List.rev': { positional: 1 },
  'List.append': { positional: 2 },
  'List.fold_left': { positional: 3 },
  'List.filter': { positional: 2 },
  'List.length': { positional: 1 },
  '@': { positional: 2 },
  '=': { positional: 2 },
  '<>': { positional: 2 },
  '==': { positional: 2 },
  '!=': { positional: 2 },
  not: { positional: 1 },
  '&&': { positional: 2 },
  '||': { positional: 2 },
  'String.equal': { positional: 2 },
  '^': { positional: 2 },
  fst: { positional: 1 },
  snd: { positional: 1 },
  ignore: { positional: 1 },
  '@@': { positional: 2 },
  '|>': { positional: 2 },
};

export class Evaluator {
  private fuel = 200_000;
  private readonly registrations: Registration[] = [];
  private readonly problems: EvalProblem[] = [];
  private readonly keys: KeyDef[] = [];

  constructor(private readonly env: Environment) {}

  /** Evaluates the top level; with `memo`, items whose inputs did not change are kept. */
  run(root: Node, memo?: EvaluationMemo): Evaluation {
    let scope: Scope = { parent: null, values: new Map() };
    // Consecutive top-level definitions share one scope, so lookups stay shallow.
    let top = scope;
    // Names whose value is new in this run: items using them must be evaluated again.
    const changed = new Set<string>();
    let opensChanged = false;
    const items = kids(root);
    const old = memo?.order ?? [];
    const entries = memo?.items ?? new Map<Node, ItemEvaluation>();
    let same = 0;
    while (same < items.length && same < old.length && old[same] === items[same]) same++;
    let start = 0;
    let trail: EvaluationStep[] = [];
    const last = memo?.last;
    // Scopes are walked back in place: if this run stops half-way, the next starts afresh.
    if (memo) memo.last = null;
    if (last && same > 0 && old.length - same <= same) {
      // Walking the last run back from its end costs what follows the change.
      for (let j = old.length - 1; j >= same; j--) {
        const step = last.trail[j];
        for (let r = step.overwrote.length - 1; r >= 0; r--) {
          const [k, v] = step.overwrote[r];
          if (v === undefined) step.top.values.delete(k);
          else step.top.values.set(k, v);
        }
      }
      const step = last.trail[same];
      ({ scope, top } = step ?? last);
      const counts = last.trail[same - 1].counts;
      this.registrations.push(...last.registrations.slice(0, counts[0]));
      this.problems.push(...last.problems.slice(0, counts[1]));
      this.keys.push(...last.keys.slice(0, counts[2]));
      trail = last.trail.slice(0, same);
      start = same;
    }
    // What items that are gone defined is gone (or defined anew) too.
    const present = new Set(items.slice(start));
    for (let j = start; j < old.length; j++) {
      const gone = entries.get(old[j]);
      if (present.has(old[j]) || !gone) continue;
      for (const k of gone.values.keys()) changed.add(k);
      if (gone.opened !== undefined) opensChanged = true;
      entries.delete(old[j]);
    }
    const reusable = (names: Set<string>) => {
      if (opensChanged) return false;
      for (const n of changed) if (names.has(n)) return false;
      return true;
    };
    let complete = true;
    for (let i = start; i < items.length; i++) {
      const item = items[i];
      const before = { scope, top };
      const overwrote: [string, Value | undefined][] = [];
      const define = (k: string, v: Value) => {
        overwrote.push([k, top.values.get(k)]);
        top.values.set(k, v);
      };
      const record = () =>
        trail.push({
          ...before,
          overwrote,
          counts: [this.registrations.length, this.problems.length, this.keys.length],
        });
      if (item.hasError) {
        entries.delete(item);
        record();
        continue;
      }
      const cached = entries.get(item);
      if (cached && (i < same || reusable(freeNames(item)))) {
        if (item.type === 'open_module') {
          scope = {
            parent: scope,
            values: new Map([['#open', { k: 'str', v: cached.opened ?? '' }]]),
          };
          top = { parent: scope, values: new Map() };
          scope = top;
        }
        for (const [k, v] of cached.values) define(k, v);
        this.registrations.push(...cached.registrations);
        this.problems.push(...cached.problems);
        this.keys.push(...cached.keys);
        record();
        continue;
      }
      const mark = {
        registrations: this.registrations.length,
        problems: this.problems.length,
        keys: this.keys.length,
      };
      let values = new Map<string, Value>();
      let opened: string | undefined;
      try {
        if (item.type === 'value_definition') {
          values = this.letDef(item, top).values;
          for (const [k, v] of values) define(k, v);
          scope = top;
        } else if (item.type === 'open_module') {
          const m = item.childForFieldName('module')?.text.replace(/\s+/g, '');
          opened = m ?? '';
          scope = { parent: scope, values: new Map([['#open', { k: 'str', v: opened }]]) };
          top = { parent: scope, values: new Map() };
          scope = top;
          opensChanged = true;
        } else if (item.type === 'expression_item') {
          const e = kids(item)[0];
          if (e) this.eval(e, scope);
        }
      } catch (e) {
        if (!(e instanceof OutOfFuel)) throw e;
        // The items below are not evaluated: forget them.
        for (const rest of items.slice(i)) entries.delete(rest);
        complete = false;
        break;
      }
      for (const k of values.keys()) changed.add(k);
      entries.set(item, {
        values,
        opened,
        registrations: this.registrations.slice(mark.registrations),
        problems: this.problems.slice(mark.problems),
        keys: this.keys.slice(mark.keys),
      });
      record();
    }
    if (memo) {
      memo.order = items;
      if (complete)
        memo.last = {
          scope,
          top,
          trail,
          registrations: this.registrations.slice(),
          problems: this.problems.slice(),
          keys: this.keys.slice(),
        };
    }
    return { registrations: this.registrations, problems: this.problems, keys: this.keys };
  }

  // ------------------------------------------------------------------ names

  private lookup(name: string, scope: Scope): Value | undefined {
    for (let s: Scope | null = scope; s; s = s.parent) {
      const v = s.values.get(name);
      if (v) return v;
    }
    return undefined;
  }

  private readonly opensOf = new WeakMap<Scope, string[]>();
  private readonly constants = new Map<string, Value>();

  /** The modules opened where `scope` is (innermost first), from `open` and `M.( … )`. */
  private opens(scope: Scope): string[] {
    let out = this.opensOf.get(scope);
    if (!out) {
      const o = scope.values.get('#open');
      const outer = scope.parent ? this.opens(scope.parent) : [];
      out = o && o.k === 'str' ? [o.v, ...outer] : outer;
      this.opensOf.set(scope, out);
    }
    return out;
  }

  /** Library lookups by opened modules and name: the same few names come up again and again. */
  private readonly libraryCache = new Map<
    string,
    { name: string; positional: number; labels: string[] } | null
  >();

  private module(path: string[]): ModuleSig | undefined {
    let parts = path;
    if (parts[0] === 'Mirage') parts = parts.slice(1);
    else if (parts[0] === 'Functoria') return undefined;
    let m: ModuleSig | undefined = this.env.mirage;
    for (const p of parts) m = m?.modules.get(p);
    return m;
  }

  /** A library value by qualified name, as a builtin; undefined when we do not model it. */
  private library(qualified: string[], scope: Scope, node: Node): Value | undefined {
    const opens = this.opens(scope);
    const key = `${opens.join(',')}|${qualified.join('.')}`;
    let found = this.libraryCache.get(key);
    if (found === undefined) {
      found = this.resolveLibrary(qualified, opens);
      this.libraryCache.set(key, found);
    }
    return found ? this.builtin(found.name, found.positional, found.labels, node) : undefined;
  }

  private resolveLibrary(
    qualified: string[],
    opens: string[],
  ): { name: string; positional: number; labels: string[] } | null {
    const name = qualified[qualified.length - 1];
    const prefixes = qualified.length > 1 ? [qualified.slice(0, -1)] : [];
    if (qualified.length === 1) {
      for (const o of opens) prefixes.push(o.split('.'));
      prefixes.push([]);
    } else {
      // `Arg.opt` inside `Key.( … )` means `Key.Arg.opt`.
      for (const o of opens) prefixes.push([...o.split('.'), ...qualified.slice(0, -1)]);
    }
    for (const prefix of prefixes) {
      const full = [...prefix, name].join('.');
      const std = STDLIB[full];
      if (std) return { name: full, positional: std.positional, labels: [] };
      if (prefix.length === 0) continue;
      const v = this.module(prefix)?.values.get(name);
      if (v) {
        const a = arity(v.type, this.env);
        const canonical = [...(prefix[0] === 'Mirage' ? prefix.slice(1) : prefix), name].join('.');
        return { name: canonical, positional: a.positional, labels: a.labels };
      }
    }
    return null;
  }

  private builtin(name: string, positional: number, labels: string[], node: Node): Builtin {
    return {
      k: 'builtin',
      name,
      positional,
      requiredLabels: labels,
      args: [],
      argNodes: [],
      labels: new Map(),
      node,
    };
  }

  // ------------------------------------------------------------------ expressions

  eval(node: Node, scope: Scope): Value {
    if (--this.fuel < 0) throw new OutOfFuel();
    switch (node.type) {
      case 'number': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(n) ? { k: 'int', v: n } : UNKNOWN_VALUE;
      }
      case 'string': {
        const c = node.namedChildren.find((x) => x?.type === 'string_content');
        return { k: 'str', v: c?.text ?? '' };
      }
      case 'boolean':
        return { k: 'bool', v: node.text === 'true' };
      case 'unit':
        return { k: 'unit' };
      case 'tag':
        return { k: 'tag', tag: node.text.slice(1) };
      case 'constructor_path': {
        const name = node.text.replace(/\s+/g, '');
        if (name === '[]') return { k: 'list', items: [] };
        if (name === 'true' || name === 'false') return { k: 'bool', v: name === 'true' };
        return { k: 'ctor', name: name.split('.').pop()! };
      }
      case 'value_path':
        return this.valuePath(node, scope);
      case 'parenthesized_expression':
      case 'typed_expression': {
        const e = node.childForFieldName('expression');
        return e ? this.eval(e, scope) : UNKNOWN_VALUE;
      }
      case 'list_expression':
        return { k: 'list', items: kids(node).map((c) => this.eval(c, scope)) };
      case 'tuple_expression':
        return { k: 'tuple', items: kids(node).map((c) => this.eval(c, scope)) };
      case 'cons_expression': {
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        const rest = r ? this.eval(r, scope) : UNKNOWN_VALUE;
        if (!l || rest.k !== 'list') return UNKNOWN_VALUE;
        return { k: 'list', items: [this.eval(l, scope), ...rest.items] };
      }
      case 'sequence_expression': {
        let last: Value = UNKNOWN_VALUE;
        for (const c of kids(node)) last = this.eval(c, scope);
        return last;
      }
      case 'let_expression': {
        const def = kids(node).find((c) => c.type === 'value_definition');
        const inner = def ? this.letDef(def, scope) : scope;
        const body = node.childForFieldName('body');
        return body ? this.eval(body, inner) : UNKNOWN_VALUE;
      }
      case 'let_open_expression':
      case 'local_open_expression': {
        const m =
          node.type === 'local_open_expression'
            ? kids(node).find((c) => c.type === 'module_path')?.text
            : kids(node)
                .find((c) => c.type === 'open_module')
                ?.childForFieldName('module')?.text;
        const full = this.resolveModulePath(m?.replace(/\s+/g, '') ?? '', scope);
        const inner: Scope = { parent: scope, values: new Map([['#open', { k: 'str', v: full }]]) };
        const body = node.childForFieldName(
          node.type === 'local_open_expression' ? 'expression' : 'body',
        );
        return body ? this.eval(body, inner) : UNKNOWN_VALUE;
      }
      case 'if_expression': {
        const c = node.childForFieldName('condition');
        const cond = c ? this.eval(c, scope) : UNKNOWN_VALUE;
        const thenC = kids(node).find((x) => x.type === 'then_clause');
        const elseC = kids(node).find((x) => x.type === 'else_clause');
        const pick = cond.k === 'bool' ? (cond.v ? thenC : elseC) : undefined;
        if (!pick) return UNKNOWN_VALUE;
        const e = kids(pick)[0];
        return e ? this.eval(e, scope) : { k: 'unit' };
      }
      case 'match_expression': {
        const s = node.childForFieldName('expression');
        const v = s ? this.eval(s, scope) : UNKNOWN_VALUE;
        return this.matchCases(
          kids(node).filter((c) => c.type === 'match_case'),
          v,
          scope,
        );
      }
      case 'fun_expression':
        return {
          k: 'closure',
          params: kids(node).filter((c) => c.type === 'parameter'),
          body: node.childForFieldName('body'),
          cases: null,
          env: scope,
        };
      case 'function_expression':
        return {
          k: 'closure',
          params: [],
          body: null,
          cases: kids(node).filter((c) => c.type === 'match_case'),
          env: scope,
        };
      case 'application_expression': {
        const fn = node.childForFieldName('function');
        if (!fn) return UNKNOWN_VALUE;
        const args = node.childrenForFieldName('argument').filter((a): a is Node => a !== null);
        if (fn.type === 'constructor_path' || fn.type === 'tag') {
          const arg = args[0] ? this.eval(args[0], scope) : undefined;
          return fn.type === 'tag'
            ? { k: 'tag', tag: fn.text.slice(1), arg }
            : { k: 'ctor', name: fn.text.replace(/\s+/g, '').split('.').pop()!, arg };
        }
        const f = this.eval(fn, scope);
        return this.applyNodes(f, args, scope);
      }
      case 'infix_expression': {
        const op = node.childForFieldName('operator');
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        if (!op || !l || !r) return UNKNOWN_VALUE;
        const name = op.text;
        if (name === '::') {
          const rest = this.eval(r, scope);
          return rest.k === 'list'
            ? { k: 'list', items: [this.eval(l, scope), ...rest.items] }
            : UNKNOWN_VALUE;
        }
        const f = this.lookup(name, scope) ?? this.library([name], scope, op) ?? UNKNOWN_VALUE;
        return this.applyNodes(f, [l, r], scope);
      }
      case 'prefix_expression': {
        return UNKNOWN_VALUE;
      }
      default:
        return UNKNOWN_VALUE;
    }
  }

  private resolveModulePath(path: string, scope: Scope): string {
    if (this.module(path.split('.'))) return path.startsWith('Mirage') ? path : `Mirage.${path}`;
    for (const o of this.opens(scope)) {
      const full = `${o}.${path}`;
      if (this.module(full.split('.'))) return full.startsWith('Mirage') ? full : `Mirage.${full}`;
    }
    return path;
  }

  private valuePath(node: Node, scope: Scope): Value {
    const nameNode = kids(node).find(
      (c) => c.type === 'value_name' || c.type === 'parenthesized_operator',
    );
    if (!nameNode) return UNKNOWN_VALUE;
    const name = operatorName(nameNode);
    const mod = kids(node).find((c) => c.type === 'module_path');
    if (!mod) {
      const v = this.lookup(name, scope);
      if (v) return v;
    }
    const parts = mod ? [...mod.text.replace(/\s+/g, '').split('.'), name] : [name];
    const lib = this.library(parts, scope, node);
    if (!lib) return UNKNOWN_VALUE;
    // Values (not functions) fire at once: `default_network`, `Key.is_solo5`. They are one
    // value each, as in OCaml: two uses of `default_network` are the same device.
    if (lib.k !== 'builtin' || lib.positional !== 0 || lib.requiredLabels.length !== 0) return lib;
    let constant = this.constants.get(lib.name);
    if (!constant) {
      constant = this.fire(lib);
      this.constants.set(lib.name, constant);
    }
    return constant;
  }

  // ------------------------------------------------------------------ application

  private applyNodes(f: Value, argNodes: Node[], scope: Scope): Value {
    const args = argNodes.map((a) => {
      if (a.type === 'labeled_argument') {
        const label = kids(a).find((c) => c.type === 'label_name')?.text ?? '';
        const e = a.childForFieldName('expression');
        const v = e ? this.eval(e, scope) : (this.lookup(label, scope) ?? UNKNOWN_VALUE);
        const optionalPass = a.child(0)?.type === '?';
        return { label, value: optionalPass ? unwrapOption(v) : v, node: e ?? a };
      }
      return { label: '', value: this.eval(a, scope), node: a };
    });
    return this.apply(f, args);
  }

  apply(f: Value, args: { label: string; value: Value; node: Node | null }[]): Value {
    if (--this.fuel < 0) throw new OutOfFuel();
    if (args.length === 0) return f;
    if (f.k === 'builtin') {
      const pos = [...f.args];
      const posNodes = [...f.argNodes];
      const labels = new Map(f.labels);
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i];
        if (a.label) labels.set(a.label, a.value);
        else {
          pos.push(a.value);
          posNodes.push(a.node);
        }
        if (pos.length >= f.positional && f.requiredLabels.every((l) => labels.has(l))) break;
      }
      const next: Builtin = { ...f, args: pos, argNodes: posNodes, labels };
      if (pos.length >= f.positional && f.requiredLabels.every((l) => labels.has(l))) {
        return this.apply(this.fire(next), args.slice(i + 1));
      }
      return next;
    }
    if (f.k === 'closure') return this.applyClosure(f, args);
    return UNKNOWN_VALUE;
  }

  private applyClosure(
    f: Closure,
    args: { label: string; value: Value; node: Node | null }[],
  ): Value {
    if (f.cases) {
      const [first, ...rest] = args;
      return this.apply(this.matchCases(f.cases, first.value, f.env), rest);
    }
    const pending = [...args];
    const values = new Map<string, Value>();
    const inner: Scope = { parent: f.env, values };
    let consumed = 0;
    for (const p of f.params) {
      const first = p.child(0)?.type;
      const optional = first === '?';
      const labelled = optional || first === '~';
      const pattern = p.childForFieldName('pattern');
      const label = labelled
        ? (kids(p).find((c) => c.type === 'label_name')?.text ??
          pattern?.text.replace(/[()\s]/g, '') ??
          '')
        : '';
      let idx = labelled
        ? pending.findIndex((a) => a.label === label)
        : pending.findIndex((a) => a.label === '');
      if (idx < 0 && !labelled && pending.length === 0) {
        // Partial application: give up on precision.
        return UNKNOWN_VALUE;
      }
      let v: Value;
      if (idx >= 0) {
        v =
          optional && !p.childForFieldName('default')
            ? { k: 'ctor', name: 'Some', arg: pending[idx].value }
            : pending[idx].value;
        pending.splice(idx, 1);
        consumed++;
      } else if (optional) {
        const def = p.childForFieldName('default');
        v = def ? this.eval(def, inner) : { k: 'ctor', name: 'None' };
      } else {
        idx = -1;
        return UNKNOWN_VALUE;
      }
      if (pattern) this.bindPattern(pattern, v, values);
    }
    void consumed;
    const body = f.body ? this.eval(f.body, inner) : UNKNOWN_VALUE;
    return this.apply(body, pending);
  }

  private matchCases(cases: Node[], v: Value, scope: Scope): Value {
    for (const c of cases) {
      const pat = c.childForFieldName('pattern');
      if (!pat) continue;
      const values = new Map<string, Value>();
      const m = this.matches(pat, v, values);
      if (m === 'unknown') return UNKNOWN_VALUE;
      if (!m) continue;
      const inner: Scope = { parent: scope, values };
      const guard = kids(c).find((k) => k.type === 'guard');
      if (guard) {
        const g = guard.childForFieldName('expression') ?? kids(guard)[0];
        const gv = g ? this.eval(g, inner) : UNKNOWN_VALUE;
        if (gv.k !== 'bool') return UNKNOWN_VALUE;
        if (!gv.v) continue;
      }
      const body = c.childForFieldName('body');
      return body ? this.eval(body, inner) : UNKNOWN_VALUE;
    }
    return UNKNOWN_VALUE;
  }

  /** Does `v` match the pattern? 'unknown' when we cannot tell. */
  private matches(p: Node, v: Value, out: Map<string, Value>): boolean | 'unknown' {
    switch (p.type) {
      case 'value_pattern':
      case 'value_name':
        if (p.text !== '_') out.set(p.text, v);
        return true;
      case 'parenthesized_pattern': {
        const inner = kids(p)[0];
        return inner ? this.matches(inner, v, out) : true;
      }
      case 'typed_pattern': {
        const inner = p.childForFieldName('pattern');
        return inner ? this.matches(inner, v, out) : true;
      }
      case 'alias_pattern': {
        const inner = p.childForFieldName('pattern');
        const alias = p.childForFieldName('alias');
        if (alias) out.set(alias.text, v);
        return inner ? this.matches(inner, v, out) : true;
      }
      case 'tag':
        if (v.k !== 'tag') return 'unknown';
        return v.tag === p.text.slice(1);
      case 'tag_pattern': {
        if (v.k !== 'tag') return 'unknown';
        const tag = kids(p)
          .find((c) => c.type === 'tag')
          ?.text.slice(1);
        if (v.tag !== tag) return false;
        const inner = p.childForFieldName('pattern');
        return inner && v.arg ? this.matches(inner, v.arg, out) : true;
      }
      case 'constructor_path':
      case 'constructor_pattern': {
        const path =
          p.type === 'constructor_path' ? p : kids(p).find((c) => c.type === 'constructor_path');
        const name = path?.text.replace(/\s+/g, '').split('.').pop();
        if (name === '[]') return v.k === 'list' ? v.items.length === 0 : 'unknown';
        if (name === 'true' || name === 'false')
          return v.k === 'bool' ? v.v === (name === 'true') : 'unknown';
        if (v.k !== 'ctor') return 'unknown';
        if (v.name !== name) return false;
        const inner = p.type === 'constructor_pattern' ? p.childForFieldName('pattern') : null;
        return inner && v.arg ? this.matches(inner, v.arg, out) : true;
      }
      case 'boolean':
        return v.k === 'bool' ? v.v === (p.text === 'true') : 'unknown';
      case 'unit':
        return true;
      case 'string':
        return v.k === 'str' ? `"${v.v}"` === p.text : 'unknown';
      case 'number':
        return v.k === 'int' ? v.v === Number(p.text.replace(/_/g, '')) : 'unknown';
      case 'tuple_pattern': {
        const items = kids(p);
        if (v.k !== 'tuple' || v.items.length !== items.length) return 'unknown';
        let all: boolean | 'unknown' = true;
        items.forEach((it, i) => {
          const r = this.matches(it, v.items[i], out);
          if (r === false) all = false;
          else if (r === 'unknown' && all === true) all = 'unknown';
        });
        return all;
      }
      case 'list_pattern': {
        const items = kids(p);
        if (v.k !== 'list') return 'unknown';
        if (v.items.length !== items.length) return false;
        let all: boolean | 'unknown' = true;
        items.forEach((it, i) => {
          const r = this.matches(it, v.items[i], out);
          if (r === false) all = false;
          else if (r === 'unknown' && all === true) all = 'unknown';
        });
        return all;
      }
      case 'cons_pattern': {
        if (v.k !== 'list') return 'unknown';
        if (v.items.length === 0) return false;
        const l = p.childForFieldName('left');
        const r = p.childForFieldName('right');
        const a = l ? this.matches(l, v.items[0], out) : true;
        const b = r ? this.matches(r, { k: 'list', items: v.items.slice(1) }, out) : true;
        if (a === false || b === false) return false;
        return a === 'unknown' || b === 'unknown' ? 'unknown' : true;
      }
      case 'or_pattern': {
        let sawUnknown = false;
        for (const alt of kids(p)) {
          const r = this.matches(alt, v, out);
          if (r === true) return true;
          if (r === 'unknown') sawUnknown = true;
        }
        return sawUnknown ? 'unknown' : false;
      }
      default:
        return 'unknown';
    }
  }

  private bindPattern(p: Node, v: Value, out: Map<string, Value>): void {
    const values = new Map<string, Value>();
    const r = this.matches(p, v, values);
    if (r === true) {
      for (const [k, x] of values) out.set(k, x);
      return;
    }
    // Could not destructure: every name in the pattern is unknown.
    for (const n of p.descendantsOfType(['value_pattern', 'value_name'])) {
      if (n && n.text !== '_') out.set(n.text, values.get(n.text) ?? UNKNOWN_VALUE);
    }
  }

  // ------------------------------------------------------------------ let

  private letDef(def: Node, scope: Scope): Scope {
    const isRec = def.children.some((c) => c?.type === 'rec');
    const values = new Map<string, Value>();
    const inner: Scope = { parent: scope, values };
    for (const b of kids(def).filter((c) => c.type === 'let_binding')) {
      const pat = b.childForFieldName('pattern');
      const body = b.childForFieldName('body');
      const params = kids(b).filter((c) => c.type === 'parameter');
      const evalScope = isRec ? inner : scope;
      let v: Value;
      if (params.length > 0) v = { k: 'closure', params, body, cases: null, env: evalScope };
      else v = body ? this.eval(body, evalScope) : UNKNOWN_VALUE;
      if (pat) this.bindPattern(pat, v, values);
    }
    return inner;
  }

  // ------------------------------------------------------------------ the DSL

  private fire(b: Builtin): Value {
    const a = b.args;
    const name = b.name;
    switch (name) {
      case '@@':
        return this.apply(a[0], [{ label: '', value: a[1], node: b.argNodes[1] ?? null }]);
      case '|>':
        return this.apply(a[1], [{ label: '', value: a[0], node: b.argNodes[0] ?? null }]);
      case 'List.map':
      case 'List.iter': {
        if (a[1].k !== 'list') return UNKNOWN_VALUE;
        const items = a[1].items.map((x) =>
          this.apply(a[0], [{ label: '', value: x, node: null }]),
        );
        return name === 'List.map' ? { k: 'list', items } : { k: 'unit' };
      }
      case 'List.filter':
        return UNKNOWN_VALUE;
      case 'List.concat':
      case 'List.flatten':
        return a[0].k === 'list' && a[0].items.every((x) => x.k === 'list')
          ? { k: 'list', items: a[0].items.flatMap((x) => (x.k === 'list' ? x.items : [])) }
          : UNKNOWN_VALUE;
      case 'List.rev':
        return a[0].k === 'list' ? { k: 'list', items: [...a[0].items].reverse() } : UNKNOWN_VALUE;
      case 'List.length':
        return a[0].k === 'list' ? { k: 'int', v: a[0].items.length } : UNKNOWN_VALUE;
      case '@':
      case 'List.append':
        return a[0].k === 'list' && a[1].k === 'list'
          ? { k: 'list', items: [...a[0].items, ...a[1].items] }
          : UNKNOWN_VALUE;
      case 'List.fold_left': {
        if (a[2].k !== 'list') return UNKNOWN_VALUE;
        let acc = a[1];
        for (const x of a[2].items) {
          acc = this.apply(a[0], [
            { label: '', value: acc, node: null },
            { label: '', value: x, node: null },
          ]);
        }
        return acc;
      }
      case '=':
      case '==':
      case 'String.equal':
      case '<>':
      case '!=': {
        const eq = sameValue(a[0], a[1]);
        if (eq === undefined) return UNKNOWN_VALUE;
        return { k: 'bool', v: name === '<>' || name === '!=' ? !eq : eq };
      }
      case 'not':
        return a[0].k === 'bool' ? { k: 'bool', v: !a[0].v } : UNKNOWN_VALUE;
      case '&&':
        return a[0].k === 'bool' && a[1].k === 'bool'
          ? { k: 'bool', v: a[0].v && a[1].v }
          : UNKNOWN_VALUE;
      case '||':
        return a[0].k === 'bool' && a[1].k === 'bool'
          ? { k: 'bool', v: a[0].v || a[1].v }
          : UNKNOWN_VALUE;
      case '^':
        return a[0].k === 'str' && a[1].k === 'str'
          ? { k: 'str', v: a[0].v + a[1].v }
          : UNKNOWN_VALUE;
      case 'fst':
      case 'snd':
        return a[0].k === 'tuple' ? a[0].items[name === 'fst' ? 0 : 1] : UNKNOWN_VALUE;
      case 'ignore':
        return { k: 'unit' };
    }
    return this.dsl(b);
  }

  private dsl(b: Builtin): Value {
    const a = b.args;
    const lab = (l: string) => b.labels.get(l);
    const group = (): string => {
      const g = lab('group');
      return g && g.k === 'str' ? `${g.v}-` : '';
    };
    switch (b.name) {
      case '$':
        return { k: 'apply', fn: a[0], arg: a[1], node: b.node };
      case '@->': {
        const r = a[1];
        return { k: 'typ', arity: r.k === 'typ' ? r.arity + 1 : 1 };
      }
      case 'if_impl':
        return {
          k: 'if',
          cond: a[0],
          then: a[1],
          else: a[2],
          thenNode: b.argNodes[1] ?? null,
          elseNode: b.argNodes[2] ?? null,
          node: b.node,
        };
      case 'match_impl': {
        const cases = a[1].k === 'list' ? a[1].items : [];
        return {
          k: 'match',
          scrutinee: a[0],
          cases: cases.map((c) =>
            c.k === 'tuple'
              ? { tag: c.items[0], device: c.items[1], node: null }
              : { tag: UNKNOWN_VALUE, device: UNKNOWN_VALUE, node: null },
          ),
          default: lab('default') ?? UNKNOWN_VALUE,
          defaultNode: null,
          node: b.node,
        };
      }
      case 'register':
        this.registrations.push({
          jobs: a[1] ?? UNKNOWN_VALUE,
          items: listItems(b.argNodes[1] ?? null),
          node: b.node,
        });
        return { k: 'unit' };
      case 'Key.is_solo5':
        return { k: 'conf', op: 'family', family: 'solo5' };
      case 'Key.is_xen':
        return { k: 'conf', op: 'family', family: 'xen' };
      case 'Key.is_unix':
        return { k: 'conf', op: 'family', family: 'unix' };
      case 'Key.is_unikraft':
        return { k: 'conf', op: 'family', family: 'unikraft' };
      case 'Key.target':
        return { k: 'key', name: 'target', isFlag: false, default: UNKNOWN_VALUE, node: null };
      case 'Key.value': {
        const k = a[0];
        if (k.k !== 'key') return UNKNOWN_VALUE;
        if (k.name === 'target') return { k: 'conf', op: 'target' };
        return { k: 'conf', op: 'key', key: k };
      }
      case 'Key.pure':
        return { k: 'conf', op: 'pure', v: a[0] };
      case 'Key.$':
        return { k: 'conf', op: 'ap', f: a[0], x: a[1] };
      case 'Key.map':
        return { k: 'conf', op: 'map', f: a[0], x: a[1] };
      case 'Key.if_':
        return { k: 'conf', op: 'if', c: a[0], a: a[1], b: a[2] };
      case 'Key.create': {
        const name = a[0];
        const arg = a[1];
        if (name && name.k === 'str' && name.v === '') {
          this.problems.push({
            node: b.node.parent?.type === 'application_expression' ? b.node : b.node,
            kind: 'empty-key',
            message: 'Key.create: key name cannot be the empty string',
          });
        }
        const def: Value =
          arg && arg.k === 'tuple' && arg.items[0].k === 'str' ? arg.items[1] : UNKNOWN_VALUE;
        const info = arg && arg.k === 'tuple' ? arg.items[2] : undefined;
        const stage = arg && arg.k === 'tuple' ? arg.items[3] : undefined;
        const names =
          info && info.k === 'tuple' && info.items[1].k === 'list' ? info.items[1].items : [];
        const namesNode =
          info && info.k === 'tuple' && info.items[2].k === 'node' ? info.items[2].node : null;
        const key: KeyDef = {
          k: 'key',
          name: name && name.k === 'str' ? name.v : '',
          isFlag: !!(
            arg &&
            arg.k === 'tuple' &&
            arg.items[0].k === 'str' &&
            arg.items[0].v === 'flag'
          ),
          default: def,
          node: b.node,
          options: names.flatMap((n) => (n.k === 'str' ? [n.v] : [])),
          optionsNode: namesNode,
          runOnly: !!stage && stage.k === 'tag' && stage.tag === 'Run',
        };
        this.keys.push(key);
        return key;
      }
      case 'Key.Arg.opt':
        return {
          k: 'tuple',
          items: [
            { k: 'str', v: 'opt' },
            a[1] ?? UNKNOWN_VALUE,
            a[2] ?? UNKNOWN_VALUE,
            lab('stage') ?? UNKNOWN_VALUE,
          ],
        };
      case 'Key.Arg.flag':
        return {
          k: 'tuple',
          items: [
            { k: 'str', v: 'flag' },
            { k: 'bool', v: false },
            a[0] ?? UNKNOWN_VALUE,
            lab('stage') ?? UNKNOWN_VALUE,
          ],
        };
      case 'Key.Arg.info':
        return {
          k: 'tuple',
          items: [
            { k: 'str', v: 'info' },
            a[0] ?? UNKNOWN_VALUE,
            { k: 'node', node: b.argNodes[0] ?? b.node },
          ],
        };
      case 'Key.net':
        return mirageKey(`${group()}net`, UNKNOWN_VALUE);
      case 'Key.kv_ro':
        return mirageKey(`${group()}kv_ro`, { k: 'tag', tag: 'Crunch' });
      case 'Key.block':
        return mirageKey(`${group()}block`, { k: 'tag', tag: 'Ramdisk' });
      case 'Key.no_dhcp':
        return {
          k: 'key',
          name: `${group()}no-dhcp`,
          isFlag: true,
          default: { k: 'bool', v: false },
          node: null,
        };
      case 'Key.utcp':
        return {
          k: 'key',
          name: `${group()}utcp`,
          isFlag: true,
          default: { k: 'bool', v: false },
          node: null,
        };
      case 'make_dhcp_requests':
        return { k: 'dhcp', node: b.node };
      case 'add_dhcp_request': {
        const code = a[1];
        if (code && code.k === 'int' && (code.v < 1 || code.v > 254)) {
          this.problems.push({
            node: b.node,
            kind: 'dhcp-option',
            message: 'Invalid DHCP option code',
          });
        }
        return { k: 'unit' };
      }
      case 'job':
        return { k: 'typ', arity: 0 };
      case 'dep':
      case 'key':
      case 'Key.v':
      case 'Key.abstract':
        return a[0] ?? UNKNOWN_VALUE;
      case 'connect_err':
        return { k: 'connect-error', node: b.node, name: a[0], count: a[1] };
      case 'main':
      case 'foreign':
      case 'impl': {
        const t = a[1];
        return {
          k: 'device',
          ctor: b.name,
          args: a,
          labels: b.labels,
          node: b.node,
          typArity: t && t.k === 'typ' ? t.arity : undefined,
        };
      }
    }
    const sig = this.sigOf(b.name);
    if (sig === 'impl')
      return { k: 'device', ctor: b.name, args: a, labels: b.labels, node: b.node };
    if (sig === 'typ') return { k: 'typ', arity: 0 };
    return UNKNOWN_VALUE;
  }

  private readonly sigCache = new Map<string, 'impl' | 'typ' | null>();

  /** Whether a DSL value builds a device or a device type, from its signature. */
  private sigOf(name: string): 'impl' | 'typ' | null {
    let r = this.sigCache.get(name);
    if (r === undefined) {
      r = this.computeSig(name);
      this.sigCache.set(name, r);
    }
    return r;
  }

  private computeSig(name: string): 'impl' | 'typ' | null {
    const parts = name.split('.');
    const v = this.module(parts.slice(0, -1))?.values.get(parts[parts.length - 1]);
    if (!v) return null;
    let t = this.env.table.head(v.type);
    while (t.k === 'arrow') t = this.env.table.head(t.result);
    if (t.k === 'con' && (t.path === 'impl' || t.path === 'typ')) return t.path;
    return null;
  }
}

function mirageKey(name: string, def: Value): KeyDef {
  return { k: 'key', name, isFlag: false, default: def, node: null };
}

function unwrapOption(v: Value): Value {
  if (v.k === 'ctor' && v.name === 'Some' && v.arg) return v.arg;
  return v.k === 'ctor' && v.name === 'None' ? UNKNOWN_VALUE : v;
}

function listItems(node: Node | null): (Node | null)[] {
  let cur = node;
  while (cur && cur.type === 'parenthesized_expression') cur = cur.childForFieldName('expression');
  if (!cur || cur.type !== 'list_expression') return [];
  return kids(cur);
}

/** Structural equality of plain values; undefined when unknown. */
export function sameValue(a: Value, b: Value): boolean | undefined {
  if (a.k === 'unknown' || b.k === 'unknown') return undefined;
  if (a.k === 'str' && b.k === 'str') return a.v === b.v;
  if (a.k === 'int' && b.k === 'int') return a.v === b.v;
  if (a.k === 'bool' && b.k === 'bool') return a.v === b.v;
  if (a.k === 'tag' && b.k === 'tag') {
    if (a.tag !== b.tag) return false;
    if (!a.arg && !b.arg) return true;
    return a.arg && b.arg ? sameValue(a.arg, b.arg) : false;
  }
  if (a.k === 'ctor' && b.k === 'ctor') {
    if (a.name !== b.name) return false;
    if (!a.arg && !b.arg) return true;
    return a.arg && b.arg ? sameValue(a.arg, b.arg) : false;
  }
  return undefined;
}
