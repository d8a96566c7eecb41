import type { Tree as WasmTree, TreeCursor } from 'web-tree-sitter';
import { LineIndex } from './lines';

/**
 * A plain-JavaScript copy of a tree-sitter tree. Every node access on the wasm tree crosses
 * into WebAssembly; the analysis touches each node many times, so it works on this copy
 * instead. Top-level items are copied once and reused while their text does not change:
 * their offsets are relative to a movable base, so an edit above them costs nothing.
 */

export interface Point {
  row: number;
  column: number;
}

/** Where an item currently starts, and in which tree; shared by all the nodes of the item. */
interface Anchor {
  base: number;
  tree: SyntaxTree;
}

const NO_CHILDREN: SyntaxNode[] = [];

export class SyntaxNode {
  children: SyntaxNode[] = NO_CHILDREN;
  private fields: Map<string, SyntaxNode[]> | null = null;
  private named: SyntaxNode[] | null = null;
  parent: SyntaxNode | null = null;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    /** Offsets relative to the anchor's base. */
    private readonly relStart: number,
    private readonly relEnd: number,
    readonly anchor: Anchor,
    public hasError: boolean,
  ) {}

  get tree(): SyntaxTree {
    return this.anchor.tree;
  }

  get startIndex(): number {
    return this.anchor.base + this.relStart;
  }

  get endIndex(): number {
    return this.anchor.base + this.relEnd;
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get startPosition(): Point {
    return this.tree.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.point(this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  child(i: number): SyntaxNode | null {
    return this.children[i] ?? null;
  }

  get namedChildren(): SyntaxNode[] {
    this.named ??= this.children.filter((c) => c.isNamed);
    return this.named;
  }

  /** @internal used while copying. */
  addChild(child: SyntaxNode, field: string | null): void {
    if (this.children === NO_CHILDREN) this.children = [];
    this.children.push(child);
    child.parent = this;
    if (field) {
      this.fields ??= new Map();
      let list = this.fields.get(field);
      if (!list) this.fields.set(field, (list = []));
      list.push(child);
    }
  }

  childForFieldName(name: string): SyntaxNode | null {
    return this.fields?.get(name)?.[0] ?? null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.fields?.get(name) ?? NO_CHILDREN;
  }

  fieldNameForChild(i: number): string | null {
    const c = this.children[i];
    if (!c || !this.fields) return null;
    for (const [name, list] of this.fields) if (list.includes(c)) return name;
    return null;
  }

  get previousSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    const i = siblings.indexOf(this);
    return i > 0 ? siblings[i - 1] : null;
  }

  get nextSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    const i = siblings.indexOf(this);
    return i >= 0 && i + 1 < siblings.length ? siblings[i + 1] : null;
  }

  /** Descendants (this node included) of the given types, in document order. */
  descendantsOfType(types: string | string[], from?: Point, to?: Point): SyntaxNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const lo = from ? this.tree.offsetOfPoint(from) : -Infinity;
    const hi = to ? this.tree.offsetOfPoint(to) : Infinity;
    const out: SyntaxNode[] = [];
    const walk = (n: SyntaxNode): void => {
      if (n.endIndex < lo || n.startIndex > hi) return;
      if (wanted.includes(n.type)) out.push(n);
      for (const c of n.children) walk(c);
    };
    walk(this);
    return out;
  }

  /** The smallest node (named, if asked) that contains [start, end]. */
  descendantForIndex(start: number, end = start): SyntaxNode | null {
    return this.smallest(start, end, false);
  }

  namedDescendantForIndex(start: number, end = start): SyntaxNode | null {
    return this.smallest(start, end, true);
  }

  private smallest(start: number, end: number, named: boolean): SyntaxNode | null {
    return smallestFrom(this, start, end, named);
  }
}

