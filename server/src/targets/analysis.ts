import type { SyntaxNode as Node } from '../syntax/tree';
import { Code, Codes } from '../analysis/codes';
import { Evaluation, Evaluator, sameValue } from './evaluate';
import { TARGETS, Target } from './targets';
import { Device, KeyDef, UNKNOWN_VALUE, Value, isDevice } from './values';

/**
 * The per-target view of a configuration: which devices `mirage configure -t T` would pick
 * and what each target says about them. Rules come from mirage's device implementations.
 */

export interface TargetFinding {
  readonly node: Node;
  readonly severity: 'error' | 'warning' | 'information';
  readonly code: Code;
  readonly message: string;
  /** Runtime failures do not depend on the target. */
  readonly kind: 'target' | 'runtime' | 'risk';
}

export interface GroupedFinding extends TargetFinding {
  /** Targets it applies to; null when it applies to every target analysed. */
  readonly targets: string[] | null;
}

/** Configure flags (`--net=host`, `--secure`) by name without dashes. */
export type Flags = ReadonlyMap<string, string | true>;

/** The `mode` tag of each target, as `Key.(value target)` gives it. */
export const MODE_TAGS: Record<string, string> = {
  unix: 'Unix',
  macosx: 'MacOSX',
  xen: 'Xen',
  qubes: 'Qubes',
  virtio: 'Virtio',
  hvt: 'Hvt',
  spt: 'Spt',
  muen: 'Muen',
  genode: 'Genode',
  'unikraft-firecracker': 'Firecracker',
  'unikraft-qemu': 'QEMU',
};

const isUnix = (t: Target) => t.family === 'unix';
const isXen = (t: Target) => t.family === 'xen';

const XENSTORE =
  'XenStore IDs are only valid ways of specifying block devices when the target is Xen or Qubes.';
const MUEN_BLOCK = 'Block devices not supported on Muen target.';
const SOCKET = 'UDPv4v6 socket not supported on non-UNIX targets.';

interface Context {
  readonly target: Target;
  readonly flags: Flags;
  readonly era: string;
  /** Absent when judging a constructor on its own (no configure values to evaluate). */
  readonly evaluator?: Evaluator;
}

/** A configure-time value for a target and flags (`Key.is_solo5`, `Key.(value target)`). */
export function confValue(v: Value, target: Target, flags: Flags, evaluator?: Evaluator): Value {
  return conf(v, { target, flags, era: '', evaluator });
}

/** The value of a configure-time expression for a target, or unknown. */
function conf(v: Value, ctx: Context): Value {
  if (v.k !== 'conf') return v;
  switch (v.op) {
    case 'family':
      return { k: 'bool', v: ctx.target.family === v.family };
    case 'target':
      return { k: 'tag', tag: MODE_TAGS[ctx.target.name] };
    case 'key':
      return keyValue(v.key, ctx.flags);
    case 'pure':
      return v.v;
    case 'ap':
    case 'map': {
      const f = v.op === 'ap' ? conf(v.f, ctx) : v.f;
      const x = conf(v.x, ctx);
      if (x.k === 'unknown') return UNKNOWN_VALUE;
      return safeApply(ctx, f, x);
    }
    case 'if': {
      const c = conf(v.c, ctx);
      return c.k === 'bool' ? (c.v ? v.a : v.b) : UNKNOWN_VALUE;
    }
  }
}

function safeApply(ctx: Context, f: Value, x: Value): Value {
  if (!ctx.evaluator) return UNKNOWN_VALUE;
  try {
    return ctx.evaluator.apply(f, [{ label: '', value: x, node: null }]);
  } catch {
    return UNKNOWN_VALUE;
  }
}

function keyValue(key: KeyDef, flags: Flags): Value {
  const given = flags.get(key.name);
  if (given === undefined) return key.default;
  if (key.isFlag) return { k: 'bool', v: given === true || given === 'true' };
  if (given === true) return UNKNOWN_VALUE;
  if (key.default.k === 'int') {
    const n = Number(given);
    return Number.isFinite(n) ? { k: 'int', v: n } : UNKNOWN_VALUE;
  }
  if (key.default.k === 'bool') return { k: 'bool', v: given === 'true' };
  return { k: 'str', v: given };
}

