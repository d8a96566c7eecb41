import type { Language, Tree as WasmTree, TreeCursor } from 'web-tree-sitter';
import { LineIndex } from './lines';
import { countBefore } from './search';

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
  /** The wasm subtree the item was copied from: tree-sitter reuses it while it is unchanged. */
  readonly id: number;
}

const NO_CHILDREN: SyntaxNode[] = [];

const NAMED = 1;
const MISSING = 2;
const HAS_ERROR = 4;

/**
 * One node of the copy. A document of 500 lines has ~10k of them and the server keeps several
 * documents, so a node is kept small: flags in one number, its field name (shared with the
 * grammar) on the node itself rather than a map in its parent, and arrays of exact length.
 */
export class SyntaxNode {
  children: SyntaxNode[] = NO_CHILDREN;
  parent: SyntaxNode | null = null;
  /** The field of the parent this node fills (`function`, `argument`, ...), if any. */
  field: string | null = null;
  private named: SyntaxNode[] | null = null;
  private flags: number;

  constructor(
    readonly type: string,
    isNamed: boolean,
    isMissing: boolean,
    /** Offsets relative to the anchor's base. */
    private readonly relStart: number,
    private readonly relEnd: number,
    readonly anchor: Anchor,
    hasError: boolean,
  ) {
    this.flags = (isNamed ? NAMED : 0) | (isMissing ? MISSING : 0) | (hasError ? HAS_ERROR : 0);
  }

  get isNamed(): boolean {
    return (this.flags & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.flags & MISSING) !== 0;
  }

  get hasError(): boolean {
    return (this.flags & HAS_ERROR) !== 0;
  }