function smallestFrom(
  root: SyntaxNode,
  start: number,
  end: number,
  named: boolean,
): SyntaxNode | null {
  {
    let best: SyntaxNode | null = root.startIndex <= start && end <= root.endIndex ? root : null;
    let cur: SyntaxNode = root;
    for (;;) {
      const next: SyntaxNode | undefined = cur.children.find(
        (c) => c.startIndex <= start && end <= c.endIndex && c.endIndex > c.startIndex,
      );
      if (!next) break;
      cur = next;
      if (!named || cur.isNamed) best = cur;
    }
    return best;
  }
}

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  private lines: LineIndex | null = null;

  private constructor(readonly text: string) {
    this.rootNode = new SyntaxNode(
      'compilation_unit',
      true,
      false,
      0,
      text.length,
      { base: 0, tree: this },
      false,
    );
  }

  point(offset: number): Point {
    this.lines ??= new LineIndex(this.text);
    const p = this.lines.position(offset);
    return { row: p.line, column: p.character };
  }

  static empty(text: string): SyntaxTree {
    return new SyntaxTree(text);
  }

  offsetOfPoint(p: Point): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.offset({ line: p.row, character: p.column });
  }

  /** Copies a whole wasm tree. */
  static from(wasm: WasmTree, text: string): SyntaxTree {
    const tree = new SyntaxTree(text);
    const cursor = wasm.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do tree.rootNode.addChild(copyItem(cursor, tree), cursor.currentFieldName);
        while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    tree.rootNode.hasError = tree.rootNode.children.some((c) => c.hasError);
    return tree;
  }

  /**
   * The copy of a re-parsed tree, reusing `previous` (the copy before the edit): top-level
   * items clear of the edited text and of the ranges tree-sitter reports as changed are the
   * same in both trees, so they are moved (those after the edit shift), and only the items
   * in between are copied from wasm.
   */
  static edited(
    wasm: WasmTree,
    text: string,
    previous: SyntaxTree,
    splice: { start: number; oldEnd: number; newEnd: number },
    changed: readonly { startIndex: number; endIndex: number }[],
  ): SyntaxTree {
    // The region to copy anew, in new offsets; everything outside it is reused.
    let lo = splice.start;
    let hi = splice.newEnd;
    for (const r of changed) {
      lo = Math.min(lo, r.startIndex);
      hi = Math.max(hi, r.endIndex);
    }
    const shift = splice.newEnd - splice.oldEnd;
    const old = previous.rootNode.children;
    // Items touching the region are copied, and one more on each side: tree-sitter does not
    // report zero-width changes (a MISSING `;;` between two items) in its changed ranges.
    let before = 0;
    while (before < old.length && old[before].endIndex < lo) before++;
    before = Math.max(0, before - 1);
    let after = old.length;
    while (after > before && old[after - 1].startIndex + shift > hi) after--;
    after = Math.min(old.length, after + 1);
    const wasmRoot = wasm.rootNode;
    const fresh = wasmRoot.childCount - before - (old.length - after);
    const first = fresh > 0 ? wasmRoot.child(before) : null;
    const last = fresh > 0 ? wasmRoot.child(before + fresh - 1) : null;
    const limit = after < old.length ? old[after].startIndex + shift : text.length;
    // The items kept must frame the copied ones exactly; if not, copy everything.
    if (
      fresh < 0 ||
      (first && before > 0 && first.startIndex < old[before - 1].endIndex) ||
      (last && last.endIndex > limit)
    )
      return SyntaxTree.from(wasm, text);
    const tree = new SyntaxTree(text);
    const root = tree.rootNode;
    // Field names are rare at the top (error recovery): carried over with the item.
    const prev = previous.rootNode;
    const move = (j: number, base: number) =>
      root.addChild(rebase(old[j], tree, base), prev.fieldNameForChild(j));
    for (let j = 0; j < before; j++) move(j, old[j].startIndex);
    for (let k = 0; k < fresh; k++) {
      const item = k === 0 ? first! : wasmRoot.child(before + k)!;
      const cursor = item.walk();
      try {
        root.addChild(copyItem(cursor, tree), wasmRoot.fieldNameForChild(before + k));
      } finally {
        cursor.delete();
      }
    }
    for (let j = after; j < old.length; j++) move(j, old[j].startIndex + shift);
    root.hasError = root.children.some((c) => c.hasError);
    return tree;
  }
}

function copyItem(cursor: TreeCursor, tree: SyntaxTree): SyntaxNode {
  const start = cursor.startIndex;
  return copy(cursor, { base: start, tree }, start);
}

/** A compact, JSON-friendly form of a tree: `[type, flags, start, end, field, children?]`. */
export type PackedNode = [number, number, number, number, number, PackedNode[]?];
export interface PackedTree {
  readonly types: string[];
  readonly fields: string[];
  readonly root: PackedNode[];
}

/** Packs a tree, so a build step can save what parsing our signature files gives. */
export function packTree(tree: SyntaxTree): PackedTree {
  const types: string[] = [];
  const fields: string[] = [''];
  const id = (list: string[], s: string) => {
    let i = list.indexOf(s);
    if (i < 0) i = list.push(s) - 1;
    return i;
  };
  const pack = (n: SyntaxNode, field: string | null): PackedNode => {
    const flags = (n.isNamed ? 1 : 0) | (n.isMissing ? 2 : 0) | (n.hasError ? 4 : 0);
    const kids = n.children.map((c, i) => pack(c, n.fieldNameForChild(i)));
    const out: PackedNode = [
      id(types, n.type),
      flags,
      n.startIndex,
      n.endIndex,
      id(fields, field ?? ''),
    ];
    if (kids.length) out.push(kids);
    return out;
  };
  return {
    types,
    fields,
    root: tree.rootNode.children.map((c, i) => pack(c, tree.rootNode.fieldNameForChild(i))),
  };
}

/** Rebuilds a packed tree for `text` (the same text that was packed). */
export function unpackTree(text: string, packed: PackedTree): SyntaxTree {
  const tree = SyntaxTree.empty(text);
  const anchor = { base: 0, tree };
  const unpack = (p: PackedNode): SyntaxNode => {
    const [type, flags, start, end, , kids] = p;
    const n = new SyntaxNode(
      packed.types[type],
      (flags & 1) !== 0,
      (flags & 2) !== 0,
      start,
      end,
      anchor,
      (flags & 4) !== 0,
    );
    for (const k of kids ?? []) n.addChild(unpack(k), packed.fields[k[4]] || null);
    return n;
  };
  for (const p of packed.root) tree.rootNode.addChild(unpack(p), packed.fields[p[4]] || null);
  return tree;
}

/** Moves a reused item into the new tree: the same nodes, a new base and owner. */
function rebase(item: SyntaxNode, tree: SyntaxTree, start: number): SyntaxNode {
  item.anchor.base = start;
  item.anchor.tree = tree;
  return item;
}

function copy(cursor: TreeCursor, anchor: Anchor, base: number): SyntaxNode {
  const type = cursor.nodeType;
  const missing = cursor.nodeIsMissing;
  const node = new SyntaxNode(
    type,
    cursor.nodeIsNamed,
    missing,
    cursor.startIndex - base,
    cursor.endIndex - base,
    anchor,
    missing || type === 'ERROR',
  );
  if (cursor.gotoFirstChild()) {
    do {
      const field = cursor.currentFieldName;
      const child = copy(cursor, anchor, base);
      node.addChild(child, field);
      if (child.hasError) node.hasError = true;
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}
