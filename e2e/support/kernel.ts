/**
 * A unikernel project that can really run: testFixture/virtio-hello (configured for
 * virtio) with a multiboot test kernel built from testFixture/kernel/ by Debian's gcc and
 * binutils placed as dist/hello.virtio, which QEMU boots with -kernel like a Solo5
 * virtio unikernel. Both fixtures come from the `run` branch.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
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

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.error ?? ''}${r.stderr}`);
  }
}

export function haveRunFixture(): boolean {
  return existsSync(join(kernelSources, 'kmain.c')) && existsSync(join(runFixture, 'config.ml'));
}

/** Copies virtio-hello into `parent` and builds its kernel into dist/. */
export function prepareRunFixture(parent: string): RunFixture {
  if (!haveRunFixture()) {
    throw new Error(`${kernelSources} or ${runFixture} is missing (they come with the run branch)`);
  }
  const dir = join(parent, 'virtio-hello');
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
    expectedOutput: 'hello from the mirage-lsp test kernel',
  };
}
