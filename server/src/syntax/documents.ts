import type { Tree } from 'web-tree-sitter';
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
  tree: SyntaxTree;

  private constructor(
    readonly uri: string,
    public text: string,
    public version: number,
    private wasm: Tree,
  ) {
    this.tree = SyntaxTree.from(wasm, text);
  }

  static open(parsers: OcamlParsers, uri: string, text: string, version: number): ParsedDocument {
    return new ParsedDocument(uri, text, version, parsers.parse(text));
  }

  /** Applies LSP content changes in order, re-parsing incrementally. */
  update(parsers: OcamlParsers, changes: readonly TextChange[], version: number): void {
    let tree = this.wasm;
    for (const change of changes) {
      if (!change.range) {
        this.text = change.text;
        tree.delete();
        tree = parsers.parse(this.text);
        continue;
      }
      const start = offsetAt(this.text, change.range.start);
      const end = Math.max(start, offsetAt(this.text, change.range.end));
      tree.edit(editFor(this.text, start, end, change.text));
      this.text = this.text.slice(0, start) + change.text + this.text.slice(end);
    }
    const next = parsers.parse(this.text, tree);
    tree.delete();
    this.wasm = next;
    this.tree = SyntaxTree.from(next, this.text, this.tree);
    this.version = version;
  }

  close(): void {
    this.wasm.delete();
  }
}

/** UTF-16 offset of an LSP position, clamped into the text (editors may send stale ones). */
export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const limit = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, pos.character), limit);
}
