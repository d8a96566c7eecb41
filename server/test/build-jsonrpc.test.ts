import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { BUILD_COMMANDS, UNTRUSTED_MESSAGE } from '../src/build/commands';
import { conformanceDir } from './support/conformance';
import { pathWithFakeTools } from './support/fake-tools';
import {
  childrenOf,
  fdCount,
  haveQemu,
  processesIn,
  testKernel,
  virtioProject,
} from './support/kernel';
import { LspClient, PublishedDiagnostics, fileUri } from './support/lsp';
import { scratchDir } from './support/scratch';

interface RunExited {
  dir: string;
  code: number | null;
  meaning: string;
  success: boolean;
  stopped: boolean;
}

/** A language server with the build commands, recording what they send back. */
class BuildClient {
  readonly console = new Map<string, string>();
  readonly exits: RunExited[] = [];
  readonly progress: { token: string | number; value: { kind: string; message?: string } }[] = [];
  readonly logs: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly lsp: LspClient) {
    const c = lsp.connection;
    c.onNotification('mirage/console', (p: { dir: string; text: string }) => {
      this.console.set(p.dir, (this.console.get(p.dir) ?? '') + p.text);
      this.wake();
    });
    c.onNotification('mirage/runExited', (p: RunExited) => {
      this.exits.push(p);
      this.wake();
    });
    c.onNotification('$/progress', (p: BuildClient['progress'][number]) => {
      this.progress.push(p);
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
  }

  static async start(init: object, env: Record<string, string> = {}): Promise<BuildClient> {
    const started = Date.now();
    const client = new BuildClient(
      await LspClient.start({ PATH: pathWithFakeTools(), ...env }, { initializationOptions: init }),
    );
    // A trusted server asks `mirage --version` (here the stand-in) a second after start when
    // no document is open: let that probe end, so "no child left" checks only what runs leave.
    if ((init as { trusted?: boolean }).trusted !== false) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 1200 - Date.now())));
      await client.until(
        () => childrenOf(client.pid).length === 0,
        'the version probe to end',
        5000,
      );
    }
    return client;
  }

  get pid(): number {
    return this.lsp.proc.pid!;
  }

  command<T>(command: string, args: unknown, token?: CancellationTokenSource): Promise<T> {
    const params = { command, arguments: [args], workDoneToken: `${command}-${Date.now()}` };
    return token
      ? this.lsp.connection.sendRequest('workspace/executeCommand', params, token.token)
      : this.lsp.connection.sendRequest('workspace/executeCommand', params);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once `pred` holds, checking after every notification. */
  async until(pred: () => boolean, what: string, timeoutMs = 20000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  stop(): Promise<void> {
    return this.lsp.stop();
  }
}

const tcg = { settings: { run: { accel: 'tcg', memory: 64 } } };

describe('build commands over JSON-RPC', function () {
  this.timeout(60000);
  let client: BuildClient;

  before(async function () {
    client = await BuildClient.start(tcg);
  });
  after(async () => {
    await client?.stop();
  });

  it('offers its commands through executeCommandProvider', () => {
    const provider = client.lsp.capabilities.executeCommandProvider as { commands: string[] };
    assert.deepEqual(provider.commands, [...BUILD_COMMANDS]);
  });

  it('answers mirage.plan with the launch plan', async () => {
    const dir = virtioProject(testKernel('exit'));
    const plan = await client.command<{ argv: string[]; cwd: string }>('mirage.plan', {
      uri: fileUri(join(dir, 'config.ml')),
    });
    assert.equal(plan.cwd, dir);
    assert.equal(plan.argv[0], 'qemu-system-x86_64');
    assert.ok(plan.argv.includes('tcg'));
    await assert.rejects(
      client.command('mirage.plan', { dir, target: 'genode' }),
      /Genode scenario/,
    );
  });

  describe('with QEMU', function () {
    before(function () {
      if (!haveQemu()) this.skip();
    });

    it('mirage.run boots the kernel, streams its console and reports its exit', async () => {
      const dir = virtioProject(testKernel('exit'));
      const t0 = Date.now();
      const started = await client.command<{ pid: number; argv: string[] }>('mirage.run', {
        dir,
        target: 'virtio',
        build: false,
      });
      assert.ok(started.pid > 0);
      await client.until(() => client.exits.some((e) => e.dir === dir), 'the run to end');
      const ms = Date.now() - t0;
      assert.equal(
        client.console.get(dir)?.replace(/\r/g, ''),
        'hello from the mirage-lsp test kernel\nargs: \n',
      );
      const exit = client.exits.find((e) => e.dir === dir)!;
      assert.equal(exit.code, 33);
      assert.equal(exit.success, true);
      assert.match(exit.meaning, /the kernel reported success/);
      console.log(`      (mirage.run over JSON-RPC: ${ms} ms from request to runExited)`);
    });

    it('mirage.stop ends a kernel that never exits, and no QEMU is left', async () => {
      const dir = virtioProject(testKernel('never-exit'));
      await client.command('mirage.run', { uri: fileUri(dir), build: false });
      await client.until(
        () => /running until stopped/.test(client.console.get(dir) ?? ''),
        'the kernel to boot',
      );
      assert.equal(processesIn(dir).length, 1);
      // A second run in the same directory asks first; this client cannot answer, so no.
      await assert.rejects(
        client.command('mirage.run', { dir, build: false }),
        /already running in .* stop it first/,
      );
      const t0 = Date.now();
      const r = await client.command<{ stoppedRun: boolean }>('mirage.stop', { dir });
      assert.equal(r.stoppedRun, true);
      const exit = client.exits.find((e) => e.dir === dir)!;
      assert.equal(exit.stopped, true);
      assert.equal(exit.success, false);
      assert.match(exit.meaning, /^stopped on request/);
      assert.deepEqual(processesIn(dir), []);
      assert.deepEqual(childrenOf(client.pid), []);
      console.log(`      (mirage.stop: ${Date.now() - t0} ms until QEMU was gone)`);
    });

    it('a run with restart replaces the one going on', async () => {
      const dir = virtioProject(testKernel('never-exit'));
      const first = await client.command<{ pid: number }>('mirage.run', { dir, build: false });
      await client.until(() => /running until/.test(client.console.get(dir) ?? ''), 'boot');
      const second = await client.command<{ pid: number }>('mirage.run', {
        dir,
        build: false,
        restart: true,
      });
      assert.notEqual(second.pid, first.pid);
      assert.ok(client.exits.some((e) => e.dir === dir && e.stopped));
      assert.deepEqual(processesIn(dir), [second.pid]);
      // A client that can answer is asked; here the user agrees to stop the first run.
      const asked: string[] = [];
      const answer = client.lsp.connection.onRequest(
        'window/showMessageRequest',
        (p: { message: string }) => {
          asked.push(p.message);
          return { title: 'Stop and run again' };
        },
      );
      const third = await client.command<{ pid: number }>('mirage.run', { dir, build: false });
      assert.match(asked[0], /already running in .*Stop it and run again\?/);
      assert.deepEqual(processesIn(dir), [third.pid]);
      answer.dispose();
      await client.command('mirage.stop', { dir });
      assert.deepEqual(processesIn(dir), []);
    });

    it('mirage.debug starts QEMU paused with a gdb stub on a free local port', async () => {
      const dir = virtioProject(testKernel('exit'));
      const r = await client.command<{ gdb: string; argv: string[] }>('mirage.debug', {
        dir,
        build: false,
      });
      const m = /^target remote 127\.0\.0\.1:(\d+)$/.exec(r.gdb);
      assert.ok(m, r.gdb);
      assert.ok(r.argv.includes('-S'));
      // Paused: nothing on the console until a debugger says continue.
      await new Promise((res) => setTimeout(res, 500));
      assert.equal(client.console.get(dir), undefined);
      // The gdb remote protocol's `c` (continue) packet, as gdb would send it.
      const socket = connect(Number(m[1]), '127.0.0.1');
      await new Promise<void>((res, rej) => socket.once('connect', res).once('error', rej));
      socket.on('error', () => undefined);
      socket.write('$c#63');
      await client.until(() => client.exits.some((e) => e.dir === dir), 'the kernel to exit');
      socket.destroy();
      assert.match(client.console.get(dir) ?? '', /hello from the mirage-lsp test kernel/);
      assert.equal(client.exits.find((e) => e.dir === dir)!.code, 33);
    });

    it('50 run/stop cycles leave no child process and no open descriptor behind', async function () {
      this.timeout(90000);
      const dir = virtioProject(testKernel('never-exit'));
      const cycle = async () => {
        client.console.delete(dir);
        await client.command('mirage.run', { dir, build: false });
        await client.until(() => /running until/.test(client.console.get(dir) ?? ''), 'boot');
        await client.command('mirage.stop', { dir });
      };
      await cycle(); // the first run opens what the server keeps (e.g. the grammar files)
      const fds = fdCount(client.pid);
      const t0 = Date.now();
      for (let i = 0; i < 50; i++) await cycle();
      const ms = Date.now() - t0;
      assert.deepEqual(childrenOf(client.pid), []);
      assert.deepEqual(processesIn(dir), []);
      assert.ok(
        fdCount(client.pid) <= fds,
        `descriptors: ${fds} before, ${fdCount(client.pid)} after`,
      );
      console.log(`      (50 run/stop cycles: ${ms} ms, ${Math.round(ms / 50)} ms each)`);
    });
  });

  describe('configure, build and clean with the stand-in tools', function () {
    let dir: string;
    const publishedFor = (uri: string) =>
      client.lsp.published.filter((p: PublishedDiagnostics) => p.uri === uri);

    beforeEach(() => {
      dir = scratchDir('rpc-build');
    });

    it('reports progress per stage, logs the output and returns the steps', async () => {
      cpSync(
        join(__dirname, '../../../testFixture/virtio-hello/config.ml'),
        join(dir, 'config.ml'),
      );
      const before = client.progress.length;
      const r = await client.command<{ ok: boolean; steps: { step: string; ran: boolean }[] }>(
        'mirage.build',
        { dir, target: 'hvt' },
      );
      assert.equal(r.ok, true);
      assert.deepEqual(
        r.steps.map((s) => [s.step, s.ran]),
        [
          ['configure', true],
          ['depend', true],
          ['build', true],
        ],
      );
      const progress = client.progress.slice(before).map((p) => p.value);
      assert.deepEqual(
        progress.map((v) => v.kind),
        ['begin', 'report', 'report', 'report', 'report', 'end'],
      );
      assert.match(progress[1].message ?? '', /^mirage configure/);
      assert.match(progress[2].message ?? '', /^make depend/);
      assert.match(progress[3].message ?? '', /^make build/);
      assert.ok(client.logs.some((l) => /^\$ mirage configure -t hvt/.test(l)));
      assert.ok(
        client.logs.some((l) => /\[make build\] Your unikernel binary is now ready/.test(l)),
      );
      assert.ok(existsSync(join(dir, 'dist', 'hello.hvt')));

      const again = await client.command<{ steps: { ran: boolean }[] }>('mirage.build', { dir });
      assert.deepEqual(
        again.steps.map((s) => s.ran),
        [false, false, true],
      );
      const clean = await client.command<{ ok: boolean }>('mirage.clean', { dir });
      assert.equal(clean.ok, true);
      assert.ok(!existsSync(join(dir, 'mirage')) && !existsSync(join(dir, 'dist')));
    });

    it('publishes configure errors on config.ml, beside the analysis, and clears them after', async function () {
      const conf = conformanceDir();
      if (!conf) this.skip();
      const caseDir = join(conf!, 'cases', 'err-multiline-location');
      cpSync(caseDir, dir, { recursive: true });
      writeFileSync(join(dir, '.fake-case'), caseDir);
      const uri = fileUri(join(dir, 'config.ml'));
      const r = await client.command<{ ok: boolean; failure: string }>('mirage.configure', {
        uri,
        target: 'virtio',
      });
      assert.equal(r.ok, false);
      assert.match(r.failure, /mirage configure failed \(exit 1\): This expression has type kv_rw/);
      await client.lsp.diagnostics((p) => p.uri === uri && p.diagnostics.length > 0);
      const [d] = publishedFor(uri).at(-1)!.diagnostics;
      assert.equal(d.source, 'mirage configure');
      assert.deepEqual(d.range.start, { line: 7, character: 8 });

      // Opening the file publishes the analysis; the build error stays beside it.
      await client.lsp.open(uri, readFileSync(join(dir, 'config.ml'), 'utf8'));
      await client.lsp.diagnostics(
        (p) =>
          p.uri === uri &&
          p.version === 1 &&
          p.diagnostics.some((x) => x.source === 'mirage configure'),
      );

      rmSync(join(dir, '.fake-case'));
      const ok = await client.command<{ ok: boolean }>('mirage.configure', { uri });
      assert.equal(ok.ok, true);
      await client.lsp.diagnostics(
        (p) =>
          p.uri === uri &&
          publishedFor(uri).indexOf(p) === publishedFor(uri).length - 1 &&
          !p.diagnostics.some((x) => x.source === 'mirage configure'),
      );
      await client.lsp.connection.sendNotification('textDocument/didClose', {
        textDocument: { uri },
      });
    });

    it('mirage.stop and request cancellation kill a build in progress', async () => {
      cpSync(
        join(__dirname, '../../../testFixture/virtio-hello/config.ml'),
        join(dir, 'config.ml'),
      );
      writeFileSync(join(dir, '.fake-sleep-ms'), '20000');
      const building = client.command<{ ok: boolean; failure: string }>('mirage.build', {
        dir,
        target: 'virtio',
      });
      await new Promise((res) => setTimeout(res, 700));
      const stopped = await client.command<{ stoppedBuild: boolean }>('mirage.stop', { dir });
      assert.equal(stopped.stoppedBuild, true);
      const r = await building;
      assert.equal(r.ok, false);
      assert.equal(r.failure, 'mirage configure was stopped');
      assert.deepEqual(childrenOf(client.pid), []);

      const source = new CancellationTokenSource();
      const cancelled = client
        .command<{ ok: boolean }>('mirage.build', { dir, target: 'virtio' }, source)
        .catch((e: Error) => e);
      await new Promise((res) => setTimeout(res, 700));
      source.cancel();
      await cancelled;
      await client.until(() => childrenOf(client.pid).length === 0, 'the build to be killed', 5000);
    });
  });
});

describe('build commands when the server goes away', function () {
  this.timeout(30000);
  before(function () {
    if (!haveQemu()) this.skip();
  });

  it('stops the unikernels it started on exit', async () => {
    const dir = virtioProject(testKernel('never-exit'));
    const client = await BuildClient.start(tcg);
    await client.command('mirage.run', { dir, build: false });
    await client.until(() => /running until/.test(client.console.get(dir) ?? ''), 'boot');
    assert.equal(processesIn(dir).length, 1);
    await client.stop(); // shutdown + exit
    await client.until(() => processesIn(dir).length === 0, 'QEMU to go', 5000);
  });
});

describe('build commands in an untrusted workspace', function () {
  this.timeout(30000);

  it('answers every command with an error and starts no process', async () => {
    const dir = virtioProject(testKernel('exit'));
    const log = join(dir, 'tools.log');
    writeFileSync(join(dir, '.fake-tools-log'), log);
    const client = await BuildClient.start({ trusted: false, ...tcg });
    try {
      for (const command of BUILD_COMMANDS) {
        await assert.rejects(
          client.command(command, { dir, target: 'virtio', build: false }),
          (e: Error) => e.message === UNTRUSTED_MESSAGE,
          command,
        );
      }
      assert.deepEqual(childrenOf(client.pid), []);
      assert.deepEqual(processesIn(dir), []);
      assert.ok(!existsSync(log), 'a tool ran');
      assert.ok(!existsSync(join(dir, 'mirage', 'hello-firecracker.json')));
    } finally {
      await client.stop();
    }
  });
});
