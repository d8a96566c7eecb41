import { countBefore } from '../syntax/search';
import type { SyntaxNode as Node, SyntaxTree as Tree } from '../syntax/tree';
import { Position } from 'vscode-languageserver-types';
import { ConfigAnalysis } from '../analysis/check';
import { Binding, Reference } from '../typing/infer';
import { GENERIC, TVar, Type, arrow, con, repr, tuple, variant } from '../typing/types';

/** What every feature reads: the text, its tree and the last analysis of that text. */
export interface DocumentView {
  readonly uri: string;
  readonly text: string;
  readonly tree: Tree;
  readonly analysis: ConfigAnalysis;
}

export function offsetOf(view: DocumentView, p: Position): number {
  return view.analysis.lines.offset(p);
}

/** The smallest named node around an offset (or just before it, at the end of a word). */
export function nodeAt(view: DocumentView, offset: number): Node | null {
  const root = view.tree.rootNode;
  const at = root.namedDescendantForIndex(offset, offset);
  if (at && at.startIndex <= offset && offset < at.endIndex) return at;
  return offset > 0 ? root.namedDescendantForIndex(offset - 1, offset - 1) : at;
}

const sortedRefs = new WeakMap<ConfigAnalysis, Reference[]>();

function references(view: DocumentView): Reference[] {
  let refs = sortedRefs.get(view.analysis);
  if (!refs) {
    refs = [...(view.analysis.typing?.references ?? [])].sort(
      (a, b) => a.start - b.start || b.end - a.end,
    );
    sortedRefs.set(view.analysis, refs);
  }
  return refs;
}

/** The top-level items whose span includes the offset: two where one ends as the next starts. */
export function itemsAt(view: DocumentView, offset: number): Node[] {
  const items = view.tree.rootNode.children;
  const lo = countBefore(items, (item) => item.endIndex < offset);
  const out: Node[] = [];
  for (let i = lo; i < items.length && items[i].startIndex <= offset; i++) out.push(items[i]);
  return out;
}

/** The use or definition of a name that covers the offset (innermost). */
export function referenceAt(view: DocumentView, offset: number): Reference | undefined {
  // Uses lie inside their top-level item: only the items around the offset are searched.
  const typing = view.analysis.typing;
  let found: Reference | undefined;
  for (const item of typing ? itemsAt(view, offset) : [])
    for (const r of typing!.referencesIn(item)) {
      if (r.start > offset || offset > r.end) continue;
      // The narrowest; between equally narrow ones (`a$b` at the `$`), the later one.
      const width = r.end - r.start;
      const best = found ? found.end - found.start : Infinity;
      if (width < best || (width === best && r.start >= found!.start)) found = r;
    }
  return found;
}

/** The use of a name spanning exactly `node`, looked up in its top-level item only. */
export function referenceOf(view: DocumentView, node: Node): Reference | undefined {
  const typing = view.analysis.typing;
  for (const item of typing ? itemsAt(view, node.startIndex) : [])
    for (const r of typing!.referencesIn(item))
      if (r.start === node.startIndex && r.end === node.endIndex) return r;
  return undefined;
}

export function referencesTo(view: DocumentView, binding: Binding): Reference[] {
  return references(view).filter((r) => r.binding === binding);
}

/** The identifier characters just before an offset (what the user is typing). */
export function wordBefore(
  text: string,
  offset: number,
): { start: number; word: string; qualifier: string[] } {
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_']/.test(text[start - 1])) start--;
  const word = text.slice(start, offset);
  const qualifier: string[] = [];
  let q = start;
  while (q > 0 && text[q - 1] === '.') {
    let s = q - 1;
    while (s > 0 && /[A-Za-z0-9_']/.test(text[s - 1])) s--;
    const name = text.slice(s, q - 1);
    if (!/^[A-Z]/.test(name)) break;
    qualifier.unshift(name);
    q = s;
  }
  return { start, word, qualifier };
}

/** A copy with fresh variables everywhere, so trial unifications leave the original intact. */
export function freshCopy(t: Type): Type {
  const copies = new Map<Type, Type>();
  const go = (x: Type): Type => {
    const r = repr(x);
    switch (r.k) {
      case 'var': {
        let c = copies.get(r);
        if (!c) {
          c = { k: 'var', id: -r.id, level: GENERIC - 1, link: null, name: r.name } as TVar;
          copies.set(r, c);
        }
        return c;
      }
      case 'con':
        return r.args.length ? con(r.path, r.args.map(go)) : r;
      case 'arrow':
        return arrow(go(r.param), go(r.result), r.label, r.optional);
      case 'tuple':
        return tuple(r.items.map(go));
      case 'variant': {
        const fields = new Map<string, Type | null>();
        for (const [k, f] of r.fields) fields.set(k, f ? go(f) : null);
        return variant(fields, new Set(r.lower), r.upper ? new Set(r.upper) : null, GENERIC - 1);
      }
      case 'unknown':
        return r;
    }
  };
  return go(t);
}

const registersOf = new WeakMap<Node, Node[]>();

/** `register` applications in a top-level item (looked for once per item). */
export function registerCallsIn(item: Node): Node[] {
  let calls = registersOf.get(item);
  if (!calls) {
    calls = item
      .descendantsOfType('application_expression')
      .filter((n) =>
        /^(Mirage\s*\.\s*)?register$/.test(n.childForFieldName('function')?.text ?? ''),
      );
    registersOf.set(item, calls);
  }
  return calls;
}

/** `register` applications anywhere in the file. */
export function registerCalls(view: DocumentView): Node[] {
  return view.tree.rootNode.children.flatMap(registerCallsIn);
}
