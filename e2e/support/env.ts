/** What the real-editor tests need from the machine, and the files they share. */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export const root = resolve(__dirname, '../../../..'); // from e2e/out/e2e/support
export const serverBin = join(root, 'server', 'bin', 'mirage-lsp');
export const serverBundle = join(root, 'server', 'dist', 'cli.js');
export const vsixPath = join(root, 'mirage-lsp.vsix');
export const CODE_SERVER_VERSION = '4.100.3';

export function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Skips the test when a tool is missing on a developer machine; fails under CI, where
 * .ci/run installs everything and a skip would hide a broken install.
 */
export function requireTool(
  ctx: Mocha.Context,
  name: string,
  found: string | null,
  hint: string,
): string {
  if (found) return found;
  const message = `${name} not found (${hint})`;
  if (process.env.CI) throw new Error(message);
  ctx.skip();
}

/** ../shared/conformance beside the repository (or $MIRAGE_CONFORMANCE). */
export function conformanceDir(): string | null {
  const candidates = [
    process.env.MIRAGE_CONFORMANCE,
    resolve(root, '../shared/conformance'),
    resolve(root, '../../shared/conformance'),
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'cases'))) ?? null;
}

/** code-server installed by e2e/install-code-server.sh, outside the repository. */
export function codeServerPath(): string | null {
  const home =
    process.env.MIRAGE_CODE_SERVER_HOME ??
    join(homedir(), '.cache', 'mirage-lsp', `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(home, 'node_modules', '.bin', 'code-server');
  return existsSync(bin) ? bin : null;
}

/** The code block right after `<!-- test: NAME -->` in README.md: tests run what users copy. */
export function readmeSnippet(name: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const marker = `<!-- test: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error(`README.md: no code block after ${marker}`);
  return m[1];
}

export interface Scratch {
  dir: string;
  /** PATH with `mirage-lsp` on it, as the README tells users to set up. */
  path: string;
  /** The directory of that `mirage-lsp` (and of the toolchain stand-ins). */
  bin: string;
  cleanup(): void;
}

/**
 * Stand-ins for `mirage` and `make`: the MirageOS toolchain cannot be installed here, and
 * the run fixture's dist/ already holds a real kernel, so "configure" and "build" only
 * have to succeed. What runs after them (QEMU booting the kernel) is real.
 */
const STAND_IN = `#!/bin/sh
# A test left a recorded output of the real tool in the project: replay it, and fail.
if [ "$(basename "$0")" = mirage ] && [ -f .mirage-stand-in-output ]; then
  cat .mirage-stand-in-output
  exit 1
fi
echo "stand-in $(basename "$0") $*"
exit 0
`;

/**
 * A temporary directory with copies of testFixture/editors/* and a `mirage-lsp` on PATH
 * (plus the toolchain stand-ins when asked).
 */
export function scratch(prefix: string, opts: { toolchainStandIn?: boolean } = {}): Scratch {
  const dir = mkdtempSync(join(tmpdir(), `mirage-${prefix}-`));
  cpSync(join(root, 'testFixture', 'editors'), join(dir, 'ws'), { recursive: true });
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(serverBin, join(bin, 'mirage-lsp'));
  if (opts.toolchainStandIn) {
    for (const tool of ['mirage', 'make'])
      writeFileSync(join(bin, tool), STAND_IN, { mode: 0o755 });
  }
  return {
    dir,
    path: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    bin,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
