/**
 * A unikernel project that can really run: testFixture/virtio-hello (configured for
 * virtio) with a multiboot test kernel built from testFixture/kernel/ by Debian's gcc and
 * binutils placed as dist/hello.virtio, which QEMU boots with -kernel like a Solo5
 * virtio unikernel. Both fixtures come from the `run` branch.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './env';

export const kernelSources = join(root, 'testFixture', 'kernel');
export const runFixture = join(root, 'testFixture', 'virtio-hello');

export interface RunFixture {
  dir: string;
  config: string;
  configUri: string;
  /** A line the kernel prints on its serial console. */
  expectedOutput: string;
}

/** Live QEMU processes running in `dir` (their cwd; zombies excluded). */
export function qemuProcessesFor(dir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '')[0];
      if (
        state !== 'Z' &&
        cmdline.includes('qemu-system') &&
        readlinkSync(`/proc/${entry}/cwd`) === dir
      ) {
        out.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.error ?? ''}${r.stderr}`);
  }
}

export function haveRunFixture(): boolean {
  return existsSync(join(kernelSources, 'kmain.c')) && existsSync(join(runFixture, 'config.ml'));
}

/**
 * Copies virtio-hello into `parent/name` and builds its kernel into dist/; `neverExit`
 * builds the variant that halts after printing instead of exiting (for stop tests).
 */
export function prepareRunFixture(
  parent: string,
  name = 'virtio-hello',
  neverExit = false,
): RunFixture {
  if (!haveRunFixture()) {
    throw new Error(`${kernelSources} or ${runFixture} is missing (they come with the run branch)`);
  }
  const dir = join(parent, name);
  cpSync(runFixture, dir, { recursive: true });
  const dist = join(dir, 'dist');
  mkdirSync(dist, { recursive: true });
  // 32-bit freestanding code needs no multilib; the same flags as the server's run tests.
  const cflags = [
    '-m32',
    '-ffreestanding',
    '-nostdlib',
    '-fno-pic',
    '-fno-pie',
    '-fno-stack-protector',
    '-fno-asynchronous-unwind-tables',
    '-O2',
    ...(neverExit ? ['-DNEVER_EXIT'] : []),
  ];
  run('gcc', [...cflags, '-c', join(kernelSources, 'boot.S'), '-o', join(dist, 'boot.o')]);
  run('gcc', [...cflags, '-c', join(kernelSources, 'kmain.c'), '-o', join(dist, 'kmain.o')]);
  run('ld', [
    '-m',
    'elf_i386',
    '-nostdlib',
    '--no-warn-rwx-segments',
    '-T',
    join(kernelSources, 'link.ld'),
    '-o',
    join(dist, 'hello.virtio'),
    join(dist, 'boot.o'),
    join(dist, 'kmain.o'),
  ]);
  const config = join(dir, 'config.ml');
  return {
    dir,
    config,
    configUri: pathToFileURL(config).toString(),
    expectedOutput: neverExit ? 'running until stopped' : 'hello from the mirage-lsp test kernel',
  };
}
