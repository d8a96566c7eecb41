/**
 * configure → depend → build, running only what is needed:
 * - `mirage configure -t T [flags]` when mirage/context is missing, names another target or
 *   other flags, is older than config.ml, or a previous configure did not finish;
 * - `make depend` when the lock file (mirage/NAME-TARGET.opam.locked) is missing or older than
 *   the opam file, or a previous depend did not finish;
 * - `make build` always (dune knows what is up to date).
 * A step that is killed leaves its "pending" marker behind, so the next build redoes it.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OcamlParsers } from '../syntax/parser';
import { FileDiagnostics, locateMessages } from './locate';
import { ToolMessage, fallbackMessage, parseToolOutput } from './output';
import { BuildProject, readProject, readText } from './project';
import { ProcessResult, Supervisor } from './runner';
import { BuildSettings } from './settings';

export type StepName = 'configure' | 'depend' | 'build' | 'clean';

export interface StepOutcome {
  readonly step: StepName;
  /** false: not needed (`why` says why not). */
  readonly ran: boolean;
  readonly why: string;
  readonly argv: readonly string[];
  readonly ok: boolean;
  readonly code: number | null;
  readonly stopped: boolean;
  readonly messages: ToolMessage[];
  readonly diagnostics: FileDiagnostics;
}

export interface StepEvents {
  /** A step is about to run, and why it is needed. */
  readonly onStep?: (step: StepName, argv: readonly string[], why: string) => void;
  readonly onOutput?: (step: StepName, text: string) => void;
  readonly onStepDone?: (outcome: StepOutcome) => void;
}

const SOURCES: Record<StepName, string> = {
  configure: 'mirage configure',
  depend: 'make depend',
  build: 'make build',
  clean: 'mirage clean',
};

const pendingMarker = (dir: string, step: 'configure' | 'depend') =>
  join(dir, 'mirage', `.mirage-lsp-${step}-pending`);

function mtime(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function contextLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The configure flags the context holds, without `configure` and the target. */
export function contextFlags(text: string): string[] {
  const lines = contextLines(text).slice(1);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '-t' || lines[i] === '--target') i++;
    else if (!/^(--target=|-t.)/.test(lines[i])) out.push(lines[i]);
  }
  return out;
}

/** The `mirage configure` command line for a project and settings. */
export function configureArgv(project: BuildProject, settings: BuildSettings): string[] {
  const keep =
    project.contextText !== null && project.context?.target === project.target
      ? contextFlags(project.contextText)
      : [];
  const flags = settings.configureFlags ?? keep;
  return [settings.paths.mirage, 'configure', '-t', project.target, ...flags];
}

/** Why configure must run, or null when mirage/context is current. */
export function configureReason(project: BuildProject, settings: BuildSettings): string | null {
  const { dir, contextText, context, target } = project;
  if (contextText === null) return 'mirage/context is missing';
  if (existsSync(pendingMarker(dir, 'configure'))) return 'the last configure did not finish';
  if (context?.target !== target)
    return `mirage/context is for ${context?.target ?? 'no known target'}, not ${target}`;
  if (settings.configureFlags !== null) {
    const have = contextFlags(contextText).join('\n');
    if (have !== settings.configureFlags.join('\n')) return 'the configure flags changed';
  }
  if (!existsSync(join(dir, 'Makefile'))) return 'the Makefile is missing';
  const config = mtime(join(dir, 'config.ml'));
  const saved = mtime(join(dir, 'mirage', 'context'));
  if (config !== null && saved !== null && config > saved) return 'config.ml changed since';
  return null;
}

/** The opam file mirage generated (`mirage/NAME-TARGET.opam`; found by its suffix if need be). */
export function opamFile(project: BuildProject): string | null {
  const mirage = join(project.dir, 'mirage');
  const expected = project.name ? `${project.name}-${project.target}.opam` : null;
  let found: string[] = [];
  try {
    found = readdirSync(mirage).filter((f) => f.endsWith(`-${project.target}.opam`));
  } catch {
    // Not configured yet.
  }
  if (expected && (found.includes(expected) || found.length !== 1)) return join(mirage, expected);
  return found.length === 1 ? join(mirage, found[0]) : null;
}

/** Why depend must run, or null when the lock file is newer than the opam file. */
export function dependReason(project: BuildProject): string | null {
  const opam = opamFile(project);
  if (!opam) return 'the unikernel name is unknown';
  if (existsSync(pendingMarker(project.dir, 'depend'))) return 'the last depend did not finish';
  const lock = mtime(`${opam}.locked`);
  if (lock === null) return `${opam.slice(project.dir.length + 1)}.locked is missing`;
  const spec = mtime(opam);
  if (spec !== null && spec > lock) return 'the opam file is newer than its lock file';
  return null;
}

