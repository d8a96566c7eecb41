import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ManifestDevice, parseManifest } from '../src/build/manifest';
import { LaunchPlan, PlanError, PlanInput, commandLine, launchPlan } from '../src/build/plans';
import { projectPlan, readProject } from '../src/build/project';
import { RunningProcess } from '../src/build/runner';
import { buildSettings } from '../src/build/settings';
import { serverBundle } from './support/lsp';
import { testRuntime } from './support/runtime';
import { scratchDir } from './support/scratch';

const manifests = join(__dirname, '../../test/fixtures/manifests');
const devices = (file: string): ManifestDevice[] => {
  const m = parseManifest(readFileSync(join(manifests, file), 'utf8'));
  if (!m.devices) throw new Error(m.problem);
  return m.devices;
};

const mapped = {
  run: {
    net: { service: 'tap0' },
    block: { storage: 'disk.img' },
    args: ['--ipv4=10.0.0.2/24', '-l', '*:debug'],
  },
};

function plan(target: string, over: Partial<PlanInput> = {}, section: unknown = mapped) {
  return launchPlan({
    dir: '/srv/hello',
    target,
    name: 'hello',
    devices: devices('net-and-block.json'),
    settings: buildSettings(section),
    kvm: false,
    ...over,
  });
}

function planError(f: () => LaunchPlan): PlanError {
  try {
    f();
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
  assert.fail('expected a PlanError');
}

describe('launch plans', () => {
  it('unix and macosx run dist/NAME with the unikernel arguments', () => {
    for (const target of ['unix', 'macosx']) {
      const p = plan(target);
      assert.deepEqual(p.argv, ['./dist/hello', '--ipv4=10.0.0.2/24', '-l', '*:debug']);
      assert.equal(p.cwd, '/srv/hello');
      assert.equal(p.exit, 'unix');
    }
  });

  it('hvt and spt attach every manifest device and pass the memory', () => {
    const hvt = plan('hvt', {}, { ...mapped, run: { ...mapped.run, memory: 256 } });
    assert.deepEqual(hvt.argv, [
      'solo5-hvt',
      '--mem=256',
      '--net:service=tap0',
      '--block:storage=disk.img',
      '--',
      'dist/hello.hvt',
      '--ipv4=10.0.0.2/24',
      '-l',
      '*:debug',
    ]);
    assert.equal(hvt.exit, 'solo5');
    const spt = plan('spt');
    assert.equal(spt.argv[0], 'solo5-spt');
    assert.equal(spt.argv[1], '--mem=512');
    assert.ok(spt.argv.includes('dist/hello.spt'));
  });

  it('names the device that has no host resource', () => {
    const net = planError(() => plan('hvt', {}, { run: { block: { storage: 'disk.img' } } }));
    assert.equal(net.reason, 'unmapped-device');
    assert.match(net.message, /network device `service`/);
    assert.match(net.message, /"mirage\.run\.net": \{ "service": "tap0" \}/);
    const block = planError(() => plan('spt', {}, { run: { net: { service: 'tap0' } } }));
    assert.match(block.message, /block device `storage`.*not mapped to a disk image/);
    const virtio = planError(() => plan('virtio', {}, {}));
    assert.match(virtio.message, /`service`/);
  });

  it('virtio runs QEMU with one virtio-net and one virtio-blk, TCG unless KVM works', () => {
    const p = plan('virtio');
    assert.deepEqual(p.argv, [
      'qemu-system-x86_64',
      '-nodefaults',
      '-no-user-config',
      '-no-reboot',
      '-machine',
      'acpi=off',
      '-display',
      'none',
      '-serial',
      'stdio',
      '-m',
      '512',
      '-accel',
      'tcg',
      '-device',
      'isa-debug-exit',
      '-netdev',
      'tap,id=n0,ifname=tap0,script=no,downscript=no',
      '-device',
      'virtio-net,netdev=n0',
      '-drive',
      'id=d0,file=disk.img,if=none,format=raw',
      '-device',
      'virtio-blk,drive=d0',
      '-kernel',
      'dist/hello.virtio',
      '-append',
      '--ipv4=10.0.0.2/24 -l *:debug',
    ]);
    assert.equal(p.exit, 'qemu');
    assert.ok(plan('virtio', { kvm: true }).argv.join(' ').includes('-accel kvm'));
    const forced = plan(
      'virtio',
      { kvm: true },
      { ...mapped, run: { ...mapped.run, accel: 'tcg' } },
    );
    assert.ok(forced.argv.join(' ').includes('-accel tcg'));
    const none = plan('virtio', { devices: devices('empty.json') }, {});
    assert.ok(!none.argv.includes('-netdev') && !none.argv.includes('-append'));
  });

  it('virtio refuses a manifest with more devices than Solo5 on virtio attaches', () => {
    const e = planError(() =>
      plan(
        'virtio',
        { devices: devices('two-networks.json') },
        { run: { net: { service: 'tap0', management: 'tap1' }, block: { db: 'db.img' } } },
      ),
    );
    assert.equal(e.reason, 'too-many-devices');
    assert.match(e.message, /2 network and 1 block devices/);
  });

  it('asks for a configured project when the manifest is missing', () => {
    const e = planError(() => plan('hvt', { devices: null }));
    assert.equal(e.reason, 'no-manifest');
    assert.match(e.message, /mirage configure -t hvt/);
  });

  it('unikraft-qemu boots NAME.qemu with PCI devices from the settings', () => {
    const p = plan('unikraft-qemu', { devices: null });
    const argv = p.argv.join(' ');
    assert.match(argv, /-kernel dist\/hello\.qemu/);
    assert.match(argv, /-device virtio-net-pci,netdev=n0/);
    assert.match(argv, /-device virtio-blk-pci,drive=d0/);
    assert.ok(!argv.includes('acpi=off'));
    assert.equal(p.argv[p.argv.indexOf('-append') + 1], '--ipv4=10.0.0.2/24 -l *:debug');
  });

  it('unikraft-firecracker writes a VM configuration and starts firecracker with it', () => {
    const p = plan('unikraft-firecracker', { devices: null });
    assert.deepEqual(p.argv, [
      'firecracker',
      '--no-api',
      '--config-file',
      '/srv/hello/mirage/hello-firecracker.json',
    ]);
    const config = JSON.parse(p.files[0].content);
    assert.equal(p.files[0].path, '/srv/hello/mirage/hello-firecracker.json');
    assert.equal(config['boot-source'].kernel_image_path, '/srv/hello/dist/hello.fc');
    assert.equal(config['boot-source'].boot_args, '--ipv4=10.0.0.2/24 -l *:debug');
    assert.equal(config['machine-config'].mem_size_mib, 512);
    assert.deepEqual(config['network-interfaces'], [{ iface_id: 'n0', host_dev_name: 'tap0' }]);
    assert.equal(config.drives[0].path_on_host, '/srv/hello/disk.img');
  });

  it('xen creates the domain from dist/NAME.xl with the console attached', () => {
    const p = plan('xen', { devices: null });
    assert.deepEqual(p.argv, [
      'xl',
      'create',
      'dist/hello.xl',
      '-c',
      'extra="--ipv4=10.0.0.2/24 -l *:debug"',
    ]);
    assert.deepEqual(plan('xen', { devices: null }, {}).argv, [
      'xl',
      'create',
      'dist/hello.xl',
      '-c',
    ]);
  });

  it('explains why muen, genode and qubes have no one-click launch', () => {
    const why: Record<string, RegExp> = {
      muen: /Muen separation-kernel system/,
      genode: /Genode scenario/,
      qubes: /kernel of a Qubes VM/,
    };
    for (const [target, re] of Object.entries(why)) {
      const e = planError(() => plan(target));
      assert.equal(e.reason, 'no-launcher');
      assert.match(e.message, re);
    }
  });

  it('uses the tool paths from the settings', () => {
    const section = {
      ...mapped,
      paths: { qemu: '/opt/qemu/bin/qemu-system-x86_64', solo5Hvt: '/opt/solo5/bin/solo5-hvt' },
    };
    assert.equal(plan('virtio', {}, section).argv[0], '/opt/qemu/bin/qemu-system-x86_64');
    assert.equal(plan('hvt', {}, section).argv[0], '/opt/solo5/bin/solo5-hvt');
    assert.equal(plan('spt', {}, section).argv[0], 'solo5-spt');
  });

  it('starts QEMU paused with a gdb stub on localhost for debugging', () => {
    const p = plan('virtio', { debugPort: 40123 });
    assert.deepEqual(p.argv.slice(-3), ['-S', '-gdb', 'tcp:127.0.0.1:40123']);
    assert.equal(p.gdb, 'target remote 127.0.0.1:40123');
    const hvt = plan('hvt', { debugPort: 40124 });
    assert.ok(hvt.argv.includes('--gdb') && hvt.argv.includes('--gdb-port=40124'));
    assert.equal(planError(() => plan('unix', { debugPort: 1 })).reason, 'no-debug');
  });

  it('quotes unikernel arguments for the kernel command line', () => {
    assert.equal(
      commandLine(['--hello=a b', '-l', '*:debug', 'say "hi"', '']),
      '"--hello=a b" -l *:debug "say \\"hi\\"" ""',
    );
  });
});

describe('launch plans: nothing from config files or settings runs as a command', () => {
  it('rejects a manifest device name that is not a Solo5 name', () => {
    const e = planError(() =>
      plan(
        'hvt',
        { devices: devices('hostile-name.json') },
        { run: { net: { 'x; rm -rf /': 'tap0' } } },
      ),
    );
    assert.equal(e.reason, 'invalid-value');
    assert.match(e.message, /"x; rm -rf \/"/);
  });

  it('rejects tap names that would add QEMU options, and escapes commas in disk paths', () => {
    const e = planError(() =>
      plan(
        'virtio',
        {},
        { run: { net: { service: 'tap0,script=/tmp/evil.sh' }, block: { storage: 'd.img' } } },
      ),
    );
    assert.equal(e.reason, 'invalid-value');
    const p = plan(
      'virtio',
      {},
      { run: { net: { service: 'tap0' }, block: { storage: 'a,file=/etc/shadow' } } },
    );
    assert.ok(p.argv.includes('id=d0,file=a,,file=/etc/shadow,if=none,format=raw'));
  });

  it('rejects an artifact name that leaves dist/', () => {
    assert.equal(planError(() => plan('unix', { name: '../../bin/sh' })).reason, 'invalid-value');
  });

  it('keeps quotes out of the xl configuration', () => {
    const e = planError(() => plan('xen', { devices: null }, { run: { args: ['a"; b="'] } }));
    assert.equal(e.reason, 'invalid-value');
  });

  it('passes hostile arguments to the program as they are, one argv element each', async () => {
    const dir = scratchDir('argv');
    const tender = join(dir, 'solo5-hvt');
    writeFileSync(
      tender,
      '#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)));\n',
    );
    chmodSync(tender, 0o755);
    const pwned = join(dir, 'pwned');
    const hostile = [
      `; touch ${pwned}`,
      `$(touch ${pwned})`,
      `\`touch ${pwned}\``,
      `| touch ${pwned}`,
    ];
    const p = plan(
      'hvt',
      { dir },
      {
        paths: { solo5Hvt: tender },
        run: { net: { service: 'tap0' }, block: { storage: `x && touch ${pwned}` }, args: hostile },
      },
    );
    let out = '';
    const proc = RunningProcess.start(p, { onOutput: (t) => (out += t) });
    const r = await proc.done;
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(out), p.argv.slice(1));
    assert.deepEqual(JSON.parse(out).slice(-4), hostile);
    assert.ok(!existsSync(pwned), 'a shell ran one of the arguments');
  });
});

