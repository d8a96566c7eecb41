import { Edit, Language, Parser, Point, Tree } from 'web-tree-sitter';
import { LineIndex } from './lines';
import { SyntaxTree } from './tree';
import { WASM_FLAGS, setFlags } from '../v8flags';

/** Where the three wasm files are: the runtime and the two OCaml grammars. */
export interface GrammarFiles {
  readonly runtime: string;
  readonly implementation: string;
  readonly interface: string;
}

/**
 * The OCaml parsers (implementation and interface grammars). Loading is asynchronous and
 * happens once; parsing afterwards is synchronous and fast.
 */
export class OcamlParsers {
  private constructor(
    private readonly ml: Parser,
    private mli: Parser | null,
  ) {}

  /** Loads the interface grammar if it was left out (an installed mirage.mli needs it). */
  async withInterface(file: string): Promise<void> {
    if (this.mli) return;
    const parser = new Parser();
    parser.setLanguage(await Language.load(file));
    this.mli = parser;
  }

  /** Loads the grammars; the interface one only when asked (a snapshot can make it unneeded). */
  static async load(files: GrammarFiles, withInterface = true): Promise<OcamlParsers> {
    // Before the grammars are compiled (see v8flags.ts).
    setFlags(WASM_FLAGS);
    await Parser.init({ locateFile: () => files.runtime });
    const [ml, mli] = await Promise.all([
      Language.load(files.implementation),
      withInterface ? Language.load(files.interface) : Promise.resolve(null),
    ]);
    const mlParser = new Parser();
    mlParser.setLanguage(ml);
    let mliParser: Parser | null = null;
    if (mli) {
      mliParser = new Parser();
      mliParser.setLanguage(mli);
    }
    return new OcamlParsers(mlParser, mliParser);
  }

  /** Parses an implementation; with `old` (already edited) the parse is incremental. */
  parse(text: string, old?: Tree): Tree {
    const tree = this.ml.parse(text, old ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  parseInterface(text: string): Tree {
    if (!this.mli) throw new Error('the interface grammar was not loaded');
    const tree = this.mli.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /** A one-off parse into the JavaScript tree the analysis reads. */
  parseSyntax(text: string): SyntaxTree {
    const wasm = this.parse(text);
    try {
      return SyntaxTree.from(wasm, text);
    } finally {
      wasm.delete();
    }
  }

  parseInterfaceSyntax(text: string): SyntaxTree {
    const wasm = this.parseInterface(text);
    try {
      return SyntaxTree.from(wasm, text);
    } finally {
      wasm.delete();
    }
  }
}

/**
 * Describes replacing [start, end) of the text `lines` indexes by `inserted`, for incremental
 * parsing (tree-sitter's web binding counts columns in UTF-16 units, as offsets are).
 */
export function editFor(lines: LineIndex, start: number, end: number, inserted: string): Edit {
  const point = (offset: number): Point => {
    const p = lines.position(offset);
    return { row: p.line, column: p.character };
  };
  const from = point(start);
  const newlines = inserted.split('\n').length - 1;
  const newEndPosition =
    newlines === 0
      ? { row: from.row, column: from.column + inserted.length }
      : { row: from.row + newlines, column: inserted.length - inserted.lastIndexOf('\n') - 1 };
  return new Edit({
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + inserted.length,
    startPosition: from,
    oldEndPosition: point(end),
    newEndPosition,
  });
}
