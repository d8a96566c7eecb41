/**
 * The build and run settings (`mirage.paths.*`, `mirage.run.*`, `mirage.configure.flags`), read
 * from whatever the client sent: unknown shapes fall back to defaults instead of failing.
 */

export type Accel = 'auto' | 'kvm' | 'tcg';

export interface ToolPaths {
  readonly mirage: string;
  readonly make: string;
  readonly qemu: string;
  readonly solo5Hvt: string;
  readonly solo5Spt: string;
  readonly firecracker: string;
  readonly xl: string;
}

export interface BuildSettings {
  readonly paths: ToolPaths;
  /** Guest memory in MiB. */
  readonly memory: number;
  /** Manifest network device name → host tap interface. */
  readonly net: Readonly<Record<string, string>>;
  /** Manifest block device name → disk image file. */
  readonly block: Readonly<Record<string, string>>;
  /** Arguments given to the unikernel (`--ipv4=10.0.0.2/24`, `-l`, `*:debug`). */
  readonly args: readonly string[];
  /** QEMU acceleration; `auto` uses KVM only when /dev/kvm opens read-write. */
  readonly accel: Accel;
  /** Flags for `mirage configure`; null keeps the ones mirage/context has. */
  readonly configureFlags: readonly string[] | null;
}

export const DEFAULT_PATHS: ToolPaths = {
  mirage: 'mirage',
  make: 'make',
  qemu: 'qemu-system-x86_64',
  solo5Hvt: 'solo5-hvt',
  solo5Spt: 'solo5-spt',
  firecracker: 'firecracker',
  xl: 'xl',
};

export const DEFAULT_MEMORY = 512;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function stringList(v: unknown): string[] | null {
  if (typeof v === 'string') return v.split(/\s+/).filter((s) => s !== '');
  if (!Array.isArray(v)) return null;
  return v.filter((x): x is string => typeof x === 'string');
}

/** Reads the `mirage` settings section (as sent by the client) into complete settings. */
export function buildSettings(section: unknown): BuildSettings {
  const s = isRecord(section) ? section : {};
  const paths = isRecord(s.paths) ? s.paths : {};
  const run = isRecord(s.run) ? s.run : {};
  const configure = isRecord(s.configure) ? s.configure : {};
  const path = (k: keyof ToolPaths) => {
    const v = paths[k];
    return typeof v === 'string' && v.trim() !== '' ? v : DEFAULT_PATHS[k];
  };
  const memory = typeof run.memory === 'number' && run.memory > 0 ? Math.floor(run.memory) : 0;
  return {
    paths: {
      mirage: path('mirage'),
      make: path('make'),
      qemu: path('qemu'),
      solo5Hvt: path('solo5Hvt'),
      solo5Spt: path('solo5Spt'),
      firecracker: path('firecracker'),
      xl: path('xl'),
    },
    memory: memory || DEFAULT_MEMORY,
    net: stringMap(run.net),
    block: stringMap(run.block),
    args: stringList(run.args) ?? [],
    accel: run.accel === 'kvm' || run.accel === 'tcg' ? run.accel : 'auto',
    configureFlags: stringList(configure.flags),
  };
}
