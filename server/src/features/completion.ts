import { countBefore } from '../syntax/search';
import type { SyntaxNode as Node } from '../syntax/tree';
import {
  CompletionItem,
  CompletionList,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  Position,
} from 'vscode-languageserver-types';
import { SignatureCatalog } from '../signatures/catalog';
import { eraById } from '../signatures/eras';
import { OPAM_PACKAGES } from '../signatures/packages';
import { MODE_TAGS } from '../targets/analysis';
import { ModuleSig, ValueInfo } from '../typing/env';
import { Binding } from '../typing/infer';
import { TypePrinter } from '../typing/print';
import { Type, con, newVar, repr } from '../typing/types';
import { tryUnify } from '../typing/unify';
import { factsMarkdown, valueFacts } from './describe';
import {
  DocumentView,
  freshCopy,
  itemsAt,
  nodeAt,
  offsetOf,
  referenceOf,
  wordBefore,
} from './view';

/** Modules and functors of the unikernel's own files, for `main "…"`. */
export interface UnikernelModules {
  /** e.g. `Unikernel.Main` with its functor arity. */
  readonly names: { name: string; params: number }[];
}

export interface CompletionEnv {
  readonly catalog: SignatureCatalog;
  readonly unikernel?: UnikernelModules;
}

type Expectation = { kind: 'type'; type: Type; why: string } | { kind: 'typ' } | { kind: 'none' };

/**
 * At most this many items are sent (clangd's default too); the list is then marked
 * incomplete, so the editor asks again as the user types. After `$` in a long file every
 * binding is a candidate (thousands): sending them all costs more than the rest of the
 * request, and a menu shows a dozen.
 */
export const COMPLETION_LIMIT = 100;

