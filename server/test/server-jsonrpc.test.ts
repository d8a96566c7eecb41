import assert from 'node:assert/strict';
import { LspClient } from './support/lsp';

const uri = 'file:///tmp/mirage-lsp-test/hello/config.ml';

const valid = `open Mirage

let main = main "Unikernel.Main" (stackv4v6 @-> job)
let stack = generic_stackv4v6 default_network
let () = register "hello" [ main $ stack ]
`;

describe('language server over JSON-RPC (child process, stdio)', function () {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes no error for a valid config, with the document version', async () => {
    await client.open(uri, valid, 1);
    const p = await client.diagnostics((d) => d.uri === uri && d.version === 1);
    assert.deepEqual(p.diagnostics, []);
  });

  it('publishes a wrong-device error located on the argument after an edit', async () => {
    // Replace `stack` in the register line by `default_network`.
    const line = 4;
    const col = valid.split('\n')[line].indexOf('stack');
    await client.change(uri, 2, [
      {
        range: { start: { line, character: col }, end: { line, character: col + 5 } },
        text: 'default_network',
      },
    ]);
    const p = await client.diagnostics((d) => d.uri === uri && d.version === 2);
    assert.equal(p.diagnostics.length, 1);
    const [d] = p.diagnostics;
    assert.equal(d.source, 'mirage');
    assert.equal(d.range.start.line, line);
    assert.equal(d.range.start.character, col);
    assert.equal(d.range.end.character, col + 'default_network'.length);
    assert.match(String(d.message), /Unikernel\.Main.*stackv4v6.*1st device.*network/);
  });

  it('clears the error when the edit is undone', async () => {
    const line = 4;
    const col = valid.split('\n')[line].indexOf('stack');
    await client.change(uri, 3, [
      {
        range: { start: { line, character: col }, end: { line, character: col + 15 } },
        text: 'stack',
      },
    ]);
    const p = await client.diagnostics((d) => d.uri === uri && d.version === 3);
    assert.deepEqual(p.diagnostics, []);
  });
});
