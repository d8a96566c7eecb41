import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisMemo, analyzeConfig } from '../src/analysis/check';
import { Runtime } from '../src/project/runtime';
import { ParsedDocument, TextChange } from '../src/syntax/documents';
import { Edit, randomEdit, rng } from './support/random';
import { testRuntime } from './support/runtime';
import { positionOf, treeShape } from './support/trees';
import { generateConfig } from '../bench/generate';

/**
 * Incremental parsing plus incremental analysis must give, after any edit sequence,
 * exactly what a fresh analysis of the final text gives: the same tree (shape, types,
 * offsets, error flags) and the same diagnostics on every target.
 */
let runtime: Runtime;

const options = { targets: { names: 'all' as const } };

function fresh(text: string) {
  return analyzeConfig(text, runtime.parsers.parseSyntax(text), runtime.catalog, options)
    .diagnostics;
}

/** An edit script step: one random edit, a run of typed characters, or several changes at once. */
function nextChanges(text: string, random: () => number): Edit[][] {
  const r = random();
  if (r < 0.6) return [[randomEdit(text, random)]];
  if (r < 0.8) {
    // Typing: a snippet inserted one character per change, as an editor sends it.
    const at = Math.floor(random() * (text.length + 1));
    const typed = randomEdit('', random).text + randomEdit('', random).text;
    return [...typed].map((ch, i) => [{ start: at + i, end: at + i, text: ch }]);
  }
  // Several changes in one didChange, each against the text left by the previous one.
  const changes: Edit[] = [];
  let t = text;
  for (let i = 0; i < 3; i++) {
    const e = randomEdit(t, random);
    changes.push(e);
    t = t.slice(0, e.start) + e.text + t.slice(e.end);
  }
  return [changes];
}

// MIRAGE_LONG=1 runs the whole corpus with longer scripts (local use; CI runs the short one).
const long = process.env.MIRAGE_LONG === '1';
const steps = long ? 150 : 40;
const corpus = join(__dirname, '../../test/corpus');
const samples = ['4.11', '4.10', '4.9', '4.8', '4.4'].flatMap((era) =>
  readdirSync(join(corpus, era))
    .slice(0, long ? undefined : 2)
    .map((name) => join(corpus, era, name, 'config.ml')),
);
// A long file too, so edits land among many items (and far from both ends).
const generated = { name: 'generated 200-line config', text: generateConfig(200) };

describe('incremental analysis equals a fresh analysis (random edit scripts)', () => {
  before(async () => {
    runtime = await testRuntime();
  });

  const cases = [
    ...samples.map((file) => ({
      name: file.split('/').slice(-3).join('/'),
      text: readFileSync(file, 'utf8'),
    })),
    generated,
  ];
  cases.forEach(({ name, text: initial }, n) => {
    it(`stays exact over ${steps} random edit steps of ${name}`, () => {
      const random = rng(1000 + n);
      let text = initial;
      let version = 1;
      const doc = ParsedDocument.open(runtime.parsers, 'file:///x/config.ml', text, version);
      const memo = new AnalysisMemo();
      // As the server does on didOpen: the first edit then meets a filled memo.
      analyzeConfig(doc.text, doc.tree, runtime.catalog, { ...options, memo });
      try {
        for (let step = 0; step < steps; step++) {
          for (const edits of nextChanges(text, random)) {
            const changes: TextChange[] = edits.map((e) => {
              const change = {
                range: { start: positionOf(text, e.start), end: positionOf(text, e.end) },
                text: e.text,
              };
              text = text.slice(0, e.start) + e.text + text.slice(e.end);
              return change;
            });
            doc.update(runtime.parsers, changes, ++version);
            assert.equal(doc.text, text);
            const incremental = analyzeConfig(doc.text, doc.tree, runtime.catalog, {
              ...options,
              memo,
            }).diagnostics;
            const context = `step ${step}: ${JSON.stringify(edits)}`;
            assert.deepEqual(
              treeShape(doc.tree.rootNode),
              treeShape(runtime.parsers.parseSyntax(text).rootNode),
              context,
            );
            assert.deepEqual(incremental, fresh(text), context);
          }
        }
      } finally {
        doc.close();
      }
    });
  });
});
