import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, fileUri } from './support/lsp';
import { scratchDir } from './support/scratch';

/**
 * The server looks for an installed mirage once its first diagnostics are out (the look may
 * start a process, which would slow the first check down), then checks every open document
 * again against what it found. In an untrusted workspace it starts no process.
 */

const uses =
  'open Mirage\nlet main = main "Unikernel.Main" (network @-> job)\nlet () = register "x" [ main $ shiny_network "tap0" ]\n';

/** An opam switch whose mirage.mli has a value ours lacks. */
function fakeSwitch(): string {
  const prefix = scratchDir('switch');
  mkdirSync(join(prefix, 'lib', 'mirage'), { recursive: true });
  writeFileSync(join(prefix, 'lib', 'mirage', 'META'), 'version = "4.11.1"\n');
  writeFileSync(
    join(prefix, 'lib', 'mirage', 'mirage.mli'),
    'val shiny_network : string -> network impl\n',
  );
  return prefix;
}

/** A `mirage` on PATH that leaves a mark when it runs. */
function fakeMirage(): { path: string; ran: () => boolean } {
  const bin = scratchDir('bin');
  const mark = join(bin, 'ran');
  writeFileSync(join(bin, 'mirage'), `#!/bin/sh\ntouch '${mark}'\necho v4.11.1\n`);
  chmodSync(join(bin, 'mirage'), 0o755);
  return { path: `${bin}:/usr/bin:/bin`, ran: () => existsSync(mark) };
}

function configUri(text: string): string {
  const dir = scratchDir('installed');
  writeFileSync(join(dir, 'config.ml'), text);
  return fileUri(join(dir, 'config.ml'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (cond()) return true;
  return cond();
}

describe('language server with an installed mirage', function () {
  this.timeout(30_000);
  const clients: LspClient[] = [];
  const start = async (...args: Parameters<typeof LspClient.start>) => {
    const c = await LspClient.start(...args);
    clients.push(c);
    return c;
  };
  after(async () => {
    for (const c of clients) await c.stop();
  });

  it('publishes first, then checks again against the installed mirage.mli', async () => {
    const client = await start({ OPAM_SWITCH_PREFIX: fakeSwitch(), PATH: '/nonexistent' });
    const uri = configUri(uses);
    await client.open(uri, uses, 1);
    const first = await client.diagnostics((d) => d.uri === uri);
    assert.ok(
      first.diagnostics.some((d) => /Unbound value shiny_network/.test(String(d.message))),
      JSON.stringify(first.diagnostics),
    );
    const refined = await client.diagnostics((d) => d.uri === uri && d.diagnostics.length === 0);
    assert.equal(refined.version, 1);
  });

  it('asks `mirage --version` soon even when no document is opened', async () => {
    const mirage = fakeMirage();
    await start({ OPAM_SWITCH_PREFIX: '', PATH: mirage.path });
    assert.ok(await until(mirage.ran, 10_000), 'mirage --version did not run');
  });

  it('starts no process in an untrusted workspace', async () => {
    const mirage = fakeMirage();
    const client = await start(
      { OPAM_SWITCH_PREFIX: '', PATH: mirage.path },
      { initializationOptions: { trusted: false } },
    );
    const uri = configUri(uses);
    await client.open(uri, uses, 1);
    await client.diagnostics((d) => d.uri === uri);
    // Past the moment a trusted server would have looked (see the test above).
    assert.equal(await until(mirage.ran, 2500), false, 'mirage ran in an untrusted workspace');
  });
});
