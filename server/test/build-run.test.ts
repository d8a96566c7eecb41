import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitMeaning } from '../src/build/exits';
import { RunningProcess } from '../src/build/runner';
import { pathWithFakeTools } from './support/fake-tools';
import {
  childrenOf,
  haveQemu,
  isAlive,
  processesIn,
  testKernel,
  virtioFixture,
  virtioProject,
} from './support/kernel';
import { serverBundle } from './support/lsp';
import { scratchDir } from './support/scratch';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `mirage-lsp ARGS` in a child process; `onStdout` may act on what it prints. */
function cli(
  args: string[],
  env: Record<string, string> = {},
  onStdout?: (text: string, proc: ChildProcess) => void,
): Promise<CliRun> {
  const t0 = Date.now();
  const proc = spawn(process.execPath, [serverBundle, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (t: string) => {
    stdout += t;
    onStdout?.(stdout, proc);
  });
  proc.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve) =>
    proc.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 })),
  );
}

describe('mirage-lsp run: a real multiboot kernel in QEMU (TCG)', function () {
  this.timeout(60000);
  before(function () {
    if (!haveQemu()) {
      // .ci/run installs qemu-system-x86; without it these tests cannot say anything.
      this.skip();
    }
  });

  it('boots dist/hello.virtio of the fixture, prints its console and exits 0', async () => {
    mkdirSync(join(virtioFixture, 'dist'), { recursive: true });
    copyFileSync(testKernel('exit'), join(virtioFixture, 'dist', 'hello.virtio'));
    const r = await cli([
      'run',
      virtioFixture,
      '--target',
      'virtio',
      '--no-build',
      '--accel',
      'tcg',
      '--',
      '--ipv4=10.0.0.2/24',
      '-l',
      '*:debug',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'hello from the mirage-lsp test kernel\nargs: --ipv4=10.0.0.2/24 -l *:debug\n',
    );
    assert.match(r.stderr, /\$ qemu-system-x86_64 .*-accel tcg .*-kernel dist\/hello\.virtio/);
    assert.match(
      r.stderr,
      /the kernel reported success \(wrote 0x10 to isa-debug-exit, QEMU status 33\)/,
    );
    console.log(`      (mirage-lsp run: ${r.ms} ms from start to exit, QEMU boot included)`);
  });

  it('exits with the status the kernel reports', async () => {
    const dir = virtioProject(testKernel('exit-3'));
    const r = await cli(['run', dir, '--no-build', '--accel', 'tcg']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /the kernel wrote 3 \(0x3\) to isa-debug-exit \(QEMU status 7\)/);
  });

  it('stops a kernel that never exits at --timeout (124) and leaves no QEMU', async () => {
    const dir = virtioProject(testKernel('never-exit'));
    const r = await cli(['run', dir, '--no-build', '--accel', 'tcg', '--timeout', '3']);
    assert.equal(r.code, 124, r.stderr);
    assert.match(r.stdout, /running until stopped/);
    assert.match(r.stderr, /timed out after 3 s/);
    assert.deepEqual(processesIn(dir), []);
  });

  it('stops the run on Ctrl-C (130) and leaves no QEMU', async () => {
    const dir = virtioProject(testKernel('never-exit'));
    let sent = false;
    const r = await cli(['run', dir, '--no-build', '--accel', 'tcg'], {}, (out, proc) => {
      if (!sent && out.includes('running until stopped')) {
        sent = true;
        proc.kill('SIGINT');
      }
    });
    assert.equal(r.code, 130, r.stderr);
    assert.deepEqual(processesIn(dir), []);
  });

  it('says what is missing instead of starting (125)', async () => {
    const dir = virtioProject(testKernel('exit'));
    rmSync(join(dir, 'dist'), { recursive: true });
    const r = await cli(['run', dir, '--no-build']);
    assert.equal(r.code, 125);
    assert.match(r.stderr, /dist\/hello\.virtio does not exist/);
  });

  it('builds first with the (stand-in) toolchain, then runs what was built', async () => {
    const dir = scratchDir('run-build');
    copyFileSync(join(virtioFixture, 'config.ml'), join(dir, 'config.ml'));
    const r = await cli(['run', dir, '--target', 'virtio', '--accel', 'tcg'], {
      PATH: pathWithFakeTools(),
      FAKE_ARTIFACT: testKernel('exit'),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\$ mirage configure -t virtio {4}# mirage\/context is missing/);
    assert.match(r.stderr, /\$ make depend/);
    assert.match(r.stderr, /\$ make build/);
    assert.match(r.stdout, /hello from the mirage-lsp test kernel/);
  });

  it('does not start anything when the build fails (125)', async () => {
    const dir = scratchDir('run-fail');
    copyFileSync(join(virtioFixture, 'config.ml'), join(dir, 'config.ml'));
    writeFileSync(join(dir, '.fake-build-output'), join(dir, 'out.txt'));
    writeFileSync(
      join(dir, 'out.txt'),
      'File "unikernel.ml", line 1, characters 0-3:\nError: Unbound module Foo\n',
    );
    writeFileSync(join(dir, 'unikernel.ml'), 'Foo.bar\n');
    const r = await cli(['run', dir, '--target', 'virtio'], {
      PATH: pathWithFakeTools(),
    });
    assert.equal(r.code, 125);
    assert.match(r.stderr, /unikernel\.ml:1:1: error: Unbound module Foo/);
    assert.match(r.stderr, /build failed \(exit 2\); nothing was started/);
  });
});

describe('process supervision', () => {
  it('stopping a process stops everything in its group', async () => {
    // A parent that starts a child which ignores SIGTERM: both must go.
    const script = `
      const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
      process.stdout.write(String(c.pid) + '\\n');
      setInterval(() => {}, 1000);`;
    let out = '';
    const p = RunningProcess.start(
      { argv: [process.execPath, '-e', script], cwd: tmpdir() },
      { onOutput: (t) => (out += t), graceMs: 300 },
    );
    while (!out.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const grandchild = Number(out.trim());
    const r = await p.stop();
    assert.equal(r.stopped, true);
    await new Promise((res) => setTimeout(res, 400));
    assert.equal(isAlive(grandchild), false);
    assert.deepEqual(childrenOf(process.pid), []);
  });

  it('reports a program that cannot be started', async () => {
    const r = await RunningProcess.start({ argv: ['/nonexistent/qemu'], cwd: tmpdir() }).done;
    assert.match(r.error ?? '', /ENOENT/);
    assert.equal(r.code, null);
  });
});

describe('exit statuses in the launched tool’s terms', () => {
  const read = (...a: Parameters<typeof exitMeaning>) => {
    const m = exitMeaning(...a);
    return [m.success, m.status, m.meaning];
  };

  it('reads QEMU isa-debug-exit statuses, (value << 1) | 1', () => {
    assert.deepEqual(read('qemu', 33, null).slice(0, 2), [true, 0]);
    assert.deepEqual(read('qemu', 83, null).slice(0, 2), [true, 0]);
    assert.match(String(read('qemu', 83, null)[2]), /Solo5 on virtio/);
    assert.deepEqual(read('qemu', 7, null).slice(0, 2), [false, 3]);
    assert.deepEqual(read('qemu', 0, null).slice(0, 2), [true, 0]);
    assert.match(
      String(read('qemu', 1, null, 'qemu-system-x86_64: -kernel x: No such file\n')[2]),
      /^QEMU failed: qemu-system-x86_64: -kernel x/,
    );
    assert.match(
      String(read('qemu', 1, null)[2]),
      /wrote 0 to isa-debug-exit, or QEMU itself failed/,
    );
  });

  it('reads Solo5 tender and unikernel statuses', () => {
    assert.deepEqual(read('solo5', 0, null).slice(0, 2), [true, 0]);
    assert.match(String(read('solo5', 255, null)[2]), /aborted/);
    assert.match(
      String(read('solo5', 1, null, 'solo5-hvt: bind(tap0): Operation not permitted\n')[2]),
      /^the Solo5 tender failed: solo5-hvt: bind/,
    );
    assert.match(String(read('solo5', 1, null)[2]), /unikernel exited with failure/);
    assert.match(String(read('solo5', 64, null)[2]), /bad unikernel argument/);
  });

  it('reads signals as 128 + N', () => {
    assert.deepEqual(read('unix', null, 'SIGKILL').slice(0, 2), [false, 137]);
    assert.deepEqual(
      read('unix', 2, null)[2],
      'the unikernel exited with status 2 (an uncaught OCaml exception)',
    );
  });
});
