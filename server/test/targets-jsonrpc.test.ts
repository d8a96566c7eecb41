import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, PublishedDiagnostics, fileUri } from './support/lsp';

const config = `open Mirage

let stack = generic_stackv4v6 default_network
let client = cohttp_client resolver_unix_system (conduit_direct stack)

let main = main "Unikernel.Fetch" (http_client @-> job)

let () = register "fetch" [ main $ client ]
`;

const errorsOf = (p: PublishedDiagnostics) => p.diagnostics.filter((d) => d.severity === 1);

describe('target switching over JSON-RPC', function () {
  let client: LspClient;
  let dir: string;
  let uri: string;
  let seen = 0;
  /** The next publication for our file after the ones already looked at. */
  const next = async (pred: (p: PublishedDiagnostics) => boolean) => {
    const p = await client.diagnostics(
      (d) => d.uri === uri && client.published.indexOf(d) >= seen && pred(d),
    );
    seen = client.published.indexOf(p) + 1;
    return p;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mirage-lsp-target-'));
    writeFileSync(join(dir, 'config.ml'), config);
    uri = fileUri(join(dir, 'config.ml'));
    client = await LspClient.start({ MIRAGE_DEFAULT_TARGET: '', MODE: '' });
  });
  after(async () => {
    await client.stop();
  });

  it('is clean on the default target (unix)', async () => {
    await client.open(uri, config, 1);
    const p = await next(() => true);
    assert.deepEqual(errorsOf(p), []);
  });

  it('analyses a document of an unconfigured project once, not again for the missing context', async () => {
    // Longer than the watcher's polling interval: a missing mirage/context is not a change.
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(client.published.filter((d) => d.uri === uri).length, 1);
  });

  it('reports the unix resolver once the target setting is hvt', async () => {
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { mirage: { target: 'hvt' } },
    });
    const p = await next((d) => errorsOf(d).length > 0);
    const [e] = errorsOf(p);
    assert.equal(e.range.start.line, 3);
    assert.equal(e.range.start.character, config.split('\n')[3].indexOf('resolver_unix_system'));
    assert.match(String(e.message), /Unix resolver not supported on non-UNIX targets/);
    assert.deepEqual((e.data as { targets: string[] }).targets, ['hvt']);
  });

  it('follows mirage/context when the project is configured, without a restart', async () => {
    mkdirSync(join(dir, 'mirage'), { recursive: true });
    writeFileSync(join(dir, 'mirage', 'context'), 'configure\n-t\nunix\n');
    const p = await next((d) => errorsOf(d).length === 0);
    assert.deepEqual(errorsOf(p), []);
    writeFileSync(join(dir, 'mirage', 'context'), 'configure\n-t\nxen\n');
    const q = await next((d) => errorsOf(d).length > 0);
    assert.deepEqual((errorsOf(q)[0].data as { targets: string[] }).targets, ['xen']);
  });

  it('warns on line 1 about a malformed mirage/context and falls back to the setting', async () => {
    for (const [text, why] of [
      ['\u0000\u0001garbage\nmore garbage', /does not start with `configure`/],
      ['', /is empty/],
      ['configure\n-t\nplaystation\n', /unknown target `playstation`/],
    ] as const) {
      writeFileSync(join(dir, 'mirage', 'context'), text);
      const p = await next((d) =>
        d.diagnostics.some((x) => x.code === 'W702' && why.test(String(x.message))),
      );
      const w = p.diagnostics.find((x) => x.code === 'W702')!;
      assert.equal(w.severity, 2);
      assert.equal(w.range.start.line, 0);
      // The fallback is the `hvt` setting, so the resolver error is back.
      assert.ok(errorsOf(p).some((e) => /Unix resolver/.test(String(e.message))));
    }
  });

  it('shows every target with its list when mirage.diagnostics.targets is all', async () => {
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { mirage: { target: 'hvt', diagnostics: { targets: 'all' } } },
    });
    const p = await next((d) =>
      errorsOf(d).some((e) => ((e.data as { targets?: string[] }).targets ?? []).length > 1),
    );
    const e = errorsOf(p).find((x) => /Unix resolver/.test(String(x.message)))!;
    const targets = (e.data as { targets: string[] }).targets;
    assert.ok(!targets.includes('unix') && !targets.includes('macosx'));
    assert.ok(
      targets.includes('hvt') && targets.includes('xen') && targets.includes('unikraft-qemu'),
    );
  });
});
