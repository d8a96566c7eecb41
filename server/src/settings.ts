/**
 * Every user setting of the server and every command of the VS Code extension, declared
 * once. `scripts/gen-manifest.ts` reads this module (with ts-morph, without running it)
 * and writes `contributes.configuration` and `contributes.commands` in the root
 * package.json and the settings table in README.md; a test fails when they drift.
 *
 * Keep every value here a literal (strings, numbers, booleans, arrays, objects): the
 * generator reads the syntax, it does not evaluate expressions.
 */

export interface SettingDeclaration {
  readonly type: 'string' | 'number' | 'boolean';
  readonly default: string | number | boolean;
  readonly description: string;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  /** VS Code scope: `resource` settings may differ per workspace folder. */
  readonly scope?: 'application' | 'window' | 'resource';
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

/** The value type a declaration stands for: its enum when it has one. */
type ValueOf<D> = D extends { readonly enum: readonly (infer E)[] }
  ? E
  : D extends { readonly type: 'string' }
    ? string
    : D extends { readonly type: 'number' }
      ? number
      : D extends { readonly type: 'boolean' }
        ? boolean
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
    node[path[path.length - 1]] = decl.default;
  }
  return out as Settings;
}
