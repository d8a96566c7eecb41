/**
 * Every user setting of the server and every command of the VS Code extension, declared
 * once. `scripts/gen-manifest.ts` reads this module (with ts-morph, without running it)
 * and writes `contributes.configuration` and `contributes.commands` in the root
 * package.json and the settings table in README.md; a test fails when they drift.
 *
 * Keep every value here a literal (strings, numbers, booleans, arrays, objects): the
 * generator reads the syntax, it does not evaluate expressions.
 */

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

export interface SettingDeclaration {
  /** JSON schema type; a list for unions such as `['array', 'null']`. */
  readonly type: JsonType | readonly JsonType[];
  readonly default: Json;
  readonly description: string;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  /** Element type of an array setting. */
  readonly items?: { readonly type: 'string' };
  /** Value type of an object setting (a map from names). */
  readonly additionalProperties?: { readonly type: 'string' };
  /** VS Code scope: `resource` settings may differ per workspace folder. */
  readonly scope?: 'application' | 'machine-overridable' | 'window' | 'resource';
  /**
   * Names a program the server starts: in an untrusted workspace VS Code ignores the
   * workspace's value (`restrictedConfigurations`), so a cloned repository cannot pick it.
   */
  readonly restricted?: boolean;
}

export interface CommandDeclaration {
  readonly command: string;
  readonly title: string;
  readonly category: string;
  /**
   * `server`: answered by the language server through `workspace/executeCommand` (any
   * LSP client can call it); `client`: implemented by the VS Code extension.
   */
  readonly implementedBy: 'server' | 'client';
  readonly icon?: string;
}

export const SETTINGS = {
  'mirage.target': {
    type: 'string',
    default: 'unix',
    enum: [
      'unix',
      'macosx',
      'xen',
      'qubes',
      'virtio',
      'hvt',
      'spt',
      'muen',
      'genode',
      'unikraft-qemu',
      'unikraft-firecracker',
    ],
    description:
      'MirageOS target (`mirage configure -t TARGET`) used for target-specific checks, tasks and runs when the project has no `mirage/context`.',
    scope: 'resource',
  },
  'mirage.diagnostics.targets': {
    type: 'string',
    default: 'current',
    enum: ['current', 'all'],
    enumDescriptions: [
      'Check the configured target (from `mirage/context`), else `mirage.target`.',
      'Check every target and name the ones that fail.',
    ],
    description: 'Which targets the target-specific checks run for.',
    scope: 'resource',
  },
  'mirage.mirageVersion': {
    type: 'string',
    default: '',
    description:
      'MirageOS release to check against (e.g. `4.11.1`). Empty: take it from the `(* mirage >= ... *)` first line.',
    scope: 'resource',
  },
  'mirage.configure.flags': {
    type: ['array', 'null'],
    items: { type: 'string' },
    default: null,
    description:
      'Extra `mirage configure` flags, e.g. `["--dhcp", "true"]`. `null` keeps the flags saved in `mirage/context`.',
    scope: 'resource',
  },
  'mirage.run.memory': {
    type: 'integer',
    default: 512,
    minimum: 1,
    description: 'Guest memory in MiB (solo5 `--mem`, QEMU `-m`, firecracker `mem_size_mib`).',
    scope: 'resource',
  },
  'mirage.run.net': {
    type: 'object',
    additionalProperties: { type: 'string' },
    default: {},
    description:
      'Network device of `mirage/manifest.json` to host tap interface, e.g. `{"service": "tap0"}`. Every network device of the manifest must be mapped.',
    scope: 'resource',
  },
  'mirage.run.block': {
    type: 'object',
    additionalProperties: { type: 'string' },
    default: {},
    description:
      'Block device of `mirage/manifest.json` to disk image file, e.g. `{"storage": "disk.img"}`. Every block device of the manifest must be mapped.',
    scope: 'resource',
  },
  'mirage.run.args': {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description:
      'Arguments given to the unikernel, one per item (e.g. `--ipv4=10.0.0.2/24`, `-l`, `*:debug`).',
    scope: 'resource',
  },
  'mirage.run.accel': {
    type: 'string',
    default: 'auto',
    enum: ['auto', 'kvm', 'tcg'],
    description: 'QEMU acceleration: `auto` uses KVM only when `/dev/kvm` opens read-write.',
    scope: 'resource',
  },
  'mirage.paths.mirage': {
    type: 'string',
    default: 'mirage',
    description: 'The `mirage` executable.',
    scope: 'machine-overridable',
    restricted: true,
  },
  'mirage.paths.make': {
    type: 'string',
    default: 'make',
    description: 'The `make` executable.',
    scope: 'machine-overridable',
    restricted: true,
  },
  'mirage.paths.qemu': {
    type: 'string',
    default: 'qemu-system-x86_64',
    description: 'QEMU, for the `virtio` and `unikraft-qemu` targets.',
    scope: 'machine-overridable',
    restricted: true,
  },
  'mirage.paths.solo5Hvt': {
    type: 'string',
    default: 'solo5-hvt',
    description: 'The Solo5 hvt tender.',
    scope: 'machine-overridable',
    restricted: true,
  },
  'mirage.paths.solo5Spt': {
    type: 'string',
    default: 'solo5-spt',
    description: 'The Solo5 spt tender.',
    scope: 'machine-overridable',
    restricted: true,
  },
  'mirage.paths.firecracker': {
    type: 'string',
    default: 'firecracker',
    description: 'Firecracker, for the `unikraft-firecracker` target.',
    scope: 'machine-overridable',
    restricted: true,
  },
  'mirage.paths.xl': {
    type: 'string',
    default: 'xl',
    description: 'The Xen toolstack command, for the `xen` target.',
    scope: 'machine-overridable',
    restricted: true,
  },
  'mirage.deviceGraph.updateDelay': {
    type: 'number',
    default: 300,
    minimum: 0,
    maximum: 5000,
    description:
      'Milliseconds the device graph view waits after the last keystroke before it asks the server again.',
    scope: 'window',
  },
  'mirage.trace.server': {
    type: 'string',
    default: 'off',
    enum: ['off', 'messages', 'verbose'],
    description:
      'Log the messages between VS Code and the language server to the MirageOS output channel.',
    scope: 'window',
  },
} as const satisfies Record<string, SettingDeclaration>;

