import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, PublishedDiagnostics } from './support/lsp';
import { randomEdit, rng } from './support/random';

/**
 * Random edits and random requests over JSON-RPC: the server must answer every request
 * within a second, never crash, publish ranges inside the document and never publish an
 * older version after a newer one. Fixed seed in CI; `MIRAGE_FUZZ_STEPS` and
 * `MIRAGE_FUZZ_SEED` make a longer local run.
 */
const STEPS = Number(process.env.MIRAGE_FUZZ_STEPS ?? 150);
const SEED = Number(process.env.MIRAGE_FUZZ_SEED ?? 42);

function position(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function lineLengths(text: string): number[] {
  return text.split('\n').map((l) => l.length);
}

const corpus = join(__dirname, '../../test/corpus/4.11');
const seeds = readdirSync(corpus).map((d) => readFileSync(join(corpus, d, 'config.ml'), 'utf8'));

const hostile = [
  '\u0000\u0001\u0002\uffff',
  '"unterminated',
  '(* open comment',
  '('.repeat(300),
  'x'.repeat(5000),
  'let кот = "😀😀" in\r\n',
];

describe('fuzzing the server over JSON-RPC', function () {
  this.timeout(120000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it(`survives ${STEPS} random edits and requests (seed ${SEED})`, async () => {
    const random = rng(SEED);
    const uri = 'file:///tmp/mirage-lsp-fuzz/config.ml';
    let text = seeds[0];
    let version = 1;
    await client.open(uri, text, version);
    // Start once the server is warm: the one-second bound is about steady work, not start-up.
    await client.diagnostics((p) => p.uri === uri && p.version === version);
    const methods = [
      'textDocument/completion',
      'textDocument/hover',
      'textDocument/definition',
      'textDocument/codeAction',
      'textDocument/signatureHelp',
      'textDocument/documentSymbol',
      'textDocument/inlayHint',
    ];
    for (let step = 0; step < STEPS; step++) {
      const r = random();
      if (r < 0.05) {
        text = hostile[Math.floor(random() * hostile.length)] + text;
        version++;
        await client.change(uri, version, [{ text }]);
      } else if (r < 0.08) {
        text = seeds[Math.floor(random() * seeds.length)];
        version++;
        await client.change(uri, version, [{ text }]);
      } else {
        const e = randomEdit(text, random);
        version++;
        await client.change(uri, version, [
          { range: { start: position(text, e.start), end: position(text, e.end) }, text: e.text },
        ]);
        text = text.slice(0, e.start) + e.text + text.slice(e.end);
      }
      const method = methods[Math.floor(random() * methods.length)];
      const at = position(text, Math.floor(random() * (text.length + 1)));
      const params: Record<string, unknown> = { textDocument: { uri }, position: at };
      if (method === 'textDocument/codeAction')
        Object.assign(params, { range: { start: at, end: at }, context: { diagnostics: [] } });
      if (method === 'textDocument/inlayHint')
        Object.assign(params, { range: { start: { line: 0, character: 0 }, end: at } });
      const started = Date.now();
      await Promise.race([
        client.request(method, params),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`${method} took more than 1 s at step ${step}`)), 1000),
        ),
      ]);
      assert.ok(Date.now() - started < 1000);
    }
    // The last publication is for the last version, and versions only grow.
    const mine = client.published.filter((p: PublishedDiagnostics) => p.uri === uri);
    const last = await client.diagnostics((p) => p.uri === uri && p.version === version);
    const lengths = lineLengths(text);
    for (const d of last.diagnostics) {
      for (const p of [d.range.start, d.range.end]) {
        assert.ok(
          p.line >= 0 && p.line < lengths.length + 1,
          `line ${p.line} outside the document`,
        );
        assert.ok(
          p.character >= 0 && p.character <= (lengths[p.line] ?? 0),
          `column ${p.character} outside line ${p.line}`,
        );
      }
    }
    const versions = mine.map((p) => p.version ?? 0);
    for (let i = 1; i < versions.length; i++)
      assert.ok(versions[i] >= versions[i - 1], 'an older version was published after a newer one');
    assert.equal(client.proc.exitCode, null, 'the server died');
    assert.ok(!client.stderr.join('').includes('analysis failed'), client.stderr.join(''));
  });
});