describe('launch plans from a configured project directory', function () {
  before(() => testRuntime());

  function project(files: Record<string, string>): string {
    const dir = scratchDir('plan');
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    return dir;
  }

  const config = `open Mirage
(* register "not-this" is a comment *)
let main = main "Unikernel.Main" (stackv4v6 @-> job)
let () =
  register ~src:\`None "web"
    [ main $ generic_stackv4v6 default_network ]
`;

  it('takes the target from mirage/context and the name from register', async () => {
    const { parsers } = await testRuntime();
    const dir = project({
      'config.ml': config,
      'mirage/context': 'configure\n-t\nhvt\n',
      'mirage/manifest.json': readFileSync(join(manifests, 'net-and-block.json'), 'utf8'),
    });
    const p = projectPlan(readProject(dir, parsers), buildSettings(mapped));
    assert.equal(p.target, 'hvt');
    assert.equal(p.artifact, 'dist/web.hvt');
    assert.ok(p.notes.some((n) => /dist\/web\.hvt does not exist yet/.test(n)));
  });

  it('prefers -o from mirage/context, and the target asked for over the configured one', async () => {
    const { parsers } = await testRuntime();
    const dir = project({
      'config.ml': config,
      'mirage/context': 'configure\n-t\nunix\n-o\nsite\n',
    });
    const p = projectPlan(readProject(dir, parsers), buildSettings({}));
    assert.deepEqual(p.argv, ['./dist/site']);
    const q = projectPlan(
      readProject(join(dir, 'config.ml'), parsers, 'macosx'),
      buildSettings({}),
    );
    assert.ok(q.notes.some((n) => /configured for unix, not macosx/.test(n)));
  });

  it('reports a malformed manifest', async () => {
    const { parsers } = await testRuntime();
    const dir = project({
      'config.ml': config,
      'mirage/context': 'configure\n-t\nspt\n',
      'mirage/manifest.json': '{"devices": [{"name": "service", "type": "NET_FANCY"}]}',
    });
    assert.throws(
      () => projectPlan(readProject(dir, parsers), buildSettings(mapped)),
      /device this tool does not know/,
    );
  });
});

