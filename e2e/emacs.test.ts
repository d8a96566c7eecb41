import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scratch, readmeSnippet, requireTool, root, scratch, which } from './support/env';

function emacs(s: Scratch, file: string, complete?: string): string {
  const setup = join(s.dir, 'setup.el');
  writeFileSync(setup, readmeSnippet('eglot'));
  const r = spawnSync('emacs', ['--batch', '-l', join(root, 'e2e', 'emacs', 'driver.el')], {
    encoding: 'utf8',
    timeout: 60000,
    env: {
      ...process.env,
      PATH: s.path,
      MIRAGE_EMACS_SETUP: setup,
      MIRAGE_EMACS_FILE: file,
      MIRAGE_EMACS_COMPLETE: complete ?? '',
    },
  });
  assert.equal(r.status, 0, `emacs exited ${r.status}: ${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /EGLOT_E2E PASS/);
  return r.stdout;
}

describe('Emacs + eglot (batch), set up as the README says', function () {
  this.timeout(120000);
  let s: Scratch;

  before(function () {
    requireTool(this, 'emacs', which('emacs'), 'apt-get install emacs-nox elpa-eglot');
    s = scratch('emacs');
  });
  after(() => s?.cleanup());

  it('shows the wrong-device diagnostic in flymake', function () {
    const out = emacs(s, join(s.dir, 'ws', 'wrong-device', 'config.ml'));
    assert.match(out, /^DIAG 6 eglot-error .*stackv4v6/m);
  });

  it('completes generic_st', function () {
    const out = emacs(
      s,
      join(s.dir, 'ws', 'completion', 'config.ml'),
      `5:${'let s = generic_st'.length}`,
    );
    assert.match(out, /^COMPLETION .*\bgeneric_stackv4v6\b/m);
  });
});
