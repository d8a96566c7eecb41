import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './scratch';

/** Sources of the multiboot test kernel. */
export const kernelSources = join(__dirname, '../../../../testFixture/kernel');

export type KernelVariant = 'exit' | 'never-exit' | 'exit-3';

const DEFINES: Record<KernelVariant, string[]> = {
  exit: [],
  'never-exit': ['-DNEVER_EXIT'],
  'exit-3': ['-DEXIT_STATUS=3'],
};

const built = new Map<KernelVariant, string>();
let outDir: string | undefined;

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.error ?? ''}${r.stderr}`);
  }
}

/**
 * Builds the test kernel with Debian's gcc and binutils (32-bit freestanding, no libc, so no
 * multilib needed) and returns the ELF path; each variant once per test process.
 */
export function testKernel(variant: KernelVariant = 'exit'): string {
  const have = built.get(variant);
  if (have) return have;
  outDir ??= scratchDir('kernel');
  const cflags = [
    '-m32',
    '-ffreestanding',
    '-nostdlib',
    '-fno-pic',
    '-fno-pie',
    '-fno-stack-protector',
    '-fno-asynchronous-unwind-tables',
    '-O2',
    '-Wall',
    ...DEFINES[variant],
  ];
  const boot = join(outDir, `boot-${variant}.o`);
  const kmain = join(outDir, `kmain-${variant}.o`);
  const elf = join(outDir, `kernel-${variant}.elf`);
  run('gcc', [...cflags, '-c', join(kernelSources, 'boot.S'), '-o', boot]);
  run('gcc', [...cflags, '-c', join(kernelSources, 'kmain.c'), '-o', kmain]);
  run('ld', [
    '-m',
    'elf_i386',
    '-nostdlib',
    '--no-warn-rwx-segments',
    '-T',
    join(kernelSources, 'link.ld'),
    '-o',
    elf,
    boot,
    kmain,
  ]);
  built.set(variant, elf);
  return elf;
}

/** Whether the tools the run tests need are installed. */
export function haveQemu(): boolean {
  return spawnSync('qemu-system-x86_64', ['--version']).status === 0;
}

/** Live processes (pid, command line) whose command line mentions `needle`. */
export function processesMentioning(needle: string): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    let state: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      state = readFileSync(`/proc/${entry}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .charAt(0);
    } catch {
      continue; // gone meanwhile
    }
    // A zombie is dead already; it only waits for its parent to read its status.
    if (state !== 'Z' && cmdline.includes(needle)) out.push({ pid: Number(entry), cmdline });
  }
  return out;
}

/** Children of a process (from /proc/PID/task/TID/children). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // The process is gone.
  }
  return out;
}

/** Number of open file descriptors of a process. */
export function fdCount(pid: number | 'self'): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Live processes whose working directory is `dir` (runs start there). */
export function processesIn(dir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '');
      if (state.charAt(0) !== 'Z' && readlinkSync(`/proc/${entry}/cwd`) === dir)
        out.push(Number(entry));
    } catch {
      // Gone, or not ours to look at.
    }
  }
  return out;
}

/** A copy of the virtio-hello fixture holding the given kernel as dist/hello.virtio. */
export function virtioProject(kernel: string): string {
  const dir = scratchDir('virtio');
  cpSync(virtioFixture, dir, { recursive: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  copyFileSync(kernel, join(dir, 'dist', 'hello.virtio'));
  return dir;
}

export const virtioFixture = join(__dirname, '../../../../testFixture/virtio-hello');

/** Whether a process is alive (a zombie only waits for its status to be read). */
export function isAlive(pid: number): boolean {
  try {
    return (
      readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .charAt(0) !== 'Z'
    );
  } catch {
    return false;
  }
}
