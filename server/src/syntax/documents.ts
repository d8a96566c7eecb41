import type { Tree } from 'web-tree-sitter';
import { LineIndex } from './lines';
import { OcamlParsers, editFor } from './parser';
import { SyntaxTree } from './tree';

export interface TextChange {
  /** Absent for a full replacement. */
  readonly range?: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  };
  readonly text: string;
}

/**
 * An open document: its text, version and syntax trees, kept in step incrementally (the
 * wasm tree re-parses incrementally; its JavaScript copy reuses unchanged items).
 */
export class ParsedDocument {
  private copy: SyntaxTree | null;

  private constructor(
    readonly uri: string,
    public text: string,
    public version: number,
    private readonly parsers: OcamlParsers,
    private wasm: Tree | null,
  ) {
    this.copy = wasm ? SyntaxTree.from(wasm, text) : null;
  }

  static open(parsers: OcamlParsers, uri: string, text: string, version: number): ParsedDocument {
    return new ParsedDocument(uri, text, version, parsers, parsers.parse(text));
  }

  /** The syntax tree, parsed again if it was released. */
  get tree(): SyntaxTree {
    if (!this.copy) {
      this.wasm = this.parsers.parse(this.text);
      this.copy = SyntaxTree.from(this.wasm, this.text);
    }
    return this.copy;
  }

  /** Whether the trees are held (a released document costs only its text). */
  get parsed(): boolean {
    return this.copy !== null;
  }

  /**
   * Where the copy may differ from the wasm tree (in the current text): pieces re-parsed on
   * their own since the wasm tree was last parsed. The wasm tree has the edits, not the parse.
   */
  private stale: Span | null = null;

  /** Whether the last update re-parsed only the items around its edit (for tests). */
  locallyParsed = false;

  /** Applies LSP content changes in order, re-parsing incrementally. */
  update(parsers: OcamlParsers, changes: readonly TextChange[], version: number): void {
    let tree = this.wasm;
    // All the changes as one splice: text[lo, oldEnd) of the old text became [lo, newEnd).
    const oldLength = this.text.length;
    let lo = Infinity;
    let suffix = oldLength;
    for (const change of changes) {
      if (!change.range || !tree) {
        this.text = change.range ? applyChange(this.text, change) : change.text;
        tree?.delete();
        tree = null;
        continue;
      }
      // The tree's line index is the one the last analysis built: only a second change in
      // the same notification indexes its text again.
      const lines =
        this.copy && this.copy.text === this.text ? this.copy.lines : new LineIndex(this.text);
      const start = lines.offsetInLine(change.range.start);
      const end = Math.max(start, lines.offsetInLine(change.range.end));
      tree.edit(editFor(lines, start, end, change.text));
      lo = Math.min(lo, start);
      suffix = Math.min(suffix, this.text.length - end);
      this.text = this.text.slice(0, start) + change.text + this.text.slice(end);
    }
    this.version = version;
    this.locallyParsed = false;
    if (!tree || !this.copy || lo === Infinity) {
      tree?.delete();
      this.wasm = parsers.parse(this.text);
      this.copy = SyntaxTree.from(this.wasm, this.text);
      this.stale = null;
      return;
    }
    const splice = { start: lo, oldEnd: oldLength - suffix, newEnd: this.text.length - suffix };
    // Most edits: parse the items around the edit alone; the wasm tree catches up later.
    const local = SyntaxTree.reparsedLocally(this.text, this.copy, splice, (piece) =>
      parsers.parse(piece),
    );
    if (local) {
      this.locallyParsed = true;
      this.copy = local.tree;
      this.wasm = tree;
      this.stale = cover(moved(this.stale, splice), local.region);
      return;
    }
    const next = parsers.parse(this.text, tree);
    // Items re-parsed alone are not in the wasm tree: they are copied again.
    const wide = this.stale
      ? {
          start: Math.min(splice.start, this.stale.start),
          oldEnd: Math.max(splice.oldEnd, this.stale.end),
          newEnd: Math.max(splice.oldEnd, this.stale.end) + splice.newEnd - splice.oldEnd,
        }
      : splice;
    this.copy = SyntaxTree.edited(next, this.text, this.copy, wide);
    tree.delete();
    this.wasm = next;
    this.stale = null;
  }

  /** Frees both trees; the next use parses the text again. */
  release(): void {
    this.wasm?.delete();
    this.wasm = null;
    this.copy = null;
    this.stale = null;
  }

  close(): void {
    this.release();
  }
}

type Span = { start: number; end: number };

/** A span of the old text in the new one, after `splice`. */
function moved(span: Span | null, splice: { start: number; oldEnd: number; newEnd: number }) {
  if (!span) return null;
  const at = (p: number) =>
    p <= splice.start ? p : p >= splice.oldEnd ? p + splice.newEnd - splice.oldEnd : splice.newEnd;
  return { start: at(span.start), end: at(span.end) };
}

function cover(a: Span | null, b: Span): Span {
  return a ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : b;
}

function applyChange(text: string, change: TextChange): string {
  if (!change.range) return change.text;
  const lines = new LineIndex(text);
  const start = lines.offsetInLine(change.range.start);
  const end = Math.max(start, lines.offsetInLine(change.range.end));
  return text.slice(0, start) + change.text + text.slice(end);
}
