import { Edit, Language, Parser, Point, Tree } from 'web-tree-sitter';
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

/** Position of a UTF-16 offset, as tree-sitter's web binding counts columns. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** Describes replacing [start, end) of `oldText` by `inserted`, for incremental parsing. */
export function editFor(oldText: string, start: number, end: number, inserted: string): Edit {
  const newEnd = start + inserted.length;
  const newText = oldText.slice(0, start) + inserted;
  return new Edit({
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: newEnd,
    startPosition: pointAt(oldText, start),
    oldEndPosition: pointAt(oldText, end),
    newEndPosition: pointAt(newText, newEnd),
  });
}
