import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverBundle } from './support/lsp';

const fixture = join(__dirname, '../../../testFixture/hello');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [serverBundle, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mirage-lsp-cli-'));
  writeFileSync(join(dir, 'config.ml'), config);
  return dir;
}

describe('mirage-lsp check', () => {
  it('passes the bundled fixture with exit code 0', () => {
    const r = run(['check', fixture]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors/);
  });

  it('prints compiler-style lines and exits 1 on an error', () => {
    const dir = project(
      'open Mirage\nlet main = main "Unikernel.Main" (kv_ro @-> job)\nlet () = register "x" [ main $ default_network ]\n',
    );
    const r = run(['check', dir]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /config\.ml:3:31-46: error\[E202\]: `Unikernel\.Main` expects a `kv_ro`/,
    );
  });

  it('prints JSON with 0-based LSP ranges and null targets', () => {
    const dir = project('open Mirage\nlet () = register "x" [ main $ defualt_network ]\n');
    const r = run(['check', join(dir, 'config.ml'), '--format', 'json']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as {
      files: { file: string; diagnostics: Record<string, unknown>[] }[];
    };
    assert.equal(out.files.length, 1);
    assert.match(out.files[0].file, /config\.ml$/);
    const errs = out.files[0].diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errs.length >= 1);
    const unbound = errs.find((d) => d.code === 'E101');
    assert.ok(unbound, JSON.stringify(errs));
    assert.deepEqual(unbound.range, {
      start: { line: 1, character: 31 },
      end: { line: 1, character: 46 },
    });
    assert.equal(unbound.source, 'mirage');
    assert.equal(unbound.targets, null);
    assert.match(String(unbound.message), /Did you mean `default_network`/);
  });

  it('exits 2 with a one-line message on usage errors', () => {
    const unknownTarget = run(['check', fixture, '--target', 'bogus']);
    assert.equal(unknownTarget.code, 2);
    assert.match(unknownTarget.stderr.split('\n')[0], /unknown target 'bogus'/);
    const missing = run(['check', '/nonexistent/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.split('\n')[0], /no such file or directory/);
    const noPath = run(['check']);
    assert.equal(noPath.code, 2);
  });

  it('checks against the era of --mirage-version', () => {
    const dir = project(
      'open Mirage\nlet main = foreign "Unikernel.Main" (job @-> job)\nlet () = register "x" [ main $ noop ]\n',
    );
    assert.equal(run(['check', dir, '--mirage-version', '4.4.2']).code, 0);
    const r = run(['check', dir, '--mirage-version', '4.11.1']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /foreign.*removed in mirage 4\.5\.0.*`main`/);
  });
});

describe('mirage-lsp check with an installed mirage', () => {
  const uses =
    'open Mirage\nlet main = main "Unikernel.Main" (network @-> job)\nlet () = register "x" [ main $ shiny_network "tap0" ]\n';

  it('reads the opam switch: its version picks the era and its mirage.mli adds values', () => {
    const dir = project(uses);
    const prefix = mkdtempSync(join(tmpdir(), 'mirage-lsp-switch-'));
    mkdirSync(join(prefix, 'lib', 'mirage'), { recursive: true });
    writeFileSync(
      join(prefix, 'lib', 'mirage', 'META'),
      'version = "4.11.1"\ndescription = "test"\n',
    );
    writeFileSync(
      join(prefix, 'lib', 'mirage', 'mirage.mli'),
      'val shiny_network : string -> network impl\n',
    );
    const withSwitch = run(['check', dir], { OPAM_SWITCH_PREFIX: prefix, PATH: '/nonexistent' });
    assert.equal(withSwitch.code, 0, withSwitch.stdout + withSwitch.stderr);
    const without = run(['check', dir], { OPAM_SWITCH_PREFIX: '', PATH: '/nonexistent' });
    assert.equal(without.code, 1);
    assert.match(without.stdout, /Unbound value shiny_network/);
  });

  it('asks `mirage --version` on PATH (no shell) for the era', () => {
    const bin = mkdtempSync(join(tmpdir(), 'mirage-lsp-bin-'));
    writeFileSync(join(bin, 'mirage'), '#!/bin/sh\necho v4.4.2\n');
    chmodSync(join(bin, 'mirage'), 0o755);
    const dir = project(
      'open Mirage\nlet main = foreign "Unikernel.Main" (job @-> job)\nlet () = register "x" [ main $ noop ]\n',
    );
    const r = run(['check', dir], { OPAM_SWITCH_PREFIX: '', PATH: `${bin}:/usr/bin:/bin` });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /mirage 4\.4\.2 API/);
  });
});

describe('mirage-lsp graph', () => {
  const config =
    'open Mirage\nlet ip = if_impl Key.is_xen (ipv4_qubes default_qubesdb (ethif default_network) (arp (ethif default_network))) (create_ipv4 (ethif default_network) (arp (ethif default_network)))\nlet main = main "Unikernel.Ping" (ipv4 @-> job)\nlet () = register "p" [ main $ ip ]\n';

  it('follows if_impl for the target (dot)', () => {
    const dir = project(config);
    const xen = run(['graph', dir, '--target', 'xen']);
    assert.equal(xen.code, 0, xen.stderr);
    assert.match(xen.stdout, /^digraph "xen"/);
    assert.match(xen.stdout, /ipv4_qubes/);
    assert.doesNotMatch(xen.stdout, /create_ipv4/);
  });

  it('prints nodes and edges as JSON', () => {
    const g = JSON.parse(
      run(['graph', project(config), '--target', 'hvt', '--format', 'json']).stdout,
    ) as {
      nodes: { id: string; label: string }[];
      edges: { from: string; to: string }[];
    };
    const label = (id: string) => g.nodes.find((n) => n.id === id)?.label;
    assert.ok(
      g.edges.some((e) => label(e.from) === 'Unikernel.Ping' && label(e.to) === 'create_ipv4'),
    );
    assert.ok(!g.nodes.some((n) => n.label === 'default_qubesdb'));
  });
});

describe('mirage-lsp code cache', () => {
  // A copy of the bundle in a directory of its own, so its cache starts empty.
  const dist = join(__dirname, '../../dist');
  let copy: string;
  let cacheDir: string;

  before(() => {
    const root = mkdtempSync(join(tmpdir(), 'mirage-lsp-cache-'));
    copy = join(root, 'server', 'dist');
    mkdirSync(copy, { recursive: true });
    for (const f of readdirSync(dist)) {
      if (/\.(js|wasm|json)$/.test(f)) copyFileSync(join(dist, f), join(copy, f));
    }
    symlinkSync(join(__dirname, '../../signatures'), join(root, 'server', 'signatures'));
    cacheDir = join(copy, 'cache');
  });

  const check = () =>
    spawnSync(process.execPath, [join(copy, 'cli.js'), 'check', fixture], { encoding: 'utf8' });

  it('writes a cache on the first run, and checks the same with it or with a damaged one', () => {
    const first = check();
    assert.equal(first.status, 0, first.stderr);
    const files = readdirSync(cacheDir).filter((f) => f.endsWith('.bin'));
    assert.equal(files.length, 1, files.join(', '));
    const file = join(cacheDir, files[0]);
    assert.ok(statSync(file).size > 10_000);
    const second = check();
    assert.equal(second.stdout, first.stdout);
    // V8 refuses damaged cached code; the bundle is compiled as usual and the cache rewritten.
    writeFileSync(file, Buffer.alloc(statSync(file).size, 7));
    const third = check();
    assert.equal(third.status, 0, third.stderr);
    assert.equal(third.stdout, first.stdout);
    assert.notEqual(readFileSync(file)[0], 7);
  });
});
