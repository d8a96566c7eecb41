import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildProject, readProject } from '../src/build/project';
import { Supervisor } from '../src/build/runner';
import { BuildSettings, buildSettings } from '../src/build/settings';
import { StepOutcome, buildPipeline } from '../src/build/steps';
import { conformanceDir } from './support/conformance';
import { pathWithFakeTools } from './support/fake-tools';
import { childrenOf } from './support/kernel';
import { testRuntime } from './support/runtime';
import { scratchDir } from './support/scratch';

const config = `(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let main = main "Unikernel.Hello" job

let () = register "hello" [ main ]
`;

describe('configure → depend → build with stand-in mirage and make', function () {
  this.timeout(20000);
  const savedPath = process.env.PATH;
  let dir: string;
  let log: string;
  const supervisor = new Supervisor();

  before(async () => {
    await testRuntime();
    process.env.PATH = pathWithFakeTools();
  });
  after(() => {
    process.env.PATH = savedPath;
  });
  beforeEach(() => {
    dir = scratchDir('steps');
    writeFileSync(join(dir, 'config.ml'), config);
    log = join(dir, 'tools.log');
    process.env.FAKE_TOOLS_LOG = log;
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('FAKE_')) delete process.env[k];
  });

  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  async function project(target = 'virtio'): Promise<BuildProject> {
    return readProject(dir, (await testRuntime()).parsers, target);
  }
  async function build(
    target = 'virtio',
    settings: BuildSettings = buildSettings({}),
    signal?: AbortSignal,
  ): Promise<StepOutcome[]> {
    return buildPipeline(await project(target), {
      parsers: (await testRuntime()).parsers,
      settings,
      supervisor,
      signal,
    });
  }
  const ran = (o: StepOutcome[]) => o.filter((x) => x.ran).map((x) => x.step);
  /** Aborts as soon as `ready` holds: the step has written something and is still running. */
  function abortWhen(ready: () => boolean): AbortController {
    const abort = new AbortController();
    const timer = setInterval(() => {
      if (!ready()) return;
      clearInterval(timer);
      abort.abort();
    }, 20);
    return abort;
  }

  it('runs every step in a fresh directory and writes what configure writes', async () => {
    const o = await build();
    assert.deepEqual(ran(o), ['configure', 'depend', 'build']);
    assert.ok(o.every((x) => x.ok));
    assert.deepEqual(calls(), ['mirage configure -t virtio', 'make depend', 'make build']);
    assert.equal(readFileSync(join(dir, 'mirage', 'context'), 'utf8'), 'configure\n-t\nvirtio\n');
    for (const f of ['Makefile', 'mirage/hello-virtio.opam', 'mirage/hello-virtio.opam.locked']) {
      assert.ok(existsSync(join(dir, f)), f);
    }
    assert.ok(existsSync(join(dir, 'dist', 'hello.virtio')));
    assert.ok(!existsSync(join(dir, 'mirage', '.mirage-lsp-configure-pending')));
    assert.equal(o[0].why, 'mirage/context is missing');
    assert.match(o[1].why, /opam\.locked is missing/);
  });

  it('then only builds, until the opam file, config.ml, the target or the flags change', async () => {
    await build();
    rmSync(log);
    const again = await build();
    assert.deepEqual(ran(again), ['build']);

    // Files edited after the step that used them: make that step's output look older.
    const earlier = new Date(Date.now() - 60000);
    utimesSync(join(dir, 'mirage', 'hello-virtio.opam.locked'), earlier, earlier);
    assert.deepEqual(ran(await build()), ['depend', 'build']);

    utimesSync(join(dir, 'mirage', 'context'), earlier, earlier);
    const reconfigured = await build();
    assert.equal(reconfigured[0].why, 'config.ml changed since');
    assert.deepEqual(ran(reconfigured), ['configure', 'depend', 'build']);

    const hvt = await build('hvt');
    assert.equal(hvt[0].why, 'mirage/context is for virtio, not hvt');
    assert.ok(existsSync(join(dir, 'dist', 'hello.hvt')));

    const flags = buildSettings({ configure: { flags: ['--dhcp', 'true'] } });
    assert.equal((await build('hvt', flags))[0].why, 'the configure flags changed');
    assert.equal(
      readFileSync(join(dir, 'mirage', 'context'), 'utf8'),
      'configure\n-t\nhvt\n--dhcp\ntrue\n',
    );
    assert.deepEqual(ran(await build('hvt', flags)), ['build']);
    // Without flags in the settings, the saved ones are kept.
    assert.deepEqual(ran(await build('hvt')), ['build']);
  });

  it('stops at a failed configure and puts its errors on config.ml', async function () {
    const conf = conformanceDir();
    if (!conf) this.skip();
    const id = 'err-multiline-location';
    cpSync(join(conf!, 'cases', id), dir, { recursive: true });
    process.env.FAKE_CASE = join(conf!, 'cases', id);
    const o = await build('hvt');
    assert.deepEqual(ran(o), ['configure']);
    assert.equal(o[0].ok, false);
    assert.equal(o[0].code, 1);
    const d = o[0].diagnostics.get(join(dir, 'config.ml'));
    assert.equal(d?.length, 1);
    assert.deepEqual(d[0].range, {
      start: { line: 7, character: 8 },
      end: { line: 9, character: 21 },
    });
    assert.match(String(d[0].message), /^This expression has type kv_rw impl/);
    assert.equal(d[0].source, 'mirage configure');
    // The configure that failed is redone next time.
    assert.equal((await project('hvt')).contextText !== null, true);
    delete process.env.FAKE_CASE;
    assert.equal((await build('hvt'))[0].why, 'the last configure did not finish');
  });

  it('places a target failure of configure on the device that causes it', async function () {
    const conf = conformanceDir();
    if (!conf) this.skip();
    const id = 'target-default-qubesdb';
    cpSync(join(conf!, 'cases', id), dir, { recursive: true });
    process.env.FAKE_CASE = join(conf!, 'cases', id);
    const [o] = await build('hvt');
    const d = o.diagnostics.get(join(dir, 'config.ml'))!;
    assert.equal(d.length, 1);
    assert.match(String(d[0].message), /Qubes DB invoked for an unsupported target/);
    const line = readFileSync(join(dir, 'config.ml'), 'utf8').split('\n')[d[0].range.start.line];
    assert.equal(
      line.slice(d[0].range.start.character, d[0].range.end.character),
      'default_qubesdb',
    );
    // The same case configures fine for xen.
    assert.ok((await build('xen')).every((x) => x.ok));
  });

  it('puts a failed build on the unikernel source', async () => {
    await build();
    writeFileSync(
      join(dir, 'unikernel.ml'),
      'module Hello = struct\n  let start () = Lwt.return 42\nend\n',
    );
    const output = join(dir, 'build-output.txt');
    writeFileSync(
      output,
      `File "unikernel.ml", line 2, characters 17-30:
2 |   let start () = Lwt.return 42
                     ^^^^^^^^^^^^^
Error: This expression has type int Lwt.t
       but an expression was expected of type unit Lwt.t
       Type int is not compatible with type unit
`,
    );
    process.env.FAKE_BUILD_OUTPUT = output;
    const o = await build();
    const b = o[o.length - 1];
    assert.equal(b.step, 'build');
    assert.equal(b.ok, false);
    assert.equal(b.code, 2);
    const d = b.diagnostics.get(join(dir, 'unikernel.ml'))!;
    assert.deepEqual(d[0].range, {
      start: { line: 1, character: 17 },
      end: { line: 1, character: 30 },
    });
    assert.equal(b.diagnostics.get(join(dir, 'config.ml')), undefined);
  });

  it('recovers from a configure and a depend killed mid-way', async () => {
    process.env.FAKE_SLEEP_MS = '10000';
    const abort = abortWhen(() => existsSync(join(dir, 'mirage', 'context')));
    const t0 = Date.now();
    const killed = await build('virtio', buildSettings({}), abort.signal);
    assert.ok(Date.now() - t0 < 5000, 'the step was not killed');
    assert.deepEqual(ran(killed), ['configure']);
    assert.equal(killed[0].stopped, true);
    assert.deepEqual(childrenOf(process.pid), []);
    // mirage/context was written before the kill, but the step did not finish.
    assert.ok(existsSync(join(dir, 'mirage', 'context')));
    delete process.env.FAKE_SLEEP_MS;

    process.env.FAKE_DEPEND_SLEEP_MS = '10000';
    const abort2 = abortWhen(() => existsSync(join(dir, 'mirage', 'hello-virtio.opam.locked')));
    const killed2 = await build('virtio', buildSettings({}), abort2.signal);
    assert.equal(killed2[0].why, 'the last configure did not finish');
    assert.deepEqual(ran(killed2), ['configure', 'depend']);
    assert.equal(killed2[1].stopped, true);
    // The lock file exists, yet depend did not finish: it runs again.
    assert.ok(existsSync(join(dir, 'mirage', 'hello-virtio.opam.locked')));
    delete process.env.FAKE_DEPEND_SLEEP_MS;

    const o = await build();
    assert.deepEqual(ran(o), ['depend', 'build']);
    assert.equal(o[1].why, 'the last depend did not finish');
    assert.ok(o.every((x) => x.ok));
  });

  it('says which tool could not be started', async () => {
    const o = await build('virtio', buildSettings({ paths: { mirage: '/nonexistent/mirage' } }));
    assert.equal(o[0].ok, false);
    const [d] = o[0].diagnostics.get(join(dir, 'config.ml'))!;
    assert.match(String(d.message), /could not start.*ENOENT.*mirage\.paths/);
  });
});
