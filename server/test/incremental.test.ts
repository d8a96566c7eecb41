import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisMemo, analyzeConfig } from '../src/analysis/check';
import { Runtime } from '../src/project/runtime';
import { ParsedDocument } from '../src/syntax/documents';
import { randomEdit, rng } from './support/random';
import { testRuntime } from './support/runtime';

/**
 * Incremental parsing plus incremental analysis must give, after any edit sequence,
 * exactly what a fresh analysis of the final text gives.
 */
let runtime: Runtime;

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function fresh(text: string) {
  return analyzeConfig(text, runtime.parsers.parseSyntax(text), runtime.catalog, {
    targets: { names: ['hvt'] },
  }).diagnostics;
}

const corpus = join(__dirname, '../../test/corpus');
const samples = ['4.11', '4.8', '4.4'].flatMap((era) =>
  readdirSync(join(corpus, era))
    .slice(0, 2)
    .map((name) => join(corpus, era, name, 'config.ml')),
);

describe('incremental analysis equals a fresh analysis (random edit scripts)', () => {
  before(async () => {
    runtime = await testRuntime();
  });

  samples.forEach((file, n) => {
    it(`stays exact over 60 random edits of ${file.split('/').slice(-3).join('/')}`, () => {
      const random = rng(1000 + n);
      let text = readFileSync(file, 'utf8');
      const doc = ParsedDocument.open(runtime.parsers, 'file:///x/config.ml', text, 1);
      const memo = new AnalysisMemo();
      try {
        for (let step = 0; step < 60; step++) {
          const e = randomEdit(text, random);
          const range = { start: positionOf(text, e.start), end: positionOf(text, e.end) };
          doc.update(runtime.parsers, [{ range, text: e.text }], step + 2);
          text = text.slice(0, e.start) + e.text + text.slice(e.end);
          assert.equal(doc.text, text);
          const incremental = analyzeConfig(doc.text, doc.tree, runtime.catalog, {
            targets: { names: ['hvt'] },
            memo,
          }).diagnostics;
          assert.deepEqual(incremental, fresh(text), `step ${step}: ${JSON.stringify(e)}`);
        }
      } finally {
        doc.close();
      }
    });
  });
});
