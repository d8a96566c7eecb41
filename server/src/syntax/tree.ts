import type { Language, Tree as WasmTree, TreeCursor } from 'web-tree-sitter';
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

  /**
   * Copies a wasm tree. `previous` is the copy of the text before the edit: its top-level
   * items whose text is unchanged are reused (moved, not copied again).
   */
  static from(wasm: WasmTree, text: string, previous?: SyntaxTree): SyntaxTree {
    const tree = new SyntaxTree(text);
    const root = tree.rootNode;
    const reusable = new Map<string, SyntaxNode[]>();
    if (previous) {
      for (const item of previous.rootNode.children) {
        if (item.hasError || item.isMissing) continue;
        const key = item.text;
        let list = reusable.get(key);
        if (!list) reusable.set(key, (list = []));
        list.push(item);
      }
    }
    const language = wasm.language;
    const named = namedTypesOf(language);
    const cursor = wasm.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do {
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          const field = cursor.currentFieldName;
          const old = reusable.get(text.slice(start, end))?.shift();
          if (old && old.type === cursor.nodeType) {
            root.addChild(rebase(old, tree, start), field);
          } else {
            root.addChild(copy(cursor, { base: start, tree }, start, language, named), field);
          }
          if (root.children[root.children.length - 1].hasError) root.hasError = true;
        } while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    return tree;
  }
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

/** Per grammar: whether each node type is named (a property of the type, asked once). */
const namedTypes = new WeakMap<Language, boolean[]>();

/**
 * Copies the cursor's node and its descendants. Each cursor property crosses into wasm, and
 * a cold start copies before any of it is optimised: ask only what the node needs.
 */
function namedTypesOf(language: Language): boolean[] {
  let named = namedTypes.get(language);
  if (!named) namedTypes.set(language, (named = []));
  return named;
}

function copy(
  cursor: TreeCursor,
  anchor: Anchor,
  base: number,
  language: Language,
  named: boolean[],
): SyntaxNode {
  const id = cursor.nodeTypeId;
  const type = language.types[id] || 'ERROR';
  const isNamed = (named[id] ??= language.nodeTypeIsNamed(id));
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  // A missing node is inserted by error recovery without text: only an empty node can be one.
  const missing = start === end && cursor.nodeIsMissing;
  const node = new SyntaxNode(
    type,
    isNamed,
    missing,
    start - base,
    end - base,
    anchor,
    missing || type === 'ERROR',
  );
  if (cursor.gotoFirstChild()) {
    do {
      const field = cursor.currentFieldName;
      const child = copy(cursor, anchor, base, language, named);
      node.addChild(child, field);
      if (child.hasError) node.hasError = true;
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}