/** Completion at a position: type-directed where the context says what fits. */
export function completions(
  view: DocumentView,
  position: Position,
  env: CompletionEnv,
): CompletionItem[] | CompletionList {
  const all = allCompletions(view, position, env);
  if (!Array.isArray(all) || all.length <= COMPLETION_LIMIT) return all;
  const key = (i: CompletionItem) => i.sortText ?? i.label;
  const best = all
    .map((item, order) => ({ item, order, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order - b.order))
    .slice(0, COMPLETION_LIMIT)
    .sort((a, b) => a.order - b.order)
    .map((x) => x.item);
  return { isIncomplete: true, items: best };
}

function allCompletions(
  view: DocumentView,
  position: Position,
  env: CompletionEnv,
): CompletionItem[] | CompletionList {
  const offset = offsetOf(view, position);
  const { text } = view;
  const { start, word, qualifier } = wordBefore(text, offset);
  const before = text.slice(0, start);

  const str = stringAround(view, offset);
  if (str) return stringCompletions(str, env);
  if (before.endsWith('~') || before.endsWith('?')) return labelCompletions(view, start - 1);
  if (before.endsWith('`')) return tagCompletions(view);
  if (qualifier.length > 0) return memberCompletions(view, qualifier, word);

  const expectation = expectationAt(view, start);
  return valueCompletions(view, offset, word, expectation);
}

// ---------------------------------------------------------------- strings

function stringAround(view: DocumentView, offset: number): { fn: string; node: Node } | null {
  const n = nodeAt(view, offset);
  const str = n && (n.type === 'string' ? n : n.type === 'string_content' ? n.parent : null);
  if (
    !str ||
    str.type !== 'string' ||
    offset <= str.startIndex ||
    offset >= str.endIndex + (str.text.endsWith('"') ? 0 : 1)
  ) {
    return null;
  }
  const app = str.parent;
  const fn =
    app?.type === 'application_expression'
      ? app.childForFieldName('function')?.text.replace(/\s+/g, '')
      : '';
  return { fn: fn ?? '', node: str };
}

function stringCompletions(s: { fn: string }, env: CompletionEnv): CompletionItem[] {
  if (/(^|\.)(main|foreign)$/.test(s.fn)) {
    return (env.unikernel?.names ?? []).map((m) => ({
      label: m.name,
      kind: CompletionItemKind.Module,
      detail: m.params > 0 ? `functor over ${m.params} device${m.params > 1 ? 's' : ''}` : 'module',
    }));
  }
  if (/(^|\.)package$/.test(s.fn)) {
    return OPAM_PACKAGES.map((p) => ({
      label: p.name,
      kind: CompletionItemKind.Module,
      detail: p.what,
    }));
  }
  return [];
}

// ---------------------------------------------------------------- labels

function labelCompletions(view: DocumentView, tildeOffset: number): CompletionItem[] {
  // The application around the `~`: its function's type gives the labels.
  let n = nodeAt(view, Math.max(0, tildeOffset - 1));
  while (n && n.type !== 'application_expression') n = n.parent;
  const fn = n?.childForFieldName('function');
  if (!n || !fn) return [];
  const ref = referenceOf(view, fn);
  if (!ref) return [];
  const given = new Set(
    n
      .childrenForFieldName('argument')
      .filter((a): a is Node => a?.type === 'labeled_argument')
      .map((a) => a.namedChildren.find((c) => c?.type === 'label_name')?.text),
  );
  const printer = new TypePrinter(view.analysis.env.table);
  const out: CompletionItem[] = [];
  let cur = view.analysis.env.table.head(ref.type);
  while (cur.k === 'arrow') {
    if (cur.label && !given.has(cur.label)) {
      const payload = cur.optional
        ? ((repr(cur.param) as { args?: Type[] }).args?.[0] ?? cur.param)
        : cur.param;
      out.push({
        label: cur.label,
        kind: CompletionItemKind.Field,
        detail: `${cur.optional ? '?' : '~'}${cur.label}:${printer.print(payload)}`,
        insertText: `${cur.label}:`,
        sortText: cur.optional ? `1${cur.label}` : `0${cur.label}`,
      });
    }
    cur = view.analysis.env.table.head(cur.result);
  }
  return out;
}

// ---------------------------------------------------------------- tags

function tagCompletions(view: DocumentView): CompletionItem[] {
  const era = Number(view.analysis.era.id.split('.')[1]);
  return Object.entries(MODE_TAGS)
    .filter(([target]) => era >= 10 || !target.startsWith('unikraft'))
    .map(([target, tag]) => ({
      label: tag,
      kind: CompletionItemKind.EnumMember,
      detail: `target ${target}`,
    }));
}

// ---------------------------------------------------------------- members

function memberCompletions(
  view: DocumentView,
  qualifier: string[],
  word: string,
): CompletionItem[] {
  const env = view.analysis.env;
  let m: ModuleSig | undefined =
    qualifier[0] === 'Mirage'
      ? env.mirage
      : (env.mirage.modules.get(qualifier[0]) ?? env.roots.get(qualifier[0]));
  for (const q of qualifier.slice(qualifier[0] === 'Mirage' ? 1 : 1)) m = m?.modules.get(q);
  if (!m) return [];
  const out: CompletionItem[] = [];
  for (const [name, sub] of m.modules) {
    out.push({ label: name, kind: CompletionItemKind.Module, detail: `module ${sub.path}` });
  }
  for (const info of m.values.values()) {
    if (!info.name.startsWith(word)) continue;
    out.push(signatureItem(info, view, '1'));
  }
  return out;
}

// ---------------------------------------------------------------- expected types

/** What the context wants at `start`: after `$` a device of a given type, in `@->` a typ… */
function expectationAt(view: DocumentView, start: number): Expectation {
  const { text } = view;
  let i = start;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (text[i - 1] === '$' && !/[$@<>=|&]/.test(text[i - 2] ?? '')) {
    const t = deviceAfterDollar(view, i - 1);
    if (t) return { kind: 'type', type: t.type, why: t.why };
  }
  if (text.slice(Math.max(0, i - 3), i) === '@->') return { kind: 'typ' };
  const n = nodeAt(view, Math.max(0, i - 1));
  if (n && inRegisterList(n))
    return { kind: 'type', type: con('impl', [con('job')]), why: 'a job to register' };
  return { kind: 'none' };
}

function inRegisterList(n: Node): boolean {
  for (let cur: Node | null = n; cur; cur = cur.parent) {
    if (cur.type === 'list_expression') {
      const app = cur.parent;
      const fn =
        app?.type === 'application_expression' ? app.childForFieldName('function')?.text : '';
      return /(^|\.)register$/.test(fn?.replace(/\s+/g, '') ?? '');
    }
    if (cur.type === 'value_definition') return false;
  }
  return false;
}

/** The device type the functor on the left of a `$` expects next. */
function deviceAfterDollar(view: DocumentView, dollar: number): { type: Type; why: string } | null {
  const root = view.tree.rootNode;
  let j = dollar - 1;
  while (j > 0 && /\s/.test(view.text[j])) j--;
  const leaf = root.descendantForIndex(j, j);
  if (!leaf) return null;
  // Climb to the largest expression that ends before the `$`: the functor side.
  let left: Node = leaf;
  while (
    left.parent &&
    left.parent.endIndex <= dollar &&
    left.parent.type !== 'ERROR' &&
    !/definition|binding|list_expression|compilation_unit/.test(left.parent.type)
  ) {
    left = left.parent;
  }
  let applied = 0;
  let head: Node | null = left;
  while (head) {
    if (head.type === 'parenthesized_expression') head = head.childForFieldName('expression');
    else if (head.type === 'infix_expression' && head.childForFieldName('operator')?.text === '$') {
      applied++;
      head = head.childForFieldName('left');
    } else break;
  }
  if (!head) return null;
  const t = typeOfExpression(view, head);
  if (!t) return null;
  const table = view.analysis.env.table;
  const impl = table.head(t);
  if (impl.k !== 'con' || impl.path !== 'impl') return null;
  let f = table.head(impl.args[0]);
  for (let k = 0; k < applied && f.k === 'arrow'; k++) f = table.head(f.result);
  if (f.k !== 'arrow') return null;
  const name = head.text.length < 40 ? head.text : 'the functor';
  return { type: con('impl', [f.param]), why: `device #${applied + 1} of ${name}` };
}

/** The type the analysis gave an expression, when it is a name we typed. */
function typeOfExpression(view: DocumentView, node: Node): Type | null {
  const ref = referenceOf(view, node);
  if (ref) return ref.type;
  const typing = view.analysis.typing;
  if (typing && node.type === 'value_path') {
    const limit = node.startIndex;
    const toplevel = typing.toplevel;
    for (let i = countBefore(toplevel, (b) => (b.def?.start ?? 0) < limit) - 1; i >= 0; i--)
      if (toplevel[i].name === node.text && toplevel[i].def) return toplevel[i].type;
  }
  return null;
}

// ---------------------------------------------------------------- values

function valueCompletions(
  view: DocumentView,
  offset: number,
  word: string,
  expectation: Expectation,
): CompletionItem[] | CompletionList {
  const table = view.analysis.env.table;
  const expected =
    expectation.kind === 'none'
      ? null
      : expectation.kind === 'typ'
        ? con('typ', [newVar(0)])
        : expectation.type;
  const expectedHead = expected ? table.head(expected) : null;
  /** Cheap test first: a different type constructor can never fit. */
  const mayFit = (t: Type): boolean => {
    const h = table.head(t);
    return h.k !== 'con' || expectedHead?.k !== 'con' || h.path === expectedHead.path;
  };
  const fits = (t: Type): 0 | 1 | 2 => {
    if (!expected) return 2;
    if (mayFit(t) && tryUnify(freshCopy(t), freshCopy(expected), table)) return 0;
    let r = table.head(t);
    while (r.k === 'arrow') r = table.head(r.result);
    return r.k !== 'unknown' && mayFit(r) && tryUnify(freshCopy(r), freshCopy(expected), table)
      ? 1
      : 2;
  };
  const seen = new Set<string>();
  const printer = new TypePrinter(table);
  // A binding's rank for an expected type stays while the binding does: worked out once.
  const expectedKey = expected ? printer.print(expected) : '';
  // Candidates by rank, bindings before DSL values, each in the order met (the nearest
  // binding first). In a long file thousands of bindings are visible: only the items sent
  // are built, so a request allocates little (young-generation collections are the tail).
  const bindings: Binding[][] = [[], [], []];
  const values: ValueInfo[][] = [[], [], []];
  for (const b of visibleBindings(view, offset)) {
    if (seen.has(b.name) || !b.name.startsWith(word)) continue;
    seen.add(b.name);
    let ranks = bindingRanks.get(b.type);
    if (!ranks) bindingRanks.set(b.type, (ranks = new Map()));
    let rank = ranks.get(expectedKey);
    if (rank === undefined) ranks.set(expectedKey, (rank = fits(b.type)));
    bindings[rank].push(b);
  }
  if (opensMirage(view)) {
    // The DSL's values do not change: their rank for an expected type is worked out once.
    for (const info of view.analysis.env.mirage.values.values()) {
      if (seen.has(info.name) || !info.name.startsWith(word) || /^[^a-z_]/.test(info.name))
        continue;
      // The DSL's names are distinct: they are noted only for the library's, listed below.
      if (word.length > 0) seen.add(info.name);
      let ranks = signatureRanks.get(info);
      if (!ranks) signatureRanks.set(info, (ranks = new Map()));
      let rank = ranks.get(expectedKey);
      if (rank === undefined) ranks.set(expectedKey, (rank = fits(info.type)));
      if (expectation.kind !== 'none' && rank === 2 && word.length === 0) continue;
      values[rank].push(info);
    }
  }
  const library: ValueInfo[] = [];
  if (word.length > 0) {
    for (const info of view.analysis.env.initial.values.values()) {
      if (seen.has(info.name) || !info.name.startsWith(word) || /^[^a-z_]/.test(info.name))
        continue;
      seen.add(info.name);
      library.push(info);
    }
  }
  const out: CompletionItem[] = [];
  const full = () => out.length >= COMPLETION_LIMIT;
  for (const rank of [0, 1, 2] as const) {
    for (let i = 0; i < bindings[rank].length && !full(); i++) {
      // The nearest binding that fits is the likely choice.
      out.push(bindingItem(bindings[rank][i], rank, rank === 0 && i === 0, printer));
    }
    for (let i = 0; i < values[rank].length && !full(); i++)
      out.push(signatureItem(values[rank][i], view, VALUE_SORT[rank]));
  }
  for (let i = 0; i < library.length && !full(); i++)
    out.push(signatureItem(library[i], view, '3', CompletionItemKind.Function));
  const total =
    [...bindings, ...values].reduce((n, bucket) => n + bucket.length, 0) + library.length;
  return total > out.length ? { isIncomplete: true, items: out } : out;
}

function opensMirage(view: DocumentView): boolean {
  return view.tree.rootNode.namedChildren.some(
    (c) => c?.type === 'open_module' && c.childForFieldName('module')?.text === 'Mirage',
  );
}

/** Bindings visible at `offset`: top-level ones defined before it and enclosing locals. */
function visibleBindings(view: DocumentView, offset: number): Binding[] {
  const typing = view.analysis.typing;
  if (!typing) return [];
  const item = itemsAt(view, offset)[0] ?? null;
  // Locals are defined in the item being edited: its own uses name them.
  const own = new Set(item ? typing.toplevelIn(item) : []);
  const locals = (item ? typing.referencesIn(item) : [])
    .filter((r) => r.binding.def && r.start === r.binding.def.start && !own.has(r.binding))
    .map((r) => r.binding)
    .filter((b) => b.def!.start >= item!.startIndex && b.def!.end <= offset);
  // Top-level bindings are in document order: those defined before the item are a prefix.
  const toplevel = typing.toplevel;
  const limit = item ? Math.min(item.startIndex, offset) : offset;
  const before = countBefore(toplevel, (b) => (b.def?.end ?? Infinity) <= limit);
  const out = locals.reverse();
  for (let i = before - 1; i >= 0; i--) if (toplevel[i].def !== undefined) out.push(toplevel[i]);
  return out;
}

/** Sort-text prefixes of DSL values, by rank (after the bindings of the same rank). */
const VALUE_SORT = ['01', '11', '21'] as const;

/**
 * Items already built, kept while what they show stays: most of a list is the same from one
 * request to the next, and building it anew was most of what a request allocated (young
 * collections then land in the p95).
 */
const bindingItems = new WeakMap<Binding, { type: Type; items: (CompletionItem | undefined)[] }>();
/** A DSL or library value's items, by rank (and kind, where a list overrides it). */
const signatureItems = new WeakMap<ValueInfo, Map<string, CompletionItem>>();

/** A binding's item for a rank; `preselect` marks the likely choice. */
function bindingItem(
  b: Binding,
  rank: 0 | 1 | 2,
  preselect: boolean,
  printer: TypePrinter,
): CompletionItem {
  let built = bindingItems.get(b);
  if (!built || built.type !== b.type) bindingItems.set(b, (built = { type: b.type, items: [] }));
  const slot = rank * 2 + (preselect ? 1 : 0);
  let item = built.items[slot];
  if (!item) {
    let detail = printedTypes.get(b.type);
    if (detail === undefined) printedTypes.set(b.type, (detail = printer.print(b.type)));
    item = {
      label: b.name,
      kind: repr(b.type).k === 'arrow' ? CompletionItemKind.Function : CompletionItemKind.Variable,
      detail,
      sortText: `${rank}0${b.name}`,
      ...(preselect ? { preselect: true } : {}),
    };
    built.items[slot] = item;
  }
  return item;
}

const signatureRanks = new WeakMap<ValueInfo, Map<string, 0 | 1 | 2>>();
const bindingRanks = new WeakMap<Type, Map<string, 0 | 1 | 2>>();
/** A binding's type, printed: most bindings keep theirs from one keystroke to the next. */
const printedTypes = new WeakMap<Type, string>();

function signatureItem(
  info: ValueInfo,
  view: DocumentView,
  rank: string,
  kind?: CompletionItemKind,
): CompletionItem {
  let variants = signatureItems.get(info);
  if (!variants) signatureItems.set(info, (variants = new Map()));
  const key = kind === undefined ? rank : `${rank}:${kind}`;
  let item = variants.get(key);
  if (!item) {
    item = signatureBase(info, view);
    item.sortText = `${rank}${info.name}`;
    if (kind !== undefined) item.kind = kind;
    variants.set(key, item);
  }
  return item;
}

/** A DSL or library value's item, but for its rank. */
function signatureBase(info: ValueInfo, view: DocumentView): CompletionItem {
  const table = view.analysis.env.table;
  const base: CompletionItem = {
    label: info.name,
    kind: isTyp(info.type, table) ? CompletionItemKind.Class : CompletionItemKind.Function,
    detail: new TypePrinter(table).print(info.type),
    tags: info.deprecated ? [1] : undefined,
    // Docs come with completionItem/resolve: a list of 100 items stays small to send.
    data: {
      era: view.analysis.era.id,
      module: info.module,
      name: info.name,
    } satisfies ResolveData,
  };
  const snippet = snippetFor(info, table);
  if (snippet) {
    base.insertText = snippet;
    base.insertTextFormat = InsertTextFormat.Snippet;
  }
  return base;
}

interface ResolveData {
  era: string;
  module: string;
  name: string;
}

/** Adds the documentation of a DSL or library item (completionItem/resolve). */
export function resolveCompletion(item: CompletionItem, catalog: SignatureCatalog): CompletionItem {
  const data = item.data as ResolveData | undefined;
  const era = data && eraById(data.era);
  if (!data || !era) return item;
  const env = catalog.environment(era);
  const [root, ...path] = data.module.split('.');
  let m: ModuleSig | undefined =
    root === 'Mirage' ? env.mirage : root === 'Stdlib' ? env.initial : env.roots.get(root);
  for (const p of path) m = m?.modules.get(p);
  const info = m?.values.get(data.name);
  if (!info) return item;
  const value = factsMarkdown(valueFacts(info, catalog, era)).join('\n\n');
  return value ? { ...item, documentation: { kind: MarkupKind.Markdown, value } } : item;
}

function isTyp(t: Type, table: { head(t: Type): Type }): boolean {
  const h = table.head(t);
  return h.k === 'con' && h.path === 'typ';
}

/** `netif ${1:name}` for constructors with required positional arguments. */
function snippetFor(info: ValueInfo, table: { head(t: Type): Type }): string | null {
  const parts: string[] = [];
  let cur = table.head(info.type);
  while (cur.k === 'arrow') {
    if (!cur.optional && !cur.label) {
      const p = table.head(cur.param);
      const n = parts.length + 1;
      if (p.k === 'con' && p.path === 'unit') parts.push('()');
      else if (p.k === 'con' && p.path === 'string') parts.push(`"\${${n}}"`);
      else parts.push(`\${${n}}`);
    }
    cur = table.head(cur.result);
  }
  if (parts.length === 0 || cur.k !== 'con' || cur.path !== 'impl') return null;
  return `${info.name} ${parts.join(' ')}`;
}
