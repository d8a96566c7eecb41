/**
 * `mirage-lsp plan` and `mirage-lsp run`: the launch plan of a configured unikernel, and
 * build-if-needed + run with the console on stdout. Exit status of `run`: 0 when the
 * unikernel reported success, the unikernel's status otherwise, 124 on timeout, 125 when
 * nothing could be started (build failed, no plan, no artifact), 2 for usage errors.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { loadRuntime } from '../project/runtime';
import { TARGETS } from '../targets/targets';
import { exitMeaning } from './exits';
import { LaunchPlan, PlanError } from './plans';
import { BuildProject, projectPlan, readProject } from './project';
import { RunningProcess, Supervisor, installExitCleanup } from './runner';
import { buildSettings } from './settings';
import { StepOutcome, buildPipeline } from './steps';

export const BUILD_USAGE = `  mirage-lsp plan PATH [--target T] [--format text|json] [RUN OPTIONS]
                                          print how the built unikernel would be started
  mirage-lsp run PATH [--target T] [--no-build] [--timeout S] [RUN OPTIONS] [-- ARGS...]
                                          build if needed, run, print the console
  RUN OPTIONS: --memory MB, --net NAME=TAP, --block NAME=FILE, --accel auto|kvm|tcg,
    --settings FILE (JSON with the mirage.* settings), --configure-flags "FLAGS",
    tool paths --qemu --solo5-hvt --solo5-spt --firecracker --xl --mirage --make PATH`;

export const EXIT_TIMEOUT = 124;
export const EXIT_NOT_STARTED = 125;

class BuildUsageError extends Error {}

interface Options {
  path?: string;
  target?: string;
  format: 'text' | 'json';
  build: boolean;
  timeout?: number;
  section: Record<string, unknown>;
}

const PATH_FLAGS: Record<string, string> = {
  '--qemu': 'qemu',
  '--solo5-hvt': 'solo5Hvt',
  '--solo5-spt': 'solo5Spt',
  '--firecracker': 'firecracker',
  '--xl': 'xl',
  '--mirage': 'mirage',
  '--make': 'make',
};

/** A settings file: `{"mirage": {...}}`, VS Code's flat `"mirage.run.net": ...`, or the section. */
function readSettingsFile(file: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BuildUsageError(`cannot read settings ${file}: ${(e as Error).message}`);
  }
  const obj = (json ?? {}) as Record<string, unknown>;
  if (typeof obj.mirage === 'object' && obj.mirage) return obj.mirage as Record<string, unknown>;
  const section: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!k.startsWith('mirage.')) continue;
    const parts = k.slice('mirage.'.length).split('.');
    let at = section;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]] = v;
  }
  return Object.keys(section).length > 0 ? section : obj;
}

function parseOptions(args: string[]): Options {
  const o: Options = { format: 'text', build: true, section: {} };
  const sub = (k: string) => (o.section[k] ??= {}) as Record<string, unknown>;
  const map = (k: 'net' | 'block', v: string) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new BuildUsageError(`--${k} wants NAME=${k === 'net' ? 'TAP' : 'FILE'}`);
    ((sub('run')[k] ??= {}) as Record<string, string>)[v.slice(0, eq)] = v.slice(eq + 1);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      sub('run').args = args.slice(i + 1);
      break;
    }
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? splitOnce(a) : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new BuildUsageError(`option ${flag} needs a value`);
      return v;
    };
    if (flag === '--target' || flag === '-t') o.target = value();
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new BuildUsageError(`unknown format '${f}'`);
      o.format = f;
    } else if (flag === '--no-build') o.build = false;
    else if (flag === '--timeout') {
      const t = Number(value());
      if (!(t > 0)) throw new BuildUsageError('--timeout wants a number of seconds');
      o.timeout = t;
    } else if (flag === '--memory') sub('run').memory = Number(value());
    else if (flag === '--net') map('net', value());
    else if (flag === '--block') map('block', value());
    else if (flag === '--accel') sub('run').accel = value();
    else if (flag === '--configure-flags') sub('configure').flags = value();
    else if (flag === '--settings') {
      const file = readSettingsFile(value());
      for (const [k, v] of Object.entries(file)) o.section[k] ??= v;
    } else if (PATH_FLAGS[flag]) sub('paths')[PATH_FLAGS[flag]] = value();
    else if (a.startsWith('-')) throw new BuildUsageError(`unknown option '${a}'`);
    else if (o.path === undefined) o.path = a;
    else throw new BuildUsageError(`unexpected argument '${a}'`);
  }
  if (!o.path) throw new BuildUsageError('missing PATH (a unikernel directory or its config.ml)');
  if (o.target !== undefined && !TARGETS.some((t) => t.name === o.target)) {
    throw new BuildUsageError(`unknown target '${o.target}'`);
  }
  return o;
}

