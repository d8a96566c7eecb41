import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree, TreeCursor } from 'web-tree-sitter';
import { interfaceGrammar, signatureDirectory } from '../src/project/runtime';
import { OcamlParsers } from '../src/syntax/parser';
import { SyntaxNode, SyntaxTree } from '../src/syntax/tree';
import { conformanceDir, loadCases } from './support/conformance';
import { testRuntime } from './support/runtime';

/**
 * The JavaScript copy of a tree asks the wasm tree as little as it can (a node type's
 * named-ness once per type, missing-ness only of empty nodes): it must still give what
 * asking every property of every node gives, on valid and broken texts alike.
 */

interface Plain {
  type: string;
  named: boolean;
  missing: boolean;
  start: number;
  end: number;
  field: string | null;
  error: boolean;
  children: Plain[];
}

/** Every property, straight from the cursor. */
function reference(cursor: TreeCursor, field: string | null): Plain {
  const out: Plain = {
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    missing: cursor.nodeIsMissing,
    start: cursor.startIndex,
    end: cursor.endIndex,
    field,
    error: cursor.nodeIsMissing || cursor.nodeType === 'ERROR',
    children: [],
  };
  if (cursor.gotoFirstChild()) {
    do {
      const child = reference(cursor, cursor.currentFieldName);
      out.children.push(child);
      if (child.error) out.error = true;
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return out;
}

function referenceItems(wasm: Tree): Plain[] {
  const cursor = wasm.walk();
  const items: Plain[] = [];
  if (cursor.gotoFirstChild()) {
    do items.push(reference(cursor, cursor.currentFieldName));
    while (cursor.gotoNextSibling());
  }
  cursor.delete();
  return items;
}

function plain(n: SyntaxNode, field: string | null): Plain {
  return {
    type: n.type,
    named: n.isNamed,
    missing: n.isMissing,
    start: n.startIndex,
    end: n.endIndex,
    field,
    error: n.hasError,
    children: n.children.map((c, i) => plain(c, n.fieldNameForChild(i))),
  };
}

function count(items: Plain[], pred: (p: Plain) => boolean): number {
  return items.reduce((k, p) => k + (pred(p) ? 1 : 0) + count(p.children, pred), 0);
}

/** Broken variants of a text: cut short, and with a few characters removed. */
function variants(text: string): string[] {
  const out = [text];
  for (const f of [0.3, 0.55, 0.8]) out.push(text.slice(0, Math.floor(text.length * f)));
  for (const ch of [')', ']', '"', 'in', '=', '->']) {
    const i = text.indexOf(ch, Math.floor(text.length / 3));
    if (i >= 0) out.push(text.slice(0, i) + text.slice(i + ch.length));
  }
  return out;
}

/** Copies `wasm` (then freed) and checks every item against the cursor; gives the reference. */
function assertCopyExact(wasm: Tree, text: string, what?: string): Plain[] {
  const expected = referenceItems(wasm);
  const copy = SyntaxTree.from(wasm, text);
  wasm.delete();
  const root = copy.rootNode;
  assert.deepEqual(
    root.children.map((c, i) => plain(c, root.fieldNameForChild(i))),
    expected,
    what,
  );
  return expected;
}

describe('copying tree-sitter trees', function () {
  this.timeout(120_000);
  let parsers: OcamlParsers;

  before(async () => {
    parsers = (await testRuntime()).parsers;
    await parsers.withInterface(interfaceGrammar());
  });

  it('gives every node what the cursor says of it, on configs and broken configs', () => {
    const texts: string[] = [];
    const corpus = join(__dirname, '../../test/corpus');
    for (const era of readdirSync(corpus)) {
      if (era.endsWith('.md')) continue;
      for (const name of readdirSync(join(corpus, era))) {
        const file = join(corpus, era, name, 'config.ml');
        if (existsSync(file)) texts.push(readFileSync(file, 'utf8'));
      }
    }
    const dir = conformanceDir();
    if (dir) {
      for (const c of loadCases(dir).slice(0, 80)) {
        const file = join(c.dir, 'config.ml');
        if (existsSync(file)) texts.push(readFileSync(file, 'utf8'));
      }
    }
    let missing = 0;
    let errors = 0;
    for (const text of texts.flatMap(variants)) {
      const expected = assertCopyExact(parsers.parse(text), text);
      missing += count(expected, (p) => p.missing);
      errors += count(expected, (p) => p.type === 'ERROR');
    }
    // Broken texts must have exercised both kinds of error nodes.
    assert.ok(missing > 5 && errors > 5, `${missing} missing, ${errors} error nodes`);
  });

  it('gives every node what the cursor says of it, on the signature files', () => {
    const sigDir = signatureDirectory();
    for (const f of readdirSync(sigDir).filter((f) => f.endsWith('.mli'))) {
      const text = readFileSync(join(sigDir, f), 'utf8');
      for (const t of variants(text)) {
        assertCopyExact(parsers.parseInterface(t), t, f);
      }
    }
  });
});
