/**
 * Launch plans: how to start a built unikernel, as data (argv, cwd, env). Pure: the caller
 * reads the project (plan-input.ts) and runs the plan (runner.ts). Values from config files and
 * settings only ever become single argv elements, and the few that another parser reads again
 * (QEMU's comma-separated options, xl's config syntax) are checked or escaped here.
 */
import { join, resolve } from 'node:path';
import { ManifestDevice } from './manifest';
import { BuildSettings } from './settings';

/** How the exit status of the launched program is to be read (exits.ts). */
export type ExitConvention = 'qemu' | 'solo5' | 'unix' | 'firecracker' | 'xl';

export interface LaunchPlan {
  readonly target: string;
  readonly argv: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** What a user should know: acceleration used, devices attached, privileges needed. */
  readonly notes: string[];
  /** The built artifact, relative to cwd. */
  readonly artifact: string;
  readonly exit: ExitConvention;
  /** Files to write before starting (the firecracker VM configuration). */
  readonly files: { path: string; content: string }[];
  /** `target remote 127.0.0.1:PORT` when started for a debugger. */
  readonly gdb?: string;
}

export type PlanErrorReason =
  | 'unknown-target'
  | 'no-launcher'
  | 'unmapped-device'
  | 'invalid-value'
  | 'no-manifest'
  | 'too-many-devices'
  | 'no-debug';

export class PlanError extends Error {
  constructor(
    message: string,
    readonly reason: PlanErrorReason,
  ) {
    super(message);
  }
}

export interface PlanInput {
  /** Absolute unikernel directory; plans run there. */
  readonly dir: string;
  readonly target: string;
  /** Artifact name: the `register` name or `-o`. */
  readonly name: string;
  /** Devices of mirage/manifest.json; null when there is none. */
  readonly devices: readonly ManifestDevice[] | null;
  readonly settings: BuildSettings;
  /** /dev/kvm opens read-write. */
  readonly kvm: boolean;
  /** Start paused with a gdb server on this port. */
  readonly debugPort?: number;
}

const NO_LAUNCHER: Record<string, string> = {
  muen:
    'A muen unikernel is a component of a Muen separation-kernel system: it is built into a ' +
    'system image with the Muen toolchain and booted on hardware, so there is no command to ' +
    'start it on its own.',
  genode:
    'A genode unikernel is a component started by Genode init inside a Genode scenario ' +
    '(a run script and a system image), so there is no command to start it on its own.',
  qubes:
    'A qubes unikernel is installed as the kernel of a Qubes VM (copy dist/NAME.xen into ' +
    'dom0 and set it with qvm-prefs) and started by Qubes; mirage generates no xl file for it.',
};

// Solo5 device names are short identifiers; anything else is not from mirage.
const DEVICE_NAME = /^[A-Za-z0-9_]{1,67}$/;
// Linux interface names: at most 15 bytes, no slashes, spaces or commas.
const TAP_NAME = /^[A-Za-z0-9_.:-]{1,15}$/;
const ARTIFACT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

const EXTENSIONS: Record<string, string> = {
  unix: '',
  macosx: '',
  hvt: '.hvt',
  spt: '.spt',
  virtio: '.virtio',
  xen: '.xen',
  'unikraft-qemu': '.qemu',
  'unikraft-firecracker': '.fc',
};

/** QEMU splits `-drive` options on commas; a comma inside a value is written twice. */
function qemuValue(v: string): string {
  return v.replace(/,/g, ',,');
}