function splitOnce(a: string): [string, string] {
  const eq = a.indexOf('=');
  return [a.slice(0, eq), a.slice(eq + 1)];
}

/** An argv for reading: words with shell-special characters are single-quoted. */
export function displayCommand(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

function printPlan(plan: LaunchPlan, format: 'text' | 'json'): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
    return;
  }
  const lines = [
    `target:  ${plan.target}`,
    `cwd:     ${plan.cwd}`,
    `command: ${displayCommand(plan.argv)}`,
    ...plan.files.map((f) => `writes:  ${f.path}`),
    ...plan.notes.map((n) => `note:    ${n}`),
  ];
  if (plan.gdb) lines.push(`gdb:     ${plan.gdb}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function say(text: string): void {
  process.stderr.write(`mirage-lsp: ${text}\n`);
}

function printDiagnostics(outcome: StepOutcome): void {
  for (const [file, list] of outcome.diagnostics) {
    for (const d of list) {
      const where = `${relative(process.cwd(), file) || file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const sev = d.severity === 1 ? 'error' : 'warning';
      process.stderr.write(`${where}: ${sev}: ${d.message}\n`);
    }
  }
}

async function build(project: BuildProject, o: Options): Promise<boolean> {
  const runtime = await loadRuntime();
  const settings = buildSettings(o.section);
  const outcomes = await buildPipeline(project, {
    parsers: runtime.parsers,
    settings,
    supervisor: new Supervisor(),
    events: {
      onStep: (_step, argv, why) => say(`$ ${displayCommand(argv)}    # ${why}`),
      onOutput: (_step, text) => process.stderr.write(text),
    },
  });
  const failed = outcomes.find((x) => !x.ok);
  if (failed) {
    printDiagnostics(failed);
    say(`${failed.step} failed (exit ${failed.code}); nothing was started`);
    return false;
  }
  return true;
}

async function plan(o: Options): Promise<number> {
  const runtime = await loadRuntime();
  const project = readProject(o.path!, runtime.parsers, o.target);
  printPlan(projectPlan(project, buildSettings(o.section)), o.format);
  return 0;
}

async function run(o: Options): Promise<number> {
  installExitCleanup();
  const runtime = await loadRuntime();
  let project = readProject(o.path!, runtime.parsers, o.target);
  if (o.build) {
    if (!(await build(project, o))) return EXIT_NOT_STARTED;
    project = readProject(project.dir, runtime.parsers, project.target);
  }
  const p = projectPlan(project, buildSettings(o.section));
  if (!existsSync(join(p.cwd, p.artifact))) {
    say(`${p.artifact} does not exist in ${p.cwd}: build first (without --no-build)`);
    return EXIT_NOT_STARTED;
  }
  for (const f of p.files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content);
  }
  say(`$ ${displayCommand(p.argv)}`);
  // Serial consoles end lines with \r\n; a terminal or a pipe wants \n.
  const proc = RunningProcess.start(p, {
    timeoutMs: o.timeout !== undefined ? o.timeout * 1000 : undefined,
    onOutput: (text, stream) =>
      (stream === 'stdout' ? process.stdout : process.stderr).write(text.replace(/\r\n/g, '\n')),
  });
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    void proc.stop();
  };
  process.on('SIGINT', onSigint);
  const r = await proc.done;
  process.off('SIGINT', onSigint);
  if (r.error) {
    say(`could not start ${p.argv[0]}: ${r.error}`);
    return EXIT_NOT_STARTED;
  }
  const m = exitMeaning(p.exit, r.code, r.signal, r.stderrTail);
  if (r.timedOut) {
    say(`timed out after ${o.timeout} s; stopped (${m.meaning})`);
    return EXIT_TIMEOUT;
  }
  if (interrupted) {
    say('interrupted; stopped');
    return 130;
  }
  say(m.meaning);
  return m.status;
}

/** `plan` or `run`; returns the exit status. */
export async function buildCli(command: 'plan' | 'run', args: string[]): Promise<number> {
  try {
    const o = parseOptions(args);
    return command === 'plan' ? await plan(o) : await run(o);
  } catch (e) {
    if (e instanceof BuildUsageError) {
      say(`${e.message}\nusage:\n${BUILD_USAGE}`);
      return 2;
    }
    if (e instanceof PlanError) {
      say(e.message);
      return command === 'plan' ? 1 : EXIT_NOT_STARTED;
    }
    if (e instanceof Error && /^(no config\.ml|unknown target)/.test(e.message)) {
      say(e.message);
      return 2;
    }
    throw e;
  }
}
