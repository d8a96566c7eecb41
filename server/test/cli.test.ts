import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverBundle } from './support/lsp';

const fixture = join(__dirname, '../../../testFixture/hello');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [serverBundle, ...args], { encoding: 'utf8' });
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