/** The unikernel command line as one string, quoted the way mirage-bootvar splits it. */
export function commandLine(args: readonly string[]): string {
  return args
    .map((a) => (a === '' || /[\s"'\\]/.test(a) ? `"${a.replace(/(["\\])/g, '\\$1')}"` : a))
    .join(' ');
}

interface Attached {
  readonly nets: { device: string; tap: string }[];
  readonly blocks: { device: string; file: string }[];
}

function checkTap(device: string, tap: string): string {
  if (!TAP_NAME.test(tap)) {
    throw new PlanError(
      `mirage.run.net maps \`${device}\` to ${JSON.stringify(tap)}, which is not a network ` +
        'interface name (letters, digits, `_.:-`, at most 15 characters)',
      'invalid-value',
    );
  }
  return tap;
}

/** Every manifest device with the host resource the settings give it. */
function attach(input: PlanInput): Attached {
  const { devices, settings, target } = input;
  if (devices === null) {
    throw new PlanError(
      `mirage/manifest.json is missing: configure the project for ${target} first ` +
        `(\`mirage configure -t ${target}\`)`,
      'no-manifest',
    );
  }
  const nets: Attached['nets'] = [];
  const blocks: Attached['blocks'] = [];
  for (const d of devices) {
    if (!DEVICE_NAME.test(d.name)) {
      throw new PlanError(
        `mirage/manifest.json names a device ${JSON.stringify(d.name)}: Solo5 device names ` +
          'are letters, digits and underscores',
        'invalid-value',
      );
    }
    if (d.type === 'NET_BASIC') {
      const tap = settings.net[d.name];
      if (tap === undefined) {
        throw new PlanError(
          `The unikernel has a network device \`${d.name}\` (mirage/manifest.json) that is not ` +
            `mapped to a host interface: set "mirage.run.net": { "${d.name}": "tap0" } ` +
            `(or pass --net ${d.name}=tap0). The tender refuses to start with an unattached device.`,
          'unmapped-device',
        );
      }
      nets.push({ device: d.name, tap: checkTap(d.name, tap) });
    } else {
      const file = settings.block[d.name];
      if (file === undefined || file === '') {
        throw new PlanError(
          `The unikernel has a block device \`${d.name}\` (mirage/manifest.json) that is not ` +
            `mapped to a disk image: set "mirage.run.block": { "${d.name}": "disk.img" } ` +
            `(or pass --block ${d.name}=disk.img). The tender refuses to start with an unattached device.`,
          'unmapped-device',
        );
      }
      blocks.push({ device: d.name, file });
    }
  }
  return { nets, blocks };
}

/** Unikraft has no manifest: its devices are the settings' maps, in order. */
function unikraftDevices(settings: BuildSettings): Attached {
  return {
    nets: Object.entries(settings.net).map(([device, tap]) => ({
      device,
      tap: checkTap(device, tap),
    })),
    blocks: Object.entries(settings.block).map(([device, file]) => ({ device, file })),
  };
}

function qemuPlan(input: PlanInput, artifact: string, attached: Attached): LaunchPlan {
  const { settings, kvm, target } = input;
  const notes: string[] = [];
  const useKvm = settings.accel === 'kvm' || (settings.accel === 'auto' && kvm);
  const argv = [settings.paths.qemu, '-nodefaults', '-no-user-config', '-no-reboot'];
  if (target === 'virtio') argv.push('-machine', 'acpi=off');
  argv.push('-display', 'none', '-serial', 'stdio', '-m', String(settings.memory));
  if (useKvm) {
    argv.push('-accel', 'kvm');
    notes.push('KVM acceleration (/dev/kvm is usable).');
  } else {
    argv.push('-accel', 'tcg');
    notes.push(
      settings.accel === 'tcg'
        ? 'CPU emulation (TCG), as mirage.run.accel asks.'
        : 'CPU emulation (TCG): /dev/kvm cannot be opened read-write, so runs are slower.',
    );
  }
  // Solo5's virtio bindings and test kernels report their exit status through this port.
  argv.push('-device', 'isa-debug-exit');
  const pci = target === 'virtio' ? '' : '-pci';
  attached.nets.forEach((n, i) => {
    argv.push(
      '-netdev',
      `tap,id=n${i},ifname=${n.tap},script=no,downscript=no`,
      '-device',
      `virtio-net${pci},netdev=n${i}`,
    );
    notes.push(`Network device \`${n.device}\` on tap interface ${n.tap} (needs access to it).`);
  });
  attached.blocks.forEach((b, i) => {
    argv.push(
      '-drive',
      `id=d${i},file=${qemuValue(b.file)},if=none,format=raw`,
      '-device',
      `virtio-blk${pci},drive=d${i}`,
    );
    notes.push(`Block device \`${b.device}\` backed by ${b.file}.`);
  });
  argv.push('-kernel', artifact);
  if (settings.args.length > 0) argv.push('-append', commandLine(settings.args));
  let gdb: string | undefined;
  if (input.debugPort !== undefined) {
    gdb = `target remote 127.0.0.1:${input.debugPort}`;
    argv.push('-S', '-gdb', `tcp:127.0.0.1:${input.debugPort}`);
    notes.push(`Paused at the first instruction; connect gdb with \`${gdb}\`.`);
  }
  return { target, argv, cwd: input.dir, env: {}, notes, artifact, exit: 'qemu', files: [], gdb };
}

function solo5Plan(input: PlanInput, artifact: string): LaunchPlan {
  const { settings, target } = input;
  const attached = attach(input);
  const tender = target === 'hvt' ? settings.paths.solo5Hvt : settings.paths.solo5Spt;
  const argv = [tender, `--mem=${settings.memory}`];
  const notes: string[] = [];
  for (const n of attached.nets) {
    argv.push(`--net:${n.device}=${n.tap}`);
    notes.push(`Network device \`${n.device}\` on tap interface ${n.tap} (needs access to it).`);
  }
  for (const b of attached.blocks) {
    argv.push(`--block:${b.device}=${b.file}`);
    notes.push(`Block device \`${b.device}\` backed by ${b.file}.`);
  }
  let gdb: string | undefined;
  if (input.debugPort !== undefined) {
    if (target !== 'hvt') throw new PlanError('solo5-spt has no gdb server', 'no-debug');
    gdb = `target remote 127.0.0.1:${input.debugPort}`;
    argv.push('--gdb', `--gdb-port=${input.debugPort}`);
    notes.push(`Waits for gdb before starting (\`${gdb}\`); solo5-hvt listens on every interface.`);
  }
  argv.push('--', artifact, ...settings.args);
  if (target === 'hvt') notes.push('solo5-hvt needs KVM (read-write access to /dev/kvm).');
  else notes.push('solo5-spt runs the unikernel as a seccomp-sandboxed process.');
  return { target, argv, cwd: input.dir, env: {}, notes, artifact, exit: 'solo5', files: [], gdb };
}

function firecrackerPlan(input: PlanInput, artifact: string): LaunchPlan {
  const { settings, dir, name } = input;
  const attached = unikraftDevices(settings);
  const configPath = join(dir, 'mirage', `${name}-firecracker.json`);
  const config = {
    'boot-source': {
      kernel_image_path: join(dir, artifact),
      boot_args: commandLine(settings.args),
    },
    drives: attached.blocks.map((b, i) => ({
      drive_id: `d${i}`,
      path_on_host: resolve(dir, b.file),
      is_root_device: false,
      is_read_only: false,
    })),
    'machine-config': { vcpu_count: 1, mem_size_mib: settings.memory },
    'network-interfaces': attached.nets.map((n, i) => ({
      iface_id: `n${i}`,
      host_dev_name: n.tap,
    })),
  };
  return {
    target: input.target,
    argv: [settings.paths.firecracker, '--no-api', '--config-file', configPath],
    cwd: dir,
    env: {},
    notes: [
      `Writes the VM configuration to ${configPath} before starting.`,
      'firecracker needs KVM (read-write access to /dev/kvm).',
      ...attached.nets.map((n) => `Network interface ${n.tap} for \`${n.device}\`.`),
    ],
    artifact,
    exit: 'firecracker',
    files: [{ path: configPath, content: JSON.stringify(config, null, 2) + '\n' }],
  };
}

function xenPlan(input: PlanInput, artifact: string): LaunchPlan {
  const { settings, name } = input;
  const xl = `dist/${name}.xl`;
  const argv = [settings.paths.xl, 'create', xl, '-c'];
  if (settings.args.length > 0) {
    const line = commandLine(settings.args);
    // xl reads `key="value"` overrides with its own parser: keep quotes and newlines out.
    if (/["\n\\]/.test(line)) {
      throw new PlanError(
        'unikernel arguments for xen cannot contain double quotes, backslashes or newlines',
        'invalid-value',
      );
    }
    argv.push(`extra="${line}"`);
  }
  return {
    target: input.target,
    argv,
    cwd: input.dir,
    env: {},
    notes: [
      'xl runs in the Xen control domain (dom0) as root; the console is attached (-c), ' +
        'detach with Ctrl-].',
      `Edit ${xl} (bridge, disks) or dist/${name}.xl.in first if the defaults do not fit.`,
    ],
    artifact,
    exit: 'xl',
    files: [],
  };
}

/** The plan for a target, or a PlanError saying why there is none. */
export function launchPlan(input: PlanInput): LaunchPlan {
  const { target, name } = input;
  const why = NO_LAUNCHER[target];
  if (why) throw new PlanError(why, 'no-launcher');
  const ext = EXTENSIONS[target];
  if (ext === undefined) throw new PlanError(`unknown target \`${target}\``, 'unknown-target');
  if (!ARTIFACT_NAME.test(name)) {
    throw new PlanError(
      `the unikernel name ${JSON.stringify(name)} is not a file name mirage would produce`,
      'invalid-value',
    );
  }
  if (input.debugPort !== undefined && !['virtio', 'unikraft-qemu', 'hvt'].includes(target)) {
    throw new PlanError(
      `debugging is offered for virtio, unikraft-qemu (QEMU's gdb stub) and hvt (solo5-hvt --gdb), not ${target}`,
      'no-debug',
    );
  }
  const artifact = `dist/${name}${ext}`;
  switch (target) {
    case 'unix':
    case 'macosx':
      return {
        target,
        argv: [`./${artifact}`, ...input.settings.args],
        cwd: input.dir,
        env: {},
        notes: [
          'Runs as a host process. The default network stack wants a tap interface ' +
            '(tap0); configure with --net=host to use the host sockets instead.',
        ],
        artifact,
        exit: 'unix',
        files: [],
      };
    case 'hvt':
    case 'spt':
      return solo5Plan(input, artifact);
    case 'virtio': {
      const attached = attach(input);
      if (attached.nets.length > 1 || attached.blocks.length > 1) {
        throw new PlanError(
          `Solo5 on virtio attaches one network and one block device, but mirage/manifest.json ` +
            `lists ${attached.nets.length} network and ${attached.blocks.length} block devices: ` +
            'use the hvt or spt target for more.',
          'too-many-devices',
        );
      }
      return qemuPlan(input, artifact, attached);
    }
    case 'unikraft-qemu':
      return qemuPlan(input, artifact, unikraftDevices(input.settings));
    case 'unikraft-firecracker':
      return firecrackerPlan(input, artifact);
    default:
      return xenPlan(input, artifact);
  }
}
