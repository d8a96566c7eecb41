import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Runtime } from '../src/project/runtime';
import { ParsedDocument } from '../src/syntax/documents';
import { SyntaxTree } from '../src/syntax/tree';
import { generateConfig } from '../bench/generate';
import { testRuntime } from './support/runtime';
import { positionOf, treeShape } from './support/trees';

/**
 * Most edits re-parse only the top-level items around them (`SyntaxTree.reparsedLocally`);
 * the rest go to tree-sitter's whole-file incremental parse. Either way the tree must be what
 * a fresh parse of the text gives: these tests type files out as an editor sends them, and
 * check that the local path is really the one taken where it should be.
 */
let runtime: Runtime;

const corpus = join(__dirname, '../../test/corpus');

/** Types `full[from, to)` one character per change into a document holding the rest. */
function typeOut(full: string, from: number, to: number): { local: number; steps: number } {
  let text = full.slice(0, from) + full.slice(to);
  const doc = ParsedDocument.open(runtime.parsers, 'file:///x/config.ml', text, 1);
  let local = 0;
  try {
    for (let i = from; i < to; i++) {
      const at = positionOf(text, i);
      doc.update(runtime.parsers, [{ range: { start: at, end: at }, text: full[i] }], i + 2);
      text = text.slice(0, i) + full[i] + text.slice(i);
      if (doc.locallyParsed) local++;
      assert.deepEqual(
        treeShape(doc.tree.rootNode),
        treeShape(runtime.parsers.parseSyntax(text).rootNode),
        `after typing ${JSON.stringify(full.slice(Math.max(from, i - 30), i + 1))}`,
      );
    }
  } finally {
    doc.close();
  }
  return { local, steps: to - from };
}

describe('re-parsing only the items around an edit', () => {
  before(async () => {
    runtime = await testRuntime();
  });

  it('gives the tree of a fresh parse while a config is typed out from its middle', () => {
    for (const name of ['4.11/block-storage', '4.8/block-vault', '4.4/custom-frontend']) {
      const full = readFileSync(join(corpus, name, 'config.ml'), 'utf8');
      const { local, steps } = typeOut(full, Math.floor(full.length / 2), full.length);
      // Half-typed items are errors that only the whole-file parse handles, but not most.
      assert.ok(local > steps / 2, `${name}: ${local} of ${steps} keystrokes parsed locally`);
    }
  });

  it('parses locally every keystroke of items typed at the end of a file', function () {
    this.timeout(60000);
    // A half-typed last item is an error; recovery may take in the item before it, which the
    // piece then takes in too (the slowest keystrokes at 5,000 lines went to the whole file).
    const full = generateConfig(100);
    const { local, steps } = typeOut(full, full.length - 1000, full.length);
    assert.equal(local, steps, `${local} of ${steps} keystrokes parsed locally`);
  });

  it('gives the tree of a fresh parse while items are typed back into the middle of a file', () => {
    const full = generateConfig(120);
    const from = full.indexOf('let store_', Math.floor(full.length / 2));
    const to = full.indexOf('let make_disk_', from);
    const { local, steps } = typeOut(full, from, to);
    assert.ok(local > 0 && local < steps, `${local} of ${steps} keystrokes parsed locally`);
  });

  it('re-parses an edit inside one item alone, keeping every other item', () => {
    const text = generateConfig(60);
    const tree = runtime.parsers.parseSyntax(text);
    const items = tree.rootNode.children;
    const at = text.indexOf('disk_3') + 'disk_'.length;
    const next = text.slice(0, at) + '9' + text.slice(at);
    const pieces: string[] = [];
    const local = SyntaxTree.reparsedLocally(
      next,
      tree,
      { start: at, oldEnd: at, newEnd: at + 1 },
      (piece) => {
        pieces.push(piece);
        return runtime.parsers.parse(piece);
      },
    );
    assert.ok(local, 'a rename inside an item is parsed locally');
    assert.equal(pieces.length, 1);
    assert.ok(pieces[0].length < 600, `the piece is a few items: ${pieces[0].length} chars`);
    assert.deepEqual(
      treeShape(local.tree.rootNode),
      treeShape(runtime.parsers.parseSyntax(next).rootNode),
    );
    assert.equal(local.tree.rootNode.children.length, items.length);
    // Items away from the edit are the same objects, moved: only the piece's are new.
    const kept = local.tree.rootNode.children.filter((c) => items.includes(c)).length;
    assert.ok(kept >= items.length - 6, `${kept} of ${items.length} items kept`);
  });

  it('leaves to the whole-file parse an error that may reach other items', () => {
    const text = generateConfig(60);
    const tree = runtime.parsers.parseSyntax(text);
    const at = text.indexOf('let disk_3');
    // An unclosed string in the middle swallows everything after it.
    const next = text.slice(0, at) + 'let s = "' + text.slice(at);
    const local = SyntaxTree.reparsedLocally(
      next,
      tree,
      { start: at, oldEnd: at, newEnd: at + 9 },
      (piece) => runtime.parsers.parse(piece),
    );
    assert.equal(local, null);
  });
});