/** Runs one step under the supervisor and reads its output into diagnostics. */
export async function runStep(
  step: StepName,
  argv: readonly string[],
  why: string,
  project: BuildProject,
  supervisor: Supervisor,
  events: StepEvents,
  signal?: AbortSignal,
): Promise<StepOutcome> {
  const marker =
    step === 'configure' || step === 'depend' ? pendingMarker(project.dir, step) : null;
  if (marker) {
    mkdirSync(join(project.dir, 'mirage'), { recursive: true });
    writeFileSync(marker, `${new Date().toISOString()} ${argv.join(' ')}\n`);
  }
  events.onStep?.(step, argv, why);
  let output = '';
  let result: ProcessResult;
  if (signal?.aborted) {
    result = {
      code: null,
      signal: null,
      stopped: true,
      timedOut: false,
      stderrTail: '',
      durationMs: 0,
    };
  } else {
    const proc = supervisor.start(
      project.dir,
      { argv, cwd: project.dir, env: { TERM: 'dumb' } },
      {
        onOutput: (text) => {
          output += text;
          events.onOutput?.(step, text);
        },
      },
    );
    const onAbort = () => void proc.stop();
    signal?.addEventListener('abort', onAbort);
    result = await proc.done;
    signal?.removeEventListener('abort', onAbort);
  }
  const ok = result.code === 0 && !result.stopped;
  if (ok && marker) rmSync(marker, { force: true });
  let messages = parseToolOutput(output);
  if (result.error) {
    messages = [
      {
        ...fallbackMessage('', SOURCES[step], -1),
        message: `${SOURCES[step]} could not start: ${result.error}`,
        fullMessage: `${SOURCES[step]} could not start: ${result.error} (is ${argv[0]} installed and on PATH? The paths are settings: mirage.paths.*)`,
      },
    ];
  } else if (!ok && !result.stopped && !messages.some((m) => m.severity === 'error')) {
    messages.push(fallbackMessage(output, SOURCES[step], result.code ?? -1));
  }
  const diagnostics = locateMessages(messages, {
    dir: project.dir,
    readText,
    facts: project.facts,
    source: SOURCES[step],
  });
  const outcome: StepOutcome = {
    step,
    ran: true,
    why,
    argv,
    ok,
    code: result.code,
    stopped: result.stopped,
    messages,
    diagnostics,
  };
  events.onStepDone?.(outcome);
  return outcome;
}

function skipped(step: StepName, why: string): StepOutcome {
  return {
    step,
    ran: false,
    why,
    argv: [],
    ok: true,
    code: null,
    stopped: false,
    messages: [],
    diagnostics: new Map(),
  };
}

export interface PipelineOptions {
  readonly parsers: OcamlParsers | null;
  readonly settings: BuildSettings;
  readonly supervisor: Supervisor;
  readonly events?: StepEvents;
  readonly signal?: AbortSignal;
  /** Run configure even when mirage/context looks current. */
  readonly forceConfigure?: boolean;
  /** Stop after configure (the `mirage.configure` command). */
  readonly configureOnly?: boolean;
}

/** The needed steps in order; stops at the first failure or cancellation. */
export async function buildPipeline(
  project: BuildProject,
  opts: PipelineOptions,
): Promise<StepOutcome[]> {
  const events = opts.events ?? {};
  const outcomes: StepOutcome[] = [];
  const configureWhy = opts.forceConfigure ? 'requested' : configureReason(project, opts.settings);
  if (configureWhy) {
    const o = await runStep(
      'configure',
      configureArgv(project, opts.settings),
      configureWhy,
      project,
      opts.supervisor,
      events,
      opts.signal,
    );
    outcomes.push(o);
    if (!o.ok) return outcomes;
    // configure rewrote mirage/context (maybe the name too): read the project again.
    project = readProject(project.dir, opts.parsers, project.target);
  } else outcomes.push(skipped('configure', 'mirage/context is up to date'));
  if (opts.configureOnly) return outcomes;

  const dependWhy = dependReason(project);
  if (dependWhy) {
    const o = await runStep(
      'depend',
      [opts.settings.paths.make, 'depend'],
      dependWhy,
      project,
      opts.supervisor,
      events,
      opts.signal,
    );
    outcomes.push(o);
    if (!o.ok) return outcomes;
  } else outcomes.push(skipped('depend', 'the lock file is up to date'));

  outcomes.push(
    await runStep(
      'build',
      [opts.settings.paths.make, 'build'],
      'always (dune rebuilds what changed)',
      project,
      opts.supervisor,
      events,
      opts.signal,
    ),
  );
  return outcomes;
}
