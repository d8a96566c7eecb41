import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let root: string | undefined;

/** A fresh directory under one per-process root, removed when the test process exits. */
export function scratchDir(prefix: string): string {
  if (!root) {
    const dir = mkdtempSync(join(tmpdir(), 'mirage-lsp-build-tests-'));
    root = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return mkdtempSync(join(root, `${prefix}-`));
}