  set hasError(value: boolean) {
    this.flags = value ? this.flags | HAS_ERROR : this.flags & ~HAS_ERROR;
  }

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
    // Read-only for callers: when every child is named, the children array itself.
    this.named ??= this.children.every((c) => c.isNamed)
      ? this.children
      : exact(this.children.filter((c) => c.isNamed));
    return this.named;
  }

  /** @internal used while copying; `finish` trims the array once all children are in. */
  addChild(child: SyntaxNode, field: string | null): void {
    if (this.children === NO_CHILDREN) this.children = [];
    this.children.push(child);
    child.parent = this;
    child.field = field || null;
  }

  /** @internal the children are complete: drop the spare room `push` left in the array. */
  finish(): void {
    if (this.children !== NO_CHILDREN) this.children = exact(this.children);
  }

  childForFieldName(name: string): SyntaxNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === name);
  }

  fieldNameForChild(i: number): string | null {
    return this.children[i]?.field ?? null;
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

/** A copy without spare capacity (`slice` allocates exactly the length; `push` grows by half + 16). */
function exact<T>(xs: T[]): T[] {
  return xs.length === 0 ? (NO_CHILDREN as T[]) : xs.slice();
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
      // Children are in order: skip those ending before `end` (thousands at the top level).
      const kids = cur.children;
      let next: SyntaxNode | undefined;
      for (let i = countBefore(kids, (c) => c.endIndex < end); i < kids.length; i++) {
        const c = kids[i];
        if (c.startIndex > start) break;
        if (c.endIndex > c.startIndex) {
          next = c;
          break;
        }
      }
      if (!next) break;
      cur = next;
      if (!named || cur.isNamed) best = cur;
    }
    return best;
  }
}

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  private lineIndex: LineIndex | null = null;

  private constructor(readonly text: string) {
    this.rootNode = new SyntaxNode(
      'compilation_unit',
      true,
      false,
      0,
      text.length,
      { base: 0, tree: this, id: 0 },
      false,
    );
  }

  /** Where the lines of the text start: built once per text, for the analysis and edits too. */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  point(offset: number): Point {
    const p = this.lines.position(offset);
    return { row: p.line, column: p.character };
  }

  offsetOfPoint(p: Point): number {
    return this.lines.offset({ line: p.row, character: p.column });
  }

  /** Copies a whole wasm tree. */
  static from(wasm: WasmTree, text: string): SyntaxTree {
    const tree = new SyntaxTree(text);
    const cursor = wasm.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do tree.rootNode.addChild(copyItem(cursor, tree, wasm.language), cursor.currentFieldName);
        while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    tree.rootNode.hasError = tree.rootNode.children.some((c) => c.hasError);
    return tree;
  }

  /**
   * The copy of a re-parsed tree, reusing `previous` (the copy before the edit). Tree-sitter
   * keeps the subtrees it could reuse, so top-level items around the edit whose wasm subtree
   * is still there are moved (those after the edit shift), and only the items in between are
   * copied from wasm. `splice` is the edit as one replaced span: old [start, oldEnd) became
   * new [start, newEnd).
   */
  static edited(
    wasm: WasmTree,
    text: string,
    previous: SyntaxTree,
    splice: { start: number; oldEnd: number; newEnd: number },
  ): SyntaxTree {
    const old = previous.rootNode.children;
    const wasmRoot = wasm.rootNode;
    const count = wasmRoot.childCount;
    const delta = count - old.length;
    const shift = splice.newEnd - splice.oldEnd;
    // Whether old item j is wasm child k, untouched, at its old start moved by `by`.
    const kept = (j: number, k: number, by: number) => {
      const n = k >= 0 && k < count ? wasmRoot.child(k) : null;
      return n !== null && n.id === old[j].anchor.id && n.startIndex === old[j].startIndex + by;
    };
    // A few items on each side of the boundary are checked, not just one.
    const keptBefore = (b: number) => [1, 2, 3].every((o) => b - o < 0 || kept(b - o, b - o, 0));
    const keptAfter = (a: number) =>
      [0, 1, 2].every((o) => a + o >= old.length || kept(a + o, a + o + delta, shift));
    // Items strictly before the edit, less one (an edit next to a token may extend it), then
    // back to where tree-sitter kept them: a changed lookahead can re-parse items above.
    let before = Math.max(0, countBefore(old, (n) => n.endIndex <= splice.start - 1) - 1);
    while (before > 0 && !keptBefore(before)) before--;
    // Items strictly after the edit, less one, then on to where tree-sitter kept them.
    let after = Math.min(old.length, countBefore(old, (n) => n.startIndex <= splice.oldEnd) + 1);
    while (after < old.length && (after + delta < before || !keptAfter(after))) after++;
    const fresh = count - before - (old.length - after);
    if (fresh < 0) return SyntaxTree.from(wasm, text);
    const tree = new SyntaxTree(text);
    const root = tree.rootNode;
    for (let j = 0; j < before; j++) moveItem(old[j], tree, old[j].startIndex);
    for (let k = before; k < before + fresh; k++) {
      const item = wasmRoot.child(k)!;
      const cursor = item.walk();
      try {
        root.addChild(copyItem(cursor, tree, wasm.language), wasmRoot.fieldNameForChild(k));
      } finally {
        cursor.delete();
      }
    }
    for (let j = after; j < old.length; j++) moveItem(old[j], tree, old[j].startIndex + shift);
    root.hasError = root.children.some((c) => c.hasError);
    return tree;
  }

  /**
   * The copy after an edit, from a parse of only the top-level items around it; null when
   * that parse may differ from what a parse of the whole file gives. Tree-sitter's own
   * incremental parse costs time in proportion to the file (≈10 ms at 5,000 lines, whatever
   * the edit), while the items around an edit are a few hundred characters.
   *
   * The piece parsed is the items the edit touches, with untouched items on each side: one
   * after (or up to the end of the file), two before (or from the start). The parse is
   * trusted when the untouched ones come out as they were, so the parser was between items
   * at both ends as in the whole file. Error recovery is not local (it may pop back across
   * items): an error is accepted only in a piece that runs to the end of the file, where it
   * sees what the whole-file parse sees after it, and no erroneous item may lie near it.
   * `region` is the span of the items copied from the piece, in the new text: they are not in
   * the wasm tree.
   */
  static reparsedLocally(
    text: string,
    previous: SyntaxTree,
    splice: { start: number; oldEnd: number; newEnd: number },
    parse: (piece: string) => WasmTree,
  ): { tree: SyntaxTree; region: { start: number; end: number } } | null {
    const old = previous.rootNode.children;
    // Touched: items from the first one ending at or after the edit to the last one starting
    // at or before its end (a token next to an edit may grow into it).
    const first = countBefore(old, (n) => n.endIndex < splice.start);
    const past = countBefore(old, (n) => n.startIndex <= splice.oldEnd);
    // An item being typed at the end of a file is often an error that recovery closes by
    // taking in the item before it: that one is then touched too, and the piece starts earlier.
    for (let widened = 0; widened <= WIDEN_LIMIT && first - widened >= 0; widened++) {
      const result = SyntaxTree.reparsePiece(text, old, splice, first - widened, past, parse);
      if (result !== 'lead changed') return result;
    }
    return null;
  }

  /**
   * One try of `SyntaxTree.reparsedLocally` with items `first` to `past` (exclusive) touched:
   * the new tree, null when the whole file must be parsed, or 'lead changed' when only the
   * untouched items before the piece came out differently.
   */
  private static reparsePiece(
    text: string,
    old: readonly SyntaxNode[],
    splice: { start: number; oldEnd: number; newEnd: number },
    first: number,
    past: number,
    parse: (piece: string) => WasmTree,
  ): { tree: SyntaxTree; region: { start: number; end: number } } | null | 'lead changed' {
    const shift = splice.newEnd - splice.oldEnd;
    // Untouched items that are not comments: a comment leaves the parser where it was, and
    // the parse of a piece starts in the state of the file's first item.
    let lo = first;
    for (let real = 0; lo > 0 && real < 2;) if (old[--lo].type !== 'comment') real++;
    let hi = past;
    while (hi < old.length && old[hi].type === 'comment') hi++;
    hi = Math.min(old.length, hi + 1);
    const toEnd = hi === old.length;
    const start = lo > 0 ? old[lo].startIndex : 0;
    const end = toEnd ? text.length : old[hi - 1].endIndex + shift;
    if (end - start > LOCAL_PARSE_LIMIT || end < start) return null;
    // Error recovery there could reach into the piece in a whole-file parse.
    for (let j = Math.max(0, lo - ERROR_DISTANCE); j < lo; j++) if (old[j].hasError) return null;
    for (let j = hi; j < Math.min(old.length, hi + ERROR_DISTANCE); j++)
      if (old[j].hasError) return null;
    const piece = parse(text.slice(start, end));
    try {
      const root = piece.rootNode;
      const count = root.childCount;
      if (root.hasError && !toEnd) return null;
      const same = (k: number, was: SyntaxNode, by: number) => {
        const n = k >= 0 && k < count ? root.child(k) : null;
        return (
          n !== null &&
          !n.hasError &&
          n.type === was.type &&
          n.startIndex === was.startIndex + by - start &&
          n.endIndex === was.endIndex + by - start
        );
      };
      for (let j = lo; j < first; j++) if (!same(j - lo, old[j], 0)) return 'lead changed';
      for (let j = past; j < hi; j++) if (!same(count - (hi - j), old[j], shift)) return null;
      // The untouched items came out as they were: the old ones stay (the analysis keeps what
      // it knows of them); the touched ones are copied from the piece.
      const tree = new SyntaxTree(text);
      const top = tree.rootNode;
      for (let j = 0; j < first; j++) moveItem(old[j], tree, old[j].startIndex);
      let region = { start: splice.start, end: splice.newEnd };
      const cursor = piece.walk();
      try {
        cursor.gotoFirstChild();
        for (let k = 0; k < count - (hi - past); k++, cursor.gotoNextSibling()) {
          if (k < first - lo) continue;
          const item = copyItem(cursor, tree, piece.language, start, NOT_IN_WASM);
          top.addChild(item, cursor.currentFieldName);
          region = {
            start: Math.min(region.start, item.startIndex),
            end: Math.max(region.end, item.endIndex),
          };
        }
      } finally {
        cursor.delete();
      }
      for (let j = past; j < old.length; j++) moveItem(old[j], tree, old[j].startIndex + shift);
      top.hasError = top.children.some((c) => c.hasError);
      return { tree, region };
    } finally {
      piece.delete();
    }
  }
}