export const COMMANDS = [
  {
    command: 'mirage.selectTarget',
    title: 'Select Target',
    category: 'MirageOS',
    implementedBy: 'client',
  },
  {
    command: 'mirage.configure',
    title: 'Configure',
    category: 'MirageOS',
    implementedBy: 'server',
  },
  { command: 'mirage.build', title: 'Build', category: 'MirageOS', implementedBy: 'server' },
  {
    command: 'mirage.run',
    title: 'Run Unikernel',
    category: 'MirageOS',
    implementedBy: 'server',
    icon: '$(play)',
  },
  {
    command: 'mirage.debug',
    title: 'Debug Unikernel',
    category: 'MirageOS',
    implementedBy: 'server',
    icon: '$(debug-alt)',
  },
  {
    command: 'mirage.stop',
    title: 'Stop Unikernel',
    category: 'MirageOS',
    implementedBy: 'server',
    icon: '$(debug-stop)',
  },
  { command: 'mirage.clean', title: 'Clean', category: 'MirageOS', implementedBy: 'server' },
  {
    command: 'mirage.plan',
    title: 'Show Launch Plan',
    category: 'MirageOS',
    implementedBy: 'server',
  },
  {
    command: 'mirage.showDeviceGraph',
    title: 'Show Device Graph',
    category: 'MirageOS',
    implementedBy: 'client',
    icon: '$(type-hierarchy)',
  },
  {
    command: 'mirage.showOutput',
    title: 'Show Output',
    category: 'MirageOS',
    implementedBy: 'client',
  },
  {
    command: 'mirage.restartServer',
    title: 'Restart Language Server',
    category: 'MirageOS',
    implementedBy: 'client',
  },
] as const satisfies readonly CommandDeclaration[];

export type SettingName = keyof typeof SETTINGS;
export type CommandId = (typeof COMMANDS)[number]['command'];

/** The TypeScript type of one JSON schema type name. */
type TypeOf<T, D> = T extends 'string'
  ? string
  : T extends 'number' | 'integer'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? string[]
          : T extends 'object'
            ? D extends { readonly additionalProperties: unknown }
              ? Record<string, string>
              : Record<string, unknown>
            : never;

/** The value type a declaration stands for: its enum when it has one. */
type ValueOf<D> = D extends { readonly enum: readonly (infer E)[] }
  ? E
  : D extends { readonly type: infer T }
    ? T extends readonly (infer U)[]
      ? TypeOf<U, D>
      : TypeOf<T, D>
    : never;

/** `a.b.c` with value V becomes `{ a?: { b?: { c?: V } } }`. */
type Nest<Path extends string, V> = Path extends `${infer Head}.${infer Rest}`
  ? { [K in Head]?: Nest<Rest, V> }
  : { [K in Path]?: V };

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

type Expand<T> = T extends object ? { [K in keyof T]: Expand<T[K]> } : T;

/**
 * Settings under `mirage.*` as the client sends them (`workspace/configuration` section
 * `mirage`, or `initializationOptions.settings`). Every field is optional: a client may
 * send any subset, and values come from users' files, so check them before use.
 */
export type Settings = Expand<
  UnionToIntersection<
    {
      [K in SettingName]: K extends `mirage.${infer Rest}`
        ? Nest<Rest, ValueOf<(typeof SETTINGS)[K]>>
        : never;
    }[SettingName]
  >
>;

/** The default of every setting, nested like {@link Settings}. */
export function defaultSettings(): Settings {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(SETTINGS)) {
    const path = name.split('.').slice(1);
    let node = out;
    for (const part of path.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    // A copy: callers may change what they get, the declarations must stay as they are.
    node[path[path.length - 1]] = structuredClone(decl.default);
  }
  return out as Settings;
}
