import assert from 'node:assert/strict';
import { analyze, errors, testRuntime } from './support/runtime';
import { LspClient } from './support/lsp';

/** LSP columns are UTF-16 code units; lines end with \n or \r\n. */
describe('positions: UTF-16 columns and CRLF', () => {
  before(async () => {
    await testRuntime();
  });

  it('puts an error after multi-byte characters at its UTF-16 column', () => {
    const line = 'let () = register "héllo😀 Жук" [ main $ defualt_network ]';
    const text = `open Mirage\nlet main = main "Unikernel.Main" (network @-> job)\n${line}\n`;
    const [e] = errors(analyze(text));
    assert.equal(e.range.start.line, 2);
    assert.equal(e.range.start.character, line.indexOf('defualt_network'));
    assert.equal(e.range.end.character, line.indexOf('defualt_network') + 'defualt_network'.length);
  });

  it('handles CRLF line ends', () => {
    const text =
      'open Mirage\r\nlet main = main "Unikernel.Main" (network @-> job)\r\nlet () = register "x" [ main $ oops ]\r\n';
    const [e] = errors(analyze(text));
    assert.equal(e.range.start.line, 2);
    assert.equal(e.range.start.character, 'let () = register "x" [ main $ '.length);
  });

  it('keeps UTF-16 columns through incremental edits over JSON-RPC', async () => {
    const client = await LspClient.start();
    try {
      const uri = 'file:///tmp/mirage-lsp-pos/config.ml';
      const text =
        'open Mirage\nlet main = main "Unikernel.Main" (network @-> job)\nlet () = register "x" [ main $ default_network ]\n';
      await client.open(uri, text, 1);
      await client.diagnostics((p) => p.uri === uri && p.version === 1);
      // Insert an emoji before the device on the same line, then break the device name.
      const col = text.split('\n')[2].indexOf('"x"') + 1;
      await client.change(uri, 2, [
        {
          range: { start: { line: 2, character: col }, end: { line: 2, character: col } },
          text: '😀é',
        },
      ]);
      const dev = text.split('\n')[2].indexOf('default_network') + 3; // '😀é' is 3 UTF-16 units
      await client.change(uri, 3, [
        {
          range: { start: { line: 2, character: dev }, end: { line: 2, character: dev + 1 } },
          text: 'x',
        },
      ]);
      const p = await client.diagnostics((d) => d.uri === uri && d.version === 3);
      const e = p.diagnostics.find((d) => d.severity === 1)!;
      assert.equal(
        e.range.start.character,
        dev,
        'the device moved right by the 3 UTF-16 units inserted before it',
      );
    } finally {
      await client.stop();
    }
  });
});

describe('cancellation and stale versions over JSON-RPC', () => {
  it('answers or cancels a cancelled request, and keeps serving', async () => {
    const client = await LspClient.start();
    try {
      const uri = 'file:///tmp/mirage-lsp-cancel/config.ml';
      await client.open(uri, 'open Mirage\nlet x = generic_stackv4v6 default_network\n', 1);
      const { CancellationTokenSource } = await import('vscode-jsonrpc');
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(
        'textDocument/completion',
        { textDocument: { uri }, position: { line: 1, character: 10 } },
        source.token,
      );
      source.cancel();
      await pending.then(
        () => undefined,
        (e: { code?: number }) => assert.equal(e.code, -32800),
      );
      const hover = await client.request('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 10 },
      });
      assert.ok(hover);
    } finally {
      await client.stop();
    }
  });

  it('never publishes an older version after a newer one under a burst of edits', async () => {
    const client = await LspClient.start();
    try {
      const uri = 'file:///tmp/mirage-lsp-burst/config.ml';
      let text =
        'open Mirage\nlet main = main "Unikernel.Main" (network @-> job)\nlet () = register "x" [ main $ default_network ]\n';
      await client.open(uri, text, 1);
      for (let v = 2; v <= 80; v++) {
        const at = { line: 1, character: 5 };
        void client.change(uri, v, [{ range: { start: at, end: at }, text: v % 2 ? 'a' : '' }]);
        if (v % 2) text = text.replace('let main', 'let amain');
      }
      await client.diagnostics((p) => p.uri === uri && p.version === 80);
      const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
      for (let i = 1; i < versions.length; i++)
        assert.ok(versions[i] >= versions[i - 1], versions.join(','));
    } finally {
      await client.stop();
    }
  });
});