describe('mirage-lsp plan', () => {
  const fixture = join(__dirname, '../../../testFixture/virtio-hello');

  it('prints the plan as JSON and as text', () => {
    const json = spawnSync(
      process.execPath,
      [serverBundle, 'plan', fixture, '--format', 'json', '--accel', 'tcg', '--', '-l', '*:info'],
      { encoding: 'utf8' },
    );
    assert.equal(json.status, 0, json.stderr);
    const p = JSON.parse(json.stdout) as LaunchPlan;
    assert.equal(p.target, 'virtio');
    assert.equal(p.cwd, fixture);
    assert.deepEqual(p.argv.slice(-4), ['-kernel', 'dist/hello.virtio', '-append', '-l *:info']);
    const text = spawnSync(process.execPath, [serverBundle, 'plan', fixture, '--accel', 'tcg'], {
      encoding: 'utf8',
    });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^command: qemu-system-x86_64 .* -kernel dist\/hello\.virtio$/m);
  });

  it('explains the missing launcher and the unmapped device, exiting 1', () => {
    const muen = spawnSync(process.execPath, [serverBundle, 'plan', fixture, '--target', 'muen'], {
      encoding: 'utf8',
    });
    assert.equal(muen.status, 1);
    assert.match(muen.stderr, /Muen separation-kernel/);
    const dir = scratchDir('plan-cli');
    copyFileSync(join(fixture, 'config.ml'), join(dir, 'config.ml'));
    mkdirSync(join(dir, 'mirage'));
    writeFileSync(join(dir, 'mirage', 'context'), 'configure\n-t\nhvt\n');
    copyFileSync(join(manifests, 'net-and-block.json'), join(dir, 'mirage', 'manifest.json'));
    const hvt = spawnSync(process.execPath, [serverBundle, 'plan', dir, '--net', 'service=tap0'], {
      encoding: 'utf8',
    });
    assert.equal(hvt.status, 1);
    assert.match(hvt.stderr, /block device `storage`/);
    const ok = spawnSync(
      process.execPath,
      [serverBundle, 'plan', dir, '--net', 'service=tap0', '--block', 'storage=disk.img'],
      { encoding: 'utf8' },
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(
      ok.stdout,
      /solo5-hvt --mem=512 --net:service=tap0 --block:storage=disk.img -- dist\/hello\.hvt/,
    );
  });
});