function flagOf(flags: Flags, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

type DeviceShape = Pick<Extract<Device, { k: 'device' }>, 'ctor' | 'labels'>;

function groupPrefix(d: DeviceShape): string {
  const g = d.labels.get('group');
  return g && g.k === 'str' ? `${g.v}-` : '';
}

/** A device rule: what `mirage configure -t T` does with this constructor. */
function deviceFindings(d: DeviceShape, ctx: Context): Omit<TargetFinding, 'node'>[] {
  const t = ctx.target;
  const out: Omit<TargetFinding, 'node'>[] = [];
  const error = (message: string) =>
    out.push({ severity: 'error', code: Codes.targetUnsupported, message, kind: 'target' });
  const risk = (message: string) =>
    out.push({ severity: 'warning', code: Codes.targetBuildRisk, message, kind: 'risk' });
  switch (d.ctor) {
    case 'default_qubesdb':
      if (!isXen(t))
        error('Qubes DB invoked for an unsupported target; qubes and xen are supported');
      break;
    case 'block_of_xenstore_id':
      if (!isXen(t)) error(XENSTORE);
      break;
    case 'block_of_file':
      if (t.name === 'muen') error(MUEN_BLOCK);
      break;
    case 'generic_block': {
      const keyed = d.labels.get('key');
      const chosen = keyed ? conf(keyed, ctx) : UNKNOWN_VALUE;
      const flag = flagOf(ctx.flags, `${groupPrefix(d)}block`);
      const kind =
        chosen.k === 'tag'
          ? chosen.tag
          : flag === 'xenstore'
            ? 'XenstoreId'
            : flag === 'file'
              ? 'BlockFile'
              : 'Ramdisk';
      if (kind === 'XenstoreId' && !isXen(t)) error(XENSTORE);
      if (kind === 'BlockFile' && t.name === 'muen') error(MUEN_BLOCK);
      break;
    }
    case 'resolver_unix_system':
      if (!isUnix(t)) error('Unix resolver not supported on non-UNIX targets.');
      break;
    case 'socket_stackv4v6':
      if (!isUnix(t)) error(SOCKET);
      break;
    case 'generic_stackv4v6':
    case 'generic_stackv4v6_with_lease': {
      // Qubes picks its QubesDB stack before looking at --net.
      if (isUnix(t) || t.name === 'qubes') break;
      const flag = flagOf(ctx.flags, `${groupPrefix(d)}net`);
      const keyed = d.labels.get('net_key');
      const chosen = keyed ? conf(keyed, ctx) : UNKNOWN_VALUE;
      const viaKey =
        chosen.k === 'ctor' &&
        chosen.name === 'Some' &&
        chosen.arg?.k === 'tag' &&
        ['Socket', 'Host'].includes(chosen.arg.tag);
      if (viaKey || flag === 'host' || flag === 'socket') error(SOCKET);
      break;
    }
    case 'direct_kv_rw':
      if (!isUnix(t)) {
        risk(
          '`direct_kv_rw` is implemented by mirage-kv-unix only: `mirage configure` accepts it, but the build fails on this target (use `kv_rw_mem`, `tar_kv_rw` or `chamelon`).',
        );
      }
      break;
    case 'direct_kv_ro':
      if (t.family === 'unikraft') {
        risk(
          '`direct_kv_ro` becomes mirage-kv-unix on unikraft targets, which does not build there: use `crunch` (or `tar_kv_ro`).',
        );
      }
      break;
    case 'generic_kv_ro': {
      const flag = flagOf(ctx.flags, `${groupPrefix(d)}kv_ro`);
      if (flag === 'direct' && t.family === 'unikraft') {
        risk(
          '`--kv_ro=direct` selects mirage-kv-unix, which does not build on unikraft targets: use `--kv_ro=crunch`.',
        );
      }
      break;
    }
    case 'docteur':
      if (t.family === 'unikraft') {
        risk('`docteur` uses its unix backend on unikraft targets, which does not build there.');
      }
      break;
  }
  return out;
}

interface Reached {
  readonly device: Extract<Device, { k: 'device' }>;
  /** Reached only through a condition we could not decide. */
  readonly uncertain: boolean;
  /** How many devices `$` applies to it (for custom `connect` functions). */
  readonly applied: number;
}

/** The devices a target's configuration really uses, following the chosen branches. */
function reachable(root: Value, ctx: Context): Reached[] {
  const out: Reached[] = [];
  const seen = new Set<Value>();
  const walk = (v: Value, uncertain: boolean, applied: number): void => {
    if (v.k === 'list' || v.k === 'tuple') {
      v.items.forEach((x) => walk(x, uncertain, 0));
      return;
    }
    if (!isDevice(v)) return;
    switch (v.k) {
      case 'device': {
        const key = v;
        if (!seen.has(key) || applied > 0) {
          seen.add(key);
          out.push({ device: v, uncertain, applied });
        }
        for (const a of v.args) walk(a, uncertain, 0);
        for (const [, l] of v.labels) walk(l, uncertain, 0);
        return;
      }
      case 'apply':
        walk(v.fn, uncertain, applied + 1);
        walk(v.arg, uncertain, 0);
        return;
      case 'if': {
        const c = conf(v.cond, ctx);
        if (c.k === 'bool') walk(c.v ? v.then : v.else, uncertain, applied);
        else {
          walk(v.then, true, applied);
          walk(v.else, true, applied);
        }
        return;
      }
      case 'match': {
        const s = conf(v.scrutinee, ctx);
        if (s.k === 'unknown') {
          for (const c of v.cases) walk(c.device, true, applied);
          walk(v.default, true, applied);
          return;
        }
        const hit = v.cases.find((c) => sameValue(c.tag, s) === true);
        if (hit) walk(hit.device, uncertain, applied);
        else if (v.cases.some((c) => sameValue(c.tag, s) === undefined)) {
          for (const c of v.cases) walk(c.device, true, applied);
          walk(v.default, true, applied);
        } else walk(v.default, uncertain, applied);
        return;
      }
    }
  };
  walk(root, false, 0);
  return out;
}

/** Registered jobs that are bare devices: mirage refuses them (checked on every branch). */
function jobsWithoutArguments(evaluation: Evaluation, era: string): { node: Node; name: string }[] {
  const out: { node: Node; name: string }[] = [];
  const eraNum = Number(era.split('.')[1] ?? 11);
  const hasList = (v: Value | undefined) => !!v && v.k === 'list' && v.items.length > 0;
  const bare = (d: Extract<Device, { k: 'device' }>): boolean => {
    if (d.typArity !== 0) return false;
    if (d.ctor === 'impl')
      return !hasList(d.labels.get('extra_deps')) && !hasList(d.labels.get('runtime_args'));
    if (d.ctor !== 'main' && d.ctor !== 'foreign') return false;
    if (eraNum >= 9) return false;
    if (eraNum >= 5)
      return !hasList(d.labels.get('deps')) && !hasList(d.labels.get('runtime_args'));
    return true;
  };
  const walk = (v: Value, at: Node | null): void => {
    if (v.k === 'device') {
      if (bare(v) && at) {
        const name = v.args[0]?.k === 'str' ? v.args[0].v : at.text;
        out.push({ node: at, name });
      }
    } else if (v.k === 'if') {
      walk(v.then, v.thenNode ?? at);
      walk(v.else, v.elseNode ?? at);
    } else if (v.k === 'match') {
      for (const c of v.cases) walk(c.device, c.node ?? at);
      walk(v.default, v.defaultNode ?? at);
    }
  };
  for (const r of evaluation.registrations) {
    const jobs = r.jobs;
    if (jobs.k !== 'list') continue;
    jobs.items.forEach((j, i) => walk(j, r.items[i] ?? r.node));
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Custom devices whose `connect` falls into `connect_err` for the arguments it gets. */
function connectErrors(reached: Reached[], ctx: Context): TargetFinding[] {
  const out: TargetFinding[] = [];
  for (const r of reached) {
    const d = r.device;
    const connect = d.labels.get('connect');
    if (d.ctor !== 'impl' || !connect) continue;
    const extra = d.labels.get('extra_deps');
    const count = r.applied + (extra && extra.k === 'list' ? extra.items.length : 0);
    const modname = d.args[0]?.k === 'str' ? d.args[0] : UNKNOWN_VALUE;
    const names: Value = {
      k: 'list',
      items: Array.from({ length: count }, (_, i) => ({ k: 'str', v: `arg${i}` }) as Value),
    };
    let result: Value = UNKNOWN_VALUE;
    try {
      if (!ctx.evaluator) continue;
      result = ctx.evaluator.apply(connect, [
        { label: '', value: UNKNOWN_VALUE, node: null },
        { label: '', value: modname, node: null },
        { label: '', value: names, node: null },
      ]);
    } catch {
      result = UNKNOWN_VALUE;
    }
    if (result.k !== 'connect-error') continue;
    const who = result.name.k === 'str' ? result.name.v : 'device';
    const n = result.count.k === 'int' ? result.count.v : undefined;
    out.push({
      node: result.node,
      severity: 'error',
      code: Codes.connectArity,
      kind: 'runtime',
      message:
        `The ${who} connect expects exactly ${n === undefined ? 'another number of' : plural(n, 'argument')}, ` +
        `but it is given ${plural(count, 'argument')} here: mirage configure fails with this message.`,
    });
  }
  return out;
}

/** Everything one target says about the configuration. */
export function findingsForTarget(
  evaluation: Evaluation,
  evaluator: Evaluator,
  target: Target,
  flags: Flags,
  era: string,
): TargetFinding[] {
  const ctx: Context = { target, flags, era, evaluator };
  const out: TargetFinding[] = [];
  const reached = evaluation.registrations.flatMap((r) => reachable(r.jobs, ctx));
  for (const r of reached) {
    for (const f of deviceFindings(r.device, ctx)) {
      if (r.uncertain) {
        out.push({
          ...f,
          node: r.device.node,
          severity: 'warning',
          message: `If this branch is chosen at configure time: ${f.message}`,
        });
      } else out.push({ ...f, node: r.device.node });
    }
  }
  if (target.name === 'virtio') out.push(...virtioLimits(reached));
  out.push(...connectErrors(reached, ctx));
  return out;
}

const NETWORKS = new Set(['default_network', 'netif']);
const BLOCKS = new Set(['block_of_file', 'generic_block']);

/** QEMU's virtio launch attaches one network and one block device. */
function virtioLimits(reached: Reached[]): TargetFinding[] {
  const out: TargetFinding[] = [];
  for (const [set, what] of [
    [NETWORKS, 'network'],
    [BLOCKS, 'block'],
  ] as const) {
    const devices = [
      ...new Set(reached.filter((r) => set.has(r.device.ctor)).map((r) => r.device)),
    ];
    for (const extra of devices.slice(1)) {
      out.push({
        node: extra.node,
        severity: 'warning',
        code: Codes.targetBuildRisk,
        kind: 'risk',
        message:
          `This is the ${devices.indexOf(extra) + 1}th ${what} device: the virtio launch (solo5-virtio-run / QEMU) attaches only one ${what} device.`.replace(
            /(\d+)th/,
            (_m, n: string) => (n === '2' ? '2nd' : n === '3' ? '3rd' : `${n}th`),
          ),
      });
    }
  }
  return out;
}

/** mirage 4.4's own configure options: a key with the same name makes configure abort. */
const MIRAGE_44_OPTIONS = new Set([
  'verbose',
  'verbosity',
  'color',
  'quiet',
  'output',
  'file',
  'config-file',
  'context-file',
  'dry-run',
  'depext',
  'no-depext',
  'extra-repos',
  'no-extra-repo',
  'target',
  'help',
  'version',
  'v',
  'q',
  'o',
  'f',
  't',
]);

/** Keys listed in some `~keys:[…]`: in 4.4 they are configure options unless run-only. */
function keyClashes(evaluation: Evaluation): TargetFinding[] {
  const listed = new Set<KeyDef>();
  const collect = (v: Value | undefined) => {
    if (v && v.k === 'list') for (const x of v.items) if (x.k === 'key') listed.add(x);
  };
  const visit = (v: Value): void => {
    if (v.k === 'list' || v.k === 'tuple') v.items.forEach(visit);
    else if (v.k === 'device') {
      collect(v.labels.get('keys'));
      v.args.forEach(visit);
    } else if (v.k === 'apply') {
      visit(v.fn);
      visit(v.arg);
    } else if (v.k === 'if') {
      visit(v.then);
      visit(v.else);
    }
  };
  for (const r of evaluation.registrations) visit(r.jobs);
  const out: TargetFinding[] = [];
  for (const key of listed) {
    if (key.runOnly || !key.optionsNode) continue;
    const clash = key.options?.find((o) => MIRAGE_44_OPTIONS.has(o));
    if (!clash) continue;
    const dashed = clash.length === 1 ? `-${clash}` : `--${clash}`;
    out.push({
      node: key.optionsNode,
      severity: 'error',
      code: Codes.keyNameClash,
      kind: 'runtime',
      message: `\`${dashed}\` is already an option of mirage configure: it aborts with "option name ${dashed} defined twice". Rename the key's option, or give it \`~stage:\`Run\`.`,
    });
  }
  return out;
}

/**
 * Targets on which a DSL constructor fails (configure error or known build failure), with the
 * reason, judged from the same rules as the analysis.
 */
export function targetSupport(ctor: string, era: string): Map<string, string> {
  const out = new Map<string, string>();
  const eraMinor = Number(era.split('.')[1]);
  for (const target of TARGETS) {
    if (Number(target.since.split('.')[1]) > eraMinor) continue;
    const f = deviceFindings({ ctor, labels: new Map() }, { target, flags: new Map(), era });
    if (f.length > 0) out.set(target.name, f[0].message);
  }
  return out;
}

/** Findings that hold whatever the target (the tool fails before or regardless of it). */
export function findingsForAllTargets(evaluation: Evaluation, era: string): TargetFinding[] {
  const out: TargetFinding[] = [];
  for (const p of evaluation.problems) {
    out.push({
      node: p.node,
      severity: 'error',
      code: p.kind === 'empty-key' ? Codes.emptyKeyName : Codes.invalidDhcpOption,
      kind: 'runtime',
      message:
        p.kind === 'empty-key'
          ? 'Key.create: key name cannot be the empty string (mirage configure fails when this binding is evaluated).'
          : 'Invalid DHCP option code: DHCP option codes are 1 to 254 (mirage configure fails with Invalid_argument).',
    });
  }
  if (era === '4.4') out.push(...keyClashes(evaluation));
  for (const j of jobsWithoutArguments(evaluation, era)) {
    out.push({
      node: j.node,
      severity: 'error',
      code: Codes.jobWithoutArguments,
      kind: 'runtime',
      message:
        `Your configuration includes a job without arguments (\`${j.name}\`): mirage configure rejects it. ` +
        'Make it a functor over a device, e.g. `main "Unikernel.Hello" (job @-> job)` registered as `[ main $ noop ]`' +
        (era === '4.4'
          ? '.'
          : era === '4.8'
            ? ', or give it `~deps` or `~runtime_args`.'
            : ', or use `main` (4.9+ passes `()` to start).'),
    });
  }
  return out;
}

/** Runs every target and merges identical findings, each with the targets it applies to. */
export function analyzeTargets(
  evaluation: Evaluation,
  evaluator: Evaluator,
  targets: readonly Target[],
  flags: Flags,
  era: string,
): GroupedFinding[] {
  const groups = new Map<string, { f: TargetFinding; targets: string[] }>();
  for (const t of targets) {
    for (const f of findingsForTarget(evaluation, evaluator, t, flags, era)) {
      const key = `${f.node.startIndex}:${f.node.endIndex}:${f.severity}:${f.code}:${f.message}`;
      const g = groups.get(key);
      if (g) {
        if (!g.targets.includes(t.name)) g.targets.push(t.name);
      } else groups.set(key, { f, targets: [t.name] });
    }
  }
  const out: GroupedFinding[] = [...groups.values()].map(({ f, targets: ts }) => ({
    ...f,
    targets: f.kind === 'runtime' ? null : ts,
  }));
  for (const f of findingsForAllTargets(evaluation, era)) out.push({ ...f, targets: null });
  return out;
}

export { TARGETS };