/** Above this many characters a piece costs more to parse alone than the file incrementally. */
const LOCAL_PARSE_LIMIT = 8192;
/** How many items around a locally parsed piece must be free of errors. */
const ERROR_DISTANCE = 20;
/** How many items before the touched ones a piece may take in when they came out changed. */
const WIDEN_LIMIT = 2;

/**
 * Copies the item under the cursor. `offset` is where the parsed text starts in the document
 * and `id` the wasm subtree to remember (NOT_IN_WASM for a parse of a piece of the text).
 */
function copyItem(
  cursor: TreeCursor,
  tree: SyntaxTree,
  language: Language,
  offset = 0,
  id: number = cursor.nodeId,
): SyntaxNode {
  const start = cursor.startIndex;
  const anchor = { base: offset + start, tree, id };
  return copy(cursor, anchor, start, language, namedTypesOf(language));
}

/** The id of items copied from a parse of a piece of the text: no subtree of the file's tree. */
const NOT_IN_WASM = -1;

/** Moves a reused item into the new tree: the same nodes, a new base and owner. */
function moveItem(item: SyntaxNode, tree: SyntaxTree, start: number): void {
  item.anchor.base = start;
  item.anchor.tree = tree;
  // Field names are rare at the top (error recovery): carried over with the item.
  tree.rootNode.addChild(item, item.field);
}

/** Per grammar: whether each node type is named (a property of the type, asked once). */
const namedTypes = new WeakMap<Language, boolean[]>();

function namedTypesOf(language: Language): boolean[] {
  let named = namedTypes.get(language);
  if (!named) namedTypes.set(language, (named = []));
  return named;
}

/**
 * Copies the cursor's node and its descendants. Each cursor property crosses into wasm, and
 * a cold start copies before any of it is optimised: ask only what the node needs.
 */
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
    node.finish();
  }
  return node;
}
